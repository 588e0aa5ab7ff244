"""Glyph coverage: every character we print must be in a bundled font.

Fonts come from fonts/ only (no system fallback), so an uncovered character would print
as an empty box. This finds such characters before anything is rendered.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from ..paths import FONTS_DIR
from .cmap import CharacterMap, FontFileError, character_map
from .house import HouseStyle

INVISIBLE_CATEGORIES = ("Zs", "Cc", "Cf")  # spaces, controls, direction marks and isolates


class Coverage:
    """The characters some fonts can draw between them: `code in coverage`."""

    def __init__(self, maps: tuple[CharacterMap, ...]) -> None:
        self._maps = maps
        self._answers: dict[object, bool] = {}  # texts repeat their characters

    def __contains__(self, code: object) -> bool:
        answer = self._answers.get(code)
        if answer is None:
            answer = self._answers[code] = any(code in cmap for cmap in self._maps)
        return answer

    def __or__(self, other: Coverage) -> Coverage:
        return Coverage(self._maps + other._maps)


@cache
def font_coverage(files: tuple[Path, ...]) -> Coverage:
    """What the font files can draw between them (a file that cannot be read adds nothing:
    it is reported where the house style is checked)."""
    maps = []
    for path in files:
        try:
            maps.append(character_map(path))
        except (OSError, FontFileError):
            continue
    return Coverage(tuple(maps))


def covered_codepoints(house: HouseStyle, script: str, fonts_dir: Path = FONTS_DIR
                       ) -> Coverage:
    """Every character the font stack of `script` can draw (nothing if no stack)."""
    if script not in house.fonts.scripts:
        return Coverage(())
    families = house.fonts.stack(script)
    return font_coverage(tuple(fonts_dir / name for name in house.fonts.files(families)))


def all_covered(house: HouseStyle, fonts_dir: Path = FONTS_DIR) -> Coverage:
    """Every character some bundled font of the house style can draw."""
    return font_coverage(tuple(fonts_dir / face.file for face in house.fonts.faces))


def uncovered(text: str, covered: Coverage) -> list[str]:
    """Characters of `text` no bundled font can draw, each once, in order of appearance."""
    missing: list[str] = []
    for char in text:
        if (ord(char) not in covered and unicodedata.category(char) not in INVISIBLE_CATEGORIES
                and char not in missing):
            missing.append(char)
    return missing


def describe_chars(chars: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars)
