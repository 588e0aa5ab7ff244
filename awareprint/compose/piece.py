"""A Job and the catalogue become one HTML document (Jinja2, autoescaped, strict)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import TemplateError
from markupsafe import Markup

from .. import __version__
from ..catalogue.content import LanguageFile
from ..catalogue.dates import document_date
from ..catalogue.geometry import Geometry, resolve
from ..catalogue.issue import slug_dates
from ..catalogue.jobs import Job
from ..catalogue.layouts import STYLE_FILE, TEMPLATE_FILE, LayoutSpec
from ..catalogue.load import Catalogue
from ..catalogue.notices import Notice
from ..catalogue.profiles import (
    DIGITAL,
    OFFICE,
    colour_css,
    drawn_as,
    fine_colour_css,
    frame_for,
)
from ..engine.stylesheets import StyleSource
from ..errors import RenderError
from . import digital
from .css import box_css, geometry_css, house_css
from .marks import crop_marks, slug_box
from .qr import qr_svg
from .scissors import scissors_svg
from .templates import template_environment
from .typesetting import address, aside, typeset

HOUSE_CSS = "house.css"
WORDING = "wording"  # the name of a notice's wording among the paragraphs (job_strings)


@dataclass(frozen=True)
class Composed:
    """The HTML of one piece, its stylesheets and the geometry it was laid out against."""

    html: str
    geometry: Geometry
    base_url: str
    readable: tuple[Path, ...]
    stylesheets: tuple[StyleSource, ...] = ()


@dataclass(frozen=True)
class TemplateLanguage:
    """One language of a piece as templates use it: its strings and its HTML attributes."""

    code: str
    direction: str
    t: dict[str, object]
    script: str = "Latn"
    # A state's notice in this language: its heading (None: the law gives none) and its
    # blocks, each a paragraph or a list's items, marked up like every other string.
    heading: Markup | None = None
    wording: tuple[object, ...] = ()
    # The piece's second language: set apart by the house's one device (house.css,
    # `[data-second]`), so a reader sees where one language ends and the other begins.
    second: bool = False

    @property
    def attrs(self) -> Markup:
        second = Markup(" data-second") if self.second else Markup("")
        return Markup('lang="{}" dir="{}"{}').format(self.code, self.direction, second)

    def aside(self, text: object) -> Markup:
        """A parenthesis after a word, as the script sets it: " (text)", or full-width
        brackets without a space in Chinese."""
        return aside(text, self.script)


def compose(job: Job, catalogue: Catalogue, font_pt: dict[str, float] | None = None,
            partner_logo: str | None = None, joined: frozenset[str] = frozenset(),
            masthead_gain_pt: float = 0.0, whole: frozenset[str] = frozenset()) -> Composed:
    """Fill the layout's template with the job's content and geometry; `partner_logo` is
    the partner's logo made ready for this profile, as a data: URI; `joined` names the
    paragraph endings to keep on one line (typesetting.py); `masthead_gain_pt` the height
    a short headline's band gives to the body; `whole` the words never to hyphenate."""
    spec = catalogue.layouts[job.layout]
    size = catalogue.sizes[job.size]
    house = catalogue.house
    notice = notice_of(catalogue, job)
    languages = [TemplateLanguage(code, catalogue.languages[code].language.direction,
                                  typeset_strings(catalogue.languages[code], joined,
                                                  whole | _names(catalogue)),
                                  catalogue.languages[code].language.script,
                                  *_typeset_wording(catalogue, job, code, joined, whole),
                                  second=index > 0)
                 for index, code in enumerate(job.languages)]
    count = len(languages)
    # Pages are mirrored for a right-to-left first language (its reading order leads).
    mirrored = set(spec.pages_for(count)) if languages[0].direction == "rtl" else set()
    geometry = resolve(spec, size, catalogue.sizes[spec.reference_size], job.tabs,
                       frame_for(job.profile, size, house, job.on_sheet), mirrored, font_pt,
                       count, partner=job.partner is not None,
                       masthead_gain_pt=masthead_gain_pt, statute_pt=statute_pt(notice))
    palette = house.palette
    # Applied in this order, before the HTML (which carries none of its own): parsed once
    # per process, not at every layout of the fitting (engine/stylesheets.py).
    stylesheets = (house_css(house, job.profile, catalogue.fonts_dir,
                             [catalogue.languages[code].language for code in job.languages]),
                   catalogue.layouts_dir / HOUSE_CSS, spec.folder / STYLE_FILE,
                   geometry_css(spec, geometry))
    first = languages[0]
    context = {
        "title": " / ".join(str(catalogue.languages[code].strings["headline"])
                            for code in job.languages)
                 + f" · {catalogue.languages[first.code].strings['hotline_name']}",
        "lang": first.code,
        "dir": first.direction,
        "t": first.t,
        "languages": languages,
        "hotline": catalogue.hotline,
        "digital": job.profile == DIGITAL,  # links and text alternatives (digital.py)
        "publisher": catalogue.branding.publisher,
        "publisher_line": address(catalogue.branding.publisher.parts),
        "attribution": catalogue.attribution,
        "event": job.event,
        "partner": job.partner,
        "partner_contact": _partner_contact(job, spec, count),
        "partner_logo": partner_logo,
        "qr": _qr(job, catalogue, first),
        "scissors": Markup(scissors_svg(colour_css(palette["rule"], job.profile))),
        "geometry": geometry,
        "marks": printer_marks(job, catalogue, geometry),
        "notice": notice,  # a state's notice (notice layouts), or None
    }
    try:
        html = template_environment(spec.folder, catalogue.layouts_dir).get_template(
            TEMPLATE_FILE).render(context)
    except TemplateError as error:
        where = f"layouts/{job.layout}/{TEMPLATE_FILE}"
        line = getattr(error, "lineno", None) or _template_line(error)
        raise RenderError(f"{where}{f' line {line}' if line else ''}: {error.message}; "
                          "fix the template or add the missing string to content/") from None
    return Composed(html, geometry, spec.folder.as_uri() + "/", catalogue.data_dirs,
                    stylesheets)


def _qr(job: Job, catalogue: Catalogue, first: TemplateLanguage) -> Markup:
    """The QR code; in digital output described (where it leads, in the piece's first
    language) and a link to the hotline's site."""
    palette, hotline = catalogue.house.palette, catalogue.hotline
    qr = Markup(qr_svg(hotline.qr_target, fine_colour_css(palette["ink"], job.profile),
                       colour_css(palette["paper"], job.profile)))
    if job.profile != DIGITAL:
        return qr
    return digital.figure(qr, Markup("{}: {}").format(first.t["scan_prompt"], hotline.web.display),
                          hotline.web.url)


def _partner_contact(job: Job, spec: LayoutSpec, count: int) -> bool:
    """Whether the partner's contact line prints (on a victim-facing piece only when the
    partner marked it safe for victims)."""
    return job.partner is not None and job.partner.contact_printed(spec.partner_place(count))


def _names(catalogue: Catalogue) -> frozenset[str]:
    """Names and titles kept whole in every language (content/attribution.yaml)."""
    attribution = catalogue.attribution
    if attribution is None:
        return frozenset()
    return frozenset([attribution.author, attribution.organisation, *attribution.names])


@cache
def _typeset(text: str, script: str, joined: bool, whole: frozenset[str]) -> Markup:
    return typeset(text, script, joined, whole)


def _marked(text: str, script: str, joined: bool, unbroken: frozenset[str]) -> Markup:
    """One paragraph typeset, kept whole where it holds one of the `unbroken` words."""
    folded = text.casefold()
    return _typeset(text, script, joined,
                    frozenset(word for word in unbroken if word.casefold() in folded))


def typeset_strings(language: LanguageFile, joined: frozenset[str] = frozenset(),
                    whole: frozenset[str] = frozenset()) -> dict[str, object]:
    """Every string of a language marked up for the line breaker (typesetting.py); each
    paragraph's ending is named `code.key` (`code.key.n` in a list)."""
    script, code = language.language.script, language.language.code
    unbroken = frozenset(language.language.unbroken) | whole

    def marked(text: str, ending: str) -> Markup:
        return _marked(text, script, ending in joined, unbroken)

    return {key: [marked(item, f"{code}.{key}.{n}") for n, item in enumerate(value)]
            if isinstance(value, list) else marked(value, f"{code}.{key}")
            for key, value in language.strings.items()}


def notice_of(catalogue: Catalogue, job: Job) -> Notice | None:
    """The state's notice a job prints, or None."""
    if job.notice is None:
        return None
    return catalogue.notices[job.notice.state].notices[job.notice.notice]


def statute_pt(notice: Notice | None) -> float | None:
    """The least size of the slots printing a law's wording: the law's type size."""
    return None if notice is None else notice.rules.min_type_pt


LINE_HEIGHT = 1.3        # the wording's line height (layouts/notice/style.css), in em
BLOCK_EM = 12            # what a paragraph's or a list item's last line and gap cost, in em
WIDE_FROM = 0x2E80       # CJK and later: a character about 1 em wide


def first_sizes(job: Job, catalogue: Catalogue) -> dict[str, tuple[float, float]]:
    """For a state's notice, where to start setting its wording: the size at which its
    text about fills its slot, a little above (the fit sets it smaller from there), never
    above the design size. Slot → (design size, first size). Spares the fit the steps
    from a design size chosen for the shortest law down to the longest one's."""
    notice = notice_of(catalogue, job)
    if notice is None:
        return {}
    spec = catalogue.layouts[job.layout]
    size = catalogue.sizes[job.size]
    geometry = resolve(spec, size, catalogue.sizes[spec.reference_size], job.tabs,
                       language_count=len(job.languages), partner=job.partner is not None,
                       statute_pt=statute_pt(notice))
    boxes = geometry.layout_boxes()
    names = [name for name, slot in boxes.items() if slot.statute]  # a language each
    if len(names) != len(job.languages):
        return {}
    guesses = []
    for name, code in zip(names, job.languages, strict=True):
        wording = notice.wording[code]
        ems = sum(_em(char) for char in wording.text)
        blocks = sum(len(block) if isinstance(block, list) else 1 for block in wording.blocks)
        rect = boxes[name].rect
        guesses.append((rect.w * rect.h / (LINE_HEIGHT * (ems + BLOCK_EM * blocks))) ** 0.5)
    first = round(min(guesses) * 1.15, 2)
    return {name: (boxes[name].font_pt, max(boxes[name].min_pt, min(boxes[name].font_pt, first)))
            for name in names}


def _em(char: str) -> float:
    """About how wide a character is set, in em (a sans serif's averages)."""
    if ord(char) >= WIDE_FROM:
        return 1.0
    if char.isspace():
        return 0.26
    return 0.66 if char.isupper() else 0.52


def _typeset_wording(catalogue: Catalogue, job: Job, code: str, joined: frozenset[str],
                     whole: frozenset[str]) -> tuple[Markup | None, tuple[object, ...]]:
    """A notice's heading and blocks in one language, typeset; nothing for other jobs."""
    notice = notice_of(catalogue, job)
    if notice is None:
        return None, ()
    language = catalogue.languages[code].language
    wording = notice.wording[code]
    unbroken = frozenset(language.unbroken) | whole | _numbers_in(wording.text)

    def marked(text: str, ending: str) -> Markup:
        return _marked(text, language.script, ending in joined, unbroken)

    heading = marked(wording.heading, f"{code}.{WORDING}.heading") if wording.heading else None
    blocks = tuple([marked(item, f"{code}.{WORDING}.{n}.{m}") for m, item in enumerate(block)]
                   if isinstance(block, list) else marked(block, f"{code}.{WORDING}.{n}")
                   for n, block in enumerate(wording.blocks))
    return heading, blocks


def _numbers_in(text: str) -> frozenset[str]:
    """The words of a law's wording that hold a number in groups (1-888-373-7888,
    505-GET-FREE, 233-733): broken at a hyphen, a number misdials."""
    return frozenset(word.strip(".,;:!?()\"'“”") for word in text.split()
                     if "-" in word and any(char.isdigit() for char in word))


def job_strings(catalogue: Catalogue, job: Job) -> dict[str, str]:
    """Every paragraph a job prints, by the name typesetting gives its ending: `code.key`
    (`code.key.n` in a list), a notice's wording `code.wording.n` (`.n.m` in a list)."""
    named: dict[str, str] = {}
    for code in job.languages:
        for key, value in catalogue.languages[code].strings.items():
            if isinstance(value, list):
                named.update((f"{code}.{key}.{n}", text) for n, text in enumerate(value))
            else:
                named[f"{code}.{key}"] = value
    notice = notice_of(catalogue, job)
    for code in job.languages if notice is not None else ():
        assert notice is not None
        wording = notice.wording[code]
        if wording.heading:
            named[f"{code}.{WORDING}.heading"] = wording.heading
        for n, block in enumerate(wording.blocks):
            if isinstance(block, list):
                named.update((f"{code}.{WORDING}.{n}.{m}", item) for m, item in enumerate(block))
            else:
                named[f"{code}.{WORDING}.{n}"] = block
    return named


def endings_of(catalogue: Catalogue, job: Job, last_words: frozenset[str]) -> frozenset[str]:
    """The names (job_strings) of the job's paragraphs that end in one of `last_words`
    (compared without the punctuation around them)."""
    bare = {_bare(word).casefold() for word in last_words}  # a line may be set in capitals
    return frozenset(name for name, text in job_strings(catalogue, job).items()
                     if text.split() and _bare(text.split()[-1]).casefold() in bare)


def ending_text(catalogue: Catalogue, job: Job, name: str) -> str:
    """The paragraph an ending name (from endings_of) stands for."""
    return job_strings(catalogue, job)[name]


def _bare(word: str) -> str:
    return word.strip(".,;:!?()。，、")


def _template_line(error: BaseException) -> int | None:
    """The template line an error was raised on: Jinja maps template frames to their lines."""
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith(TEMPLATE_FILE):
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def printer_marks(job: Job, catalogue: Catalogue, geometry: Geometry) -> Markup:
    """Crop marks and the slug line for press output; nothing for office output."""
    if drawn_as(job.profile) == OFFICE or job.on_sheet:
        return Markup("")
    rules = catalogue.house.press
    size = catalogue.sizes[job.size]
    marks = Markup("").join(
        Markup('<div class="mark" data-furniture style="{}"></div>').format(Markup(box_css(m.rect)))
        for m in crop_marks(geometry, rules, size.unit))
    slug = " · ".join([
        f"awareprint {__version__}", job.layout, f"{job.size} ({size.dimensions})",
        "+".join(job.languages), job.profile,
        *slug_dates(job.issue, document_date(catalogue.hotline.checked).date()),
    ])
    box = slug_box(geometry, rules, size.unit)
    slug_html = Markup('<div class="slug" data-furniture style="{}font-size:{}pt">{}</div>')
    return marks + slug_html.format(Markup(box_css(box)), rules.slug_pt, slug)


