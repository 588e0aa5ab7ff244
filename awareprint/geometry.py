"""A layout specification resolved at one size: every panel, slot and tab in points."""

from __future__ import annotations

from dataclasses import dataclass

from .layouts import Box, LayoutSpec
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

    def distance_to_edges(self, width: float, height: float) -> float:
        """The smallest distance from this rectangle to any edge of a page."""
        return min(self.x, self.y, width - self.right, height - self.bottom)


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
    def slot(self) -> str:
        return f"tab-{self.number}"


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
    width: float
    height: float
    scale: float
    pages: tuple[PageGeometry, ...]
    tabs: TabGeometry | None

    def slot(self, name: str) -> PlacedSlot:
        for page in self.pages:
            for slot in page.slots:
                if slot.name == name:
                    return slot
        if self.tabs:
            for tab in self.tabs.tabs:
                if tab.slot == name:
                    return PlacedSlot(name, tab.text, self.tabs.font_pt, self.tabs.min_pt, False)
        raise KeyError(name)

    def all_slots(self) -> list[PlacedSlot]:
        slots = [slot for page in self.pages for slot in page.slots]
        if self.tabs:
            slots += [self.slot(tab.slot) for tab in self.tabs.tabs]
        return slots


def scale_for(size: Size, reference: Size) -> float:
    """How much type grows from the reference size: the page grows at least this much both ways."""
    return min(size.width_pt / reference.width_pt, size.height_pt / reference.height_pt)


def resolve(spec: LayoutSpec, size: Size, reference: Size, tab_count: int | None) -> Geometry:
    """Turn percentages into points for one size; fonts scale with the page."""
    width, height = size.width_pt, size.height_pt
    scale = scale_for(size, reference)

    def rect(box: Box) -> Rect:
        return Rect(box.left * width / 100, box.top * height / 100,
                    box.width * width / 100, box.height * height / 100)

    pages = tuple(
        PageGeometry(
            name=name,
            panels=tuple(PlacedPanel(key, rect(p), p.fill) for key, p in page.panels.items()),
            slots=tuple(
                PlacedSlot(key, rect(s), round(s.font_pt * scale, 2), s.min_pt, s.optional)
                for key, s in page.slots.items()
            ),
        )
        for name, page in spec.pages.items()
    )
    tabs = None
    if spec.tabs is not None:
        strip = rect(spec.tabs)
        count = tab_count or spec.tabs.default
        pad = spec.tabs.padding_pt * scale
        cell_w = strip.w / count
        placed = []
        for index in range(count):
            x = strip.x + index * cell_w
            cell = Rect(x, strip.y, cell_w, height - strip.y)
            text = Rect(x + pad, strip.y + pad, cell_w - 2 * pad, strip.h - 2 * pad)
            placed.append(PlacedTab(index + 1, cell, text))
        tabs = TabGeometry(spec.tabs.page, tuple(placed), strip.y,
                           round(spec.tabs.font_pt * scale, 2), spec.tabs.min_pt)
    return Geometry(width, height, scale, pages, tabs)


def geometry_problems(geometry: Geometry, safe_margin_pt: float) -> list[str]:
    """Slots that come closer to the trim than the safe margin, or type below its minimum."""
    problems = []
    for slot in geometry.all_slots():
        distance = slot.rect.distance_to_edges(geometry.width, geometry.height)
        if distance < safe_margin_pt - 0.01:
            problems.append(
                f"slot '{slot.name}' lies {distance / 72:.3f} in from the trim; "
                f"keep it at least {safe_margin_pt / 72:g} in inside"
            )
        if slot.font_pt < slot.min_pt:
            problems.append(
                f"slot '{slot.name}' would be set at {slot.font_pt:g} pt, "
                f"below its minimum {slot.min_pt:g} pt; raise font_pt or lower min_pt"
            )
    return problems
