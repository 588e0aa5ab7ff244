"""Checks across language files: same keys as the source, same placeholders, every string
a template uses present, and every character drawable by a bundled font."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from pathlib import Path

from .content import Branding, Hotline, LanguageFile
from .coverage import covered_codepoints, describe_chars, uncovered
from .house import HouseStyle
from .layouts import TEMPLATE_FILE, LayoutSpec
from .quotes import fold_quotes
from .schema import ProblemsByFile

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
TEMPLATE_STRING = re.compile(r"\bt\.([A-Za-z_]\w*)|\bt\[['\"](\w+)['\"]\]")


def check_languages(languages: dict[str, LanguageFile], files: dict[str, Path],
                    layouts: dict[str, LayoutSpec], problems: ProblemsByFile) -> None:
    sources = [code for code, lang in languages.items() if lang.language.status == "source"]
    if not sources and problems.lines:
        return  # the source file itself failed to load: that problem is already reported
    if len(sources) != 1:
        for code in sources or languages:
            problems.add(files[code], "language.status",
                         f"exactly one language must have status 'source'; found {len(sources)}")
        return
    source = languages[sources[0]]
    source_file = files[sources[0]]
    for layout in layouts.values():
        template = layout.folder / TEMPLATE_FILE
        if not template.is_file():
            continue
        used = {a or b for a, b in TEMPLATE_STRING.findall(template.read_text(encoding="utf-8"))}
        for key in sorted(used - set(source.strings)):
            problems.add(source_file, f"strings.{key}",
                         f"missing; layouts/{layout.name}/{TEMPLATE_FILE} prints it")
    for code, language in languages.items():
        if code != sources[0]:
            _check_translation(language, files[code], source, problems)
        elif language.review:
            problems.add(files[code], "review",
                         "the source language is not reviewed; remove this block")


def _check_translation(language: LanguageFile, path: Path, source: LanguageFile,
                       problems: ProblemsByFile) -> None:
    for key, english in source.strings.items():
        if key not in language.strings:
            problems.add(path, f"strings.{key}", f"missing; translate: {_first(english)!r}")
            continue
        english_numbers, numbers = _numbers(english), _numbers(language.strings[key])
        if numbers != english_numbers:
            problems.add(path, f"strings.{key}",
                         f"numbers {sorted(numbers)} differ from the English "
                         f"{sorted(english_numbers)}; phone numbers and other figures come "
                         "from hotline.yaml, never from a translation")
        wanted, got = _placeholders(english), _placeholders(language.strings[key])
        if wanted != got:
            problems.add(path, f"strings.{key}",
                         f"placeholders {sorted(got)} differ from the English {sorted(wanted)}; "
                         "keep each {name} exactly as in English")
    for key, value in language.strings.items():
        for text in value if isinstance(value, list) else [value]:
            wrong = [char for char in language.language.letters if char in text]
            if wrong:
                right = language.language.letters[wrong[0]]
                problems.add(path, f"strings.{key}",
                             f"{describe_chars(wrong[:1])} is not a {language.language.name} "
                             f"letter; write {describe_chars([right])}")
                break
    for key in language.strings:
        if key not in source.strings:
            guess = difflib.get_close_matches(key, list(source.strings), n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else "not a key of the source language"
            problems.add(path, f"strings.{key}", f"unknown key; {hint}")
    for key in language.review:
        if key not in source.strings:
            problems.add(path, f"review.{key}", "a record for no string of the source "
                         "language; correct the key or remove the record")


def check_coverage(house: HouseStyle, fonts_dir: Path, languages: dict[str, LanguageFile],
                   files: dict[str, Path], hotline: Hotline, hotline_file: Path,
                   branding: Branding, branding_file: Path, problems: ProblemsByFile) -> None:
    """Every character of every string must be in a bundled font."""
    def check(path: Path, key: str, text: str, script: str) -> None:
        missing = uncovered(text, covered_codepoints(house, script, fonts_dir))
        if missing:
            problems.add(path, key, f"{describe_chars(missing)} is in no font of the {script} "
                         "stack; add a font that has it (layouts/house.yaml) or change the text")

    for code, language in languages.items():
        script = language.language.script
        if script not in house.fonts.scripts:
            problems.add(files[code], "language.script",
                         f"no font stack for script '{script}' in layouts/house.yaml; "
                         f"known: {', '.join(house.fonts.scripts)}")
            continue
        for key, value in language.strings.items():
            for index, text in enumerate(value if isinstance(value, list) else [value]):
                suffix = f"[{index}]" if isinstance(value, list) else ""
                check(files[code], f"strings.{key}{suffix}", text, script)
        quotes = language.language.quotes  # a user's quotes are set in these marks
        check(files[code], "language.quotes",
              "".join([*quotes.primary, *quotes.secondary, quotes.apostrophe]), script)
        # Every piece prints the hotline and the publisher inside this language's text.
        for field in ("call", "text", "tty"):
            check(hotline_file, f"{field}.display", getattr(hotline, field).display, script)
        check(hotline_file, "web.display", hotline.web.display, script)
        check(branding_file, "publisher", branding.publisher.line, script)


def _numbers(value: str | list[str]) -> list[str]:
    """Every run of digits, in any script's digits (Arabic-Indic, Devanagari...), as ASCII."""
    texts = value if isinstance(value, list) else [value]
    runs: list[str] = []
    for text in texts:
        current = ""
        for char in text:
            digit = unicodedata.digit(char, None)
            if digit is not None:
                current += str(digit)
            elif current:
                runs.append(current)
                current = ""
        if current:
            runs.append(current)
    return sorted(runs)


def _placeholders(value: str | list[str]) -> set[str]:
    texts = value if isinstance(value, list) else [value]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


def _first(value: str | list[str]) -> str:
    text = value[0] if isinstance(value, list) else value
    return text if len(text) <= 60 else text[:57] + "..."


def fingerprint(value: str | list[str]) -> str:
    """A short fingerprint of an English string, recorded by the translations made from it.
    Quotation marks are folded to straight ones first: setting "Can't" as "Can’t" changes
    no word, so it leaves every translation as current as it was."""
    text = fold_quotes("\n\n".join(value) if isinstance(value, list) else value)
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


DRAFT, REVIEWED, APPROVED, STALE = "draft", "reviewed", "approved", "stale"
STRING_STATES = (DRAFT, REVIEWED, APPROVED, STALE)


def string_states(language: LanguageFile, source: LanguageFile) -> dict[str, str]:
    """Each key's state in this translation (none for the source language). A string is
    stale when its English changed since the English it was last held to: the one its
    review was read against, or (a draft) the one it was translated from (`stamp`)."""
    if language.language.status == "source":
        return {}
    stamped = language.translated_from or {}
    states = {}
    for key, english in source.strings.items():
        record = language.review.get(key)
        signed = record is not None and record.state != DRAFT
        held_to = record.against if record is not None and signed else stamped.get(key)
        if held_to != fingerprint(english):
            states[key] = STALE
        else:
            states[key] = record.state if record is not None and signed else DRAFT
    return states


def state_counts(language: LanguageFile, source: LanguageFile) -> dict[str, int]:
    """How many strings of this translation are in each state, every state named."""
    states = list(string_states(language, source).values())
    return {state: states.count(state) for state in STRING_STATES}


def stale_keys(language: LanguageFile, source: LanguageFile) -> list[str]:
    """Keys whose English text changed since this translation was made or reviewed (or
    never stamped)."""
    return [key for key, state in string_states(language, source).items() if state == STALE]


def language_state(language: LanguageFile, source: LanguageFile) -> str:
    """A language's state as a whole, from its strings' own (the one truth): `source`,
    `approved` when every string is, `reviewed` when every string is reviewed or approved,
    else `draft` (some string a draft or stale)."""
    if language.language.status == "source":
        return "source"
    states = set(string_states(language, source).values())
    if states <= {APPROVED}:
        return APPROVED
    return REVIEWED if states <= {REVIEWED, APPROVED} else DRAFT


def source_language(languages: dict[str, LanguageFile]) -> LanguageFile:
    return next(lang for lang in languages.values() if lang.language.status == "source")
