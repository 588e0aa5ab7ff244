"""`align-content` on block containers, which the layout engine reads but does not apply.

CSS Box Alignment lets a block with a set height place its content at the centre or the
end (`align-content: center | end`), as browsers do. WeasyPrint computes the property but
lays block content from the top, so after layout each such block's content is moved down
by the free space (half of it to centre). Content taller than its block moves up by half
its excess, as a flex column with `justify-content: center` would place it: the fit check
then sees it spill past both edges. A block layout costs a third of a flex layout.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

SHIFTS = {"center": 0.5, "end": 1.0, "flex-end": 1.0}


def align_block_content(document: Any, side_by_side: Collection[frozenset[str]] = ()) -> None:
    """Apply `align-content` to every block of every laid-out page, outermost first.

    The slots of a `side_by_side` group (one message in two languages, in columns) move
    by the same amount, the one that centres the tallest: their first lines align."""
    group_of = {slot: index for index, group in enumerate(side_by_side) for slot in group}
    for page in document.pages:
        together: dict[int, list[tuple[Any, float]]] = {}
        _align(page._page_box, group_of, together)
        for members in together.values():
            shift = min(amount for _, amount in members)
            for box, _ in members:
                _move_content(box, shift)
                for child in box.children:
                    _align(child, group_of, together)


def _align(box: Any, group_of: dict[str, int], together: dict[int, list[tuple[Any, float]]]
           ) -> None:
    style = getattr(box, "style", None)
    children = getattr(box, "children", None)
    if not children:
        return
    share = SHIFTS.get(style["align_content"][-1]) if style is not None else None
    if share is not None and type(box).__name__ in ("BlockBox", "AbsolutePlaceholder"):
        top = box.content_box_y()
        used = max(child.position_y + child.margin_height() for child in children) - top
        shift = (box.height - used) * share
        element = getattr(box, "element", None)
        group = group_of.get(element.get("data-slot", "")) if element is not None else None
        if group is not None:
            together.setdefault(group, []).append((box, shift))
            return  # moved with its group, once every member is measured
        _move_content(box, shift)
    for child in children:
        _align(child, group_of, together)


def _move_content(box: Any, shift: float) -> None:
    if abs(shift) > 1e-6:
        for child in box.children:
            child.translate(0, shift)
