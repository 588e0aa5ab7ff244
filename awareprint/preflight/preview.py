"""PNG previews of finished PDFs (pypdfium2), trimmed to the finished piece."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2

from ..output import write_atomic

PREVIEW_DPI = 150


def page_images(pdf: bytes | Path, dpi: float = 100, trimmed: bool = False) -> list:
    """Every page rasterised to a PIL image at `dpi`; `trimmed` cuts it to the TrimBox."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    crops = _trim_crops(data) if trimmed else None
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.render(scale=dpi / 72, crop=crops[i] if crops else (0, 0, 0, 0)).to_pil()
                for i, page in enumerate(document)]
    finally:
        document.close()


def page_png(pdf: bytes, index: int, max_px: int) -> bytes:
    """One page trimmed to the finished piece as a PNG whose longest side is `max_px`: only
    that page is rasterised, at the resolution shown."""
    left, bottom, right, top = _trim_crops(pdf)[index]
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[index]
        width, height = page.get_size()
        longest = max(width - left - right, height - bottom - top)
        image = page.render(scale=max_px / longest, crop=(left, bottom, right, top)).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def write_previews(pdf: bytes, pdf_path: Path, dpi: float = PREVIEW_DPI,
                   max_px: int | None = None) -> list[Path]:
    """One PNG per page next to the PDF: NAME.pdf → NAME_p1.png, NAME_p2.png, ...;
    `max_px` caps the longest side (a 24×36 in poster at 150 dpi would be 5400 pixels)."""
    if max_px is not None:
        left, bottom, right, top = _trim_crops(pdf)[0]
        with pikepdf.open(io.BytesIO(pdf)) as document:
            media = [float(v) for v in document.pages[0].MediaBox]
        width = media[2] - media[0] - left - right
        height = media[3] - media[1] - bottom - top
        dpi = min(dpi, max_px / (max(width, height) / 72))
    written = []
    for number, image in enumerate(page_images(pdf, dpi, trimmed=True), start=1):
        target = pdf_path.with_name(f"{pdf_path.stem}_p{number}.png")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        write_atomic(target, buffer.getvalue())
        written.append(target)
    return written


def _trim_crops(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """Per page, how much to cut from (left, bottom, right, top) to leave the TrimBox."""
    crops = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            media = [float(v) for v in page.MediaBox]
            trim = [float(v) for v in page.obj.get("/TrimBox", page.MediaBox)]
            crops.append((trim[0] - media[0], trim[1] - media[1],
                          media[2] - trim[2], media[3] - trim[3]))
    return crops
