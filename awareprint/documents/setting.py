"""How a document about the pieces is set (the proof, the job ticket): its template from
layouts/<folder>/ with its labels, the house's type in office colours, laid out by the
engine with nothing of the design ignored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from markupsafe import Markup

from ..catalogue.layouts import STYLE_FILE, TEMPLATE_FILE
from ..catalogue.load import Catalogue
from ..catalogue.profiles import OFFICE
from ..compose.css import house_css
from ..compose.templates import template_environment
from ..engine.layout import Document, lay_out
from ..errors import RenderError


def document_head(catalogue: Catalogue, language: str, *more: Markup) -> Markup:
    """The house's type and colours for an office document in `language`, its own
    stylesheet, and `more`."""
    spec = catalogue.languages[language].language
    return Markup("\n").join([
        Markup("<style>{}</style>").format(
            Markup(house_css(catalogue.house, OFFICE, catalogue.fonts_dir, [spec]))),
        Markup('<link rel="stylesheet" href="{}">').format(STYLE_FILE),
        *more,
    ])


def set_document(name: str, folder: str, catalogue: Catalogue, context: dict[str, Any],
                 readable: tuple[Path, ...] = ()) -> Document:
    """The document `name` (as its errors call it) laid out from layouts/`folder`/ with
    `context`; it may read the project's layouts and fonts and `readable`."""
    where = catalogue.layouts_dir / folder
    try:
        html = template_environment(where).get_template(TEMPLATE_FILE).render(context)
    except TemplateError as error:
        raise RenderError(f"layouts/{folder}/{TEMPLATE_FILE}: {error.message}; fix the "
                          f"template or add the label to content/{folder}/") from None
    document, warnings = lay_out(html, where.as_uri() + "/",
                                 (catalogue.layouts_dir, catalogue.fonts_dir, *readable))
    if warnings:
        raise RenderError(f"{name}: the layout engine ignored part of the design: "
                          f"{warnings[0]}")
    return document
