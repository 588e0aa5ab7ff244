"""Which bundled font an embedded font program was cut from, compared by glyph outlines.

Subsetting renumbers glyphs and may drop names, so fonts are compared by the shapes they
draw: each embedded glyph a character maps to must draw exactly what the same character
draws in one file of fonts/, and every other embedded glyph (ligatures, contextual forms)
must be among that file's outlines. Works for TrueType and CFF outlines alike.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont, TTLibError

from ..paths import FONTS_DIR

MIN_DRAWING_BYTES = 6


def _outline(glyph_set: object, name: str) -> tuple:
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[name].draw(pen)  # type: ignore[index]
    return tuple((op, tuple((round(x, 1), round(y, 1)) for x, y in points))
                 for op, points in pen.value)


@cache
def _bundled_font(path: Path) -> TTFont:
    return TTFont(path, lazy=True)


@cache
def _bundled_outline(path: Path, name: str) -> tuple:
    """A bundled glyph's outline, drawn once per process: pieces share most glyphs."""
    return _outline(_bundled_glyph_set(path), name)


@cache
def _bundled_glyph_set(path: Path) -> object:
    return _bundled_font(path).getGlyphSet()


@cache
def _bundled_by_family() -> dict[str, list[Path]]:
    families: dict[str, list[Path]] = {}
    for path in sorted(FONTS_DIR.glob("*.[ot]tf")):
        family = _bundled_font(path)["name"].getDebugName(1) or path.stem
        families.setdefault(family, []).append(path)
    return families


@cache
def _all_outlines(path: Path) -> frozenset[int]:
    """The hash of every outline in a bundled font: an index of a few hundred kilobytes,
    where the outlines themselves of a CJK font take gigabytes."""
    font = _bundled_font(path)
    glyph_set = _bundled_glyph_set(path)
    return frozenset(hash(_outline(glyph_set, name)) for name in font.getGlyphOrder())


def _empty_slot(font: TTFont, name: str) -> bool:
    """A glyph whose program is too short to draw anything: a subset that keeps glyph ids
    leaves tens of thousands of these in a CJK font, and reading the program's length is
    far cheaper than drawing it. (The shortest CFF program that draws is a moveto and a
    lineto with their numbers and endchar: six bytes.)"""
    if "CFF " in font:
        charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
        offsets = charstrings.charStringsIndex.offsets  # as read from the font's bytes
        index = charstrings.charStrings[name]
        return bool(offsets) and offsets[index + 1] - offsets[index] < MIN_DRAWING_BYTES
    if "glyf" in font:
        return font["glyf"][name].numberOfContours == 0
    return False


def bundled_source(program: bytes) -> str | None:
    """The file in fonts/ an embedded font program was cut from, or None."""
    try:
        embedded = TTFont(io.BytesIO(program))
        cmap = embedded.getBestCmap() or {}
        glyph_set = embedded.getGlyphSet()
        family = embedded["name"].getDebugName(1) if "name" in embedded else None
    except (TTLibError, AssertionError, KeyError, ValueError):
        return None
    candidates = _bundled_by_family().get(family or "", [])  # another family: not ours
    mapped = {name for name in cmap.values()}
    for path in candidates:
        if _matches(embedded, glyph_set, cmap, mapped, path):
            return path.name
    return None


def _matches(embedded: TTFont, glyph_set: object, cmap: dict[int, str], mapped: set[str],
             path: Path) -> bool:
    bundled = _bundled_font(path)
    bundled_cmap = bundled.getBestCmap() or {}
    for codepoint, name in cmap.items():
        if codepoint not in bundled_cmap:
            return False
        if _outline(glyph_set, name) != _bundled_outline(path, bundled_cmap[codepoint]):
            return False
    order = embedded.getGlyphOrder()
    bundled_order = bundled.getGlyphOrder()
    bundled_names = set(bundled_order)
    for index, name in enumerate(order):
        if name in mapped or name == ".notdef" or _empty_slot(embedded, name):
            continue
        outline = _outline(glyph_set, name)
        if not outline:
            continue  # an empty slot (subsetters may keep glyph ids): it draws nothing
        # A subset keeps a glyph's name (CID fonts) or its id (retained ids): try those
        # before searching every outline of the bundled font.
        likely = [n for n in (name if name in bundled_names else None,
                              bundled_order[index] if index < len(bundled_order) else None)
                  if n is not None]
        if any(_bundled_outline(path, n) == outline for n in likely):
            continue
        if hash(outline) not in _all_outlines(path):
            return False
    return bool(cmap) or any(_outline(glyph_set, n) for n in order if n != ".notdef")
