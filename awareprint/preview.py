"""PNG previews of finished PDFs (pypdfium2), as a person would look at them."""

from __future__ import annotations

from pathlib import Path

import pypdfium2


def page_images(pdf: bytes | Path, dpi: float = 100) -> list:
    """Every page rasterised to a PIL image at `dpi`."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil() for page in document]
    finally:
        document.close()
