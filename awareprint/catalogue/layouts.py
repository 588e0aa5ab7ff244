"""Layout specifications: layouts/<name>/layout.yaml, the geometry of each piece."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import (
    Field,
    NonNegativeInt,
    PositiveFloat,
    PositiveInt,
    StringConstraints,
    model_validator,
)

from ..paths import LAYOUTS_DIR
from .schema import ProblemsByFile, Strict, load

LAYOUT_FILE = "layout.yaml"
TEMPLATE_FILE = "template.html.j2"
STYLE_FILE = "style.css"
TICKET_FOLDER = "job-ticket"  # the job ticket's template (no layout.yaml: not a layout)

Percent = Annotated[float, Field(ge=0, le=100)]
# Names end up in CSS selectors and HTML attributes: keep them plain.
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$")]


class Box(Strict):
    """A rectangle in percent of the page: left/width of its width, top/height of its height."""

    left: Percent
    top: Percent
    width: Percent
    height: Percent

    @model_validator(mode="after")
    def _inside_page(self) -> Box:
        if self.left + self.width > 100.001 or self.top + self.height > 100.001:
            raise ValueError("box reaches past the page; reduce width/height")
        return self


class Panel(Box):
    """A coloured area behind the text (mastheads, bands); may run to the edge."""

    fill: str


class Slot(Box):
    """A box that holds text: set at `font_pt` on the reference size, never below `min_pt`."""

    font_pt: PositiveFloat
    min_pt: PositiveFloat
    optional: bool = False
    group: Name | None = None  # slots of a group are always set at one size (equal prominence)
    # The hotline number's own size, shared by the one- and two-language pages so that a
    # second language never makes the number smaller; the rest of the slot may shrink.
    number_pt: PositiveFloat | None = None
    # A headline whose text is short grows up to this size (its lines kept as they are),
    # so that one line does not leave half its band empty.
    max_pt: PositiveFloat | None = None
    # How many items of a list (questions, signs) the slot prints: the first `items`
    # (0: none, the slot left empty where a small piece has no room for them).
    items: NonNegativeInt | None = None
    # The slot prints a law's wording (state notices): never set below the law's type size.
    statute: bool = False

    @model_validator(mode="after")
    def _minimum_below_design(self) -> Slot:
        if self.min_pt > self.font_pt:
            raise ValueError("min_pt is above font_pt; lower min_pt")
        if self.max_pt is not None and self.max_pt < self.font_pt:
            raise ValueError("max_pt is below font_pt; raise max_pt")
        return self


class Page(Strict):
    panels: dict[Name, Panel] = Field(default_factory=dict)
    slots: dict[Name, Slot]


class TabStrip(Box):
    """Tear-off tabs: `count` tabs side by side across the strip, text turned 90°."""

    page: str
    default: PositiveInt
    min: PositiveInt
    max: PositiveInt
    font_pt: PositiveFloat
    min_pt: PositiveFloat
    padding_pt: PositiveFloat
    # The tabs' text starts this far below the perforation: a tear runs ragged, like a
    # cut, so the house's safe margin applies (checked when the layouts load).
    clear_in: PositiveFloat
    # A tab is a small piece carried away: nothing on it below this (a card's reading
    # size), where the piece's own `least_type_pt` holds above the perforation.
    least_type_pt: PositiveFloat | None = None

    @model_validator(mode="after")
    def _default_in_range(self) -> TabStrip:
        if not self.min <= self.default <= self.max:
            raise ValueError("default tab count lies outside min..max")
        return self


PARTNER_LOGO = "partner_logo"  # the slots co-branding adds to a page
PARTNER_LINES = "partner"


class Room(Box):
    """A slot's box on a co-branded piece, and how many items of a list it then prints
    (none given: as many as without a partner; 0: none, the lockup takes their room)."""

    items: NonNegativeInt | None = None


class PartnerPlace(Strict):
    """Where a partner's logo and lines (name, contact line, website) go on a co-branded
    piece; the slots (and panels) under `room` take these boxes instead to make space."""

    page: Name
    logo: Box
    lines: Slot
    room: dict[Name, Room] = Field(default_factory=dict)
    replaces: list[Name] = Field(default_factory=list)  # slots the partner's lines replace
    # A piece a victim keeps or reads (a wallet or discreet card): the lockup is the
    # partner's name, logo and website, and its contact line only where the partner marks
    # it safe for victims (a second number beside "not law enforcement" could be a
    # security desk's). The tear-off's tabs carry the hotline alone.
    victim_facing: bool = False


class PageChange(Strict):
    """Panels and slots of a page replaced, by name, for pages of one shape."""

    panels: dict[Name, Panel] = Field(default_factory=dict)
    slots: dict[Name, Slot] = Field(default_factory=dict)


class PageShape(Strict):
    """Pages whose height ÷ width lies in [min_ratio, max_ratio) get their own panels and
    slots where scaling the reference page is not good enough: type scales with the
    narrower way, so a taller page would only gain gaps."""

    min_ratio: PositiveFloat
    max_ratio: PositiveFloat = 100.0
    pages: dict[Name, PageChange]

    def holds(self, ratio: float) -> bool:
        return self.min_ratio <= ratio < self.max_ratio


class Bilingual(Strict):
    """How the layout carries two languages: its own pages, each carrying both (a slot
    per language where they differ, shared slots for what they share)."""

    pages: dict[Name, Page]
    partner: PartnerPlace | None = None  # co-branding on the bilingual pages
    shapes: list[PageShape] = Field(default_factory=list)  # bilingual pages of other shapes
    # The sizes that hold two languages at the piece's reading size (default: all).
    sizes: list[str] | None = None


class Masthead(Strict):
    """The band around a one-language headline. A short headline (one line in Chinese or
    Hindi) would leave it half empty: the band gives up to `share` of the headline slot's
    empty height to the body below. Panels of `band` that start at or below the headline
    move up, the others shorten; the `body` slots stretch over the height freed."""

    page: Name
    headline: Name
    band: Annotated[list[Name], Field(min_length=1)]
    body: Annotated[list[Name], Field(min_length=1)]
    share: Annotated[float, Field(gt=0, le=1)] = 0.5
    least_gift: Annotated[float, Field(ge=0, le=50)] = 0.0  # percent of the page's height


class LayoutSpec(Strict):
    title: str
    description: str
    reference_size: str
    default_size: str
    sizes: Annotated[list[str], Field(min_length=1)]
    event: bool = False
    # A notice a state's law requires (--state): its wording, rules and numbers come from
    # content/notices/, and its `wording` slots are never set below the law's type size.
    state_notice: bool = False
    pages: Annotated[dict[Name, Page], Field(min_length=1)]
    tabs: TabStrip | None = None
    bilingual: Bilingual | None = None
    hotline: list[Name] = Field(default_factory=list)  # slots printing the hotline
    # Nothing on the piece is set smaller than this (measure/piece_rules.py), and only the
    # `display` slots (headlines, without a language's _1/_2) outsize the hotline number.
    least_type_pt: Annotated[float, Field(gt=0)] | None = None
    display: list[Name] = Field(default_factory=list)
    partner: PartnerPlace | None = None
    masthead: Masthead | None = None
    shapes: list[PageShape] = Field(default_factory=list)  # one-language pages of other shapes
    name: str = ""
    folder: Path = LAYOUTS_DIR

    def takes_two_languages(self, size: str) -> bool:
        """Whether the layout sets two languages on a piece of this size."""
        return self.bilingual is not None and (self.bilingual.sizes is None
                                               or size in self.bilingual.sizes)

    @model_validator(mode="after")
    def _shape_names_known(self) -> LayoutSpec:
        variants = [("", self.pages, self.shapes)]
        if self.bilingual is not None:
            variants.append(("bilingual.", self.bilingual.pages, self.bilingual.shapes))
        for prefix, pages, shapes in variants:
            for number, shape in enumerate(shapes):
                for page_name, change in shape.pages.items():
                    page = pages.get(page_name)
                    if page is None:
                        raise ValueError(f"{prefix}shapes[{number}] changes page "
                                         f"'{page_name}', which this layout lacks")
                    unknown = ([name for name in change.panels if name not in page.panels]
                               + [name for name in change.slots if name not in page.slots])
                    if unknown:
                        raise ValueError(f"{prefix}shapes[{number}].{page_name} names "
                                         f"{', '.join(unknown)}, not on that page; change "
                                         "existing panels and slots")
        return self

    @model_validator(mode="after")
    def _masthead_names_known(self) -> LayoutSpec:
        masthead = self.masthead
        if masthead is None:
            return self
        page = self.pages.get(masthead.page)
        if page is None:
            raise ValueError(f"masthead.page '{masthead.page}' is not a page of this layout")
        partner = [PARTNER_LOGO, PARTNER_LINES] if self.partner else []
        unknown = ([name for name in masthead.band if name not in page.panels]
                   + [name for name in [masthead.headline, *masthead.body]
                      if name not in page.slots and name not in partner])
        if unknown:
            raise ValueError(f"masthead names {', '.join(unknown)}, not on page "
                             f"'{masthead.page}'; use its panel and slot names")
        return self

    @property
    def has_own_bilingual_pages(self) -> bool:
        return self.bilingual is not None

    def partner_place(self, language_count: int) -> PartnerPlace | None:
        """Where co-branding goes on a one- or two-language piece (None: nowhere)."""
        if language_count == 2 and self.has_own_bilingual_pages:
            assert self.bilingual is not None
            return self.bilingual.partner
        return self.partner

    @property
    def victim_facing(self) -> bool:
        """Whether its lockup, in one language or two, is on a piece a victim keeps."""
        return any(place is not None and place.victim_facing
                   for place in (self.partner_place(1), self.partner_place(2)))

    def pages_for(self, language_count: int, partner: bool = False,
                  ratio: float | None = None) -> dict[str, Page]:
        """The pages of a one- or two-language piece, co-branded or not, on a page of
        height ÷ width `ratio` (None: the reference shape)."""
        pages, shapes = self.pages, self.shapes
        if language_count == 2 and self.bilingual is not None:
            pages, shapes = self.bilingual.pages, self.bilingual.shapes
        if ratio is not None:
            for shape in shapes:
                if shape.holds(ratio):
                    pages = {name: _changed(page, shape.pages.get(name))
                             for name, page in pages.items()}
        place = self.partner_place(language_count) if partner else None
        if place is None or place.page not in pages:
            return pages
        page = pages[place.page]
        slots = {name: slot.model_copy(update=place.room[name].model_dump(exclude_none=True))
                 if name in place.room else slot for name, slot in page.slots.items()
                 if name not in place.replaces}
        slots[PARTNER_LOGO] = Slot(**place.logo.model_dump(), font_pt=place.lines.font_pt,
                                   min_pt=place.lines.min_pt, optional=True)
        slots[PARTNER_LINES] = place.lines
        panels = {name: panel.model_copy(update=place.room[name].model_dump(
                      exclude_none=True, exclude={"items"}))
                  if name in place.room else panel for name, panel in page.panels.items()}
        return {**pages, place.page: page.model_copy(update={"slots": slots,
                                                             "panels": panels})}


def _changed(page: Page, change: PageChange | None) -> Page:
    if change is None:
        return page
    return page.model_copy(update={"panels": {**page.panels, **change.panels},
                                   "slots": {**page.slots, **change.slots}})


def layout_names(layouts_dir: Path = LAYOUTS_DIR) -> list[str]:
    """Every folder of layouts/ holding a layout.yaml: adding a folder adds a layout."""
    return sorted(p.parent.name for p in layouts_dir.glob(f"*/{LAYOUT_FILE}"))


def load_layouts(problems: ProblemsByFile, layouts_dir: Path = LAYOUTS_DIR
                 ) -> dict[str, LayoutSpec]:
    """Every layout specification, problems collected."""
    specs: dict[str, LayoutSpec] = {}
    for name in layout_names(layouts_dir):
        folder = layouts_dir / name
        spec = load(LayoutSpec, folder / LAYOUT_FILE, problems)
        for required in (TEMPLATE_FILE, STYLE_FILE):
            if not (folder / required).is_file():
                problems.add(folder / required, "", "missing; every layout needs one")
        if spec is not None:
            specs[name] = spec.model_copy(update={"name": name, "folder": folder})
    return specs
