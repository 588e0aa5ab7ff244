"""Reading finished PDFs back the way a person or a print shop would check them."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pikepdf
import pypdf
import pypdfium2
import zxingcpp

from awareprint.preflight import structure as pdfinspect
from awareprint.preflight.fonts import bundled_source
from awareprint.preflight.text import read_pages

# A PDF's read-back, kept per process for the files the tests read back most: several
# tests read the same cached render the same way (its characters, its text, its QR codes).
# Keyed by the file's bytes, so a file read back is always the file asked about; what is
# handed out is a fresh list of frozen values, so no test changes what another one reads.
READ_BACKS_KEPT = 128
PARSED_KEPT = 24  # pdfplumber's parse of a page is most of reading it back


def plumbed(pdf: bytes) -> contextlib.AbstractContextManager[pdfplumber.PDF]:
    """The file as pdfplumber reads it (`with plumbed(pdf) as document:`), kept open per
    process by its bytes: each page is parsed once however many tests read it. Its pages'
    objects are shared: read them, filter or sort them into lists of your own, but never
    change them in place."""
    return contextlib.nullcontext(_parsed(pdf))


@lru_cache(maxsize=PARSED_KEPT)
def _parsed(pdf: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(pdf))


@lru_cache(maxsize=READ_BACKS_KEPT)
def text_of(pdf: bytes) -> str:
    """All text of all pages, as a text extractor (and a screen reader) sees it."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@lru_cache(maxsize=READ_BACKS_KEPT)
def lines_of(pdf: bytes) -> str:
    """The upright text laid out in lines by position (pdfplumber), as a reader scans the
    page. Turned text (tear-off tabs) is left out: test_tearoff reads it in its own order."""
    with plumbed(pdf) as document:
        return "\n".join(
            page.filter(lambda obj: obj.get("upright", True)).extract_text() or ""
            for page in document.pages)


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        sizes = []
        for page in document.pages:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            sizes.append((x1 - x0, y1 - y0))
        return sizes


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool


def chars(pdf: bytes, page_index: int = 0) -> list[Char]:
    """Every visible character with its box in points from the top-left of the page."""
    return list(_chars(pdf, page_index))


@lru_cache(maxsize=READ_BACKS_KEPT)
def _chars(pdf: bytes, page_index: int) -> tuple[Char, ...]:
    with plumbed(pdf) as document:
        page = document.pages[page_index]
        return tuple(
            Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c["upright"])
            for c in page.chars
            if c["text"].strip()
        )


@dataclass(frozen=True)
class Printed:
    """A visible character and the size of its type as printed, turned text too (where
    pdfplumber's size is the height of a turned glyph's box): a box from the page's top."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def printed(pdf: bytes, page_index: int = 0) -> list[Printed]:
    """Every visible character of a page with its type size, read by pdfium."""
    return list(_printed(pdf, page_index))


@lru_cache(maxsize=READ_BACKS_KEPT)
def _printed(pdf: bytes, page_index: int) -> tuple[Printed, ...]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        height = document[page_index].get_size()[1]
        page = read_pages(document)[page_index]
    finally:
        document.close()
    return tuple(Printed(g.char, g.x0, g.x1, height - g.y1, height - g.y0, g.size)
                 for g in page.glyphs)


def smallest(characters: list[Printed]) -> tuple[float, str]:
    """The smallest type among `characters` and the text set at that size (to name it in
    a failure)."""
    least = min(c.size for c in characters)
    return least, "".join(c.text for c in characters if c.size < least + 0.01)[:40]


def embedded_fonts(pdf: bytes) -> Iterator[tuple[str, bytes | None]]:
    """(BaseFont, embedded font program or None) for every font, in forms too."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for font in pdfinspect.fonts(document):
            yield font.name, font.program


def font_source(program: bytes) -> str | None:
    """The bundled font file an embedded subset was cut from, or None."""
    return bundled_source(program)


def decode_qr(pdf: bytes | Path, page_index: int, longest_side_px: int = 3000) -> list[str]:
    """Rasterise a page (as a phone camera would see the print) and decode its QR codes."""
    if isinstance(pdf, bytes):
        return list(_decoded_qr(pdf, page_index, longest_side_px))
    return list(_decode_qr(pdf, page_index, longest_side_px))


@lru_cache(maxsize=READ_BACKS_KEPT)
def _decoded_qr(pdf: bytes, page_index: int, longest_side_px: int) -> tuple[str, ...]:
    return _decode_qr(pdf, page_index, longest_side_px)


def _decode_qr(pdf: bytes | Path, page_index: int, longest_side_px: int) -> tuple[str, ...]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[page_index]
        width, height = page.get_size()
        scale = min(300 / 72, longest_side_px / max(width, height))
        image = page.render(scale=scale).to_pil()
    finally:
        document.close()
    # QR codes only: a one-dimensional reader may take a run of ruled lines or a bulleted
    # list for an EAN barcode
    return tuple(result.text for result in zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormat.QRCode))


@dataclass(frozen=True)
class Placed:
    """A Form XObject drawn on a page: its name and the rectangle its BBox lands on, in
    points from the page's top-left corner."""

    name: str
    x: float
    y: float
    w: float
    h: float


def placements(pdf: bytes, page_index: int) -> list[Placed]:
    """Every Form XObject drawn on a page, in drawing order."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[page_index]
        height = float(page.MediaBox[3])
        xobjects = page.Resources.get("/XObject", {})
        matrix = pikepdf.Matrix()
        stack = []
        found = []
        for instruction in pikepdf.parse_content_stream(page):
            operator = str(instruction.operator)
            if operator == "q":
                stack.append(matrix)
            elif operator == "Q":
                matrix = stack.pop() if stack else pikepdf.Matrix()
            elif operator == "cm":
                matrix = pikepdf.Matrix(*[float(v) for v in instruction.operands]) @ matrix
            elif operator == "Do":
                name = str(instruction.operands[0])
                x0, y0, x1, y1 = (float(v) for v in xobjects[name].BBox)
                corners = [matrix.transform((x, y)) for x in (x0, x1) for y in (y0, y1)]
                xs, ys = [c[0] for c in corners], [c[1] for c in corners]
                found.append(Placed(name, min(xs), height - max(ys), max(xs) - min(xs),
                                    max(ys) - min(ys)))
        return found


def assert_inside_cells(rects: list[dict], cells: list, inset: float) -> None:
    """Every drawn rectangle lies in the sheet cell (label) under its middle, at least
    `inset` points inside that cell's cut on every side."""
    for rect in rects:
        middle = ((rect["x0"] + rect["x1"]) / 2, (rect["top"] + rect["bottom"]) / 2)
        (cell,) = [c for c in cells if c.x <= middle[0] <= c.x + c.w
                   and c.y <= middle[1] <= c.y + c.h]
        margin = inset - 0.01
        assert cell.x + margin <= rect["x0"] and rect["x1"] <= cell.x + cell.w - margin
        assert cell.y + margin <= rect["top"] and rect["bottom"] <= cell.y + cell.h - margin


def assert_reads_back(catalogue, pdf: bytes, language: str) -> None:
    """The hotline printed right and its call digits in order, the QR code leading to it,
    every font one of ours, and the document's language the piece's first."""
    text = text_of(pdf)
    hotline = catalogue.hotline
    assert hotline.call.display in text
    assert hotline.call.digits in digits_of(text), "the call digits are not in order"
    assert hotline.text.display in text
    pages = len(page_sizes(pdf))
    targets = [target for page in range(pages) for target in decode_qr(pdf, page)]
    assert targets == [hotline.qr_target]
    for base_font, program in embedded_fonts(pdf):
        assert program is not None and font_source(program), f"{base_font} not from fonts/"
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == language


def pdfium_text(pdf: bytes) -> str:
    """All text of all pages as pdfium reads it (a browser's copy and search)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def right_to_left_words(pdf: bytes) -> list[str]:
    """The upright words of all pages as pdfplumber reads them right to left (each line's
    characters from the right, each as its font maps it): right-to-left words in reading
    order, left-to-right ones reversed."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [word for page in document.pages
                for word in (page.filter(lambda obj: obj.get("upright", True)).extract_text(
                    char_dir="rtl", char_dir_render="ltr") or "").split()]
