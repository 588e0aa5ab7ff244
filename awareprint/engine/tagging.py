"""What the layout engine knows of each piece of tagged content, noted for finishing.

WeasyPrint (pinned to 70.0) writes tagged PDF (PDF/UA-1): marked content and structure
elements that follow the HTML. What it leaves out is known only while its boxes are at
hand: each box's language (its structure elements carry none), which boxes the HTML hides
from assistive technology (`aria-hidden="true"`: decoration, to become artifacts), and
the characters behind right-to-left glyphs. `install()` wraps its tagging step so that,
inside `noting()`, these are noted per page and marked-content id; finishing
(finish/pdfua.py, finish/marked_content.py) writes them into the file with pikepdf.

Right-to-left text is noted twice. Its logical text (reading order) goes on its structure
element, for readers of the structure. And each word that holds a ligature (lam-alef,
whose one glyph stands for two letters) gets /ActualText on its own marked content:
text extractors read right-to-left glyphs in drawn order and reverse them, the letters
of a ligature with them ("االتجار" for "الاتجار"). pdfium and poppler honour ActualText
but reverse it too, pdfium each run of letters in it and poppler all of it: for one word
of letters and nothing else these are the same, so the span is one word and its text is
the word's letters in drawn order (reversed), which both turn back into reading order.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from weasyprint import pdf as weasyprint_pdf
from weasyprint.formatting_structure import boxes
from weasyprint.text.ffi import ffi, pango

from .tag_notes import MarkedContent, Span, TagNotes

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                       "\u2066\u2067\u2068\u2069"))


_NOTES: ContextVar[TagNotes | None] = ContextVar("awareprint_tag_notes", default=None)
_original_add_tags: Callable[..., None] | None = None


@contextmanager
def noting() -> Iterator[TagNotes]:
    """Note, for the tagged PDF written inside this block, what each marked content holds."""
    notes: TagNotes = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def install() -> None:
    """Wrap WeasyPrint's tagging step (weasyprint.pdf.add_tags, called once per tagged
    PDF, while each page's stream still maps its boxes to their marked-content ids)."""
    global _original_add_tags
    if _original_add_tags is None:
        _original_add_tags = weasyprint_pdf.add_tags
        weasyprint_pdf.add_tags = _noting_add_tags


def _noting_add_tags(pdf: Any, document: Any, pdf_version: Any, page_streams: list[Any]
                     ) -> None:
    notes = _NOTES.get()
    if notes is not None:
        for stream in page_streams:
            notes.append({info["mcid"]: mark_of(box) for box, info in stream._tags.items()})
    assert _original_add_tags is not None
    _original_add_tags(pdf, document, pdf_version, page_streams)


def mark_of(box: Any) -> MarkedContent:
    """What a drawn box holds: its language, whether there is nothing in it to read, and
    for text with right-to-left runs its text in reading order and its words' spans."""
    element = box.element
    language = box.style["lang"] or ""
    if element is not None and element.get("aria-hidden") == "true":
        return MarkedContent(language, artifact=True)
    if isinstance(box, boxes.TextBox):
        if all(c.isspace() or unicodedata.category(c) == "Cf" for c in box.text):
            # spaces, direction marks: drawn as nothing
            return MarkedContent(language, artifact=True)
        drawn = drawn_glyphs(box) if any(_written_rtl(c) for c in box.text) else None
        if drawn is not None:
            glyphs, spans = drawn
            return MarkedContent(language, False, box.text.translate(BIDI_CONTROLS), glyphs, spans)
    return MarkedContent(language)


def drawn_glyphs(box: Any) -> tuple[tuple[int | None, ...], tuple[Span, ...]] | None:
    """The glyphs a text box draws (None for one drawn in place of a missing glyph) and
    the ActualText spans of its right-to-left words, or None when it has no right-to-left
    run. Pango gives each run's glyphs left to right, each with its cluster's offset."""
    layout = box.pango_layout
    layout.reactivate(box.style)
    try:
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        line, _ = layout.get_first_line()
        text = layout.text.encode()
        glyphs: list[int | None] = []
        spans: list[Span] = []
        right_to_left = False
        run = line.runs
        while run != ffi.NULL:
            item = run.data
            run = run.next
            rtl = bool(item.item.analysis.level % 2)
            right_to_left |= rtl
            word = _Word(len(glyphs))
            for ids, chars in _clusters(item, text):
                if rtl and chars and all(_written_rtl(c) for c in chars):
                    word.add(ids, chars)
                else:
                    word.close(spans)
                    word = _Word(len(glyphs) + len(ids))
                glyphs += ids
            word.close(spans)
    finally:
        layout.deactivate()
    return (tuple(glyphs), tuple(spans)) if right_to_left else None


class _Word:
    """Clusters of right-to-left letters next to each other, as they are drawn."""

    def __init__(self, start: int) -> None:
        self.start, self.count, self.drawn, self.ligature = start, 0, "", False

    def add(self, ids: list[int | None], chars: str) -> None:
        self.count += len(ids)
        self.drawn += chars[::-1]
        self.ligature |= len(ids) < len(chars)

    def close(self, spans: list[Span]) -> None:
        if self.count and self.ligature:
            spans.append(Span(self.start, self.count, self.drawn))


def _written_rtl(character: str) -> bool:
    return unicodedata.bidirectional(character) in ("R", "AL")


def _clusters(item: Any, text: bytes) -> Iterator[tuple[list[int | None], str]]:
    """Each cluster of a run, in drawn order: the glyphs drawn for it (none for an empty
    glyph, None for a missing one) and its characters."""
    glyphs = item.glyphs
    start, length = item.item.offset, item.item.length
    rtl = bool(item.item.analysis.level % 2)
    count = glyphs.num_glyphs
    offsets = [glyphs.log_clusters[i] for i in range(count)]
    firsts = [i for i in range(count) if i == 0 or offsets[i] != offsets[i - 1]]
    for index, first in enumerate(firsts):
        last = firsts[index + 1] if index + 1 < len(firsts) else count
        if rtl:  # drawn left to right: the clusters come last one first
            end = length if index == 0 else offsets[firsts[index - 1]]
        else:
            end = length if last == count else offsets[last]
        ids: list[int | None] = []
        for i in range(first, last):
            glyph = glyphs.glyphs[i].glyph
            if glyph == pango.PANGO_GLYPH_EMPTY:
                continue
            ids.append(None if glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG else glyph)
        yield ids, text[start + offsets[first]:start + end].decode()
