"""What the fit and setting a piece again share: which slots are set at one size, which
stand in one row, the next size smaller, and the checks every setting passes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalogue.geometry import TABS, Geometry
from ..catalogue.jobs import Job
from ..catalogue.load import Catalogue
from ..compose.css import restyled_slots
from ..compose.piece import Composed
from ..engine.boxes import page_count
from ..engine.layout import slots_changed
from ..errors import RenderError
from ..measure.fit import Misfit

if TYPE_CHECKING:
    from ..engine.layout import Document

SHRINK_STEP = 0.93                       # each try sets overflowing text 7 % smaller


def size_groups(catalogue: Catalogue, job: Job) -> dict[str, list[str]]:
    """Slot (or "tabs") → every key set at the same size with it."""
    spec = catalogue.layouts[job.layout]
    members: dict[str, list[str]] = {}
    for page in spec.pages_for(len(job.languages), job.partner is not None).values():
        for name, slot in page.slots.items():
            members.setdefault(slot.group or name, []).append(name)
    return {name: group for group in members.values() for name in group}


def side_by_side(groups: dict[str, list[str]], geometry: Geometry) -> list[frozenset[str]]:
    """The groups whose slots stand in one row (one message in columns, a column per
    language): their text starts at one height."""
    boxes = geometry.layout_boxes()
    rows = {frozenset(members) for members in groups.values() if len(members) > 1
            and all(name in boxes for name in members)
            and len({round(boxes[name].rect.y, 1) for name in members}) == 1}
    return sorted(rows, key=sorted)


def changed_slots(before: Composed, after: Composed, groups: dict[str, list[str]]
                  ) -> frozenset[str] | None:
    """The slots `after` sets otherwise than `before` (their markup or their rule in the
    geometry's stylesheet, the last), with the slots in a row with them (their text starts
    at one height); None where anything else differs: only a whole layout then tells."""
    if (before.stylesheets[:-1], before.base_url, before.readable) != (
            after.stylesheets[:-1], after.base_url, after.readable):
        return None
    styled = restyled_slots(str(before.stylesheets[-1]), str(after.stylesheets[-1]))
    marked = slots_changed(before.html, after.html, after.base_url, after.readable)
    if styled is None or marked is None:
        return None
    changed = set(styled | marked)
    for row in side_by_side(groups, after.geometry):
        if row & changed:
            changed |= row
    return frozenset(changed)


def size_key(slot: str) -> str:
    return TABS if slot.startswith("tab-") else slot


def size_of(key: str, geometry: Geometry) -> float:
    if key == TABS and geometry.tabs is not None:
        return geometry.tabs.font_pt
    return geometry.layout_boxes()[key].font_pt


def smaller_sizes(overflowing: list[Misfit], geometry: Geometry,
                   groups: dict[str, list[str]]) -> dict[str, float]:
    boxes = geometry.layout_boxes()
    sizes: dict[str, float] = {}
    for misfit in overflowing:
        key = size_key(misfit.slot)
        if at_minimum(misfit, geometry):
            return {}  # cannot go smaller: report the overflow
        size = max(boxes[misfit.slot].min_pt, round(size_of(key, geometry) * SHRINK_STEP, 2))
        for member in groups.get(key, [key]):
            sizes[member] = min(size, sizes.get(member, size))
    return sizes


def at_minimum(misfit: Misfit, geometry: Geometry) -> bool:
    boxes = geometry.layout_boxes()
    return (misfit.slot in boxes
            and size_of(size_key(misfit.slot), geometry) <= boxes[misfit.slot].min_pt + 0.005)


def check_slots_and_pages(job: Job, catalogue: Catalogue, composed: Composed,
                           document: Document, found: set[str]) -> None:
    slots = composed.geometry.layout_boxes()
    missing = sorted(name for name, slot in slots.items()
                     if not slot.optional and name not in found)
    if missing:
        raise RenderError(f"{job.label}: the template never fills slot(s) {', '.join(missing)}")
    expected = len(catalogue.layouts[job.layout].pages_for(len(job.languages)))
    if page_count(document) != expected:
        raise RenderError(f"{job.label}: laid out {page_count(document)} pages, "
                          f"the layout has {expected}")
