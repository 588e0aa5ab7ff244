"""Output profiles: `office` (the page is the piece, RGB), `press` (bleed, marks, CMYK) and
`digital` (an office piece made to be read on screen: tagged, PDF/UA-1, links), and for
press the printing condition (output intent) a piece is made for."""

from __future__ import annotations

from ..errors import InputError
from .geometry import Frame
from .house import FINE, SOLID, Colour, HouseStyle, OutputIntent, Swatch
from .sizes import Size

OFFICE = "office"
PRESS = "press"
DIGITAL = "digital"
PROFILES = (OFFICE, PRESS, DIGITAL)


def drawn_as(profile: str) -> str:
    """The profile whose page, colours and marks a piece is drawn with: a digital piece is
    drawn as an office piece; only the writing of its file differs."""
    return OFFICE if profile == DIGITAL else profile


def frame_for(profile: str, size: Size, house: HouseStyle, on_sheet: bool = False) -> Frame:
    """Where the piece sits on the engine's page for this profile; a press piece bound
    for a sheet keeps its bleed but leaves marks to the sheet; an office piece bound for
    a label sheet keeps its colour inside the cut."""
    if drawn_as(profile) == OFFICE:
        return (Frame(inset=house.label_inset_pt, least_band=house.label_band_min_pt)
                if on_sheet else Frame())
    rules = house.press
    bleed = rules.bleed_pt(size.unit)
    return Frame(margin=bleed if on_sheet else rules.media_margin_pt, bleed=bleed)


def intent_name(house: HouseStyle, size: Size, chosen: str | None = None) -> str:
    """The printing condition a press piece of this size is made for: the one chosen, else
    the default for the size's unit (house.yaml press.output_intent_by_unit)."""
    return chosen if chosen is not None else house.press.default_intent(size.unit)


def output_intent(house: HouseStyle, size: Size, chosen: str | None = None) -> OutputIntent:
    return house.press.output_intents[intent_name(house, size, chosen)]


def checked_intent(house: HouseStyle, size: Size, chosen: str | None, profile: str
                   ) -> str | None:
    """A requested printing condition checked; None when it is the size's default (or
    none was asked for), so that a piece made for its default has one name."""
    if chosen is None:
        return None
    known = house.press.output_intents
    name = chosen.strip().lower()
    if name not in known:
        raise InputError(f"unknown press profile '{chosen}'; choose from: {', '.join(known)}",
                         field="intent")
    if profile != PRESS:
        raise InputError("a press printing condition applies to press output only; ask for "
                         "press output", field="intent")
    return None if name == house.press.default_intent(size.unit) else name


def colour_css(colour: Colour, profile: str) -> str:
    """A palette colour as CSS: its derived RGB for office, device CMYK for press."""
    return swatch_css(colour.swatch(SOLID), profile)


def fine_colour_css(colour: Colour, profile: str) -> str:
    """A palette colour for fine detail (a QR code's modules): its single-ink build, in
    office files as the RGB that proofs it."""
    return swatch_css(colour.swatch(FINE), profile)


def swatch_css(swatch: Swatch, profile: str) -> str:
    """One build of a colour as CSS: its office RGB, or its inks for press."""
    return swatch.rgb if drawn_as(profile) == OFFICE else cmyk_css(swatch.cmyk)


def cmyk_css(cmyk: tuple[int, int, int, int]) -> str:
    return "device-cmyk({})".format(" ".join(f"{value / 100:g}" for value in cmyk))
