"""Glyph coverage: every character we print must be in a bundled font.

Fonts come from fonts/ only (no system fallback), so an uncovered character would print
as an empty box. This finds such characters before anything is rendered.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

from .house import HouseStyle
from .paths import FONTS_DIR

INVISIBLE_CATEGORIES = ("Zs", "Cc", "Cf")  # spaces, controls, direction marks and isolates


@cache
def _cmap(path: Path) -> frozenset[int]:
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def font_files(house: HouseStyle, fonts_dir: Path = FONTS_DIR) -> list[Path]:
    return [fonts_dir / face.file for face in house.fonts.faces]


def covered_codepoints(house: HouseStyle, fonts_dir: Path = FONTS_DIR) -> frozenset[int]:
    """Every character some face of the house family can draw."""
    covered: set[int] = set()
    for path in font_files(house, fonts_dir):
        try:
            covered |= _cmap(path)
        except (OSError, TTLibError):
            continue  # reported where the house style is checked
    return frozenset(covered)


def uncovered(text: str, covered: frozenset[int]) -> list[str]:
    """Characters of `text` no bundled font can draw, each once, in order of appearance."""
    missing: list[str] = []
    for char in text:
        if (ord(char) not in covered and unicodedata.category(char) not in INVISIBLE_CATEGORIES
                and char not in missing):
            missing.append(char)
    return missing


def describe_chars(chars: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars)
