"""Two languages side by side, read as one row. Where a layout sets one message in a column
per language (slots of one kind, `lead_1` and `lead_2`, at one height of the page), each
column's first line starts at the same height, and every line of a column keeps to its
language's reading edge (Arabic to the right, the others to the left): a column that
starts lower, or lines that leave their edge, read as a zig-zag across the row."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise
from typing import TYPE_CHECKING

from ..catalogue.geometry import Geometry, PlacedSlot
from ..engine import boxes
from ..engine.boxes import PX_PER_PT
from .type_rules import TypeFault

if TYPE_CHECKING:
    from ..engine.layout import Document

LANGUAGE_SLOT = re.compile(r"_\d+$")
TOLERANCE_PT = 1.0
SAME_TOP_PT = 0.5  # slots whose boxes start this close stand in one row


def column_faults(document: Document, rows: list[tuple[int, tuple[str, ...]]],
                  tolerance_pt: float = TOLERANCE_PT) -> list[TypeFault]:
    """One fault for each row of columns (a page's index and its slots, `column_rows`)
    whose first lines start more than `tolerance_pt` apart, and one for each column with
    a line off its reading edge by more than that."""
    faults: list[TypeFault] = []
    laid_out = boxes.pages(document)
    for index, names in rows:
        page = laid_out[index]
        lines = {name: [line for line in page.lines if line.slot == name
                        and not line.furniture and line.text.strip()] for name in names}
        tops = {name: min(line.y for line in found) / PX_PER_PT
                for name, found in lines.items() if found}
        apart = max(tops.values(), default=0.0) - min(tops.values(), default=0.0)
        if apart > tolerance_pt:
            detail = ", ".join(f"'{name}' at {top:.1f} pt" for name, top in tops.items())
            faults.append(TypeFault(" & ".join(names), f"columns' first lines start "
                                    f"{apart:.1f} pt apart ({detail}); start them at one "
                                    f"height"))
        faults += [fault for name, found in lines.items()
                   if (fault := _off_edge(name, found, tolerance_pt)) is not None]
    return faults


def column_rows(geometry: Geometry) -> list[tuple[int, tuple[str, ...]]]:
    """Each page's rows of columns (by the page's index): slots of one kind, a slot per
    language (`lead_1`, `lead_2`), side by side at one height, left to right."""
    return [(index, tuple(slot.name for slot in row))
            for index, page in enumerate(geometry.pages) for row in _rows(page.slots)]


def _rows(slots: tuple[PlacedSlot, ...]) -> list[list[PlacedSlot]]:
    """Slots of one kind, a slot per language, side by side at one height."""
    kinds: dict[str, list[PlacedSlot]] = defaultdict(list)
    for slot in slots:
        if LANGUAGE_SLOT.search(slot.name):
            kinds[LANGUAGE_SLOT.sub("", slot.name)].append(slot)
    rows = []
    for members in kinds.values():
        members = sorted(members, key=lambda slot: slot.rect.x)
        if (len(members) > 1
                and max(s.rect.y for s in members) - min(s.rect.y for s in members) < SAME_TOP_PT
                and all(left.rect.right <= right.rect.x + SAME_TOP_PT
                        for left, right in pairwise(members))):
            rows.append(members)
    return rows


def _off_edge(name: str, lines: list[boxes.Line], tolerance_pt: float) -> TypeFault | None:
    """The line of a column farthest from its reading edge, if beyond `tolerance_pt`."""
    worst: tuple[float, boxes.Line] | None = None
    for line in lines:
        if line.span is None or line.edges is None:
            continue
        if line.direction == "rtl":
            off = (line.edges[1] - line.span[1]) / PX_PER_PT
        else:
            off = (line.span[0] - line.edges[0]) / PX_PER_PT
        if off > tolerance_pt and (worst is None or off > worst[0]):
            worst = off, line
    if worst is None:
        return None
    off, line = worst
    edge = "right" if line.direction == "rtl" else "left"
    return TypeFault(name, f"'{line.text.strip()[:24]}' starts {off:.1f} pt from the "
                           f"column's {edge} edge; set every line of a column to its "
                           f"language's reading edge")
