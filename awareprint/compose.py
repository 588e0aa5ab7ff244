"""compose: a Job and the catalogue become one HTML document (Jinja2, autoescaped, strict)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from . import __version__
from .catalogue import Catalogue
from .cobrand import logo_uri, logo_warnings
from .content import Language
from .errors import RenderError
from .finish import document_date
from .geometry import Geometry, Rect, resolve
from .house import HouseStyle
from .jobs import Job
from .language_checks import PLACEHOLDER
from .layouts import STYLE_FILE, TEMPLATE_FILE, LayoutSpec
from .marks import crop_marks, slug_box
from .profiles import OFFICE, cmyk_css, colour_css, frame_for
from .qr import qr_svg

HOUSE_CSS = "house.css"


@dataclass(frozen=True)
class Composed:
    """The HTML of one piece and the geometry it was laid out against."""

    html: str
    geometry: Geometry
    base_url: str
    readable: tuple[Path, ...]
    warnings: tuple[str, ...] = ()


@cache
def _environment(folder: Path, shared: Path) -> Environment:
    """Templates of one layout; `shared` (layouts/) holds the parts every layout includes."""
    environment = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder), FileSystemLoader(shared)]),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["fill"] = fill
    environment.filters["ltr"] = left_to_right
    environment.filters["isolate"] = isolated
    return environment


def isolated(text: str) -> Markup:
    """Text of either direction set apart from its neighbours (a Unicode first-strong
    isolate), for labels of two languages on one line."""
    return Markup("\u2068{}\u2069").format(text)


def left_to_right(text: str) -> Markup:
    """A number or address kept left to right inside any text: wrapped in a Unicode
    isolate, so right-to-left text never reorders its groups of digits."""
    return Markup("\u2066{}\u2069").format(text)


def fill(text: str, **values: str) -> Markup:
    """A content string with its {name} placeholders filled in, everything escaped.

    Translations put placeholders where their grammar wants them ("Published by
    {publisher}"); a placeholder without a value is an error, never printed raw.
    """
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise RenderError(f"string {text!r} has placeholder {{{name}}} "
                              "that this layout does not fill")
        return str(escape(values[name]))

    return Markup(PLACEHOLDER.sub(value, str(escape(text))))


@dataclass(frozen=True)
class TemplateLanguage:
    """One language of a piece as templates use it: its strings and its HTML attributes."""

    code: str
    direction: str
    t: dict[str, object]

    @property
    def attrs(self) -> Markup:
        return Markup('lang="{}" dir="{}"').format(self.code, self.direction)


def compose(job: Job, catalogue: Catalogue,
            font_pt: dict[str, float] | None = None) -> Composed:
    """Fill the layout's template with the job's content and geometry."""
    spec = catalogue.layouts[job.layout]
    size = catalogue.sizes[job.size]
    house = catalogue.house
    languages = [TemplateLanguage(code, catalogue.languages[code].language.direction,
                                  catalogue.languages[code].strings) for code in job.languages]
    count = len(languages)

    def page_language(page: str) -> TemplateLanguage:
        return languages[spec.page_language(page, count) - 1]

    mirrored = {page for page in spec.pages_for(count) if page_language(page).direction == "rtl"}
    geometry = resolve(spec, size, catalogue.sizes[spec.reference_size], job.tabs,
                       frame_for(job.profile, size, house, job.on_sheet), mirrored, font_pt,
                       count, partner=job.partner is not None)
    icc = house.press.output_intent.profile_path
    palette = house.palette
    head = Markup("\n").join([
        Markup("<style>{}</style>").format(
            Markup(house_css(house, job.profile, catalogue.fonts_dir,
                             [catalogue.languages[code].language for code in job.languages]))),
        Markup('<link rel="stylesheet" href="{}">').format(
            (catalogue.layouts_dir / HOUSE_CSS).as_uri()),
        Markup('<link rel="stylesheet" href="{}">').format(STYLE_FILE),
        Markup("<style>{}</style>").format(Markup(geometry_css(spec, geometry))),
    ])
    first = languages[0]
    context = {
        "head": head,
        "title": " / ".join(f"{lang.t['headline']}" for lang in languages)
                 + f" · {first.t['hotline_name']}",
        "lang": first.code,
        "dir": first.direction,
        "t": first.t,
        "languages": languages,
        "page_language": page_language,
        "hotline": catalogue.hotline,
        "publisher": catalogue.branding.publisher,
        "event": job.event,
        "partner": job.partner,
        "partner_logo": logo_uri(job.partner, job.profile, icc),
        "qr": Markup(qr_svg(catalogue.hotline.qr_target,
                            colour_css(palette["ink"], job.profile),
                            colour_css(palette["paper"], job.profile))),
        "geometry": geometry,
        "marks": printer_marks(job, catalogue, geometry),
    }
    try:
        html = _environment(spec.folder, catalogue.layouts_dir).get_template(
            TEMPLATE_FILE).render(context)
    except TemplateError as error:
        where = f"layouts/{job.layout}/{TEMPLATE_FILE}"
        line = getattr(error, "lineno", None) or _template_line(error)
        raise RenderError(f"{where}{f' line {line}' if line else ''}: {error.message}; "
                          "fix the template or add the missing string to content/") from None
    return Composed(html, geometry, spec.folder.as_uri() + "/", catalogue.data_dirs,
                    tuple(logo_warnings(job.partner, job.profile, icc, geometry)))


def _template_line(error: BaseException) -> int | None:
    """The template line an error was raised on: Jinja maps template frames to their lines."""
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith(TEMPLATE_FILE):
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def house_css(house: HouseStyle, profile: str, fonts_dir: Path,
              languages: list[Language]) -> str:
    """@font-face rules for the fonts these languages need, each language's font stack,
    and the palette as CSS variables."""
    families = {family for language in languages
                for family in house.fonts.stack(language.script)}
    faces = "".join(
        f'@font-face{{font-family:"{face.family}";font-weight:{face.weight};'
        f'font-style:{face.style};src:url("{(fonts_dir / face.file).as_uri()}")}}'
        for face in house.fonts.faces if face.family in families
    )
    stacks = "".join(
        f'[lang="{language.code}"]{{font-family:'
        f'{", ".join(f"{chr(34)}{f}{chr(34)}" for f in house.fonts.stack(language.script))}}}'
        for language in languages
    )
    colours = ";".join(f"--{name}:{colour_css(colour, profile)}"
                       for name, colour in house.palette.items())
    registration = cmyk_css(house.press.registration)
    first = house.fonts.stack(languages[0].script)[0]
    return (f'{faces}{stacks}:root{{{colours};--registration:{registration};'
            f'--family:"{first}"}}')


def printer_marks(job: Job, catalogue: Catalogue, geometry: Geometry) -> Markup:
    """Crop marks and the slug line for press output; nothing for office output."""
    if job.profile == OFFICE or job.on_sheet:
        return Markup("")
    rules = catalogue.house.press
    size = catalogue.sizes[job.size]
    marks = Markup("").join(
        Markup('<div class="mark" data-furniture style="{}"></div>').format(Markup(_box(m.rect)))
        for m in crop_marks(geometry, rules, size.unit))
    slug = " · ".join([
        f"awareprint {__version__}", job.layout, f"{job.size} ({size.dimensions})",
        "+".join(job.languages), job.profile,
        document_date(catalogue.hotline.checked).date().isoformat(),
    ])
    box = slug_box(geometry, rules, size.unit)
    slug_html = Markup('<div class="slug" data-furniture style="{}font-size:{}pt">{}</div>')
    return marks + slug_html.format(Markup(_box(box)), rules.slug_pt, slug)


def geometry_css(spec: LayoutSpec, geometry: Geometry) -> str:
    """Page size and the position of every panel, slot, tab and guide, in points."""
    rules = [
        f"@page{{size:{geometry.media_width:.3f}pt {geometry.media_height:.3f}pt;margin:0}}",
        f".page{{width:{geometry.media_width:.3f}pt;height:{geometry.media_height:.3f}pt}}",
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
            rules.append(f'[data-slot="{tab.slot_name}"]{{{_box(tab.upright)}'
                         f"font-size:{tabs.font_pt:g}pt;transform:rotate(-90deg)}}")
        for index, x in enumerate(tabs.cut_guides_x):
            rules.append(f'[data-guide="{index}"]{{left:{x:.3f}pt;top:{tabs.tear_line_y:.3f}pt;'
                         f"height:{geometry.trim.bottom - tabs.tear_line_y:.3f}pt}}")
        rules.append(f'[data-guide="tear"]{{left:{geometry.trim.x:.3f}pt;'
                     f"top:{tabs.tear_line_y:.3f}pt;width:{geometry.width:.3f}pt}}")
    return "\n".join(rules)


def _box(rect: Rect) -> str:
    return f"left:{rect.x:.3f}pt;top:{rect.y:.3f}pt;width:{rect.w:.3f}pt;height:{rect.h:.3f}pt;"
