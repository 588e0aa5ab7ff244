"""The page boxes of a press file: TrimBox the finished piece, BleedBox trim + bleed."""

from __future__ import annotations

import pikepdf

from ..catalogue.geometry import Rect


def set_page_boxes(document: pikepdf.Pdf, trim: Rect, bleed: float) -> None:
    """Every page's TrimBox and BleedBox from `trim` (in the engine's page, from its
    top-left corner) and `bleed`; no CropBox or ArtBox."""
    for page in document.pages:
        media = [float(v) for v in page.MediaBox]
        height = media[3] - media[1]
        page.TrimBox = _pdf_box(trim, height)
        page.BleedBox = _pdf_box(trim.grown(bleed, bleed, bleed, bleed), height)
        for box in ("/CropBox", "/ArtBox"):
            if box in page.obj:
                del page.obj[box]


def _pdf_box(rect: Rect, page_height: float) -> pikepdf.Array:
    """A top-left-origin rectangle as a PDF box (bottom-left origin), rounded to 1/1000 pt."""
    return pikepdf.Array([round(rect.x, 3), round(page_height - rect.bottom, 3),
                          round(rect.right, 3), round(page_height - rect.y, 3)])
