"""Partner logos: checked to be a real, sane image before an order is accepted."""

from __future__ import annotations

import math
import re
import struct
import warnings
import xml.etree.ElementTree as ElementTree
import zlib
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageFile, UnidentifiedImageError

from .messages import quoted

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 6,000 × 6,000 logo is plenty; far more is a decompression bomb
RASTER_FORMATS = {"PNG", "JPEG"}
DAMAGED = "the image data is damaged; export it again"
SVG_MAX = 1_000_000       # a width, height or viewBox beyond this is no drawing's size
SVG_MIN = 1e-6
SVG_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
SVG_LENGTH = re.compile(rf"\s*({SVG_NUMBER})\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
INFLATE_STEP = 1 << 20


def check_logo(path: Path) -> str | None:
    """Why a logo file cannot be used, in one line with the fix; None when it can. The
    answer is kept while the file is unchanged: the web's preview asks on every change."""
    if not path.is_file():
        return f"{quoted(path.name)} is not there; put the logo beside the order or fix the name"
    stat = path.stat()
    return _checked(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _checked(path: Path, size: int, _mtime: int) -> str | None:
    name = quoted(path.name)
    if size > MAX_BYTES:
        return f"{name} is over {MAX_BYTES // 1024 // 1024} MB; export a smaller file"
    if path.suffix.lower() == ".svg":
        return _check_svg(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (f"{name} is {width} × {height} pixels, too large to be a "
                            "logo (an image bomb?); export it at most 6,000 pixels wide")
                if image.format not in RASTER_FORMATS:
                    return f"{name} is {image.format}; give a PNG, JPEG or SVG logo"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"{name} is not an image; give a PNG, JPEG or SVG logo"
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return (f"{name} is far too large to be a logo (an image bomb?); export it "
                "at most 6,000 pixels wide")
    return None if _decodes_whole(path) else f"{name}: {DAMAGED}"


def _decodes_whole(path: Path) -> bool:
    """Whether every pixel decodes: verify() reads only the file's structure, and a
    truncated or corrupt image would print grey or not at all."""
    truncated_ok = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a setting elsewhere must not let one through
    try:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            image.load()
            is_png = image.format == "PNG"
    except (OSError, SyntaxError, ValueError, struct.error, zlib.error):
        return False
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
    return not is_png or _png_intact(path.read_bytes())


def _png_intact(data: bytes) -> bool:
    """Every chunk's checksum right and the image data one whole zlib stream with its own
    checksum right: the decoder stops once it has its rows and checks neither."""
    position, stream = len(PNG_SIGNATURE), zlib.decompressobj()
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        end = position + 8 + length
        kind, body = data[position + 4:position + 8], data[position + 8:end]
        if end + 4 > len(data) or struct.unpack(">I", data[end:end + 4])[0] != zlib.crc32(
                kind + body):
            return False
        if kind == b"IDAT":
            try:
                stream.decompress(body, INFLATE_STEP)
                while stream.unconsumed_tail:
                    stream.decompress(stream.unconsumed_tail, INFLATE_STEP)
            except zlib.error:
                return False
        if kind == b"IEND":
            return stream.eof and not stream.unused_data
        position = end + 4
    return False


def _check_svg(path: Path) -> str | None:
    name = quoted(path.name)
    text = path.read_text(encoding="utf-8", errors="replace")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return f"{name} declares a DOCTYPE or entities; export a plain SVG"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return f"{name} is not a valid SVG file; export it again"
    if not root.tag.endswith("svg"):
        return f"{name} is not an SVG image; give a PNG, JPEG or SVG logo"
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in ("script", "foreignObject"):
            return f"{name} contains a script; export a plain SVG"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.startswith("on"):
                return f"{name} contains a script ({quoted(local)}); export a plain SVG"
            if local == "href" and not value.startswith("#"):
                return (f"{name} refers to another file or address ({quoted(value, 40)}); "
                        "export it with everything embedded")
    return _svg_size_problem(root, name)


def _svg_size_problem(root: ElementTree.Element, name: str) -> str | None:
    """The drawing's size must be finite, positive numbers of a sane size: the logo is
    scaled by them, and inf or NaN ends in an error while the piece is made."""
    fix = "export it again with a plain width, height and viewBox"
    for attribute in ("width", "height"):
        value = root.get(attribute)
        if value is None or value.strip() == "auto":
            continue
        match = SVG_LENGTH.fullmatch(value)
        if match is None or not _sane(float(match.group(1))):
            return f"{name} has {attribute}={quoted(value)}, which is not a sane size; {fix}"
    box = root.get("viewBox")
    if box is not None:
        numbers = [_number(part) for part in box.replace(",", " ").split()]
        if len(numbers) != 4 or None in numbers:
            return f"{name} has viewBox={quoted(box)}, which is not four numbers; {fix}"
        x, y, width, height = (number or 0.0 for number in numbers)
        if not (abs(x) <= SVG_MAX and abs(y) <= SVG_MAX and _sane(width) and _sane(height)):
            return f"{name} has viewBox={quoted(box)}, which is not a sane box; {fix}"
    return None


def _number(text: str) -> float | None:
    return float(text) if re.fullmatch(SVG_NUMBER, text) else None  # 1e400 is inf


def _sane(value: float) -> bool:
    return math.isfinite(value) and SVG_MIN <= value <= SVG_MAX
