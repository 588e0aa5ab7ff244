"""How many pieces a sheet holds, without loading the layout engine."""

from __future__ import annotations

from .catalogue import Catalogue
from .jobs import SheetJob
from .sheets import Imposition, impose


def imposition_for(job: SheetJob, catalogue: Catalogue) -> Imposition:
    sheet = catalogue.sheets[job.sheet]
    rules = catalogue.house.press
    paper, piece = catalogue.sizes[sheet.paper], catalogue.sizes[job.size]
    bleed = rules.bleed_pt(piece.unit) if sheet.kind == "press" else 0.0
    gutter = job.gutter_pt if job.gutter_pt is not None else rules.gutter_pt(paper.unit)
    return impose(sheet, paper, piece, bleed, gutter, rules.sheet_margin_pt)


def pieces_per_sheet(job: SheetJob, catalogue: Catalogue) -> int:
    return len(imposition_for(job, catalogue).fronts)
