"""A job ticket's row for each file: what the print shop needs to print and finish it —
sides and how to turn the sheet, stock and weight, finishing, quantity with overs, sheets,
and the paper (a press sheet, or for a file printed one a page the smallest common press
paper that holds it with its bleed and marks)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from markupsafe import Markup

from ..catalogue.jobs import SheetJob, imposition_for
from ..catalogue.load import Catalogue
from ..catalogue.profiles import OFFICE, output_intent
from ..catalogue.sheets import FLIPS
from ..catalogue.sizes import POINTS_PER_UNIT, Size
from ..compose.filters import fill
from ..documents.ticket import Row
from ..documents.ticket_text import TicketText
from .order_file import OrderItem
from .results import ItemResult
from .shop import Shop, press_paper

ORDERED_FLIP = FLIPS[0]  # orders impose two-sided sheets for the default turn, the long edge
NO_BREAK_SPACE = "\u00a0"


def whole(text: str) -> str:
    """A size as one unbreakable run: "US business card (3.5 × 2 in)" never wraps inside."""
    return text.replace(" ", NO_BREAK_SPACE)


def ticket_row(result: ItemResult, item: OrderItem | None, thumbnail: str | None,
               catalogue: Catalogue, shop: Shop, text: TicketText) -> Row:
    size = catalogue.sizes[result.size]
    sheet = catalogue.sheets[result.sheet] if result.sheet else None
    layout = catalogue.layouts.get(result.layout)
    two_sided = layout is not None and len(layout.pages_for(len(result.languages))) == 2
    trim = whole(size.dimensions)
    up = str(_up(result, catalogue))
    finishing: list[Markup] = []
    if sheet is not None and sheet.kind == "label":
        finishing.append(Markup(text.finishing.labels))
    elif sheet is not None:
        finishing.append(fill(text.finishing.cut, up=up, trim=trim))
    elif result.profile != OFFICE:
        finishing.append(fill(text.finishing.trim, trim=trim))
    if layout is not None and layout.tabs is not None:
        finishing.append(fill(text.finishing.tabs, tabs=str(layout.tabs.default)))
    if not finishing:
        finishing.append(Markup(text.finishing.none))
    stock = shop.stock.get(result.layout)
    default_stock, default_weight = (stock.stock, stock.weight) if stock else (text.none,
                                                                              text.none)
    if sheet is not None and sheet.kind == "label":
        default_stock, default_weight = sheet.title, shop.label_weight
    paper, detail = _paper(result, up, size, catalogue, shop, text)
    return Row(
        file=result.file, error=result.error, thumbnail=thumbnail,
        layout=layout.title if layout else result.layout,
        size=whole(size.title), dimensions=whole(size.dimensions),
        languages=[_language_name(code, catalogue) for code in result.languages],
        profile=result.profile,
        condition=(None if result.profile == OFFICE
                   else output_intent(catalogue.house, size).title),
        sides=text.sides.two if two_sided else text.sides.one,
        turn=(text.turn.none if not two_sided
              else getattr(text.turn, ORDERED_FLIP) if sheet is not None else text.turn.pages),
        stock=(item.stock if item and item.stock else default_stock),
        weight=(item.weight if item and item.weight else default_weight),
        finishing=finishing, pages=result.pages, quantity=result.quantity,
        overs=result.overs, sheets=result.sheets_needed, paper=paper, paper_detail=detail,
        warnings=result.warnings if result.ok else (),
    )


def _up(result: ItemResult, catalogue: Catalogue) -> int:
    """Pieces on each sheet: as made or, for an item that failed, as it would be planned."""
    if result.ok or not result.sheet:
        return result.per_sheet
    job = SheetJob(result.layout, result.size, result.profile, result.sheet,
                   ("+".join(result.languages),))
    return len(imposition_for(job, catalogue).fronts)


def _paper(result: ItemResult, up: str, size: Size, catalogue: Catalogue, shop: Shop,
           text: TicketText) -> tuple[str, list[str]]:
    """The paper a file prints on, and the details under it."""
    if result.sheet:
        sheet = catalogue.sheets[result.sheet]
        paper = catalogue.sizes[sheet.paper]
        return sheet.title, [str(fill(text.up, up=up)), whole(paper.dimensions)]
    if result.profile == OFFICE:
        return str(fill(text.one_a_page, paper=whole(size.title))), [whole(size.dimensions)]
    rules = catalogue.house.press
    margin = 2 * rules.media_margin_pt / POINTS_PER_UNIT[size.unit]
    media = f"{round(size.width + margin, 2):g} × {round(size.height + margin, 2):g} {size.unit}"
    file_size = str(fill(text.file_size, size=whole(media)))
    chosen = press_paper(shop, size, rules)
    if chosen is None:
        return text.no_paper, [file_size]
    return (str(fill(text.one_a_page, paper=whole(chosen.title))),
            [whole(chosen.dimensions), file_size])


def _language_name(code: str, catalogue: Catalogue) -> str:
    language = catalogue.languages.get(code)
    return language.language.name if language else code


def thumbnail_path(result: ItemResult, thumbnails: Mapping[str, Path]) -> Path | None:
    return thumbnails.get(result.file) if result.file and result.ok else None
