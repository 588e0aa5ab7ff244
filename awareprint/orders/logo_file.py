"""Partner logos: checked to be a real, sane image before an order is accepted."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 6,000 × 6,000 logo is plenty; far more is a decompression bomb
RASTER_FORMATS = {"PNG", "JPEG"}


def check_logo(path: Path) -> str | None:
    """Why a logo file cannot be used, in one line with the fix; None when it can."""
    if not path.is_file():
        return f"'{path.name}' is not there; put the logo beside the order or fix the name"
    if path.stat().st_size > MAX_BYTES:
        return f"'{path.name}' is over {MAX_BYTES // 1024 // 1024} MB; export a smaller file"
    if path.suffix.lower() == ".svg":
        return _check_svg(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (f"'{path.name}' is {width} × {height} pixels, too large to be a "
                            "logo (an image bomb?); export it at most 6,000 pixels wide")
                if image.format not in RASTER_FORMATS:
                    return f"'{path.name}' is {image.format}; give a PNG, JPEG or SVG logo"
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"'{path.name}' is not an image; give a PNG, JPEG or SVG logo"
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return (f"'{path.name}' is far too large to be a logo (an image bomb?); export it "
                "at most 6,000 pixels wide")
    return None


def _check_svg(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return f"'{path.name}' declares a DOCTYPE or entities; export a plain SVG"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return f"'{path.name}' is not a valid SVG file; export it again"
    if not root.tag.endswith("svg"):
        return f"'{path.name}' is not an SVG image; give a PNG, JPEG or SVG logo"
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in ("script", "foreignObject"):
            return f"'{path.name}' contains a script; export a plain SVG"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local.startswith("on"):
                return f"'{path.name}' contains a script ({local}); export a plain SVG"
            if local == "href" and not value.startswith("#"):
                return (f"'{path.name}' refers to another file or address ({value[:40]}); "
                        "export it with everything embedded")
    return None
