"""Printer's marks for press output: crop marks, tab cut marks and the slug line.

Drawn by us in registration colour in the margin around the bleed, never inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue.geometry import Geometry, Rect
from ..catalogue.house import PressRules


@dataclass(frozen=True)
class CutMark:
    """A hairline as a thin filled rectangle, centred on the cut line it points at."""

    rect: Rect


def crop_marks(geometry: Geometry, rules: PressRules, unit: str) -> list[CutMark]:
    """Two marks at each corner along the trim lines, plus one below each tab cut."""
    trim = geometry.trim
    offset = rules.mark_offset_pt(unit)
    length = rules.mark_length_in * 72
    weight = rules.mark_weight_pt

    def vertical(x: float, y: float) -> CutMark:
        return CutMark(Rect(x - weight / 2, y, weight, length))

    def horizontal(x: float, y: float) -> CutMark:
        return CutMark(Rect(x, y - weight / 2, length, weight))

    marks = []
    for x in (trim.x, trim.right):
        marks += [vertical(x, trim.y - offset - length), vertical(x, trim.bottom + offset)]
    for y in (trim.y, trim.bottom):
        marks += [horizontal(trim.x - offset - length, y), horizontal(trim.right + offset, y)]
    if geometry.tabs is not None:
        marks += [vertical(x, trim.bottom + offset) for x in geometry.tabs.cut_guides_x]
    return marks


def slug_box(geometry: Geometry, rules: PressRules, unit: str) -> Rect:
    """Where the slug line goes: below the bottom crop marks, as wide as the marks reach."""
    trim = geometry.trim
    reach = rules.mark_offset_pt(unit) + rules.mark_length_in * 72
    return Rect(trim.x - reach, trim.bottom + reach + rules.slug_pt * 0.4,
                trim.w + 2 * reach, rules.slug_pt * 1.5)
