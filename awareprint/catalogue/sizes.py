"""Named finished sizes (trim sizes) from layouts/sizes.yaml, in points."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import PositiveFloat

from ..paths import LAYOUTS_DIR
from .schema import ProblemsByFile, Strict, load_mapping

SIZES_FILE = "sizes.yaml"
POINTS_PER_UNIT = {"in": 72.0, "mm": 72.0 / 25.4}


class Size(Strict):
    """One finished size, portrait, in the unit its trade uses."""

    title: str
    width: PositiveFloat
    height: PositiveFloat
    unit: Literal["in", "mm"]

    @property
    def width_pt(self) -> float:
        return self.width * POINTS_PER_UNIT[self.unit]

    @property
    def height_pt(self) -> float:
        return self.height * POINTS_PER_UNIT[self.unit]

    @property
    def dimensions(self) -> str:
        return f"{self.width:g} × {self.height:g} {self.unit}"


def load_sizes(problems: ProblemsByFile, layouts_dir: Path = LAYOUTS_DIR) -> dict[str, Size]:
    """Every named size; problems are collected, not raised."""
    return load_mapping(Size, layouts_dir / SIZES_FILE, problems)
