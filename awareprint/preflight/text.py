"""The text of a PDF as pdfium reads it: each page's text in reading order, and every
visible character with its box on the page and its type size.

pdfium is a native reader independent of the layout engine; reading through it costs a
few milliseconds a page, where a pure-Python reader costs a hundred or more.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium


@dataclass(frozen=True)
class Glyph:
    """One visible character: its box in PDF points (origin bottom-left) and the size of
    the type it is set in, whichever way it is turned."""

    char: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float


@dataclass(frozen=True)
class PageText:
    text: str
    glyphs: tuple[Glyph, ...]


def read_pages(document: pypdfium2.PdfDocument) -> list[PageText]:
    """Every page's text and visible characters."""
    pages = []
    for page in document:
        textpage = page.get_textpage()
        try:
            pages.append(PageText(textpage.get_text_range(), tuple(_glyphs(textpage))))
        finally:
            textpage.close()
            page.close()
    return pages


def _glyphs(textpage: pypdfium2.PdfTextPage) -> list[Glyph]:
    glyphs = []
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    matrix = pdfium.FS_MATRIX()
    raw = textpage.raw
    for index in range(pdfium.FPDFText_CountChars(raw)):
        char = chr(pdfium.FPDFText_GetUnicode(raw, index))
        if not char.strip():  # spaces and the line ends pdfium adds between lines
            continue
        pdfium.FPDFText_GetCharBox(raw, index, left, right, bottom, top)
        pdfium.FPDFText_GetMatrix(raw, index, matrix)
        # The font size times the scale of the text's own vertical axis on the page: the
        # type size as printed, for upright and turned text alike.
        size = pdfium.FPDFText_GetFontSize(raw, index) * math.hypot(matrix.c, matrix.d)
        glyphs.append(Glyph(char, left.value, bottom.value, right.value, top.value, size))
    return glyphs
