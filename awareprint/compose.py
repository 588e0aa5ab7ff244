"""compose: a Job and the catalogue become one HTML document (Jinja2, autoescaped, strict)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .catalogue import Catalogue
from .geometry import Geometry, Rect, resolve
from .house import HouseStyle
from .jobs import Job
from .layouts import STYLE_FILE, TEMPLATE_FILE, LayoutSpec
from .paths import FONTS_DIR, LAYOUTS_DIR
from .qr import qr_svg

HOUSE_CSS = LAYOUTS_DIR / "house.css"


@dataclass(frozen=True)
class Composed:
    """The HTML of one piece and the geometry it was laid out against."""

    html: str
    geometry: Geometry
    base_url: str


@cache
def _environment(folder: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def compose(job: Job, catalogue: Catalogue) -> Composed:
    """Fill the layout's template with the job's content and geometry."""
    spec = catalogue.layouts[job.layout]
    geometry = resolve(spec, catalogue.sizes[job.size],
                       catalogue.sizes[spec.reference_size], job.tabs)
    language = catalogue.languages[job.languages[0]]
    palette = catalogue.house.palette
    head = Markup("\n").join([
        Markup("<style>{}</style>").format(Markup(house_css(catalogue.house))),
        Markup('<link rel="stylesheet" href="{}">').format(HOUSE_CSS.as_uri()),
        Markup('<link rel="stylesheet" href="{}">').format(STYLE_FILE),
        Markup("<style>{}</style>").format(Markup(geometry_css(spec, geometry))),
    ])
    context = {
        "head": head,
        "title": f"{language.strings.headline} · {catalogue.hotline.name}",
        "lang": language.language.code,
        "dir": language.language.direction,
        "t": language.strings,
        "hotline": catalogue.hotline,
        "publisher": catalogue.branding.publisher,
        "event": job.event,
        "qr": Markup(qr_svg(catalogue.hotline.qr_target, palette["ink"].rgb,
                            palette["paper"].rgb)),
        "geometry": geometry,
    }
    html = _environment(spec.folder).get_template(TEMPLATE_FILE).render(context)
    return Composed(html, geometry, spec.folder.as_uri() + "/")


def house_css(house: HouseStyle) -> str:
    """@font-face rules for the bundled fonts and the palette as CSS variables."""
    faces = "".join(
        f'@font-face{{font-family:"{house.fonts.family}";font-weight:{face.weight};'
        f'font-style:{face.style};src:url("{(FONTS_DIR / face.file).as_uri()}")}}'
        for face in house.fonts.faces
    )
    colours = ";".join(f"--{name}:{colour.rgb}" for name, colour in house.palette.items())
    return f'{faces}:root{{{colours};--family:"{house.fonts.family}"}}'


def geometry_css(spec: LayoutSpec, geometry: Geometry) -> str:
    """Page size and the position of every panel, slot, tab and guide, in points."""
    rules = [
        f"@page{{size:{geometry.width:.3f}pt {geometry.height:.3f}pt;margin:0}}",
        f".page{{width:{geometry.width:.3f}pt;height:{geometry.height:.3f}pt}}",
    ]
    for page in geometry.pages:
        for panel in page.panels:
            rules.append(f'[data-panel="{panel.name}"]{{{_box(panel.rect)}'
                         f"background:var(--{panel.fill})}}")
        for slot in page.slots:
            rules.append(f'[data-slot="{slot.name}"]{{{_box(slot.rect)}'
                         f"font-size:{slot.font_pt:g}pt}}")
    if geometry.tabs is not None:
        tabs = geometry.tabs
        for tab in tabs.tabs:
            # Laid out upright, long side horizontal, then turned about its centre:
            # transforms take no part in layout, so the box is sized for the turned space.
            cx, cy = tab.text.x + tab.text.w / 2, tab.text.y + tab.text.h / 2
            upright = Rect(cx - tab.text.h / 2, cy - tab.text.w / 2, tab.text.h, tab.text.w)
            rules.append(f'[data-slot="{tab.slot}"]{{{_box(upright)}'
                         f"font-size:{tabs.font_pt:g}pt;transform:rotate(-90deg)}}")
        for index, x in enumerate(tabs.cut_guides_x):
            rules.append(f'[data-guide="{index}"]{{left:{x:.3f}pt;top:{tabs.tear_line_y:.3f}pt;'
                         f"height:{geometry.height - tabs.tear_line_y:.3f}pt}}")
        rules.append(f'[data-guide="tear"]{{left:0;top:{tabs.tear_line_y:.3f}pt;'
                     f"width:{geometry.width:.3f}pt}}")
    return "\n".join(rules)


def _box(rect: Rect) -> str:
    return f"left:{rect.x:.3f}pt;top:{rect.y:.3f}pt;width:{rect.w:.3f}pt;height:{rect.h:.3f}pt;"
