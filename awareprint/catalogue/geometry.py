"""A layout specification resolved at one size: every panel, slot and tab in points."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from .layouts import Box, LayoutSpec, Masthead, Page
from .sizes import Size


@dataclass(frozen=True)
class Rect:
    """A rectangle in points, from the page's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def distance_inside(self, outer: Rect) -> float:
        """The smallest distance from this rectangle to any edge of `outer` (negative: outside)."""
        return min(self.x - outer.x, self.y - outer.y,
                   outer.right - self.right, outer.bottom - self.bottom)

    def overlaps(self, other: Rect, tolerance: float = 0.01) -> bool:
        return (self.x < other.right - tolerance and other.x < self.right - tolerance
                and self.y < other.bottom - tolerance and other.y < self.bottom - tolerance)

    def shifted(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def grown(self, left: float, top: float, right: float, bottom: float) -> Rect:
        return Rect(self.x - left, self.y - top, self.w + left + right, self.h + top + bottom)


@dataclass(frozen=True)
class Frame:
    """How the finished piece sits on the page the engine draws.

    Office: the page is the piece. Press: the piece (trim) sits `margin` inside a larger
    page, edge-touching panels run `bleed` past the trim, marks go in the margin. On an
    office label sheet, edge-touching panels stop `inset` short of the cut instead: the
    printer's drift then shows white, not a sliver of colour on the next label. A band
    the inset would leave thinner than `least_band` is grown to it, or dropped where it
    would then reach a text box: never a hairline.
    """

    margin: float = 0.0
    bleed: float = 0.0
    inset: float = 0.0
    least_band: float = 0.0


TABS = "tabs"  # the name under which all tear-off tabs share one type size


@dataclass(frozen=True)
class PlacedPanel:
    name: str
    rect: Rect
    fill: str


@dataclass(frozen=True)
class PlacedSlot:
    name: str
    rect: Rect
    font_pt: float
    min_pt: float
    optional: bool
    number_pt: float | None = None  # the hotline number's size in this slot, if it has one
    max_pt: float | None = None     # how large short text in it may grow
    items: int | None = None        # how many items of a list it prints (None: all)
    statute: bool = False           # prints a law's wording (never below its type size)


@dataclass(frozen=True)
class PageGeometry:
    name: str
    panels: tuple[PlacedPanel, ...]
    slots: tuple[PlacedSlot, ...]


@dataclass(frozen=True)
class PlacedTab:
    """One tear-off tab: `cell` is what the reader tears off, `text` where its words go."""

    number: int
    cell: Rect
    text: Rect

    @property
    def slot_name(self) -> str:
        return f"tab-{self.number}"

    @property
    def upright(self) -> Rect:
        """The box the text is laid out in before it is turned 90° about its centre:
        transforms take no part in layout, so the box is sized for the turned space."""
        cx, cy = self.text.x + self.text.w / 2, self.text.y + self.text.h / 2
        return Rect(cx - self.text.h / 2, cy - self.text.w / 2, self.text.h, self.text.w)

    def turned(self, left: float, right: float) -> tuple[float, float]:
        """Where a stretch of an upright line, from `left` to `right` (points across the
        upright box), prints once turned (compose/css.py turns it a quarter anticlockwise:
        its end rises to the top): its top and bottom on the page."""
        cx, cy = self.text.x + self.text.w / 2, self.text.y + self.text.h / 2
        return cy - (right - cx), cy - (left - cx)


@dataclass(frozen=True)
class TabGeometry:
    page: str
    tabs: tuple[PlacedTab, ...]
    tear_line_y: float
    font_pt: float
    min_pt: float

    @property
    def cut_guides_x(self) -> tuple[float, ...]:
        """Where the scissors go: between tabs and at both ends of the strip."""
        return (self.tabs[0].cell.x, *(tab.cell.right for tab in self.tabs))


@dataclass(frozen=True)
class Geometry:
    """Everything in points on the engine's page; `trim` is the finished piece on it."""

    width: float
    height: float
    scale: float
    pages: tuple[PageGeometry, ...]
    tabs: TabGeometry | None
    frame: Frame

    @property
    def trim(self) -> Rect:
        return Rect(self.frame.margin, self.frame.margin, self.width, self.height)

    @property
    def bleed_box(self) -> Rect:
        b = self.frame.bleed
        return self.trim.grown(b, b, b, b)

    @property
    def media_width(self) -> float:
        return self.width + 2 * self.frame.margin

    @property
    def media_height(self) -> float:
        return self.height + 2 * self.frame.margin

    def page(self, name: str) -> PageGeometry:
        for page in self.pages:
            if page.name == name:
                return page
        raise KeyError(name)

    def items(self, slot: str) -> int | None:
        """How many items of a list `slot` prints (None: all), for the template."""
        return self.layout_boxes()[slot].items

    def all_slots(self) -> list[PlacedSlot]:
        """Every text box, tabs included (at the place their turned text occupies)."""
        slots = [slot for page in self.pages for slot in page.slots]
        if self.tabs:
            slots += [PlacedSlot(tab.slot_name, tab.text, self.tabs.font_pt, self.tabs.min_pt,
                                 False) for tab in self.tabs.tabs]
        return slots

    def layout_boxes(self) -> dict[str, PlacedSlot]:
        """Every slot as the engine lays it out (tabs upright, before turning)."""
        boxes = {slot.name: slot for slot in self.all_slots()}
        if self.tabs:
            for tab in self.tabs.tabs:
                boxes[tab.slot_name] = PlacedSlot(tab.slot_name, tab.upright, self.tabs.font_pt,
                                                  self.tabs.min_pt, False)
        return boxes


def scale_for(size: Size, reference: Size) -> float:
    """How much type grows from the reference size: the page grows at least this much both ways."""
    return min(size.width_pt / reference.width_pt, size.height_pt / reference.height_pt)


# The hotline number on a notice is set this much larger than the law's type size at least:
# the wording is set near that size, and the number is the largest thing after the title.
NUMBER_OVER_STATUTE = 1.25


def resolve(
    spec: LayoutSpec, size: Size, reference: Size, tab_count: int | None,
    frame: Frame = Frame(),
    mirrored: Collection[str] = (),
    font_pt: dict[str, float] | None = None,
    language_count: int = 1,
    partner: bool = False,
    masthead_gain_pt: float = 0.0,
    statute_pt: float | None = None,
) -> Geometry:
    """Turn percentages into points for one size; type scales with the page.

    `mirrored` names the pages to flip left to right (written right to left).
    `font_pt` overrides the type size of named slots (set smaller to fit; "tabs" for all
    tear-off tabs at once). `language_count` 2 takes the layout's bilingual pages;
    `partner` the co-branded pages (with the partner's logo and lines);
    `masthead_gain_pt` the height a short headline's band gives to the body (Masthead);
    `statute_pt` (a law's type size) is the least size of the slots printing its wording.
    """
    width, height = size.width_pt, size.height_pt
    scale = scale_for(size, reference)
    origin = frame.margin
    sizes = font_pt or {}

    def rect(box: Box, page: str) -> Rect:
        left = 100 - box.left - box.width if page in mirrored else box.left
        return Rect(origin + left * width / 100, origin + box.top * height / 100,
                    box.width * width / 100, box.height * height / 100)

    def panel(box: Box, page: str) -> Rect:
        """A panel that touches an edge of the piece runs on into the bleed (or stops
        short of the edge by the label inset)."""
        def reach(touches: bool) -> float:
            return (frame.bleed - frame.inset) if touches else 0.0
        return rect(box, page).grown(reach(box.left <= 0), reach(box.top <= 0),
                               reach(box.left + box.width >= 100),
                               reach(box.top + box.height >= 100))

    def type_size(name: str, design_pt: float, statute: bool = False) -> float:
        return max(sizes.get(name, round(design_pt * scale, 2)), floor(statute))

    def floor(statute: bool, min_pt: float = 0.0) -> float:
        return max(min_pt, statute_pt or 0.0) if statute else min_pt

    def number_size(number_pt: float | None) -> float | None:
        """The number keeps its size when the rest of its slot is set smaller to fit: it
        is the one thing on the piece that must read, and two languages share it. Beside
        a law's wording it stays larger than the law's type size."""
        if number_pt is None:
            return None
        return round(max(number_pt * scale, (statute_pt or 0.0) * NUMBER_OVER_STATUTE), 2)

    def placed_page(name: str, page: Page) -> PageGeometry:
        slots = tuple(
            PlacedSlot(key, rect(s, name), type_size(key, s.font_pt, s.statute),
                       floor(s.statute, s.min_pt), s.optional, number_size(s.number_pt),
                       round(s.max_pt * scale, 2) if s.max_pt else None, s.items,
                       s.statute)
            for key, s in page.slots.items()
        )
        panels = []
        for key, p in page.panels.items():
            placed = panel(p, name)
            if frame.inset > 0:
                placed = _no_hairline(placed, p, frame.least_band, [s.rect for s in slots])
            if placed is not None:
                panels.append(PlacedPanel(key, placed, p.fill))
        return PageGeometry(name=name, panels=tuple(panels), slots=slots)

    pages = tuple(placed_page(name, page) for name, page
                  in spec.pages_for(language_count, partner, height / width).items())
    if masthead_gain_pt > 0 and spec.masthead is not None and language_count == 1:
        pages = tuple(_band_given_to_body(page, spec.masthead, masthead_gain_pt)
                      if page.name == spec.masthead.page else page for page in pages)
    tabs = None
    if spec.tabs is not None:
        strip = rect(spec.tabs, spec.tabs.page)
        count = tab_count or spec.tabs.default
        pad = spec.tabs.padding_pt * scale
        clear = max(pad, spec.tabs.clear_in * 72.0)  # below the perforation, at every size
        cell_w = strip.w / count
        placed = []
        for index in range(count):
            x = strip.x + index * cell_w
            cell = Rect(x, strip.y, cell_w, origin + height - strip.y)
            text = Rect(x + pad, strip.y + clear, cell_w - 2 * pad, strip.h - clear - pad)
            placed.append(PlacedTab(index + 1, cell, text))
        tabs = TabGeometry(spec.tabs.page, tuple(placed), strip.y,
                           type_size(TABS, spec.tabs.font_pt), spec.tabs.min_pt)
    return Geometry(width, height, scale, pages, tabs, frame)


def _no_hairline(placed: Rect, box: Box, least: float, text: list[Rect]) -> Rect | None:
    """A band along one edge that the label inset left thinner than `least`, grown away
    from that edge to `least`; None (no band) where the grown band would reach a text box."""
    grown = placed
    if (box.top <= 0) != (box.top + box.height >= 100) and placed.h < least:
        if box.top <= 0:
            grown = Rect(placed.x, placed.y, placed.w, least)
        else:
            grown = Rect(placed.x, placed.bottom - least, placed.w, least)
    if (box.left <= 0) != (box.left + box.width >= 100) and grown.w < least:
        if box.left <= 0:
            grown = Rect(grown.x, grown.y, least, grown.h)
        else:
            grown = Rect(grown.right - least, grown.y, least, grown.h)
    if grown == placed:
        return placed
    return None if any(grown.overlaps(slot) for slot in text) else grown


def _band_given_to_body(page: PageGeometry, masthead: Masthead, gain: float) -> PageGeometry:
    """The page with its headline band `gain` points shorter and its body that much taller."""
    headline = next(slot for slot in page.slots if slot.name == masthead.headline)
    body = [slot.rect for slot in page.slots if slot.name in masthead.body]
    top, bottom = min(r.y for r in body), max(r.bottom for r in body)
    stretch = (bottom - top + gain) / (bottom - top)

    def stretched(r: Rect) -> Rect:
        return Rect(r.x, bottom - (bottom - r.y) * stretch, r.w, r.h * stretch)

    def band(r: Rect) -> Rect:
        if r.y >= headline.rect.bottom - 0.01:
            return r.shifted(0, -gain)
        return Rect(r.x, r.y, r.w, r.h - gain)

    return replace(
        page,
        panels=tuple(replace(p, rect=band(p.rect)) if p.name in masthead.band else p
                     for p in page.panels),
        slots=tuple(replace(s, rect=Rect(s.rect.x, s.rect.y, s.rect.w, s.rect.h - gain))
                    if s.name == masthead.headline
                    else replace(s, rect=stretched(s.rect)) if s.name in masthead.body else s
                    for s in page.slots),
    )


def geometry_problems(geometry: Geometry, safe_margin_pt: float) -> list[str]:
    """Slots closer to the trim than the safe margin, slots on top of each other, and type
    below its minimum."""
    problems = []
    for page in geometry.pages:
        for index, first in enumerate(page.slots):
            for second in page.slots[index + 1:]:
                if first.rect.overlaps(second.rect):
                    problems.append(f"slots '{first.name}' and '{second.name}' overlap on "
                                    f"page '{page.name}'; move one")
    for slot in geometry.all_slots():
        distance = slot.rect.distance_inside(geometry.trim)
        if distance < safe_margin_pt - 0.01:
            problems.append(
                f"slot '{slot.name}' lies {distance / 72:.3f} in from the trim; "
                f"keep it at least {safe_margin_pt / 72:g} in inside"
            )
        clearance = perforation_clearance(geometry, slot)
        if clearance is not None and clearance < safe_margin_pt - 0.01:
            problems.append(
                f"slot '{slot.name}' lies {clearance / 72:.3f} in from the tabs' perforation; "
                f"keep it at least {safe_margin_pt / 72:g} in away (a tear runs ragged)"
            )
        if slot.font_pt < slot.min_pt:
            problems.append(
                f"slot '{slot.name}' would be set at {slot.font_pt:g} pt, "
                f"below its minimum {slot.min_pt:g} pt; raise font_pt or lower min_pt"
            )
    return problems


def perforation_clearance(geometry: Geometry, slot: PlacedSlot) -> float | None:
    """How far a slot's box lies from the tabs' perforation (the tear line), in points;
    None where the piece has no tabs or the slot is on another page."""
    tabs = geometry.tabs
    if tabs is None:
        return None
    if any(slot.name == tab.slot_name for tab in tabs.tabs):
        return slot.rect.y - tabs.tear_line_y
    if slot not in geometry.page(tabs.page).slots:
        return None
    return tabs.tear_line_y - slot.rect.bottom
