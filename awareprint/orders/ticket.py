"""The job ticket: one PDF for the print shop beside an order's files, listing each file
with a small preview, its size, quantity, sheets needed and paper.

Labels come from content/job-ticket/; the page from layouts/job-ticket/ (a template, not a
layout: it has no layout.yaml). Everything the order says is printed literally (escaped).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup
from PIL import Image
from pydantic import StringConstraints, model_validator

from ..catalogue.dates import document_date
from ..catalogue.language_checks import PLACEHOLDER
from ..catalogue.layouts import (  # labels: content/TICKET_FOLDER
    STYLE_FILE,
    TEMPLATE_FILE,
    TICKET_FOLDER,
)
from ..catalogue.load import Catalogue
from ..catalogue.profiles import OFFICE
from ..catalogue.schema import Problems, Strict, load
from ..compose.piece import fill, house_css
from ..errors import RenderError
from ..render import engine
from .order_file import LoadedOrder
from .results import ItemResult

TICKET_LANGUAGE = "en"
THUMBNAIL_PX = 180            # longest side of a preview: about 150 dpi as printed

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Fields(Strict):
    order: Label
    partner: Label
    contact: Label
    website: Label
    event: Label
    date: Label
    files: Label
    failed: Label
    warnings: Label


class Columns(Strict):
    preview: Label
    file: Label
    layout: Label
    size: Label
    languages: Label
    profile: Label
    pages: Label
    quantity: Label
    sheets: Label
    paper: Label


class Profiles(Strict):
    office: Label
    press: Label


class TicketText(Strict):
    """Every label of the ticket (content/job-ticket/en.yaml)."""

    title: Label
    document_title: Label  # {order}
    page: Label            # {page}, {pages}
    fields: Fields
    columns: Columns
    profiles: Profiles
    one_a_page: Label      # {paper}
    failed: Label
    warning: Label         # before each warning on a file's row
    no_preview: Label
    none: Label

    @model_validator(mode="after")
    def _known_placeholders(self) -> TicketText:
        allowed = {"document_title": {"order"}, "page": {"page", "pages"},
                   "one_a_page": {"paper"}}
        for key, names in allowed.items():
            unknown = set(PLACEHOLDER.findall(getattr(self, key))) - names
            if unknown:
                raise ValueError(f"{key} has {{{', '.join(sorted(unknown))}}}; it may use "
                                 f"{', '.join(f'{{{name}}}' for name in sorted(names))}")
        return self


@cache
def load_ticket_text(content_dir: Path) -> TicketText:
    """The ticket's labels, or a ContentError naming every problem."""
    problems = Problems()
    text = load(TicketText, content_dir / TICKET_FOLDER / f"{TICKET_LANGUAGE}.yaml", problems)
    problems.raise_if_any()
    assert text is not None
    return text


@dataclass(frozen=True)
class Row:
    """One result as the ticket prints it."""

    file: str | None
    error: str | None
    thumbnail: str | None  # data: URI
    layout: str
    size: str
    dimensions: str
    languages: list[str]
    profile: str
    pages: int
    quantity: int
    sheets: int
    sheet: str | None      # the sheet's title, for pieces many to a sheet
    paper: str
    paper_dimensions: str
    warnings: tuple[str, ...] = ()  # what the partner should know before printing it


def job_ticket_pdf(order: LoadedOrder, results: Sequence[ItemResult],
                   thumbnails: Mapping[str, Path], catalogue: Catalogue) -> bytes:
    """The job ticket of a batch as PDF bytes (US Letter, office colours, bundled fonts)."""
    text = load_ticket_text(catalogue.content_dir)
    folder = catalogue.layouts_dir / TICKET_FOLDER
    english = catalogue.languages[TICKET_LANGUAGE].language
    head = Markup("\n").join([
        Markup("<style>{}</style>").format(
            Markup(house_css(catalogue.house, OFFICE, catalogue.fonts_dir, [english]))),
        Markup('<link rel="stylesheet" href="{}">').format(STYLE_FILE),
        Markup("<style>@page{{@bottom-right{{content:{}}}}}</style>").format(
            _page_counter(text.page)),
    ])
    failed = sum(not result.ok for result in results)
    context = {
        "head": head,
        "lang": TICKET_LANGUAGE,
        "t": text,
        "order": order.path.name,
        "partner": order.order.partner,
        "date": document_date(catalogue.hotline.checked).date().isoformat(),
        "files": len(results) - failed,
        "failed": failed,
        "warned": sum(bool(result.warnings) for result in results if result.ok),
        "rows": [_row(result, thumbnails, catalogue) for result in results],
    }
    try:
        html = _environment(folder).get_template(TEMPLATE_FILE).render(context)
    except TemplateError as error:
        raise RenderError(f"layouts/{TICKET_FOLDER}/{TEMPLATE_FILE}: {error.message}; fix the "
                          f"template or add the label to content/{TICKET_FOLDER}/") from None
    document, warnings = engine.lay_out(html, folder.as_uri() + "/",
                                        (catalogue.layouts_dir, catalogue.fonts_dir))
    if warnings:
        raise RenderError(f"job ticket: the layout engine ignored part of the design: "
                          f"{warnings[0]}")
    return engine.write_pdf(document)


@cache
def _environment(folder: Path) -> Environment:
    environment = Environment(loader=FileSystemLoader(folder), autoescape=True,
                              undefined=StrictUndefined)
    environment.filters["fill"] = fill
    return environment


def _row(result: ItemResult, thumbnails: Mapping[str, Path], catalogue: Catalogue) -> Row:
    size = catalogue.sizes[result.size]
    sheet = catalogue.sheets[result.sheet] if result.sheet else None
    paper = catalogue.sizes[sheet.paper] if sheet else size
    layout = catalogue.layouts.get(result.layout)
    preview = thumbnails.get(result.file) if result.file else None
    return Row(
        file=result.file, error=result.error,
        thumbnail=_data_uri(preview) if preview and result.ok else None,
        layout=layout.title if layout else result.layout,
        size=size.title, dimensions=size.dimensions,
        languages=[_language_name(code, catalogue) for code in result.languages],
        profile=result.profile, pages=result.pages, quantity=result.quantity,
        sheets=result.sheets_needed, sheet=sheet.title if sheet else None,
        paper=paper.title, paper_dimensions=paper.dimensions,
        warnings=result.warnings if result.ok else (),
    )


def _language_name(code: str, catalogue: Catalogue) -> str:
    language = catalogue.languages.get(code)
    return language.language.name if language else code


def _data_uri(path: Path) -> str:
    """A preview made small (PNG, at most THUMBNAIL_PX a side, on white) as a data: URI."""
    try:
        with Image.open(path) as source:
            image = source.convert("RGBA")
    except OSError as error:
        raise RenderError(f"{path}: cannot read the preview for the job ticket ({error}); "
                          "render the previews again") from None
    image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX), Image.Resampling.LANCZOS)
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    buffer = io.BytesIO()
    flat.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _page_counter(label: str) -> Markup:
    """A label such as "Page {page} of {pages}" as CSS generated content with counters."""
    parts = PLACEHOLDER.split(label)  # text, name, text, name, ..., text
    css = [f"counter({part})" if index % 2 else _css_string(part)
           for index, part in enumerate(parts) if part or index % 2]
    return Markup(" ".join(css))


def _css_string(text: str) -> str:
    """Text as a quoted CSS string; anything but letters, digits and spaces is escaped."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} "
                         for ch in text) + '"'
