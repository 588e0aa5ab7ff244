"""A page laid out whole, drawn with some of its slots taken from their layouts alone.

A slot is placed by the geometry (position: absolute), so its boxes do not depend on the
others': once a fit has found a slot's size by laying it out alone (layout.py `only`),
the page need not be laid out whole again to be drawn. The whole layout's boxes are not
changed: the boxes from the page down to each grafted slot are copied, the rest shared.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import weasyprint
from weasyprint.document import Page

PLACEHOLDER = "AbsolutePlaceholder"  # where the engine keeps a positioned box in its parent


def grafted(whole: weasyprint.Document, parts: Mapping[str, weasyprint.Document],
            side_by_side: Collection[frozenset[str]] = ()) -> weasyprint.Document | None:
    """`whole` with the boxes of each slot named in `parts` from that slot's document;
    None where that would not be what a whole layout gives: a slot that is not where
    the whole layout has it, or a side-by-side group (aligned together, block_alignment.py)
    whose members were not laid out together."""
    for group in side_by_side:
        sources = {id(parts[slot]) if slot in parts else None for slot in group}
        if len(sources) > 1:
            return None
    if any(len(part.pages) != len(whole.pages) for part in parts.values()):
        return None
    pages = []
    found = dict.fromkeys(parts, 0)
    for number, page in enumerate(whole.pages):
        taken: dict[str, list[Any]] = {}
        try:
            for slot, part in parts.items():
                taken[slot] = _placeholders(part.pages[number]._page_box, slot)
                found[slot] += len(taken[slot])
            page_box = _with_boxes(page._page_box, taken)
        except _Missing:
            return None
        if any(boxes for boxes in taken.values()):
            return None  # more of a slot alone than on the whole page
        pages.append(Page(page_box))
    if not all(found.values()):
        return None  # a slot not positioned on its own: its boxes are the page's
    return whole.copy(pages)


def _placeholders(box: Any, slot: str) -> list[Any]:
    """The positioned boxes of `slot` under `box`, in the order they are drawn."""
    found = []
    for child in getattr(box, "children", None) or []:
        if _slot_of(child) == slot:
            if type(child).__name__ != PLACEHOLDER:
                raise _Missing  # the rest of a slot that ran off its page: not placed alone
            found.append(child)
        else:
            found.extend(_placeholders(child, slot))
    return found


def _with_boxes(box: Any, taken: dict[str, list[Any]]) -> Any:
    """`box`, copied where a slot's box below it is replaced by the next of `taken`'s."""
    children = getattr(box, "children", None)
    if not children:
        return box
    new = []
    for child in children:
        slot = _slot_of(child)
        if slot in taken and type(child).__name__ != PLACEHOLDER:
            continue  # the rest of a slot that ran off its page, set to fit on it since
        if slot in taken:
            if not taken[slot]:
                raise _Missing
            new.append(taken[slot].pop(0))
        else:
            new.append(_with_boxes(child, taken))
    if all(a is b for a, b in zip(new, children, strict=True)):
        return box
    copied = box.copy()
    copied.children = new
    return copied


class _Missing(Exception):
    """A slot's boxes that cannot be matched: one on the whole page that the layout alone
    does not have, or one the layout alone did not place on its own."""


def _slot_of(box: Any) -> str | None:
    element = getattr(box, "element", None)
    return element.get("data-slot") if element is not None else None
