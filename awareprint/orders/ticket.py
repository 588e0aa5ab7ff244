"""The job ticket: one PDF for the print shop beside an order's files: who ordered it and
when it is due, and for each file a small preview, its size, sides and turn, stock,
finishing, quantity with overs, sheets and paper (rows: ticket_rows.py).

Labels come from content/job-ticket/; the page and the house defaults (shop.yaml) from
layouts/job-ticket/ (a template, not a layout: it has no layout.yaml). Everything the
order says is printed literally (escaped).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from jinja2 import TemplateError
from markupsafe import Markup
from PIL import Image

from ..catalogue.dates import document_date
from ..catalogue.language_checks import PLACEHOLDER
from ..catalogue.layouts import STYLE_FILE, TEMPLATE_FILE, TICKET_FOLDER
from ..catalogue.load import Catalogue
from ..catalogue.profiles import OFFICE
from ..compose.css import house_css
from ..compose.templates import template_environment
from ..engine.layout import lay_out, write_pdf
from ..errors import RenderError
from .order_file import LoadedOrder
from .results import ItemResult
from .shop import load_shop
from .ticket_rows import Row, thumbnail_path, ticket_row
from .ticket_text import TICKET_LANGUAGE, TicketText, load_ticket_text

__all__ = ["THUMBNAIL_PX", "Row", "TicketText", "job_ticket_pdf", "load_ticket_text"]

THUMBNAIL_PX = 180            # longest side of a preview: about 150 dpi as printed


def job_ticket_pdf(order: LoadedOrder, results: Sequence[ItemResult],
                   thumbnails: Mapping[str, Path], catalogue: Catalogue) -> bytes:
    """The job ticket of a batch as PDF bytes (US Letter landscape, office colours,
    bundled fonts)."""
    text = load_ticket_text(catalogue.content_dir)
    shop = load_shop(catalogue.layouts_dir)
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
    items = {item.number: item for item in order.items}
    rows: list[Row] = []
    for result in results:
        preview = thumbnail_path(result, thumbnails)
        rows.append(ticket_row(result, items.get(result.item),
                               _data_uri(preview) if preview else None, catalogue, shop, text))
    context = {
        "head": head,
        "lang": TICKET_LANGUAGE,
        "t": text,
        "order": order.path.name,
        "orderer": order.order.orderer,
        "due": order.order.due.isoformat() if order.order.due else None,
        "partner": order.order.partner,
        "date": document_date(catalogue.hotline.checked).date().isoformat(),
        "files": len(results) - failed,
        "failed": failed,
        "warned": sum(bool(result.warnings) for result in results if result.ok),
        "rows": rows,
    }
    try:
        html = template_environment(folder).get_template(TEMPLATE_FILE).render(context)
    except TemplateError as error:
        raise RenderError(f"layouts/{TICKET_FOLDER}/{TEMPLATE_FILE}: {error.message}; fix the "
                          f"template or add the label to content/{TICKET_FOLDER}/") from None
    document, warnings = lay_out(html, folder.as_uri() + "/",
                                        (catalogue.layouts_dir, catalogue.fonts_dir))
    if warnings:
        raise RenderError(f"job ticket: the layout engine ignored part of the design: "
                          f"{warnings[0]}")
    return write_pdf(document)


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
