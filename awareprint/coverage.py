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


@cache
def _covered(files: tuple[Path, ...]) -> frozenset[int]:
    covered: set[int] = set()
    for path in files:
        try:
            covered |= _cmap(path)
        except (OSError, TTLibError):
            continue  # reported where the house style is checked
    return frozenset(covered)


def covered_codepoints(house: HouseStyle, script: str, fonts_dir: Path = FONTS_DIR
                       ) -> frozenset[int]:
    """Every character the font stack of `script` can draw (nothing if no stack)."""
    if script not in house.fonts.scripts:
        return frozenset()
    families = house.fonts.stack(script)
    return _covered(tuple(fonts_dir / name for name in house.fonts.files(families)))


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
