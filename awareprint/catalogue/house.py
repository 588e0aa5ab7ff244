"""The house style from layouts/house.yaml: palette, type family, safe margin."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, PositiveFloat, PrivateAttr, model_validator

from ..paths import LAYOUTS_DIR, PROJECT_ROOT
from .colorimetry import ProfileError, office_srgb
from .schema import ProblemsByFile, Strict, load
from .sizes import POINTS_PER_UNIT

HOUSE_FILE = "house.yaml"

InkPercent = Annotated[int, Field(ge=0, le=100)]
Cmyk = tuple[InkPercent, InkPercent, InkPercent, InkPercent]
REQUIRED_COLOURS = ("ink", "paper")  # the QR code is drawn in ink on paper
SOLID, SMALL, FINE = "solid", "small", "fine"  # a colour's builds, by what they print


def inks(cmyk: tuple[float, ...]) -> int:
    """How many plates a CMYK colour prints on."""
    return sum(1 for value in cmyk if value > 0)


@dataclass(frozen=True)
class Swatch:
    """One build of a palette colour: the inks it prints in, and the office sRGB that
    proofs it (the build as the house's printing condition prints it, converted)."""

    cmyk: tuple[int, int, int, int]
    rgb: str


class Colour(Strict):
    """A palette colour, defined once in CMYK; its office RGB is derived from the CMYK
    through the house's printing condition (press.proof_intent). Type a press cannot
    hold in register prints in another build: `small` (at most two inks) for type under
    fine_print.two_inks_below_pt, `fine` (one ink) for type under
    fine_print.single_ink_below_pt and for QR codes; each is a CMYK build of the same
    colour or the name of another palette colour where no such build matches it."""

    cmyk: Cmyk
    small: Cmyk | str | None = None
    fine: Cmyk | str | None = None
    _swatches: dict[str, Swatch] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _builds_are_registration_safe(self) -> Colour:
        if isinstance(self.small, tuple) and inks(self.small) > 2:
            raise ValueError("small must print in two inks at most")
        if isinstance(self.fine, tuple) and inks(self.fine) != 1:
            raise ValueError("fine must be a single ink (one of the four channels above 0)")
        if self.small is None and inks(self.cmyk) > 2:
            raise ValueError("a colour of more than two inks needs `small`: the build of "
                             "at most two inks (or another palette colour) small type "
                             "prints in")
        return self

    @property
    def rgb(self) -> str:
        """The office colour: the CMYK build as it prints, in sRGB."""
        return self.swatch(SOLID).rgb

    @property
    def fine_cmyk(self) -> tuple[int, int, int, int]:
        """The colour as fine detail (a QR code) prints it."""
        return self.swatch(FINE).cmyk

    def swatch(self, build: str) -> Swatch:
        """The solid, small or fine build; a colour without that build prints as itself."""
        return self._swatches.get(build) or self._swatches[SOLID]

    def has_build(self, build: str) -> bool:
        return build in self._swatches

    def for_type(self, size_pt: float, rules: FinePrint) -> Swatch:
        """The build type of this size prints in."""
        if size_pt < rules.single_ink_below_pt:
            return self.swatch(FINE) if self.has_build(FINE) else self.swatch(SMALL)
        if size_pt < rules.two_inks_below_pt:
            return self.swatch(SMALL)
        return self.swatch(SOLID)


class Optical(Strict):
    """A face built from `source` drawn `scale` times larger (fonts/build_optical.py)."""

    source: str
    scale: Annotated[float, Field(gt=1, le=1.5)]


class FontFace(Strict):
    family: str
    file: str
    weight: Annotated[int, Field(ge=100, le=900)]
    style: Literal["normal", "italic"] = "normal"
    optical: Optical | None = None


class Fonts(Strict):
    """The bundled faces, and which families set each script, first choice first."""

    faces: Annotated[list[FontFace], Field(min_length=1)]
    scripts: dict[str, Annotated[list[str], Field(min_length=1)]]
    # The line height a script's running text and headlines need at least, where its
    # marks and descenders reach further than Latin's (Arabic: a line's dots and the
    # tail of ى would touch the next line's at Latin leading).
    leading: dict[str, Annotated[float, Field(ge=1, le=2.5)]] = Field(default_factory=dict)
    headline_leading: dict[str, Annotated[float, Field(ge=1, le=2.5)]] = Field(
        default_factory=dict)

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
    """Type a press can hold in register: below `single_ink_below_pt` one ink, below
    `two_inks_below_pt` at most two; reversed type (light on a darker ground) at least
    `reversed_min_pt` and bold."""

    single_ink_below_pt: PositiveFloat
    two_inks_below_pt: PositiveFloat
    reversed_min_pt: PositiveFloat

    @model_validator(mode="after")
    def _ordered(self) -> FinePrint:
        if self.two_inks_below_pt < self.single_ink_below_pt:
            raise ValueError("two_inks_below_pt must be at least single_ink_below_pt")
        return self

    def inks_allowed(self, size_pt: float) -> int:
        """How many inks type of this size may print in (4: any)."""
        if size_pt < self.single_ink_below_pt:
            return 1
        return 2 if size_pt < self.two_inks_below_pt else 4


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
    # The printing condition the palette is proofed in: office RGB is each CMYK build as
    # this condition prints it. One CMYK set serves every condition (tests/catalogue/
    # test_palette.py holds each within Delta E 3 of its office colour).
    proof_intent: str

    @model_validator(mode="after")
    def _known_intents(self) -> PressRules:
        if self.proof_intent not in self.output_intents:
            raise ValueError(f"proof_intent names {self.proof_intent}; choose from: "
                             f"{', '.join(self.output_intents)}")
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

    @model_validator(mode="after")
    def _office_colours(self) -> HouseStyle:
        """Each colour's builds with the office sRGB derived from their CMYK; a build named
        by another colour is that colour's solid build, which must itself be safe."""
        profile = self.press.output_intents[self.press.proof_intent].profile_path
        limits = {SMALL: 2, FINE: 1}
        for name, colour in self.palette.items():
            builds: dict[str, tuple[int, int, int, int]] = {SOLID: colour.cmyk}
            for build in (SMALL, FINE):
                chosen = getattr(colour, build)
                if isinstance(chosen, str):
                    other = self.palette.get(chosen)
                    if other is None or inks(other.cmyk) > limits[build]:
                        raise ValueError(f"palette.{name}.{build} names '{chosen}', which is "
                                         f"not a palette colour of {limits[build]} ink(s) "
                                         "at most")
                    chosen = other.cmyk
                if chosen is not None:
                    builds[build] = chosen
            if FINE in builds and SMALL not in builds and inks(colour.cmyk) > 2:
                builds[SMALL] = builds[FINE]
            try:
                colour._swatches = {build: Swatch(cmyk, office_srgb(cmyk, profile))
                                    for build, cmyk in builds.items()}
            except (OSError, ProfileError) as error:
                raise ValueError(f"the proof profile {profile.name} cannot be read: "
                                 f"{error}") from None
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
