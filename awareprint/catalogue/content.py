"""Content as data: language files, the hotline facts and the publisher's branding."""

from __future__ import annotations

import datetime
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..paths import CONTENT_DIR
from .schema import ProblemsByFile, Strict, load

HOTLINE_FILE = "hotline.yaml"
ATTRIBUTION_FILE = "attribution.yaml"
# Files in content/ that are not a language: the facts, the credit, the sources.
NOT_LANGUAGES = {HOTLINE_FILE, ATTRIBUTION_FILE, "sources.yaml"}
BRANDING_FOLDER = "branding"
DEFAULT_BRANDING = "default"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Digits = Annotated[str, StringConstraints(pattern=r"^[0-9]+$")]


Mark = Annotated[str, StringConstraints(min_length=1, max_length=2)]


class Quotes(Strict):
    """A language's quotation marks (from CLDR's delimiters): the primary pair, the pair
    for a quotation inside a quotation, and the apostrophe. A mark may carry the space
    its language sets between it and the words (French « and »)."""

    primary: tuple[Mark, Mark]
    secondary: tuple[Mark, Mark]
    apostrophe: Annotated[str, StringConstraints(min_length=1, max_length=1)]


class Language(Strict):
    """Who a language file is for and how far it can be trusted."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    name: Text
    native_name: Text
    script: Annotated[str, StringConstraints(pattern=r"^[A-Z][a-z]{3}$")]
    direction: Literal["ltr", "rtl"]
    quotes: Quotes
    # `source` marks the language the others translate (English). A translation says
    # nothing here: how far it can be trusted is its strings' own states (`review:`), and
    # a second, file-wide state could only disagree with them.
    status: Literal["source"] | None = None
    # Words never split across lines: for scripts set without spaces (Chinese) the line
    # breaker may break between any two characters, and a word cut in two misreads; for
    # others, compounds written in several words ("mua bán" in Vietnamese), matched
    # whatever their case.
    unbroken: list[Text] = Field(default_factory=list)
    # Letters of another language of the same script, each with the one this language
    # writes instead: the Arabic ي and ك a keyboard set for Arabic gives, where Dari and
    # Persian write ی and ک (shaped differently: no dots under a final ی).
    letters: dict[Annotated[str, StringConstraints(min_length=1, max_length=1)],
                  Annotated[str, StringConstraints(min_length=1, max_length=1)]] = Field(
        default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _no_file_wide_review(cls, data: object) -> object:
        if isinstance(data, dict):
            for key in ("reviewed_by", "reviewed_on"):
                if key in data:
                    raise ValueError(f"{key}: a translation is reviewed string by string; "
                                     "record who read each string in the file's review: "
                                     "block and remove this line")
            if data.get("status") not in (None, "source"):
                raise ValueError(f"status '{data['status']}': only the source language has "
                                 "a status; a translation's state is its strings' own (the "
                                 "review: block); remove this line")
        return data


StringKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Strings = dict[StringKey, Text | Annotated[list[Text], Field(min_length=1)]]
# The fingerprint of an English string (language_checks.fingerprint), as `stamp` writes it.
Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{10}$")]
SIGNED_STATES = ("reviewed", "approved")


class StringReview(Strict):
    """What people did with one translated string: `reviewed` (a named person read it
    against the English and the piece) or `approved` (the organisation signed it off), by
    whom, on which day, against which English (its fingerprint), with a comment. A string
    without a record is a draft; one whose English changed since is stale."""

    state: Literal["draft", "reviewed", "approved"]
    by: Text | None = None
    date: datetime.date | None = None
    against: Fingerprint | None = None
    comment: Text | None = None

    @field_validator("against", mode="before")
    @classmethod
    def _quoted(cls, value: object) -> object:
        if isinstance(value, int | float):
            raise ValueError("YAML reads this fingerprint as a number; write it in quotes")
        return value

    @model_validator(mode="after")
    def _signed(self) -> StringReview:
        if self.state in SIGNED_STATES:
            missing = [name for name in ("by", "date", "against")
                       if getattr(self, name) is None]
            if missing:
                raise ValueError(
                    f"state '{self.state}' needs {', '.join(missing)} (by: who read it, date: "
                    "when, against: the fingerprint of the English read, as in "
                    "translated_from); until then the state is 'draft'")
        return self


class LanguageFile(Strict):
    """One language: its description and every string the layouts print, by key.

    The source language (English) defines the keys; every translation carries the same.
    """

    language: Language
    strings: Strings
    # key → fingerprint of the English text it translates (written by `render.py stamp`)
    translated_from: dict[StringKey, str] | None = None
    # key → what people did with that string (no record: a draft)
    review: dict[StringKey, StringReview] = Field(default_factory=dict)


class PhoneLine(Strict):
    """A number as dialled (`digits`) and as printed (`display`, which must spell it)."""

    digits: Digits
    display: Text
    memorable: Text | None = None

    @model_validator(mode="after")
    def _display_spells_digits(self) -> PhoneLine:
        for field in ("display", "memorable"):
            shown = getattr(self, field)
            if shown is not None and re.sub(r"\D", "", shown) != self.digits:
                raise ValueError(
                    f"{field} '{shown}' does not spell the digits {self.digits}; "
                    "correct the digit that differs"
                )
        return self


class TextLine(PhoneLine):
    keyword: Text | None = None


def host_of(url: str) -> str:
    return url.removeprefix("https://").split("/")[0].removeprefix("www.")


class WebAddress(Strict):
    display: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s/]+(/\S*)?$")]

    @model_validator(mode="after")
    def _display_names_the_site(self) -> WebAddress:
        if self.display.removeprefix("www.") != host_of(self.url):
            raise ValueError(f"display '{self.display}' is not the site of url '{self.url}'")
        return self


class Hotline(Strict):
    name: Text
    operator: Text
    call: PhoneLine
    text: TextLine
    tty: PhoneLine
    emergency: PhoneLine
    web: WebAddress
    qr_target: Annotated[str, StringConstraints(pattern=r"^https://\S+$")]
    sources: list[Text]
    checked: date

    @model_validator(mode="after")
    def _qr_leads_to_the_site(self) -> Hotline:
        if host_of(self.qr_target) != host_of(self.web.url):
            raise ValueError(f"qr_target '{self.qr_target}' is not on the hotline's site "
                             f"'{self.web.url}'; correct the address")
        return self


class Publisher(Strict):
    name: Text
    address: list[Text]

    @property
    def line(self) -> str:
        return ", ".join(self.parts)

    @property
    def parts(self) -> list[str]:
        """The name and each address line: the units a line may break between."""
        return [self.name, *self.address]


class Attribution(Strict):
    """The names and address of the awareness text's credit, printed as written in every
    language; its labels are strings of each language (written_by, author_role, source)."""

    author: Text
    organisation: Text
    address: list[Text]
    # Titles and names printed as written in every language's credit, beside the author and
    # the organisation: never broken between their words (a language's `unbroken` adds its
    # own, "EE. UU.").
    names: list[Text] = Field(default_factory=list)


class Branding(Strict):
    publisher: Publisher


def language_files(content_dir: Path = CONTENT_DIR) -> dict[str, Path]:
    """Language code → file, from the file names in content/ (no parsing: cheap)."""
    return {
        path.stem: path
        for path in sorted(content_dir.glob("*.yaml"))
        if path.name not in NOT_LANGUAGES
    }


def load_languages(problems: ProblemsByFile, content_dir: Path = CONTENT_DIR
                   ) -> dict[str, LanguageFile]:
    """Every language file, checked against the schema and against its own file name."""
    languages: dict[str, LanguageFile] = {}
    for code, path in language_files(content_dir).items():
        loaded = load(LanguageFile, path, problems)
        if loaded is None:
            continue
        if loaded.language.code != code:
            problems.add(path, "language.code",
                         f"'{loaded.language.code}' differs from the file name; rename one")
            continue
        languages[code] = loaded
    return languages


def load_hotline(problems: ProblemsByFile, content_dir: Path = CONTENT_DIR) -> Hotline | None:
    return load(Hotline, content_dir / HOTLINE_FILE, problems)


def load_attribution(problems: ProblemsByFile, content_dir: Path = CONTENT_DIR
                     ) -> Attribution | None:
    return load(Attribution, content_dir / ATTRIBUTION_FILE, problems)


def load_branding(
    name: str, problems: ProblemsByFile, content_dir: Path = CONTENT_DIR
) -> Branding | None:
    return load(Branding, content_dir / BRANDING_FOLDER / f"{name}.yaml", problems)
