"""Compose docs/images/pieces.png, the README's picture of the pieces, from real renders.

Reads files that `python render.py` wrote into out/ (see PIECES for the commands that
make them), rasterises the pages shown with pypdfium2 and sets them side by side with
Pillow. Run from the repository root:

    python render.py && python render.py handout && python render.py discreet-card
    python render.py notice --state CA --lang en
    python docs/pieces_picture.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
PICTURE = ROOT / "docs" / "images" / "pieces.png"

# Each column of the picture: the file in out/ and the pages of it shown, one above the other.
PIECES: list[tuple[str, tuple[int, ...]]] = [
    ("poster_letter_en.pdf", (0,)),
    ("wallet-card_business-card_en.pdf", (0, 1)),
    ("tearoff_letter_en.pdf", (0,)),
    ("handout_letter_en.pdf", (0,)),
    ("discreet-card_index-card_en.pdf", (0, 1)),
    ("notice-CA_letter_en.pdf", (0,)),
]

HEIGHT = 480       # pixels: the height of every column
GAP = 24           # pixels between columns and around the picture
STACK_GAP = 16     # pixels between the pages of one column
BACKGROUND = (236, 236, 232)
EDGE = (170, 170, 165)


def page_image(pdf: pdfium.PdfDocument, index: int, height: int) -> Image.Image:
    """One page rasterised to `height` pixels, with a thin edge so white pages stand out."""
    page = pdf[index]
    scale = height / page.get_height()
    image = page.render(scale=scale).to_pil().convert("RGB")
    ImageDraw.Draw(image).rectangle((0, 0, image.width - 1, image.height - 1), outline=EDGE)
    return image


def column(path: Path, pages: tuple[int, ...]) -> Image.Image:
    """The pages of one piece stacked to the column's height."""
    pdf = pdfium.PdfDocument(path)
    each = (HEIGHT - STACK_GAP * (len(pages) - 1)) // len(pages)
    images = [page_image(pdf, index, each) for index in pages]
    width = max(image.width for image in images)
    stack = Image.new("RGB", (width, HEIGHT), BACKGROUND)
    top = (HEIGHT - sum(image.height for image in images)
           - STACK_GAP * (len(images) - 1)) // 2
    for image in images:
        stack.paste(image, ((width - image.width) // 2, top))
        top += image.height + STACK_GAP
    return stack


def compose(columns: list[Image.Image]) -> Image.Image:
    width = sum(image.width for image in columns) + GAP * (len(columns) + 1)
    picture = Image.new("RGB", (width, HEIGHT + 2 * GAP), BACKGROUND)
    left = GAP
    for image in columns:
        picture.paste(image, (left, GAP))
        left += image.width + GAP
    return picture


def main() -> int:
    missing = [name for name, _ in PIECES if not (OUT / name).is_file()]
    if missing:
        print(f"missing in out/: {', '.join(missing)}; render them first (see the docstring)",
              file=sys.stderr)
        return 2
    picture = compose([column(OUT / name, pages) for name, pages in PIECES])
    PICTURE.parent.mkdir(parents=True, exist_ok=True)
    picture.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(PICTURE, optimize=True)
    print(f"wrote {PICTURE.relative_to(ROOT)} ({PICTURE.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
