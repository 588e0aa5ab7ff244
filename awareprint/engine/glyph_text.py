"""The text each Thai glyph stands for, as a PDF reader extracts it.

WeasyPrint (pinned to 70.0) maps each glyph to the text of its cluster the first time it
draws it: in a cluster of several glyphs (a Thai consonant and the vowel and tone marks
above or below it: ใช้, นั้น) the glyphs before the last map to nothing and the last to
the whole cluster, and a glyph keeps what it was first given wherever else it is drawn.
Readers then drop or move the marks ("ใช" ... "้") and invent a character where a glyph
maps to nothing ("ก;าลัง" for กำลัง). Thai glyphs stand for one character each, which
their names say (uni0E49, uni0E49.small for the tone mark moved clear of a vowel above):
each is mapped to that character, so the text reads back in the order it was drawn.

Sara am (ำ) is drawn as its two parts, nikhahit and sara aa (the shaper's decomposition,
nikhahit before a tone mark: น้ำ is drawn น ํ ้ า), and reads back as them; they look the
same, and NFKC folds ำ into the same two characters.
"""

from __future__ import annotations

import re
from typing import Any

import uharfbuzz as harfbuzz

THAI = re.compile(r"[\u0e00-\u0e7f]")
GLYPH_NAME = re.compile(r"^uni(0E[0-7][0-9A-F])(?:\.\w+)?$")  # uni0E49, uni0E49.small

_original_build: Any = None


def thai_glyph_text(font: Any) -> None:
    """Map each Thai glyph of `font` (a WeasyPrint font) to the one character its name
    says, where WeasyPrint mapped it to Thai text or to nothing."""
    suspects = [glyph for glyph, text in font.to_unicode.items()
                if not text or THAI.search(text)]
    if not suspects:
        return
    face = harfbuzz.Face(harfbuzz.Blob(font.file_content), font.index)
    names = harfbuzz.Font(face)
    for glyph in suspects:
        found = GLYPH_NAME.match(names.glyph_to_string(glyph))
        if found:
            font.to_unicode[glyph] = chr(int(found[1], 16))


def _build_fonts_dictionary(pdf: Any, fonts: dict[str, Any], *args: Any, **kwargs: Any
                            ) -> Any:
    for font in fonts.values():
        if not font.bitmap:
            thai_glyph_text(font)
    return _original_build(pdf, fonts, *args, **kwargs)


def install() -> None:
    """Map Thai glyphs by their names before WeasyPrint writes each font's ToUnicode."""
    global _original_build
    from weasyprint import pdf as weasyprint_pdf

    if _original_build is None:
        _original_build = weasyprint_pdf.build_fonts_dictionary
        weasyprint_pdf.build_fonts_dictionary = _build_fonts_dictionary
