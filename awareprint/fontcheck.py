"""Which bundled font an embedded font program was cut from, compared by glyph outlines.

Subsetting renumbers glyphs and may drop names, so fonts are compared by the shapes they
draw: every outline in the embedded subset must be an outline of one file in fonts/.
"""

from __future__ import annotations

import io
from functools import cache

from fontTools.ttLib import TTFont, TTLibError

from .paths import FONTS_DIR


def outline_fingerprints(font: TTFont) -> set[int]:
    """A fingerprint per non-empty glyph outline, independent of glyph ids and names."""
    if "glyf" not in font:
        return set()
    glyf = font["glyf"]
    prints = set()
    for name in font.getGlyphOrder():
        coordinates, ends, flags = glyf[name].getCoordinates(glyf)
        if len(coordinates):
            prints.add(hash((tuple(coordinates), tuple(ends), bytes(flags))))
    return prints


@cache
def _bundled() -> dict[str, set[int]]:
    return {path.name: outline_fingerprints(TTFont(path))
            for path in sorted(FONTS_DIR.glob("*.[ot]tf"))}


def bundled_source(program: bytes) -> str | None:
    """The file in fonts/ an embedded font program was cut from, or None."""
    try:
        embedded = outline_fingerprints(TTFont(io.BytesIO(program)))
    except (TTLibError, AssertionError, KeyError, ValueError):
        return None
    if not embedded:
        return None
    for name, outlines in _bundled().items():
        if embedded <= outlines:
            return name
    return None
