"""Checks across language files: same keys as the source, same placeholders, every string
a template uses present, and every character drawable by a bundled font."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .content import Branding, Hotline, LanguageFile
from .coverage import covered_codepoints, describe_chars, uncovered
from .house import HouseStyle
from .layouts import TEMPLATE_FILE, LayoutSpec
from .schema import Problems

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
TEMPLATE_STRING = re.compile(r"\bt\.([A-Za-z_]\w*)|\bt\[['\"](\w+)['\"]\]")


def check_languages(languages: dict[str, LanguageFile], files: dict[str, Path],
                    layouts: dict[str, LayoutSpec], problems: Problems) -> None:
    sources = [code for code, lang in languages.items() if lang.language.status == "source"]
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


def _check_translation(language: LanguageFile, path: Path, source: LanguageFile,
                       problems: Problems) -> None:
    for key, english in source.strings.items():
        if key not in language.strings:
            problems.add(path, f"strings.{key}", f"missing; translate: {_first(english)!r}")
            continue
        wanted, got = _placeholders(english), _placeholders(language.strings[key])
        if wanted != got:
            problems.add(path, f"strings.{key}",
                         f"placeholders {sorted(got)} differ from the English {sorted(wanted)}; "
                         "keep each {name} exactly as in English")
    for key in language.strings:
        if key not in source.strings:
            guess = difflib.get_close_matches(key, list(source.strings), n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else "not a key of the source language"
            problems.add(path, f"strings.{key}", f"unknown key; {hint}")


def check_coverage(house: HouseStyle, fonts_dir: Path, languages: dict[str, LanguageFile],
                   files: dict[str, Path], hotline: Hotline, hotline_file: Path,
                   branding: Branding, branding_file: Path, problems: Problems) -> None:
    """Every character of every string must be in a bundled font."""
    covered = covered_codepoints(house, fonts_dir)

    def check(path: Path, key: str, text: str) -> None:
        missing = uncovered(text, covered)
        if missing:
            problems.add(path, key, f"{describe_chars(missing)} is in no font of fonts/; "
                         "add a font that has it (layouts/house.yaml) or change the text")

    for code, language in languages.items():
        for key, value in language.strings.items():
            for index, text in enumerate(value if isinstance(value, list) else [value]):
                suffix = f"[{index}]" if isinstance(value, list) else ""
                check(files[code], f"strings.{key}{suffix}", text)
    for field in ("call", "text", "tty"):
        check(hotline_file, f"{field}.display", getattr(hotline, field).display)
    check(hotline_file, "web.display", hotline.web.display)
    check(branding_file, "publisher", branding.publisher.line)


def _placeholders(value: str | list[str]) -> set[str]:
    texts = value if isinstance(value, list) else [value]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


def _first(value: str | list[str]) -> str:
    text = value[0] if isinstance(value, list) else value
    return text if len(text) <= 60 else text[:57] + "..."
