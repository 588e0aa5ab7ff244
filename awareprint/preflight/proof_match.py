"""Does a press file print what its office proof shows? Each element of the piece (a
character, a filled shape) is found in both files by its place on the trimmed page, and
its colours compared as they look: the press colour through the file's printing
condition, the office colour as sRGB, both in Lab, the difference in Delta E 2000.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf

from ..catalogue.colorimetry import Lab, PrintingCondition, delta_e_2000, lab_of_srgb

REGISTRATION = (1.0, 1.0, 1.0, 1.0)  # printer's marks and the slug, not the piece
PLACE_PT = 0.5  # an element is the same in both files when it sits this close


@dataclass(frozen=True)
class Painted:
    """One element as drawn: a character (its text and type size) or a filled shape
    (text "", its width and height inside the trim)."""

    page: int
    text: str
    size: float
    place: tuple[float, float]   # from the trim's top left, in points
    colour: tuple[float, ...]    # as the file gives it: 3 values RGB, 4 CMYK, 1 grey
    height: float = 0.0          # of a shape (its width is `size`)


@dataclass(frozen=True)
class ColourPair:
    """An element's colour in the office file and in the press file."""

    element: Painted
    office: tuple[float, ...]
    press: tuple[float, ...]
    delta_e: float


def painted(pdf: bytes) -> list[Painted]:
    """Every character and filled shape of a file inside its trim, with its fill colour."""
    trims = _trims(pdf)
    found: list[Painted] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages):
            x0, _, x1, y1 = trims[number]
            top = float(page.height) - y1
            for char in page.chars:
                colour = _colour(char)
                if colour and colour != REGISTRATION and x0 <= char["x0"] <= x1:
                    found.append(Painted(number, char["text"], round(char["size"], 2),
                                         (char["x0"] - x0, char["top"] - top), colour))
            width, height = x1 - x0, y1 - trims[number][1]
            for shape in page.rects + page.curves:
                colour = _colour(shape)
                if shape.get("fill") and colour and colour != REGISTRATION:
                    # Clipped to the trim: a press background runs on into the bleed.
                    left, right = (min(max(shape[key] - x0, 0.0), width)
                                   for key in ("x0", "x1"))
                    upper, lower = (min(max(shape[key] - top, 0.0), height)
                                    for key in ("top", "bottom"))
                    if right > left and lower > upper:
                        found.append(Painted(number, "", right - left, (left, upper),
                                             colour, lower - upper))
    return found


def colour_pairs(office: bytes, press: bytes, profile: Path) -> list[ColourPair]:
    """Each element of the office file paired with the same element of the press file,
    and how far apart their colours look; where several press elements sit in one
    place, the one drawn last."""
    condition = PrintingCondition.at(profile)
    in_press = {_where(e): e for e in painted(press)}
    pairs = []
    for element in painted(office):
        match = in_press.get(_where(element))
        if match is not None:
            pairs.append(ColourPair(element, element.colour, match.colour, delta_e_2000(
                office_lab(element.colour), press_lab(match.colour, condition))))
    return pairs


def office_lab(colour: tuple[float, ...]) -> Lab:
    values = colour * 3 if len(colour) == 1 else colour
    return lab_of_srgb("#" + "".join(f"{round(v * 255):02X}" for v in values))


def press_lab(colour: tuple[float, ...], condition: PrintingCondition) -> Lab:
    c, m, y, k = (v * 100 for v in colour)
    return condition.lab((c, m, y, k))


def _where(element: Painted) -> tuple[object, ...]:
    return (element.page, element.text, *(round(v / PLACE_PT) for v in (
        *element.place, element.size, element.height)))


def _colour(obj: dict) -> tuple[float, ...]:
    colour = obj.get("non_stroking_color")
    if not isinstance(colour, (tuple, list)) or not all(
            isinstance(v, (int, float)) for v in colour):
        return ()
    return tuple(round(float(v), 3) for v in colour)


def _trims(pdf: bytes) -> list[tuple[float, float, float, float]]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [tuple(float(v) for v in page.obj.get("/TrimBox", page.mediabox))
                for page in document.pages]  # type: ignore[misc]
