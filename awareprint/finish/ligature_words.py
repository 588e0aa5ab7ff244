"""Right-to-left words that hold a ligature, read in their order from a file without tags
(office and press), as from a digital one.

A lam-alef is one glyph for two letters, and the font's ToUnicode map gives it both, in
reading order. pdfium (and poppler) turn right-to-left glyphs, drawn left to right, back
into reading order character by character, the two letters of the ligature with the rest:
"االتجار" for "الاتجار", "عىل" for "على". The digital profile sets each such word apart in
marked content with /ActualText, from what the layout engine noted (engine/tagging.py says
why the text is the word's letters in drawn order). A file without tags has no such notes,
so its words are found here in the file itself: a word is the glyphs next to each other in
one text-showing operator whose characters (from the font's ToUnicode map) are all written
right to left, and it is set apart (marked_content.spelled) where one of its glyphs stands
for two letters or more. Marked content with /ActualText is allowed in PDF/X-4; nothing
moves on the page.

The ToUnicode map is left as it is. Its letters in reading order are what pypdf and
pdfplumber (reading the characters right to left) need, and what a conforming reader
expects; written in drawn order instead, they would mend pdfium and break those two.
"""

from __future__ import annotations

import re
import unicodedata

import pikepdf

from ..engine.tag_notes import MarkedContent, Span
from .marked_content import glyph_codes, spelled

RIGHT_TO_LEFT = ("R", "AL")
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
HEX_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")

Instruction = pikepdf.ContentStreamInstruction
GlyphText = dict[int, str]  # a font's glyph code → the characters it stands for


def mark_ligature_words(document: pikepdf.Pdf) -> None:
    """Set apart, with /ActualText, each right-to-left word that holds a ligature on every
    page of `document` (a file without tags)."""
    for page in document.pages:
        fonts = _page_fonts(page)
        if not any(_ligatures(text) for text in fonts.values()):
            continue
        instructions = _marked(pikepdf.parse_content_stream(page), fonts)
        if instructions is not None:
            page.obj.Contents = document.make_stream(
                pikepdf.unparse_content_stream(instructions))


def _marked(instructions: list[Instruction], fonts: dict[str, GlyphText]
            ) -> list[Instruction] | None:
    """The page's instructions with its ligature words set apart, or None if it has none."""
    out: list[Instruction] = []
    font: GlyphText = {}
    saved: list[GlyphText] = []  # the font is part of the graphics state (q … Q)
    spelled_out: list[bool] = []  # open marked content: whether it has its /ActualText
    changed = False
    for instruction in instructions:
        operator = str(instruction.operator)
        if operator in ("BDC", "BMC"):
            operands = instruction.operands
            spelled_out.append(operator == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                               and "/ActualText" in operands[1])
        elif operator == "EMC" and spelled_out:
            spelled_out.pop()
        elif operator == "q":
            saved.append(font)
        elif operator == "Q" and saved:
            font = saved.pop()
        elif operator == "Tf":
            font = fonts.get(str(instruction.operands[0]), {})
        elif operator == "TJ" and font and not any(spelled_out):
            mark = _words(instruction, font)
            rewritten = spelled([instruction], mark) if mark is not None else None
            if rewritten is not None:
                out += rewritten
                changed = True
                continue
        out.append(instruction)
    return out if changed else None


def _words(instruction: Instruction, font: GlyphText) -> MarkedContent | None:
    """The glyphs a TJ shows and the spans of its right-to-left words with a ligature, or
    None when it has none."""
    glyphs: list[int] = []
    spans: list[Span] = []
    start, drawn, ligature = 0, "", False
    for element in instruction.operands[0]:
        if not isinstance(element, pikepdf.String):
            continue
        codes = glyph_codes(element)
        if codes is None:
            return None
        for code in codes:
            text = font.get(code, "")
            if text and all(unicodedata.bidirectional(c) in RIGHT_TO_LEFT for c in text):
                if not drawn:
                    start = len(glyphs)
                drawn += text[::-1]
                ligature |= len(text) > 1
            else:
                if drawn and ligature:
                    spans.append(Span(start, len(glyphs) - start, drawn))
                drawn, ligature = "", False
            glyphs.append(code)
    if drawn and ligature:
        spans.append(Span(start, len(glyphs) - start, drawn))
    return MarkedContent("", glyphs=tuple(glyphs), spans=tuple(spans)) if spans else None


def _ligatures(font: GlyphText) -> bool:
    return any(len(text) > 1 and all(unicodedata.bidirectional(c) in RIGHT_TO_LEFT
                                     for c in text) for text in font.values())


def _page_fonts(page: pikepdf.Page) -> dict[str, GlyphText]:
    """Each two-byte (Type0) font of the page by its resource name, with its ToUnicode map."""
    resources = page.obj.get("/Resources")
    fonts = resources.get("/Font") if resources is not None else None
    if fonts is None:
        return {}
    found: dict[str, GlyphText] = {}
    for name, font in fonts.items():
        if font.get("/Subtype") == "/Type0" and "/ToUnicode" in font:
            found[str(name)] = glyph_text(font.ToUnicode.read_bytes())
    return found


def glyph_text(cmap: bytes) -> GlyphText:
    """A ToUnicode CMap read: each code's characters (bfchar, and bfrange of one start)."""
    mapped: GlyphText = {}
    for block in BFCHAR.findall(cmap):
        for code, text in HEX_PAIR.findall(block):
            mapped[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in BFRANGE.findall(cmap):
        for low, high, first in HEX_RANGE.findall(block):
            start = int.from_bytes(bytes.fromhex(first.decode()), "big")
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapped[code] = chr(start + offset) if start + offset < 0x110000 else ""
    return mapped
