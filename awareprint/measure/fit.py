"""Text must fit: compare the boxes WeasyPrint laid out with the boxes layout.yaml gives.

Reads the engine's lines, text and images (engine/boxes.py), so it catches extra lines,
long words, text pushed off the page and type set below a slot's minimum, whatever the
language.
The reference is the geometry from layout.yaml, not the laid-out slot box, so a style
sheet that resizes a slot cannot hide an overflow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalogue.geometry import PlacedSlot, Rect
from ..engine import boxes
from ..engine.boxes import PX_PER_PT

if TYPE_CHECKING:
    from ..engine.layout import Document

TOLERANCE_PT = 0.5
OUTSIDE = "(outside every slot)"


OVERFLOW = "overflow"      # text runs out of its box: setting it smaller may help
TOO_SMALL = "too small"    # text set below the slot's minimum size
STRAY = "stray"            # ink outside every slot, or in a slot layout.yaml lacks


@dataclass(frozen=True)
class Misfit:
    slot: str
    detail: str
    kind: str


def find_misfits(document: Document, slots: dict[str, PlacedSlot]) -> tuple[list[Misfit], set[str]]:
    """Every slot whose content leaves its box, and every piece of ink outside all slots;
    also the names of the slots found in the document."""
    misfits: list[Misfit] = []
    found: set[str] = set()
    overflow: dict[str, tuple[str, dict[str, float]]] = {}  # slot: first text, worst per side
    for page in boxes.pages(document):
        misfits += _overlapping_lines(page.lines)
        for slot_name, leaf in _ink(page):
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


def _ink(page: boxes.Page) -> Iterator[tuple[str | None, boxes.Text | boxes.Image]]:
    """(slot name or None, leaf) for every leaf that puts ink on the page; printer's
    marks and slug, cut guides and their scissors are not text."""
    for placed in page.ink:
        if not placed.furniture and (not isinstance(placed.leaf, boxes.Text)
                                     or placed.leaf.text.strip()):
            yield placed.slot, placed.leaf


def _overlapping_lines(lines: tuple[boxes.Line, ...]) -> list[Misfit]:
    """Lines of one slot drawn over each other (a squeezed block, a negative margin)."""
    tolerance = TOLERANCE_PT * PX_PER_PT
    seen: dict[str, list[boxes.Line]] = {}
    for line in lines:
        if line.slot is None:
            continue
        for other in seen.setdefault(line.slot, []):
            if (line.y < other.y + other.height - tolerance
                    and other.y < line.y + line.height - tolerance
                    and line.x < other.x + other.width
                    and other.x < line.x + line.width):
                return [Misfit(line.slot, "two lines of text overlap", OVERFLOW)]
        seen[line.slot].append(line)
    return []


def _excess(leaf: boxes.Text | boxes.Image, slot: PlacedSlot) -> dict[str, float]:
    """How far (in px) a leaf reaches past each side of its slot, where it does."""
    bounds = _px(slot.rect)
    tolerance = TOLERANCE_PT * PX_PER_PT
    x, y = leaf.x, leaf.y
    w, h = leaf.outer_width, leaf.outer_height
    excess = {"top": bounds.y - y, "right": x + w - bounds.right,
              "bottom": y + h - bounds.bottom, "left": bounds.x - x}
    return {side: amount for side, amount in excess.items() if amount > tolerance}


def _too_small(leaf: boxes.Text | boxes.Image, slot: PlacedSlot) -> Misfit | None:
    if isinstance(leaf, boxes.Text):
        size_pt = leaf.size_pt
        if size_pt < slot.min_pt - 0.01:
            return Misfit(slot.name, f"'{_text(leaf)[:40]}' is set at {size_pt:.2f} pt, "
                          f"below the slot's minimum {slot.min_pt:g} pt", TOO_SMALL)
    return None


def _px(rect: Rect) -> Rect:
    return Rect(rect.x * PX_PER_PT, rect.y * PX_PER_PT, rect.w * PX_PER_PT, rect.h * PX_PER_PT)


def _text(leaf: boxes.Text | boxes.Image) -> str:
    return (leaf.text if isinstance(leaf, boxes.Text) else "") or "(image)"


def _first_per_slot(misfits: list[Misfit]) -> list[Misfit]:
    """One misfit per slot, the most telling: type below its minimum before overflow."""
    chosen: dict[str, Misfit] = {}
    for misfit in misfits:
        if misfit.slot not in chosen or (misfit.kind == TOO_SMALL
                                         and chosen[misfit.slot].kind == OVERFLOW):
            chosen[misfit.slot] = misfit
    return list(chosen.values())
