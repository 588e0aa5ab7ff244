"""Small press type in one ink: after layout, text set smaller than the house's
`fine_print.single_ink_below_pt` in a palette colour of several inks is printed in that
colour's `fine` ink instead (navy becomes black in K only), so that no plate's drift on
the press can fringe it. Colour does not move text, so the layout stands as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tinycss2.color5 import parse_color

from ..catalogue.house import HouseStyle, inks
from ..catalogue.profiles import cmyk_css
from ..engine import boxes
from ..engine.boxes import PX_PER_PT

if TYPE_CHECKING:
    from ..engine.layout import Document

DEVICE_CMYK = "device-cmyk"


def fine_print_in_one_ink(document: Document, house: HouseStyle) -> int:
    """Recolour the small multi-ink text of a laid-out press document; returns how many
    runs of text were recoloured."""
    below_px = house.press.fine_print.single_ink_below_pt * PX_PER_PT
    substitutes = {_key(colour.cmyk): parse_color(cmyk_css(colour.fine_cmyk))
                   for colour in house.palette.values() if colour.fine_cmyk != colour.cmyk}
    changed = 0
    for page in boxes.pages(document):
        for _, text in boxes.texts(page):
            space, coordinates = text.colour
            if (text.size_px >= below_px or space != DEVICE_CMYK
                    or inks(coordinates) <= 1):
                continue
            substitute = substitutes.get(_key(tuple(v * 100 for v in coordinates)))
            if substitute is None:
                continue  # not a palette colour: preflight names it
            text.recolour(substitute)
            changed += 1
    return changed


def _key(cmyk: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(round(float(value), 1) for value in cmyk)
