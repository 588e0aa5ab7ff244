"""Text must fit: compare the boxes WeasyPrint laid out with the boxes layout.yaml gives.

Reads the engine's line, text and image boxes, so it catches extra lines, long words,
text pushed off the page and type set below a slot's minimum, whatever the language.
The reference is the geometry from layout.yaml, not the laid-out slot box, so a style
sheet that resizes a slot cannot hide an overflow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..catalogue.geometry import PlacedSlot, Rect

PX_PER_PT = 4 / 3  # WeasyPrint lays out in CSS pixels
TOLERANCE_PT = 0.5
OUTSIDE = "(outside every slot)"
INK_BOXES = ("TextBox", "BlockReplacedBox", "InlineReplacedBox")


OVERFLOW = "overflow"      # text runs out of its box: setting it smaller may help
TOO_SMALL = "too small"    # text set below the slot's minimum size
STRAY = "stray"            # ink outside every slot, or in a slot layout.yaml lacks


@dataclass(frozen=True)
class Misfit:
    slot: str
    detail: str
    kind: str


def find_misfits(document: Any, slots: dict[str, PlacedSlot]) -> tuple[list[Misfit], set[str]]:
    """Every slot whose content leaves its box, and every piece of ink outside all slots;
    also the names of the slots found in the document."""
    misfits: list[Misfit] = []
    found: set[str] = set()
    overflow: dict[str, tuple[str, dict[str, float]]] = {}  # slot: first text, worst per side
    for page in document.pages:
        misfits += _overlapping_lines(page._page_box, None, {})
        for slot_name, leaf in _ink(page._page_box, None):
            if slot_name is None:
                misfits.append(Misfit(OUTSIDE, f"'{_text(leaf)}' is not inside any slot", STRAY))
                continue
            found.add(slot_name)
            slot = slots.get(slot_name)
            if slot is None:
                misfits.append(Misfit(slot_name, "no slot of that name in layout.yaml", STRAY))
                continue
            excess = _excess(leaf, slot)
            if excess:
                text, worst = overflow.setdefault(slot_name, (_text(leaf)[:40], {}))
                for side, amount in excess.items():
                    worst[side] = max(worst.get(side, 0.0), amount)
            misfit = _too_small(leaf, slot)
            if misfit:
                misfits.append(misfit)
    for slot_name, (text, worst) in overflow.items():
        sides = ", ".join(f"{amount / PX_PER_PT:.1f} pt past the {side}"
                          for side, amount in worst.items())
        misfits.append(Misfit(slot_name, f"'{text}' runs {sides}", OVERFLOW))
    return _first_per_slot(misfits), found


def _ink(box: Any, slot: str | None) -> Iterator[tuple[str | None, Any]]:
    """(slot name or None, box) for every box that puts ink on the page."""
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        if element.get("data-furniture") is not None or element.get("data-guide") is not None:
            return  # printer's marks and slug, cut guides and their scissors: not text
        slot = element.get("data-slot") or slot
    if type(box).__name__ in INK_BOXES:
        if type(box).__name__ != "TextBox" or _text(box).strip():
            yield slot, box
        return
    for child in getattr(box, "children", ()):
        yield from _ink(child, slot)


def _overlapping_lines(box: Any, slot: str | None, lines: dict[str, list[Any]]
                       ) -> list[Misfit]:
    """Lines of one slot drawn over each other (a squeezed block, a negative margin)."""
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        slot = element.get("data-slot") or slot
    if type(box).__name__ == "LineBox" and slot is not None:
        tolerance = TOLERANCE_PT * PX_PER_PT
        for other in lines.setdefault(slot, []):
            if (box.position_y < other.position_y + other.height - tolerance
                    and other.position_y < box.position_y + box.height - tolerance
                    and box.position_x < other.position_x + other.width
                    and other.position_x < box.position_x + box.width):
                return [Misfit(slot, "two lines of text overlap", OVERFLOW)]
        lines[slot].append(box)
        return []
    found: list[Misfit] = []
    for child in getattr(box, "children", ()):
        found += _overlapping_lines(child, slot, lines)
        if found:
            return found
    return found


def _excess(leaf: Any, slot: PlacedSlot) -> dict[str, float]:
    """How far (in px) a box reaches past each side of its slot, where it does."""
    bounds = _px(slot.rect)
    tolerance = TOLERANCE_PT * PX_PER_PT
    x, y = leaf.position_x, leaf.position_y
    w, h = leaf.margin_width(), leaf.margin_height()
    excess = {"top": bounds.y - y, "right": x + w - bounds.right,
              "bottom": y + h - bounds.bottom, "left": bounds.x - x}
    return {side: amount for side, amount in excess.items() if amount > tolerance}


def _too_small(leaf: Any, slot: PlacedSlot) -> Misfit | None:
    if type(leaf).__name__ == "TextBox":
        size_pt = leaf.style["font_size"] / PX_PER_PT
        if size_pt < slot.min_pt - 0.01:
            return Misfit(slot.name, f"'{_text(leaf)[:40]}' is set at {size_pt:.2f} pt, "
                          f"below the slot's minimum {slot.min_pt:g} pt", TOO_SMALL)
    return None


def _px(rect: Rect) -> Rect:
    return Rect(rect.x * PX_PER_PT, rect.y * PX_PER_PT, rect.w * PX_PER_PT, rect.h * PX_PER_PT)


def _text(box: Any) -> str:
    return str(getattr(box, "text", "") or "(image)")


def _first_per_slot(misfits: list[Misfit]) -> list[Misfit]:
    """One misfit per slot, the most telling: type below its minimum before overflow."""
    chosen: dict[str, Misfit] = {}
    for misfit in misfits:
        if misfit.slot not in chosen or (misfit.kind == TOO_SMALL
                                         and chosen[misfit.slot].kind == OVERFLOW):
            chosen[misfit.slot] = misfit
    return list(chosen.values())
