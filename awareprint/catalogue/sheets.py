"""Sheets that hold several pieces (layouts/sheets.yaml) and where each piece goes.

Positions are in points from the sheet's top-left corner, for the trimmed piece. Backs
are placed so that each lands behind its front when the sheet is turned over on its
long edge (left to right mirror on a portrait sheet) or its short edge (top to bottom).
Press sheets are planned by press_plan.py: the most pieces, with the crop marks and the
slug line in whatever room the sheet leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import NonNegativeFloat, PositiveFloat, PositiveInt, model_validator

from ..paths import LAYOUTS_DIR
from .geometry import Rect
from .house import PressRules
from .press_plan import MarkRoom, plan_press_sheet
from .schema import ProblemsByFile, Strict, load_mapping
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
    edge: NonNegativeFloat | None = None        # press: the rim a press leaves unprinted
    shortest_mark: PositiveFloat | None = None  # press: a crop mark is never shorter

    @model_validator(mode="after")
    def _label_grid_complete(self) -> Sheet:
        grid = (self.piece, self.columns, self.rows, self.left, self.top, self.pitch_x,
                self.pitch_y)
        press = (self.edge, self.shortest_mark)
        if self.kind == "label" and any(value is None for value in grid):
            raise ValueError("a label sheet needs piece, columns, rows, left, top, pitch_x "
                             "and pitch_y")
        if self.kind == "label" and any(value is not None for value in press):
            raise ValueError("a label sheet has fixed positions and no marks; drop edge and "
                             "shortest_mark")
        if self.kind == "press" and any(value is not None for value in grid):
            raise ValueError("a press sheet fits pieces itself; give only title, paper, "
                             "edge and shortest_mark")
        if self.kind == "press" and any(value is None for value in press):
            raise ValueError("a press sheet needs edge (the rim the press leaves unprinted) "
                             "and shortest_mark, in the paper's unit")
        return self


def load_sheets(problems: ProblemsByFile, layouts_dir: Path = LAYOUTS_DIR) -> dict[str, Sheet]:
    return load_mapping(Sheet, layouts_dir / SHEETS_FILE, problems)


@dataclass(frozen=True)
class Placement:
    """One piece on a sheet: its trimmed rectangle, and whether it is turned a quarter
    (content's top to the right: +90; to the left: -90)."""

    rect: Rect
    turn: int = 0


@dataclass(frozen=True)
class Imposition:
    """Where the pieces go on the fronts of a sheet, the cut lines between them, and (press
    sheets) the crop marks and the slug line's box on the front."""

    width: float
    height: float
    fronts: tuple[Placement, ...]
    bleed: float
    cuts_x: tuple[float, ...]
    cuts_y: tuple[float, ...]
    marks: tuple[Rect, ...] = ()
    slug: Rect | None = None

    def backs(self, flip: str) -> tuple[Placement, ...]:
        """Where each front's back goes, in the same order, so that it lands behind its
        front when the sheet is turned over on its long edge (a left-right mirror on a
        portrait sheet) or its short edge (top-bottom). A turned piece's back turns the
        other way under a left-right mirror, so that both sides read the same way up."""
        turn = -1 if flip == "long" else 1
        return tuple(Placement(self.mirrored(front.rect, flip), turn * front.turn)
                     for front in self.fronts)

    def back_marks(self, flip: str) -> tuple[Rect, ...]:
        """The marks of the back: behind the front's, so both sides show the same cuts."""
        return tuple(self.mirrored(mark, flip) for mark in self.marks)

    def back_slug(self, flip: str) -> Rect | None:
        return self.mirrored(self.slug, flip) if self.slug else None

    def mirrored(self, rect: Rect, flip: str) -> Rect:
        if flip == "long":
            return Rect(self.width - rect.right, rect.y, rect.w, rect.h)
        return Rect(rect.x, self.height - rect.bottom, rect.w, rect.h)


def impose(sheet: Sheet, paper: Size, piece: Size, bleed: float, gutter: float,
           rules: PressRules) -> Imposition:
    """The grid of pieces on a sheet: the published one for labels; for press sheets the
    most that fit with their bleed and gutter, upright or turned, with room for the marks
    (press_plan.py)."""
    width, height = paper.width_pt, paper.height_pt
    w, h = piece.width_pt, piece.height_pt
    unit = POINTS_PER_UNIT[paper.unit]
    if sheet.kind == "label":
        assert sheet.columns and sheet.rows and sheet.pitch_x and sheet.pitch_y
        left, top = (sheet.left or 0) * unit, (sheet.top or 0) * unit
        fronts = tuple(Placement(Rect(left + col * sheet.pitch_x * unit,
                                      top + row * sheet.pitch_y * unit, w, h))
                       for row in range(sheet.rows) for col in range(sheet.columns))
        return Imposition(width, height, fronts, 0.0, (), ())
    assert sheet.edge is not None and sheet.shortest_mark is not None
    room = MarkRoom(gap=rules.mark_gap_pt, length=rules.mark_length_in * 72,
                    shortest=sheet.shortest_mark * unit, weight=rules.mark_weight_pt,
                    slug=rules.slug_pt * 1.5, edge=sheet.edge * unit)
    plan = plan_press_sheet(width, height, w, h, bleed, gutter, room)
    if plan is None:
        return Imposition(width, height, (), bleed, (), ())
    fronts = tuple(Placement(rect, plan.turn) for rect in plan.pieces)
    cuts_x = tuple(sorted({x for p in fronts for x in (p.rect.x, p.rect.right)}))
    cuts_y = tuple(sorted({y for p in fronts for y in (p.rect.y, p.rect.bottom)}))
    return Imposition(width, height, fronts, bleed, cuts_x, cuts_y, plan.marks,
                      plan.slug)
