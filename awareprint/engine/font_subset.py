"""Embedded fonts subset by the HarfBuzz that uharfbuzz ships, on every machine.

Left to itself, WeasyPrint subsets fonts with the system's libharfbuzz-subset when it
finds it, and otherwise with fontTools: five to ten times slower for a CJK font, and
stamping the moment it runs into every font it writes, so that no two renders are alike.
Its font class is given this subsetter instead: the same two HarfBuzz passes as its own
HarfBuzz path (keep the glyphs used at their ids; then drop the empty ones after the
last), through the HarfBuzz of the uharfbuzz wheel. The output no longer depends on what
the machine has installed, and is the same, byte for byte, wherever it is made.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import uharfbuzz as harfbuzz

NO_SYSTEM_SUBSETTER = ("HarfBuzz-Subset will be required by future versions of WeasyPrint. "
                       "Please install this library with your package manager.")
# Not so here (install): quieted on import, as engine imports this before WeasyPrint warns.
warnings.filterwarnings("ignore", message=re.escape(NO_SYSTEM_SUBSETTER),
                        category=DeprecationWarning, module=r"weasyprint\.text\.ffi")

# The tables WeasyPrint drops from every embedded font (layout and bitmap tables).
DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF",
               b"LTSH", b"PCLT", b"SVG ")
Flags = harfbuzz.SubsetFlags


def subset(font: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
    """Keep only the glyphs `to_unicode` names (by glyph id) in `font.file_content`."""
    if not to_unicode:
        return
    face = harfbuzz.Face(harfbuzz.Blob(font.file_content), font.index)
    request = harfbuzz.SubsetInput()
    request.glyph_set.update(sorted(to_unicode))
    for tag in DROP_TABLES:
        request.drop_table_tag_set.add(int.from_bytes(tag, "big"))
    notdef = Flags.NOTDEF_OUTLINE if font.missing else Flags.DEFAULT
    request.flags = (Flags.RETAIN_GIDS | Flags.PASSTHROUGH_UNRECOGNIZED
                     | Flags.DESUBROUTINIZE | notdef)
    kept = harfbuzz.subset(face, request)
    if kept is None:
        raise RuntimeError(f"HarfBuzz could not subset the font {font.family!r}")
    request.glyph_set.add_range(0, max(to_unicode))  # glyph ids past the last one used go
    request.flags = (Flags.PASSTHROUGH_UNRECOGNIZED | Flags.DESUBROUTINIZE | notdef
                     | (Flags.DEFAULT if hinting else Flags.NO_HINTING))
    trimmed = harfbuzz.subset(kept, request)
    if trimmed is None:
        raise RuntimeError(f"HarfBuzz could not subset the font {font.family!r}")
    font.file_content = trimmed.blob.data


def install() -> None:
    """Make WeasyPrint subset every font with `subset` (WeasyPrint is pinned to 70.0,
    whose Font.subset(to_unicode, hinting) this replaces)."""
    from weasyprint.pdf import fonts as weasyprint_fonts

    weasyprint_fonts.Font.subset = subset
