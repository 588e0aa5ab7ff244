"""`align-content` on block containers, which the layout engine reads but does not apply.

CSS Box Alignment lets a block with a set height place its content at the centre or the
end (`align-content: center | end`), as browsers do. WeasyPrint computes the property but
lays block content from the top, so after layout each such block's content is moved down
by the free space (half of it to centre). Content taller than its block moves up by half
its excess, as a flex column with `justify-content: center` would place it: the fit check
then sees it spill past both edges. A block layout costs a third of a flex layout.
"""

from __future__ import annotations

from typing import Any

SHIFTS = {"center": 0.5, "end": 1.0, "flex-end": 1.0}


def align_block_content(document: Any) -> None:
    """Apply `align-content` to every block of every laid-out page, outermost first."""
    for page in document.pages:
        _align(page._page_box)


def _align(box: Any) -> None:
    style = getattr(box, "style", None)
    children = getattr(box, "children", None)
    if not children:
        return
    share = SHIFTS.get(style["align_content"][-1]) if style is not None else None
    if share is not None and type(box).__name__ in ("BlockBox", "AbsolutePlaceholder"):
        top = box.content_box_y()
        used = max(child.position_y + child.margin_height() for child in children) - top
        shift = (box.height - used) * share
        if abs(shift) > 1e-6:
            for child in children:
                child.translate(0, shift)
    for child in children:
        _align(child)
