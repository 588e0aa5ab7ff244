"""Typesetting read back from any PDF's text lines (pdfium), as a proofreader checks a
file from elsewhere: a separator at a line's start or end, a word broken in display
type, hyphens on two lines running, a hyphenated compound hyphenated inside a part. Our
own renders are held to these rules after layout (measure/type_rules.py); here they are
notes, not faults."""

from __future__ import annotations

import itertools
import re

from .text import PageText

AUTO_HYPHEN = "\u2010"
HYPHENATED = re.compile(r"[^\W\d_][-\u2011][^\W\d_]")  # a hyphen between letters
SEPARATOR = "·"
DISPLAY_PT = 14


def type_notes(pages: list[PageText]) -> list[str]:
    notes: list[str] = []
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.text.replace("\r", "").split("\n")]
        lines = [line for line in lines if line]
        for line in lines:
            if line.startswith(SEPARATOR) or line.endswith(SEPARATOR):
                notes.append(f"page {number}: a separator at a line's end ('{line[-30:]}')")
        for line, following in itertools.pairwise(lines):
            if line.endswith(AUTO_HYPHEN) and following.endswith(AUTO_HYPHEN):
                notes.append(f"page {number}: hyphens on two lines running "
                             f"('{line[-20:]}' / '{following[-20:]}')")
            if line.endswith(AUTO_HYPHEN) and HYPHENATED.search(
                    line.split()[-1].removesuffix(AUTO_HYPHEN) + following.split()[0]):
                notes.append(f"page {number}: a hyphenated compound broken inside "
                             f"('{line.split()[-1]}' / '{following.split()[0]}')")
        large = sorted({round(glyph.size, 1) for glyph in page.glyphs
                        if glyph.char == AUTO_HYPHEN and glyph.size > DISPLAY_PT})
        if large:
            notes.append(f"page {number}: a word broken in {large[-1]:g} pt display type")
    return notes
