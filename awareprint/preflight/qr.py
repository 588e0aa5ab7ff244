"""QR codes read back as a phone would: each decoded from a raster of its own region.

A QR code drawn as vector art is one path of hundreds of segments; a raster QR code is an
image. Each such object that is about square is rendered alone, at a resolution that gives
its modules several pixels each, and decoded with ZXing. A page of any size thus costs a
few small rasters instead of one large one. A file not made by us whose code is drawn
some other way is also searched on a raster of the whole page.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium
import zxingcpp

from .matrices import IDENTITY, Matrix, multiply, transform

MIN_PATH_SEGMENTS = 100      # fewer: a logo or a rule, not a code of 21 × 21 modules or more
MAX_ASPECT = 1.25            # a QR code is square; its art is within this of square
MIN_SIDE_PT = 18.0           # a quarter inch: smaller is no scannable code
REGION_PX = 480              # the region's longer side when rendered: 8+ px a module
QUIET_MARGIN = 0.15          # of the code's width, around its dark modules (4 of 25+)
MAX_CANDIDATES = 64          # per page: a 10-up sheet has 10 codes
PAGE_LONGEST_PX = 2000       # the whole-page search, for files not made by us

Bounds = tuple[float, float, float, float]  # left, bottom, right, top in page points


@dataclass(frozen=True)
class FoundCode:
    """A QR code read back: its page (from 0), the box of the art it was read from (None
    when only the whole-page search found it) and its text."""

    page: int
    bounds: Bounds | None
    text: str


def qr_targets(document: pypdfium2.PdfDocument, whole_page_search: bool) -> list[str]:
    """The text of every QR code on every page, one entry per code found."""
    return [code.text for code in qr_codes(document, whole_page_search)]


def qr_codes(document: pypdfium2.PdfDocument, whole_page_search: bool) -> list[FoundCode]:
    """Every QR code on every page, with where its art lies."""
    codes: list[FoundCode] = []
    for number, page in enumerate(document):
        try:
            found = [FoundCode(number, bounds, text) for bounds in _candidates(page)
                     for text in _decode(page, bounds)]
            if not found and whole_page_search:
                found = [FoundCode(number, None, text) for text in _decode_page(page)]
            codes += found
        finally:
            page.close()
    return codes


def _candidates(page: pypdfium2.PdfPage) -> list[Bounds]:
    regions = []
    for kind, obj, matrix in _objects(page.raw):
        if kind == pdfium.FPDF_PAGEOBJ_PATH and pdfium.FPDFPath_CountSegments(
                obj) < MIN_PATH_SEGMENTS:
            continue
        if kind not in (pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_IMAGE):
            continue
        bounds = transform(_bounds(obj), matrix)
        width, height = bounds[2] - bounds[0], bounds[3] - bounds[1]
        if min(width, height) >= MIN_SIDE_PT and max(width, height) <= MAX_ASPECT * min(
                width, height):
            regions.append(bounds)
        if len(regions) >= MAX_CANDIDATES:
            break
    return regions


def _objects(page: object) -> Iterator[tuple[int, object, Matrix]]:
    """(type, object, matrix from its parent's space to the page) for every object on the
    page and inside the forms it draws; a form's objects report bounds in the form's space."""
    stack: list[tuple[object, bool, Matrix]] = [(page, False, IDENTITY)]
    while stack:
        parent, is_form, matrix = stack.pop()
        count = (pdfium.FPDFFormObj_CountObjects(parent) if is_form
                 else pdfium.FPDFPage_CountObjects(parent))
        for index in range(count):
            obj = (pdfium.FPDFFormObj_GetObject(parent, index) if is_form
                   else pdfium.FPDFPage_GetObject(parent, index))
            kind = pdfium.FPDFPageObj_GetType(obj)
            yield kind, obj, matrix
            if kind == pdfium.FPDF_PAGEOBJ_FORM:
                own = pdfium.FS_MATRIX()
                pdfium.FPDFPageObj_GetMatrix(obj, own)
                stack.append((obj, True, multiply(
                    (own.a, own.b, own.c, own.d, own.e, own.f), matrix)))


def _bounds(obj: object) -> Bounds:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value


def _decode(page: pypdfium2.PdfPage, bounds: Bounds) -> list[str]:
    """Render one region, with a quiet zone around it, and decode what is there."""
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    x0, y0, x1, y1 = bounds
    margin = QUIET_MARGIN * max(x1 - x0, y1 - y0)
    x0, y0 = max(left, x0 - margin), max(bottom, y0 - margin)
    x1, y1 = min(right, x1 + margin), min(top, y1 + margin)
    if x1 <= x0 or y1 <= y0:
        return []
    scale = REGION_PX / max(x1 - x0, y1 - y0)
    crop = (x0 - left, y0 - bottom, width - (x1 - left), height - (y1 - bottom))
    bitmap = page.render(scale=scale, crop=crop, grayscale=True)
    try:
        return [result.text for result in zxingcpp.read_barcodes(
            bitmap.to_pil(), formats=zxingcpp.BarcodeFormat.QRCode)]
    finally:
        bitmap.close()


def _decode_page(page: pypdfium2.PdfPage) -> list[str]:
    width, height = page.get_size()
    scale = min(200 / 72, PAGE_LONGEST_PX / max(width, height))
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return [result.text for result in zxingcpp.read_barcodes(bitmap.to_pil())]
    finally:
        bitmap.close()
