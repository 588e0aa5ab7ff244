"""Right-to-left lines drawn where the engine placed them.

When a line breaks where an inline element begins (a phrase kept whole, a paragraph's joined
ending), the engine strips the space that ended its text and, for a right-to-left line,
moves the line's content to the left by that space's width (`remove_last_whitespace`),
where its own placing of the line already took the space away: the text stops a space
short of the line's right end. In a column set flush right, the Arabic column's edge goes
ragged. After layout, each such line's content is moved back to its line's right end
(by less than its type's em, which a space never reaches).
"""

from __future__ import annotations

from typing import Any

LINE = "LineBox"


def close_right_to_left_line_ends(document: Any) -> None:
    """Move the content of every right-to-left line that stops short back to its end."""
    for page in document.pages:
        _walk(page._page_box)


def _walk(box: Any) -> None:
    for child in getattr(box, "children", None) or []:
        if type(child).__name__ == LINE:
            _close(child)
        else:
            _walk(child)


def _close(line: Any) -> None:
    if line.style["direction"] != "rtl" or not line.children:
        return
    end = line.position_x + line.width
    right = max(child.position_x + child.margin_width() for child in line.children)
    gap = end - right
    if 1e-3 < gap < float(line.style["font_size"]):
        for child in line.children:
            child.translate(dx=gap, ignore_floats=True)
