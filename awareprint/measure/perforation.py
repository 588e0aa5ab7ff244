"""Text kept clear of a tear-off flyer's perforation, read from the laid-out lines: a tear
runs ragged, as a cut does, so no line may come closer to the tear line than the house's
safe margin, above it (the credit, the call to action) or below it (each tab's turned
text, read where it prints once turned). `check` reports every slot too close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalogue.geometry import Geometry
from ..engine import boxes
from ..engine.boxes import PX_PER_PT
from .type_rules import TypeFault

if TYPE_CHECKING:
    from ..engine.layout import Document


def perforation_faults(document: Document, geometry: Geometry, clear_pt: float
                       ) -> list[TypeFault]:
    """One fault for each slot whose text comes closer than `clear_pt` to the tabs'
    perforation (none where the piece has no tabs)."""
    tabs = geometry.tabs
    if tabs is None:
        return []
    names = [page.name for page in geometry.pages]
    page = boxes.pages(document)[names.index(tabs.page)]
    turned = {tab.slot_name: tab for tab in tabs.tabs}
    nearest: dict[str, float] = {}
    for line in page.lines:
        if line.slot is None or line.furniture or not line.text.strip() or line.span is None:
            continue
        tab = turned.get(line.slot)
        if tab is not None:
            left, right = (edge / PX_PER_PT for edge in line.span)
            distance = tab.turned(left, right)[0] - tabs.tear_line_y
        else:
            distance = tabs.tear_line_y - (line.y + line.height) / PX_PER_PT
        nearest[line.slot] = min(distance, nearest.get(line.slot, distance))
    return [TypeFault(slot, f"text {distance:.1f} pt from the tabs' perforation; keep "
                            f"{clear_pt:g} pt ({clear_pt / 72:g} in) clear of a ragged tear")
            for slot, distance in nearest.items() if distance < clear_pt - 0.05]
