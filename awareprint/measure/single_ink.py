"""Small type in the build of its colour a press holds in register: after layout, text set
in a palette colour smaller than the house's `fine_print` sizes is drawn in that colour's
`small` build (two inks at most, under two_inks_below_pt) or `fine` build (one ink, under
single_ink_below_pt). Office files get the same builds in their derived RGB, so that the
office proof shows what the press prints. Colour does not move text, so the layout stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tinycss2.color5 import parse_color

from ..catalogue.house import SOLID, HouseStyle
from ..catalogue.profiles import drawn_as, swatch_css
from ..engine import boxes

if TYPE_CHECKING:
    from ..engine.layout import Document

DEVICE_CMYK = "device-cmyk"


def small_type_in_safe_inks(document: Document, house: HouseStyle, profile: str) -> int:
    """Recolour the small type of a laid-out document; returns how many runs of text were
    recoloured."""
    drawn = drawn_as(profile)
    colours = {_key(parse_color(swatch_css(colour.swatch(SOLID), drawn))): colour
               for colour in house.palette.values()}
    changed = 0
    for page in boxes.pages(document):
        for _, text in boxes.texts(page):
            colour = colours.get(_key_of(text.colour))
            if colour is None:
                continue  # not a palette colour: preflight names it in press files
            build = colour.for_type(text.size_pt, house.press.fine_print)
            if build == colour.swatch(SOLID):
                continue
            text.recolour(parse_color(swatch_css(build, drawn)))
            changed += 1
    return changed


def _key(colour) -> tuple[str, tuple[float, ...]]:  # noqa: ANN001 - a tinycss2 colour
    return _key_of((colour.space, tuple(colour.coordinates)))


def _key_of(colour: tuple[str, tuple[float, ...]]) -> tuple[str, tuple[float, ...]]:
    space, coordinates = colour
    return space, tuple(round(float(value), 3) for value in coordinates)

