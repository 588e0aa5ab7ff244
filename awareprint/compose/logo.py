"""A partner's logo made ready to print: as it is for the office, in CMYK for the press.

Press files carry no RGB at all (preflight refuses them), so raster logos are separated
through the house output intent's ICC profile and SVG colours are rewritten as
device-cmyk(); neutral greys and black go to black ink alone, as a printer would set them.
The layout engine draws SVG gradients, masks and transparency in RGB whatever their
colours, so an SVG that uses them is rasterised finely and separated like a raster logo.
"""

from __future__ import annotations

import base64
import io
import math
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import tinycss2.color3
from PIL import Image, ImageCms

from ..catalogue.geometry import Geometry
from ..catalogue.jobs import PartnerMark
from ..catalogue.layouts import PARTNER_LOGO
from ..catalogue.profiles import OFFICE
from ..engine.layout import lay_out, write_pdf
from ..paths import PROJECT_ROOT

SVG_NS = "http://www.w3.org/2000/svg"
COLOUR_ATTRIBUTES = ("fill", "stroke", "stop-color", "flood-color", "lighting-color", "color")
DECLARATION = re.compile(
    r"(?<![\w-])(fill|stroke|stop-color|flood-color|lighting-color|color)(\s*:\s*)([^;}\"']+)")
MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}
RGB_ONLY_ELEMENTS = {"linearGradient", "radialGradient", "pattern", "mask", "filter", "image"}
RGB_ONLY_PROPERTY = re.compile(r"opacity|mix-blend-mode")
MIN_LOGO_DPI = 300
RASTER_LONG_SIDE_PX = 2400  # a logo 3 in across on the largest poster still gets 800 dpi
SVG_MIN, SVG_MAX = 1e-6, 1e6  # an SVG's size outside these is no drawing's: taken as 1:1

ElementTree.register_namespace("", SVG_NS)  # an SVG written back keeps its plain tags
ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")

LOGOS_KEPT = 16  # prepared logos a long-lived process (the web's workers) keeps


@dataclass(frozen=True)
class PrintLogo:
    uri: str                           # a data: URI the layout engine reads
    pixels: tuple[int, int] | None     # raster size; None for vector (SVG)


def print_logo(path: Path, profile: str, icc_profile: Path) -> PrintLogo:
    """The logo as a data: URI for this profile (cached while the file is unchanged)."""
    stat = path.stat()
    return _prepared(path, stat.st_mtime_ns, stat.st_size, profile, icc_profile)


@lru_cache(maxsize=LOGOS_KEPT)
def _prepared(path: Path, _mtime: int, _size: int, profile: str, icc: Path) -> PrintLogo:
    data = path.read_bytes()
    if path.suffix.lower() == ".svg":
        text = data.decode("utf-8")
        if profile == OFFICE:
            return PrintLogo(_uri("image/svg+xml", data), None)
        if not _draws_in_rgb(text):
            return PrintLogo(_uri("image/svg+xml", svg_in_cmyk(text, icc).encode()), None)
        raster = _rasterised(text)
        return PrintLogo(_uri("image/jpeg", _cmyk_jpeg(raster, icc)), raster.size)
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        pixels = image.size
        if profile == OFFICE or (image.format == "JPEG" and image.mode == "CMYK"):
            return PrintLogo(_uri(MIME[image.format or "PNG"], data), pixels)
        return PrintLogo(_uri("image/jpeg", _cmyk_jpeg(image, icc)), pixels)


def logo_uri(partner: PartnerMark | None, profile: str, icc: Path) -> str | None:
    """The partner's logo as the template places it (a data: URI), if there is one."""
    if partner is None or partner.logo is None:
        return None
    return print_logo(partner.logo, profile, icc).uri


def logo_warnings(partner: PartnerMark | None, profile: str, icc: Path,
                  geometry: Geometry) -> list[str]:
    """A raster logo printed below 300 dpi at its placed size looks soft in print."""
    if partner is None or partner.logo is None:
        return []
    pixels = print_logo(partner.logo, profile, icc).pixels
    boxes = geometry.layout_boxes()
    if pixels is None or PARTNER_LOGO not in boxes:
        return []
    box = boxes[PARTNER_LOGO].rect
    width, height = pixels
    points_per_pixel = min(box.w / width, box.h / height)  # scaled to fit the box
    dpi = 72 / points_per_pixel
    if dpi >= MIN_LOGO_DPI:
        return []
    needed = round(width * MIN_LOGO_DPI / dpi)
    return [f"logo '{partner.logo.name}' prints at {dpi:.0f} dpi here; export it at least "
            f"{needed} pixels wide for {MIN_LOGO_DPI} dpi"]


def _draws_in_rgb(svg: str) -> bool:
    for element in ElementTree.fromstring(svg).iter():
        if element.tag.rsplit("}", 1)[-1] in RGB_ONLY_ELEMENTS:
            return True
        if any(RGB_ONLY_PROPERTY.search(f"{name} {value}")
               for name, value in element.attrib.items()):
            return True
        if element.tag.rsplit("}", 1)[-1] == "style" and RGB_ONLY_PROPERTY.search(
                element.text or ""):
            return True
    return False


def _rasterised(svg: str) -> Image.Image:
    """The SVG drawn by the layout engine and rendered to pixels, on white."""
    import pypdfium2

    width, height = _aspect(ElementTree.fromstring(svg))
    scale = RASTER_LONG_SIDE_PX / max(width, height)
    w_px = min(RASTER_LONG_SIDE_PX, max(1, round(width * scale)))
    h_px = min(RASTER_LONG_SIDE_PX, max(1, round(height * scale)))
    html = (f"<style>@page{{size:{w_px * 0.75}pt {h_px * 0.75}pt;margin:0}}"
            f"body{{margin:0}}img{{display:block;width:{w_px * 0.75}pt;"
            f"height:{h_px * 0.75}pt}}</style>"
            f'<img src="{_uri("image/svg+xml", svg.encode())}">')
    document, _ = lay_out(html, PROJECT_ROOT.as_uri() + "/", ())
    pdf = pypdfium2.PdfDocument(write_pdf(document))
    try:
        return pdf[0].render(scale=4 / 3).to_pil().convert("RGB")
    finally:
        pdf.close()


def _aspect(root: ElementTree.Element) -> tuple[float, float]:
    """Width and height of an SVG (any unit: only their ratio matters); 1:1 when they are
    missing or not sane numbers (inf, NaN, zero, negative or absurd)."""
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        width, height = _length(box[2]), _length(box[3])
        if width and height:
            return width, height
    width = _length(re.sub(r"[a-z%]+$", "", root.get("width", "").strip()))
    height = _length(re.sub(r"[a-z%]+$", "", root.get("height", "").strip()))
    if width and height:
        return width, height
    return 1.0, 1.0


def _length(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and SVG_MIN <= value <= SVG_MAX else None


def _uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _cmyk_jpeg(image: Image.Image, icc: Path) -> bytes:
    """Flattened onto white paper (a logo sits on paper) and separated to CMYK."""
    rgba = image.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    rgb = Image.alpha_composite(paper, rgba).convert("RGB")
    if image.mode in ("1", "L", "LA", "I", "I;16"):
        grey = rgb.convert("L")
        empty = Image.new("L", grey.size, 0)
        cmyk = Image.merge("CMYK", (empty, empty, empty, grey.point(lambda v: 255 - v)))
    else:
        cmyk = ImageCms.applyTransform(rgb, _separation(icc))
    buffer = io.BytesIO()
    cmyk.save(buffer, format="JPEG", quality=95, subsampling=0)
    return buffer.getvalue()


@cache
def _separation(icc: Path) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(
        str(icc)), "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def svg_in_cmyk(text: str, icc: Path) -> str:
    """The SVG with every colour it names as device-cmyk(); black is the default."""
    root = ElementTree.fromstring(text)
    for element in root.iter():
        for name in COLOUR_ATTRIBUTES:
            if name in element.attrib:
                element.set(name, _cmyk_value(element.attrib[name], icc))
        if "style" in element.attrib:
            element.set("style", _cmyk_declarations(element.attrib["style"], icc))
        if element.tag.rsplit("}", 1)[-1] == "style" and element.text:
            element.text = _cmyk_declarations(element.text, icc)
    black = _device_cmyk((0.0, 0.0, 0.0), 1.0, icc)
    root.attrib.setdefault("fill", black)  # SVG paints in black unless told otherwise
    root.attrib.setdefault("color", black)
    return ElementTree.tostring(root, encoding="unicode")


def _cmyk_declarations(css: str, icc: Path) -> str:
    return DECLARATION.sub(lambda m: m.group(1) + m.group(2) + _cmyk_value(m.group(3), icc),
                           css)


def _cmyk_value(value: str, icc: Path) -> str:
    colour = tinycss2.color3.parse_color(value.strip().removesuffix("!important").strip())
    if colour is None or colour == "currentColor":
        return value  # none, url(#gradient), inherit, currentColor: no colour of its own
    return _device_cmyk((colour.red, colour.green, colour.blue), colour.alpha, icc)


@cache
def _device_cmyk(rgb: tuple[float, float, float], alpha: float, icc: Path) -> str:
    red, green, blue = rgb
    if red == green == blue:  # neutral: black ink only
        cmyk = (0.0, 0.0, 0.0, 1.0 - red)
    else:
        pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in rgb))
        separated = ImageCms.applyTransform(pixel, _separation(icc)).getpixel((0, 0))
        cmyk = tuple(v / 255 for v in separated)
    channels = " ".join(f"{v:.3f}" for v in cmyk)
    return f"device-cmyk({channels}{f' / {alpha:.3f}' if alpha < 1 else ''})"
