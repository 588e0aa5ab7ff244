"""Text must fit: find slots whose laid-out text reaches outside their box.

This reads the boxes WeasyPrint actually laid out (line and text boxes, images), so it
catches long words, extra lines and text pushed off the page, whatever the language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

PX_PER_PT = 4 / 3  # WeasyPrint lays out in CSS pixels
TOLERANCE_PT = 0.5


@dataclass(frozen=True)
class Overflow:
    slot: str
    detail: str


def find_overflows(document: Any) -> tuple[list[Overflow], set[str]]:
    """Every overflowing slot, and the names of all slots found in the document."""
    overflows: list[Overflow] = []
    found: set[str] = set()
    for page in document.pages:
        for slot_name, box in _slot_boxes(page._page_box):
            found.add(slot_name)
            detail = _overflow_of(box)
            if detail:
                overflows.append(Overflow(slot_name, detail))
    return overflows, found


def _slot_boxes(box: Any) -> Iterator[tuple[str, Any]]:
    element = getattr(box, "element", None)
    name = element.get("data-slot") if element is not None else None
    if name and getattr(box, "element_tag", None) and _is_outer(box):
        yield name, box
        return
    for child in getattr(box, "children", ()):
        yield from _slot_boxes(child)


def _is_outer(box: Any) -> bool:
    return hasattr(box, "border_box_x")


def _overflow_of(slot: Any) -> str | None:
    left, top = slot.border_box_x(), slot.border_box_y()
    right, bottom = left + slot.border_width(), top + slot.border_height()
    tolerance = TOLERANCE_PT * PX_PER_PT
    worst: dict[str, float] = {}
    for leaf in _leaves(slot):
        x, y = leaf.position_x, leaf.position_y
        w, h = leaf.margin_width(), leaf.margin_height()
        for side, excess in (("right", x + w - right), ("left", left - x),
                             ("bottom", y + h - bottom), ("top", top - y)):
            if excess > tolerance:
                worst[side] = max(worst.get(side, 0.0), excess)
    if not worst:
        return None
    return ", ".join(f"{excess / PX_PER_PT:.1f} pt past the {side}"
                     for side, excess in sorted(worst.items()))


def _leaves(box: Any) -> Iterator[Any]:
    """Boxes that carry ink: runs of text and replaced content (QR codes, logos)."""
    children = getattr(box, "children", None)
    if type(box).__name__ in ("TextBox", "BlockReplacedBox", "InlineReplacedBox") or (
        not children and hasattr(box, "text")
    ):
        yield box
        return
    for child in children or ():
        yield from _leaves(child)
