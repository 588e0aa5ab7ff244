"""Sheets that hold several pieces (layouts/sheets.yaml) and where each piece goes.

Positions are in points from the sheet's top-left corner, for the trimmed piece. Backs
are placed so that each lands behind its front when the sheet is turned over on its
long edge (left to right mirror on a portrait sheet) or its short edge (top to bottom).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import PositiveFloat, PositiveInt, model_validator

from ..paths import LAYOUTS_DIR
from .geometry import Rect
from .schema import Problems, Strict, load_mapping
from .sizes import POINTS_PER_UNIT, Size

SHEETS_FILE = "sheets.yaml"
FLIPS = ("long", "short")


class Sheet(Strict):
    title: str
    kind: Literal["label", "press"]
    paper: str
    piece: str | None = None
    columns: PositiveInt | None = None
    rows: PositiveInt | None = None
    left: float | None = None
    top: float | None = None
    pitch_x: PositiveFloat | None = None
    pitch_y: PositiveFloat | None = None

    @model_validator(mode="after")
    def _label_grid_complete(self) -> Sheet:
        grid = (self.piece, self.columns, self.rows, self.left, self.top, self.pitch_x,
                self.pitch_y)
        if self.kind == "label" and any(value is None for value in grid):
            raise ValueError("a label sheet needs piece, columns, rows, left, top, pitch_x "
                             "and pitch_y")
        if self.kind == "press" and any(value is not None for value in grid):
            raise ValueError("a press sheet fits pieces itself; give only title and paper")
        return self


def load_sheets(problems: Problems, layouts_dir: Path = LAYOUTS_DIR) -> dict[str, Sheet]:
    return load_mapping(Sheet, layouts_dir / SHEETS_FILE, problems)


@dataclass(frozen=True)
class Placement:
    """One piece on a sheet: its trimmed rectangle, and whether it is turned a quarter
    (content's top to the right: +90; to the left: -90)."""

    rect: Rect
    turn: int = 0


@dataclass(frozen=True)
class Imposition:
    """Where the pieces go on the fronts of a sheet, and the cut lines between them."""

    width: float
    height: float
    fronts: tuple[Placement, ...]
    bleed: float
    cuts_x: tuple[float, ...]
    cuts_y: tuple[float, ...]

    def backs(self, flip: str) -> tuple[Placement, ...]:
        """Where each front's back goes, in the same order, so that it lands behind its
        front when the sheet is turned over on its long edge (a left-right mirror on a
        portrait sheet) or its short edge (top-bottom). A turned piece's back turns the
        other way under a left-right mirror, so that both sides read the same way up."""
        backs = []
        for front in self.fronts:
            r = front.rect
            if flip == "long":
                backs.append(Placement(Rect(self.width - r.right, r.y, r.w, r.h), -front.turn))
            else:
                backs.append(Placement(Rect(r.x, self.height - r.bottom, r.w, r.h), front.turn))
        return tuple(backs)


def impose(sheet: Sheet, paper: Size, piece: Size, bleed: float, gutter: float,
           margin: float) -> Imposition:
    """The grid of pieces on a sheet: the published one for labels; for press sheets the
    most that fit (with bleed, gutter and `margin` for marks), upright or turned, centred."""
    width, height = paper.width_pt, paper.height_pt
    w, h = piece.width_pt, piece.height_pt
    if sheet.kind == "label":
        unit = POINTS_PER_UNIT[paper.unit]
        assert sheet.columns and sheet.rows and sheet.pitch_x and sheet.pitch_y
        left, top = (sheet.left or 0) * unit, (sheet.top or 0) * unit
        fronts = tuple(Placement(Rect(left + col * sheet.pitch_x * unit,
                                      top + row * sheet.pitch_y * unit, w, h))
                       for row in range(sheet.rows) for col in range(sheet.columns))
        return Imposition(width, height, fronts, 0.0, (), ())
    upright = _grid(width, height, w, h, bleed, gutter, margin, 0)
    turned = _grid(width, height, h, w, bleed, gutter, margin, 90)
    fronts = turned if len(turned) > len(upright) else upright
    cuts_x = tuple(sorted({x for p in fronts for x in (p.rect.x, p.rect.right)}))
    cuts_y = tuple(sorted({y for p in fronts for y in (p.rect.y, p.rect.bottom)}))
    return Imposition(width, height, fronts, bleed, cuts_x, cuts_y)


def _grid(width: float, height: float, w: float, h: float, bleed: float, gutter: float,
          margin: float, turn: int) -> tuple[Placement, ...]:
    pitch_x, pitch_y = w + 2 * bleed + gutter, h + 2 * bleed + gutter
    columns = int((width - 2 * margin + gutter) // pitch_x)
    rows = int((height - 2 * margin + gutter) // pitch_y)
    if columns < 1 or rows < 1:
        return ()
    left = (width - (columns * pitch_x - gutter)) / 2 + bleed
    top = (height - (rows * pitch_y - gutter)) / 2 + bleed
    return tuple(Placement(Rect(left + col * pitch_x, top + row * pitch_y, w, h), turn)
                 for row in range(rows) for col in range(columns))
