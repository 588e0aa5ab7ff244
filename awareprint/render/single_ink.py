"""Small press type in one ink: after layout, text set smaller than the house's
`fine_print.single_ink_below_pt` in a palette colour of several inks is printed in that
colour's `fine` ink instead (navy becomes black in K only), so that no plate's drift on
the press can fringe it. Colour does not move text, so the layout stands as it is.
"""

from __future__ import annotations

from typing import Any

from tinycss2.color5 import parse_color

from ..catalogue.house import HouseStyle, inks
from ..catalogue.profiles import cmyk_css

PX_PER_PT = 4 / 3  # the layout engine measures type in CSS pixels
DEVICE_CMYK = "device-cmyk"


def fine_print_in_one_ink(document: Any, house: HouseStyle) -> int:
    """Recolour the small multi-ink text of a laid-out press document; returns how many
    runs of text were recoloured."""
    below_px = house.press.fine_print.single_ink_below_pt * PX_PER_PT
    substitutes = {_key(colour.cmyk): parse_color(cmyk_css(colour.fine_cmyk))
                   for colour in house.palette.values() if colour.fine_cmyk != colour.cmyk}
    changed = 0
    for page in document.pages:
        for box in _text_boxes(page._page_box):
            colour = box.style["color"]
            if (box.style["font_size"] >= below_px or colour.space != DEVICE_CMYK
                    or inks(tuple(colour.coordinates)) <= 1):
                continue
            substitute = substitutes.get(_key(tuple(v * 100 for v in colour.coordinates)))
            if substitute is None:
                continue  # not a palette colour: preflight names it
            box.style = box.style.copy()
            box.style["color"] = substitute
            changed += 1
    return changed


def _key(cmyk: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(round(float(value), 1) for value in cmyk)


def _text_boxes(box: Any) -> Any:
    if type(box).__name__ == "TextBox":
        yield box
    for child in getattr(box, "children", None) or ():
        yield from _text_boxes(child)
