"""The house style from layouts/house.yaml: palette, type family, safe margin."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, PositiveFloat, StringConstraints, model_validator

from ..paths import LAYOUTS_DIR, PROJECT_ROOT
from .schema import ProblemsByFile, Strict, load
from .sizes import POINTS_PER_UNIT

HOUSE_FILE = "house.yaml"

InkPercent = Annotated[int, Field(ge=0, le=100)]
Cmyk = tuple[InkPercent, InkPercent, InkPercent, InkPercent]
REQUIRED_COLOURS = ("ink", "paper")  # the QR code is drawn in ink on paper


def inks(cmyk: tuple[float, ...]) -> int:
    """How many plates a CMYK colour prints on."""
    return sum(1 for value in cmyk if value > 0)


class Colour(Strict):
    """A palette colour: CMYK for press, its RGB equivalent for office output, and for a
    colour of several inks the one ink it prints in as fine detail (small type, QR code)."""

    rgb: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
    cmyk: Cmyk
    fine: Cmyk | None = None

    @model_validator(mode="after")
    def _fine_is_one_ink(self) -> Colour:
        if self.fine is not None and inks(self.fine) != 1:
            raise ValueError("fine must be a single ink (one of the four channels above 0)")
        if self.fine is None and inks(self.cmyk) > 1:
            raise ValueError("a colour of several inks needs `fine`: the single ink it "
                             "prints in as small type and in QR codes")
        return self

    @property
    def fine_cmyk(self) -> Cmyk:
        """The colour as fine detail prints it: itself when it is one ink (or none)."""
        return self.fine if self.fine is not None else self.cmyk


class FontFace(Strict):
    family: str
    file: str
    weight: Annotated[int, Field(ge=100, le=900)]
    style: Literal["normal", "italic"] = "normal"


class Fonts(Strict):
    """The bundled faces, and which families set each script, first choice first."""

    faces: Annotated[list[FontFace], Field(min_length=1)]
    scripts: dict[str, Annotated[list[str], Field(min_length=1)]]

    @model_validator(mode="after")
    def _families_have_faces(self) -> Fonts:
        known = {face.family for face in self.faces}
        for script, families in self.scripts.items():
            unknown = [family for family in families if family not in known]
            if unknown:
                raise ValueError(f"scripts.{script} names {', '.join(unknown)}, which no face "
                                 "provides; add its faces or fix the name")
        return self

    def stack(self, script: str) -> list[str]:
        return self.scripts[script]

    def files(self, families: list[str]) -> list[str]:
        return [face.file for face in self.faces if face.family in families]


class OutputIntent(Strict):
    """The printing condition press files are made for, and the ICC profile describing it."""

    title: str    # what a person reads: the job ticket, the slug, preflight
    profile: str  # relative to the project
    condition: str
    info: str
    registry: str

    @property
    def profile_path(self) -> Path:
        return PROJECT_ROOT / self.profile


class FinePrint(Strict):
    """Type a press can hold in register: below `single_ink_below_pt` one ink; reversed
    type (light on a darker ground) at least `reversed_min_pt` and bold."""

    single_ink_below_pt: PositiveFloat
    reversed_min_pt: PositiveFloat


class PressRules(Strict):
    """What a print shop expects around the finished piece: bleed, crop marks, slug line."""

    bleed: dict[Literal["in", "mm"], PositiveFloat]
    mark_gap_pt: PositiveFloat
    mark_length_in: PositiveFloat
    mark_weight_pt: Annotated[float, Field(ge=0.25, le=0.5)]
    slug_pt: PositiveFloat
    media_margin_pt: PositiveFloat
    registration: tuple[InkPercent, InkPercent, InkPercent, InkPercent]
    gutter: dict[Literal["in", "mm"], PositiveFloat]
    fine_print: FinePrint
    output_intents: Annotated[dict[str, OutputIntent], Field(min_length=1)]
    output_intent_by_unit: dict[Literal["in", "mm"], str]

    @model_validator(mode="after")
    def _known_intents(self) -> PressRules:
        for unit, name in self.output_intent_by_unit.items():
            if name not in self.output_intents:
                raise ValueError(f"output_intent_by_unit.{unit} names {name}; choose from: "
                                 f"{', '.join(self.output_intents)}")
        for unit in self.bleed:
            if unit not in self.output_intent_by_unit:
                raise ValueError(f"output_intent_by_unit lacks {unit}")
        return self

    def default_intent(self, unit: str) -> str:
        """The name of the printing condition a piece of this unit of size is made for."""
        return self.output_intent_by_unit[unit]  # type: ignore[index]

    def bleed_pt(self, unit: str) -> float:
        return self.bleed[unit] * POINTS_PER_UNIT[unit]  # type: ignore[index]

    def gutter_pt(self, unit: str) -> float:
        return self.gutter[unit] * POINTS_PER_UNIT[unit]  # type: ignore[index]

    def mark_offset_pt(self, unit: str) -> float:
        """Distance from the trim to where crop marks begin: always outside the bleed."""
        return self.bleed_pt(unit) + self.mark_gap_pt

    @model_validator(mode="after")
    def _room_for_marks_and_slug(self) -> PressRules:
        for unit in self.bleed:
            needed = self.mark_offset_pt(unit) + self.mark_length_in * 72 + 2 * self.slug_pt
            if needed > self.media_margin_pt:
                raise ValueError(f"media_margin_pt must be at least {needed:.1f} to hold "
                                 "the bleed, the crop marks and the slug line")
        return self


class HouseStyle(Strict):
    safe_margin_in: PositiveFloat
    # On office label sheets no colour runs to a cut edge: a desk printer drifts 1-2 mm.
    label_inset_mm: Annotated[float, Field(ge=2)]
    # A coloured band the inset would leave thinner than this reads as a printing fault
    # (a hairline): it is grown to this or dropped (catalogue/geometry.py).
    label_band_min_mm: Annotated[float, Field(ge=1)] = 3.0
    palette: dict[str, Colour]
    fonts: Fonts
    press: PressRules

    @model_validator(mode="after")
    def _required_colours(self) -> HouseStyle:
        missing = [name for name in REQUIRED_COLOURS if name not in self.palette]
        if missing:
            raise ValueError(f"palette lacks {', '.join(missing)}; the QR code needs them")
        return self

    @property
    def safe_margin_pt(self) -> float:
        return self.safe_margin_in * 72.0

    @property
    def label_inset_pt(self) -> float:
        return self.label_inset_mm * POINTS_PER_UNIT["mm"]

    @property
    def label_band_min_pt(self) -> float:
        return self.label_band_min_mm * POINTS_PER_UNIT["mm"]


def load_house(problems: ProblemsByFile, layouts_dir: Path = LAYOUTS_DIR) -> HouseStyle | None:
    """The house style, or None with the problems recorded."""
    return load(HouseStyle, layouts_dir / HOUSE_FILE, problems)
