"""Output profiles: `office` (the page is the piece, RGB) and `press` (bleed, marks, CMYK)."""

from __future__ import annotations

from .geometry import Frame
from .house import Colour, HouseStyle
from .sizes import Size

OFFICE = "office"
PRESS = "press"
PROFILES = (OFFICE, PRESS)


def frame_for(profile: str, size: Size, house: HouseStyle, on_sheet: bool = False) -> Frame:
    """Where the piece sits on the engine's page for this profile; a press piece bound
    for a sheet keeps its bleed but leaves marks to the sheet."""
    if profile == OFFICE:
        return Frame()
    rules = house.press
    bleed = rules.bleed_pt(size.unit)
    return Frame(margin=bleed if on_sheet else rules.media_margin_pt, bleed=bleed)


def colour_css(colour: Colour, profile: str) -> str:
    """A palette colour as CSS: its RGB equivalent for office, device CMYK for press."""
    if profile == OFFICE:
        return colour.rgb
    return cmyk_css(colour.cmyk)


def cmyk_css(cmyk: tuple[int, int, int, int]) -> str:
    return "device-cmyk({})".format(" ".join(f"{value / 100:g}" for value in cmyk))
