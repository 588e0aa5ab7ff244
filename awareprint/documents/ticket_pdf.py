"""The job ticket: one PDF for the print shop beside an order's files: who ordered it and
when it is due, and for each file a small preview, its size, sides and turn, stock,
finishing, quantity with overs, sheets and paper. It takes a Ticket, the order told in
the ticket's own terms (orders/order_ticket.py makes one from an order and its results).

Labels come from content/job-ticket/; the page from layouts/job-ticket/ (a template, not
a layout: it has no layout.yaml). Everything the order says is printed literally
(escaped).
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from markupsafe import Markup
from PIL import Image

from ..catalogue.dates import document_date
from ..catalogue.language_checks import PLACEHOLDER
from ..catalogue.layouts import TICKET_FOLDER
from ..catalogue.load import Catalogue
from ..engine.layout import write_pdf
from ..errors import RenderError
from .setting import document_head, set_document
from .ticket import Ticket
from .ticket_text import TICKET_LANGUAGE, load_ticket_text

THUMBNAIL_PX = 180            # longest side of a preview: about 150 dpi as printed


def job_ticket_pdf(ticket: Ticket, catalogue: Catalogue) -> bytes:
    """The job ticket as PDF bytes (US Letter landscape, office colours, bundled fonts)."""
    text = load_ticket_text(catalogue.content_dir)
    head = document_head(catalogue, TICKET_LANGUAGE, Markup(
        "<style>@page{{@bottom-right{{content:{}}}}}</style>").format(_page_counter(text.page)))
    failed = sum(not row.ok for row in ticket.rows)
    context = {
        "head": head,
        "lang": TICKET_LANGUAGE,
        "t": text,
        "order": ticket.order,
        "orderer": ticket.orderer,
        "due": ticket.due,
        "partner": ticket.partner,
        "date": ticket.issued or document_date(catalogue.hotline.checked).date().isoformat(),
        "job": ticket.job,
        "deliver_to": ticket.deliver_to,
        "unreviewed": ticket.unreviewed,
        "files": len(ticket.rows) - failed,
        "failed": failed,
        "warned": sum(bool(row.warnings) for row in ticket.rows if row.ok),
        "rows": ticket.rows,
        "compact": False,
    }
    document = set_document("job ticket", TICKET_FOLDER, catalogue, context)
    if len(document.pages) > 1:
        # Set closer, a short order often fits a page less: no last page left nearly empty.
        closer = set_document("job ticket", TICKET_FOLDER, catalogue,
                              {**context, "compact": True})
        if len(closer.pages) < len(document.pages):
            document = closer
    return write_pdf(document)


def preview_uri(path: Path) -> str:
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
