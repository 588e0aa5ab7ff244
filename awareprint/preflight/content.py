"""Content streams parsed once per read-back: the colour-space, crop-mark and fine-print
checks each walk the same pages and forms, and parsing is most of what they cost."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import pikepdf

_PARSED: ContextVar[dict[tuple[int, int], list[pikepdf.ContentStreamInstruction
                                                           | pikepdf.ContentStreamInlineImage]]
                    | None] = ContextVar("parsed", default=None)


@contextmanager
def parsed_once() -> Iterator[None]:
    """While open, each page's or form's content stream (of one document) is parsed once."""
    token = _PARSED.set({})
    try:
        yield
    finally:
        _PARSED.reset(token)


def instructions(holder: pikepdf.Page | pikepdf.Object
                 ) -> list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage]:
    """pikepdf's parse of a page's (all its streams, in order) or a form's content."""
    parsed = _PARSED.get()
    objgen = (holder.obj if isinstance(holder, pikepdf.Page) else holder).objgen
    if parsed is None or objgen == (0, 0):
        return pikepdf.parse_content_stream(holder)
    if objgen not in parsed:  # a page is keyed by its dictionary, however it is given
        parsed[objgen] = pikepdf.parse_content_stream(holder)
    return parsed[objgen]
