"""Short headlines fill their band. Set at its design size, a one-line headline leaves
half its band empty. After layout, a slot with `max_pt` is set larger, by as much as its
widest line, its height and `max_pt` allow (its lines keep their breaks, so it still
fits); and where the layout has a `masthead`, the band gives part of the height still
empty to the body below (catalogue/geometry.py moves the boxes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalogue.geometry import PlacedSlot
from ..catalogue.layouts import Masthead
from ..engine import boxes
from ..engine.boxes import PX_PER_PT

if TYPE_CHECKING:
    from ..engine.boxes import Laid

SAFETY = 0.97          # a little short of the exact room: the engine rounds line widths
SMALLEST_GAIN = 1.1    # growing type by less is not worth a second layout (nor seen)
SMALLEST_GIFT_PT = 6   # nor is moving the band by less


@dataclass(frozen=True)
class Extent:
    """The text of one slot as laid out, in points: its widest line and its height."""

    widest: float
    height: float


def extents(document: Laid, names: set[str]) -> dict[str, Extent]:
    lines: dict[str, list[tuple[float, float, float]]] = {}
    for page in boxes.pages(document):
        for line in page.lines:
            if line.slot in names and line.span is not None:
                left, right = line.span
                lines.setdefault(line.slot, []).append((right - left, line.y,
                                                        line.y + line.height))
    return {name: Extent(max(w for w, _, _ in found) / PX_PER_PT,
                         (max(b for _, _, b in found) - min(t for _, t, _ in found)) / PX_PER_PT)
            for name, found in lines.items()}


def growth(slots: dict[str, PlacedSlot], laid_out: dict[str, Extent]) -> dict[str, float]:
    """Slot name → the factor its type may grow by, for slots with room to grow."""
    factors = {}
    for name, extent in laid_out.items():
        slot = slots[name]
        if not slot.max_pt:
            continue
        factor = SAFETY * min(slot.max_pt / slot.font_pt,
                              slot.rect.w / extent.widest if extent.widest else 1.0,
                              slot.rect.h / extent.height if extent.height else 1.0)
        if factor >= SMALLEST_GAIN:
            factors[name] = factor
    return factors


def band_gift(masthead: Masthead, slots: dict[str, PlacedSlot], laid_out: dict[str, Extent],
              factor: float, page_height: float) -> float:
    """How many points the headline's band gives to the body, its type grown by `factor`:
    nothing unless the band would give at least `least_gift` percent of the page (a band
    a little roomy is the design; half empty is not)."""
    extent = laid_out.get(masthead.headline)
    if extent is None:
        return 0.0
    empty = slots[masthead.headline].rect.h - extent.height * factor
    gift = masthead.share * empty
    least = max(SMALLEST_GIFT_PT, masthead.least_gift * page_height / 100)
    return round(gift, 1) if gift >= least else 0.0
