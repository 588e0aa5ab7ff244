"""The slots a string prints in, outlined on a preview of the piece: their boxes as the
piece was set (the job composed again with what its fit settled, no second layout),
drawn over the page's raster. The outline is the page's, not the file's: the PDF stays
the one any render makes."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from ..catalogue.geometry import Geometry, Rect
from ..catalogue.jobs import Job
from ..catalogue.load import Catalogue
from ..compose.piece import compose
from ..render.settled import Settled

OUTLINE_RGB = (230, 0, 126)   # a magenta no house colour comes near
OUTLINE_PX = 3
OUTSIDE_PX = 2                # drawn just outside the box: the text's first pixels show


def slot_boxes(job: Job, catalogue: Catalogue, settled: Settled) -> list[dict[str, Rect]]:
    """Each page's slot boxes (tabs at the place their turned text prints), in points on
    the finished piece, as the fit settled them."""
    geometry = compose(job, catalogue, dict(settled.font_pt), None, settled.endings,
                       masthead_gain_pt=settled.gain_pt, whole=settled.whole).geometry
    return [_page_boxes(geometry, index) for index in range(len(geometry.pages))]


def _page_boxes(geometry: Geometry, index: int) -> dict[str, Rect]:
    page = geometry.pages[index]
    trim = geometry.trim
    boxes = {slot.name: slot.rect for slot in page.slots}
    if geometry.tabs is not None and geometry.tabs.page == page.name:
        boxes |= {tab.slot_name: tab.text for tab in geometry.tabs.tabs}
    return {name: rect.shifted(-trim.x, -trim.y) for name, rect in boxes.items()}


def outlined(png: bytes, boxes: dict[str, Rect], slots: frozenset[str],
             piece_width_pt: float) -> tuple[bytes, int]:
    """The preview with the boxes of `slots` outlined, and how many it outlined."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    scale = image.width / piece_width_pt
    draw = ImageDraw.Draw(image)
    drawn = 0
    for name, rect in boxes.items():
        if name in slots:
            grow = OUTSIDE_PX + OUTLINE_PX
            draw.rectangle((rect.x * scale - grow, rect.y * scale - grow,
                            rect.right * scale + grow, rect.bottom * scale + grow),
                           outline=OUTLINE_RGB, width=OUTLINE_PX)
            drawn += 1
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), drawn
