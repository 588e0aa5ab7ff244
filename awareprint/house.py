"""The house style from layouts/house.yaml: palette, type family, safe margin."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, PositiveFloat, StringConstraints

from .paths import LAYOUTS_DIR
from .schema import Problems, Strict, load

HOUSE_FILE = "house.yaml"

Percent = Annotated[int, Field(ge=0, le=100)]


class Colour(Strict):
    """A palette colour: CMYK for press, its RGB equivalent for office output."""

    rgb: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
    cmyk: tuple[Percent, Percent, Percent, Percent]


class FontFace(Strict):
    file: str
    weight: Annotated[int, Field(ge=100, le=900)]
    style: str = "normal"


class FontFamily(Strict):
    family: str
    faces: list[FontFace]


class HouseStyle(Strict):
    safe_margin_in: PositiveFloat
    palette: dict[str, Colour]
    fonts: FontFamily

    @property
    def safe_margin_pt(self) -> float:
        return self.safe_margin_in * 72.0


def load_house(problems: Problems, layouts_dir: Path = LAYOUTS_DIR) -> HouseStyle | None:
    """The house style, or None with the problems recorded."""
    return load(HouseStyle, layouts_dir / HOUSE_FILE, problems)
