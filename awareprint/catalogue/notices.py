"""The notices state laws require businesses to post: content/notices/<STATE>.yaml.

Each file holds one state's notices, each with its law (citation, effective date, official
source, the date its wording was checked), its rules (page size, type size, languages,
where it is posted), the numbers it names and its wording, exactly as the law gives it,
in every language the state publishes (or, marked draft, that we translated).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ..errors import InputError
from .content import Hotline, Text
from .numbers import KEYPAD, phone_numbers
from .schema import ProblemsByFile, Strict, load
from .sizes import Size

NOTICES_FOLDER = "notices"
POINTS_PER_INCH = 72.0
SIZE_TOLERANCE_PT = 0.5  # sizes in millimetres round to a fraction of a point

StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
NoticeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Digits = Annotated[str, StringConstraints(pattern=r"^[0-9]+$")]

# A block of wording: a paragraph, or the items of a list (the law's own lines).
Block = Text | Annotated[list[Text], Field(min_length=1)]


class StateNumber(Strict):
    """A number the law names besides the national hotline's, as dialled and as printed;
    `vanity` is the law's spelling in letters (1-888-KEY-2-FREE), which must dial it too."""

    name: Text
    digits: Digits
    display: Text
    vanity: Text | None = None

    @model_validator(mode="after")
    def _spellings_dial_the_digits(self) -> StateNumber:
        if re.sub(r"\D", "", self.display) != self.digits:
            raise ValueError(f"display '{self.display}' does not spell the digits "
                             f"{self.digits}; correct the digit that differs")
        if self.vanity is not None and vanity_digits(self.vanity) != self.digits:
            raise ValueError(f"vanity '{self.vanity}' dials {vanity_digits(self.vanity)}, "
                             f"not {self.digits}; correct the letter or digit that differs")
        return self


def vanity_digits(spelled: str) -> str:
    """What a phone dials for a number written with letters: each letter its keypad digit,
    and nothing past the eleventh digit (tenth without the country code 1)."""
    digits = "".join(KEYPAD.get(char.upper(), char) for char in spelled if char.isalnum())
    return digits[:11] if digits.startswith("1") else digits[:10]


class Wording(Strict):
    """The notice's text in one language. `official`: the state's own text (the statute,
    or the agency's published translation, at `source`); `draft`: our translation, to be
    reviewed and never presented as the state's."""

    status: Literal["official", "draft"]
    source: Url | None = None
    heading: Text | None = None  # only where the law or its model notice gives one
    blocks: Annotated[list[Block], Field(min_length=1)]

    @model_validator(mode="after")
    def _official_has_a_source(self) -> Wording:
        if self.status == "official" and self.source is None:
            raise ValueError("official wording needs source: the address it was read at")
        return self

    @property
    def text(self) -> str:
        """Every word of the wording, in order, as one line."""
        return " ".join(" ".join(block) if isinstance(block, list) else block
                        for block in self.blocks)


class Rules(Strict):
    min_width_in: float = Field(gt=0)
    min_height_in: float = Field(gt=0)
    min_type_pt: float | None = Field(default=None, gt=0)  # of the statutory text
    bold: bool = False                                     # the law asks for bold type
    languages: Annotated[list[LanguageCode], Field(min_length=1)]
    languages_note: Text | None = None     # what the law adds (a county's third language)
    sheets: Literal["separate", "together", "either"] = "either"
    # False where the law says which way is high ("8.5 inches high and 11 inches wide").
    either_way: bool = True

    @property
    def min_size_pt(self) -> tuple[float, float]:
        return (self.min_width_in * POINTS_PER_INCH, self.min_height_in * POINTS_PER_INCH)


class Notice(Strict):
    title: Text
    citation: Text
    effective: date
    url: Url
    read_via: Url | None = None   # where the text was read, when not at `url`
    checked: date
    businesses: Annotated[list[Text], Field(min_length=1)]
    posting: Text
    rules: Rules
    numbers: list[StateNumber] = Field(default_factory=list)
    wording: dict[LanguageCode, Wording]
    # The sizes (layouts/sizes.yaml) we make it in, first the default: those at the law's
    # page size or larger on which its wording fits at the law's type size. Empty: every
    # size of the notice layout the law's page size allows.
    sizes: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _required_languages_worded(self) -> Notice:
        missing = [code for code in self.rules.languages if code not in self.wording]
        if missing:
            raise ValueError(f"rules.languages asks for {', '.join(missing)} but wording has "
                             "no such language; add its wording (status: draft if ours)")
        return self


class StateNotices(Strict):
    state: StateCode
    name: Text
    notices: Annotated[dict[NoticeId, Notice], Field(min_length=1)]


def load_notices(problems: ProblemsByFile, content_dir: Path,
                 hotline: Hotline | None) -> dict[str, StateNotices]:
    """Every state's notices, by state code, each checked against its file name and every
    number in its wording against the hotline and the numbers the notice declares."""
    states: dict[str, StateNotices] = {}
    for path in sorted((content_dir / NOTICES_FOLDER).glob("*.yaml")):
        loaded = load(StateNotices, path, problems)
        if loaded is None:
            continue
        if loaded.state != path.stem:
            problems.add(path, "state", f"'{loaded.state}' differs from the file name; "
                         "rename one")
            continue
        if hotline is not None:
            _check_numbers(loaded, hotline, path, problems)
        states[loaded.state] = loaded
    return states


def _check_numbers(state: StateNotices, hotline: Hotline, path: Path,
                   problems: ProblemsByFile) -> None:
    """A number in the wording that is neither the hotline's nor one the notice declares
    is a wrong digit until someone says otherwise."""
    national = {hotline.call.digits, hotline.text.digits, hotline.tty.digits,
                hotline.emergency.digits}
    for notice_id, notice in state.notices.items():
        known = national | {number.digits for number in notice.numbers}
        for code, wording in notice.wording.items():
            for digits in phone_numbers(wording.text):
                if digits not in known:
                    problems.add(path, f"notices.{notice_id}.wording.{code}",
                                 f"the number {digits} is neither the hotline's nor in "
                                 "numbers:; correct the digit or declare the number")


GENERAL = "general"  # the notice a state's businesses post unless a law names their trade


@dataclass(frozen=True, order=True)
class NoticeRef:
    """Which notice: a state and one of its notices."""

    state: str
    notice: str = GENERAL

    def __str__(self) -> str:
        return self.state if self.notice == GENERAL else f"{self.state} {self.notice}"


SHOWN_CHARS = 40  # of a name we do not know, as an error repeats it


def _shown(asked: str) -> str:
    """What a user asked for, as a message repeats it: quoted, escaped, cut short."""
    cut = asked.strip()
    return repr(cut[:SHOWN_CHARS] + ("…" if len(cut) > SHOWN_CHARS else ""))


def choose_state(states: dict[str, StateNotices], state: str) -> StateNotices:
    """A state by its code or name (any case); an unknown one is an InputError naming
    those we have."""
    wanted = state.strip()
    found = next((s for s in states.values()
                  if wanted.upper() == s.state or wanted.casefold() == s.name.casefold()), None)
    if found is None:
        known = ", ".join(f"{s.state} ({s.name})" for s in states.values())
        raise InputError(f"no notice for the state {_shown(state)}; we have: "
                         f"{known or 'none'}", field="state")
    return found


def choose_notice(states: dict[str, StateNotices], state: str,
                  notice: str | None) -> NoticeRef:
    """The notice asked for: the state's (choose_state) `notice`, its first when None. An
    unknown one is an InputError naming those the state has."""
    found = choose_state(states, state)
    if notice is None or (notice == GENERAL and GENERAL not in found.notices):
        return NoticeRef(found.state, next(iter(found.notices)))
    if notice not in found.notices:
        raise InputError(f"{found.name} has no {_shown(notice)} notice; it has: "
                         f"{', '.join(found.notices)}", field="notice")
    return NoticeRef(found.state, notice)


def size_problem(notice: Notice, width_pt: float, height_pt: float) -> str | None:
    """Why a page of this size is too small for the notice (either way up); None if not."""
    rules = notice.rules
    need, have = rules.min_size_pt, (width_pt, height_pt)
    if rules.either_way:
        need, have = tuple(sorted(need)), tuple(sorted(have))
    if all(h >= n - SIZE_TOLERANCE_PT for h, n in zip(have, need, strict=True)):
        return None
    if not rules.either_way:
        return (f"the law asks for at least {rules.min_width_in:g} in wide and "
                f"{rules.min_height_in:g} in high")
    return f"the law asks for at least {rules.min_width_in:g} × {rules.min_height_in:g} in"


def notice_sizes(notice: Notice, layout_sizes: list[str], sizes: Mapping[str, Size]
                 ) -> list[str]:
    """The sizes a notice is made in (its own list, or every layout size its law's page
    size allows, turned the way the law gives it: 8.5 × 11 in upright, 11 in wide and
    8.5 in high across), the default first."""
    if notice.sizes:
        return list(notice.sizes)
    across = notice.rules.min_width_in > notice.rules.min_height_in
    return [name for name in layout_sizes
            if not size_problem(notice, sizes[name].width_pt, sizes[name].height_pt)
            and (sizes[name].width_pt > sizes[name].height_pt) == across]


def notice_label(notice: NoticeRef | None, languages: tuple[str, ...]) -> str | None:
    """How a file names the notice it is, for its read-back: "CA general en es"."""
    if notice is None:
        return None
    return " ".join([notice.state, notice.notice, *dict.fromkeys(languages)])


def parse_notice_label(label: str) -> tuple[NoticeRef, tuple[str, ...]] | None:
    """The notice and languages a file names (notice_label), or None if unreadable."""
    state, notice, *languages = label.split()
    return (NoticeRef(state, notice), tuple(languages)) if languages else None


def notice_languages(notice: Notice) -> list[str]:
    """The pieces a notice's law asks for, as a request's languages: a language each, or where the
    law wants two on one sheet, the pair (en+es)."""
    languages = notice.rules.languages
    if notice.rules.sheets == "together" and len(languages) == 2:
        return ["+".join(languages)]
    return list(languages)
