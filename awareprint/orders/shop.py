"""The print shop's house defaults (layouts/job-ticket/shop.yaml): overs, the stock each
layout is printed on, and the press papers a file printed one a page may go on."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, NonNegativeInt, StringConstraints

from ..catalogue.geometry import Frame, Geometry
from ..catalogue.house import PressRules
from ..catalogue.layouts import TICKET_FOLDER
from ..catalogue.schema import ProblemsByFile, Strict, load
from ..catalogue.sizes import Size
from ..compose.marks import crop_marks, slug_box

SHOP_FILE = "shop.yaml"

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class Overs(Strict):
    percent: Annotated[float, Field(ge=0, le=100)]
    minimum: NonNegativeInt


class Stock(Strict):
    stock: Label
    weight: Label


class Shop(Strict):
    overs: Overs
    stock: dict[str, Stock]
    label_weight: Label
    papers: Annotated[list[Size], Field(min_length=1)]


@cache
def load_shop(layouts_dir: Path) -> Shop:
    """The house defaults, or a ContentError naming every problem."""
    problems = ProblemsByFile()
    shop = load(Shop, layouts_dir / TICKET_FOLDER / SHOP_FILE, problems)
    problems.raise_if_any()
    assert shop is not None
    return shop


def overs_for(shop: Shop, quantity: int) -> int:
    """The house's overs on a quantity."""
    return max(shop.overs.minimum, math.ceil(quantity * shop.overs.percent / 100))


def printed_extent(size: Size, rules: PressRules) -> tuple[float, float]:
    """Width and height in points a piece printed one a page needs on the paper: the trim
    with its bleed, crop marks and slug line, centred (as a press centres the file)."""
    bleed = rules.bleed_pt(size.unit)
    geometry = Geometry(size.width_pt, size.height_pt, 1.0, (), None, Frame(0.0, bleed))
    trim = geometry.trim
    rects = [trim.grown(bleed, bleed, bleed, bleed), slug_box(geometry, rules, size.unit),
             *(mark.rect for mark in crop_marks(geometry, rules, size.unit))]
    reach_x = max(max(trim.x - r.x, r.right - trim.right) for r in rects)
    reach_y = max(max(trim.y - r.y, r.bottom - trim.bottom) for r in rects)
    return trim.w + 2 * reach_x, trim.h + 2 * reach_y


def press_paper(shop: Shop, size: Size, rules: PressRules) -> Size | None:
    """The smallest common press paper in the size's unit that holds a press file of it,
    either way round; None when none is large enough."""
    width, height = printed_extent(size, rules)
    fits = [paper for paper in shop.papers if paper.unit == size.unit and _holds(
        paper, width, height)]
    return min(fits, key=lambda paper: paper.width_pt * paper.height_pt, default=None)


def _holds(paper: Size, width: float, height: float) -> bool:
    tolerance = 0.01
    return any(w + tolerance >= width and h + tolerance >= height
               for w, h in ((paper.width_pt, paper.height_pt),
                            (paper.height_pt, paper.width_pt)))

