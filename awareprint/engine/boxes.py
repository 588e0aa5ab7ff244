"""The one typed view of a laid-out document: what every check after layout reads.

WeasyPrint's box tree is private (class names, `children`, `style`, `element`); this is the
only module outside the engine's own patches that walks it. Each page is read once, in
document order, into plain values: its lines (the outermost ones, each with the text
drawn in it), its paragraphs (the lines of one block), and every leaf that puts ink on
the page (a run of text, an image). Each value knows the slot it is in (the nearest
element's `data-slot`), the language it is set in (the nearest `lang`), and whether it is
furniture (printer's marks and slug, cut guides
and their scissors: an element with `data-furniture` or `data-guide`, and all inside it).
Positions and sizes are the engine's, in CSS pixels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from .layout import Document

PX_PER_PT = 4 / 3  # the engine lays out in CSS pixels
TEXT = "TextBox"
LINE = "LineBox"
REPLACED = ("BlockReplacedBox", "InlineReplacedBox")  # images, SVG


@dataclass(frozen=True)
class Text:
    """One run of text as laid out."""

    text: str
    x: float
    y: float
    width: float
    outer_width: float     # with its margins, as it takes room
    outer_height: float
    size_px: float
    _box: Any = field(repr=False, compare=False)

    @property
    def size_pt(self) -> float:
        return self.size_px / PX_PER_PT

    @property
    def colour(self) -> tuple[str, tuple[float, ...]]:
        """Its colour as (colour space, coordinates): ("device-cmyk", (c, m, y, k)), 0–1."""
        colour = self._box.style["color"]
        return colour.space, tuple(colour.coordinates)

    def recolour(self, colour: Any) -> None:
        """Draw this run in `colour` (a parsed CSS colour); its layout stays as it is."""
        self._box.style = self._box.style.copy()
        self._box.style["color"] = colour


@dataclass(frozen=True)
class Image:
    """An image or SVG drawing as laid out."""

    x: float
    y: float
    outer_width: float
    outer_height: float


@dataclass(frozen=True)
class Placed:
    """A leaf that puts ink on the page, with where it belongs."""

    slot: str | None
    furniture: bool
    leaf: Text | Image


@dataclass(frozen=True)
class Line:
    """One line of text, with every run of text drawn in it, in order."""

    slot: str | None
    furniture: bool
    x: float
    y: float
    width: float
    height: float
    span: tuple[float, float] | None  # left and right of what it holds; None when empty
    texts: tuple[Text, ...]
    lang: str | None = None
    direction: str = "ltr"
    edges: tuple[float, float] | None = None  # its block's content, left and right

    @property
    def text(self) -> str:
        return "".join(text.text for text in self.texts)

    @property
    def size_pt(self) -> float:
        """The largest type on the line; 0 for a line without text."""
        return max((text.size_pt for text in self.texts), default=0.0)


@dataclass(frozen=True)
class Paragraph:
    """The lines of one block, top to bottom."""

    slot: str | None
    furniture: bool
    lines: tuple[Line, ...]
    lang: str | None = None


@dataclass(frozen=True)
class Page:
    lines: tuple[Line, ...]             # lines inside lines (inline blocks) are not apart
    paragraphs: tuple[Paragraph, ...]   # in document order, a block before those inside it
    ink: tuple[Placed, ...]             # every run of text (blank ones too) and image


@dataclass(frozen=True)
class Spliced:
    """A page set as a whole once, with some of its slots read from other layouts of them
    alone (engine/layout.py `only`): what a whole layout would read, where a slot's lines
    do not depend on the others. The checks after layout read it as they read a document;
    it is drawn from the same boxes (engine/graft.py)."""

    pages: tuple[Page, ...]
    whole: Document            # the page laid out whole
    parts: dict[str, Document]  # slot: the layout it is read from instead


if TYPE_CHECKING:
    Laid = Document | Spliced  # what the checks after layout read


# A document is walked once: it is not moved after the engine's layout returns it.
_READ: WeakKeyDictionary[Document, tuple[Page, ...]] = WeakKeyDictionary()


def spliced(whole: Laid, parts: dict[str, Document]) -> Spliced:
    """`whole` with each slot named in `parts` read from that document instead (a slot
    `whole` already reads from another layout, from that one unless `parts` names it)."""
    if isinstance(whole, Spliced):
        whole, parts = whole.whole, {**whole.parts, **parts}
    read = [pages(document) for document in (whole, *parts.values())]
    sources = [(read[0], lambda slot: slot not in parts)] + [
        (found, lambda slot, name=name: slot == name)
        for found, name in zip(read[1:], parts, strict=True)]
    return Spliced(tuple(_spliced_page([(found[number], keep) for found, keep in sources
                                        if number < len(found)])
                         for number in range(len(read[0]))), whole, parts)


def _spliced_page(sources: list[tuple[Page, Any]]) -> Page:
    return Page(tuple(line for page, keep in sources for line in page.lines if keep(line.slot)),
                tuple(paragraph for page, keep in sources for paragraph in page.paragraphs
                      if keep(paragraph.slot)),
                tuple(placed for page, keep in sources for placed in page.ink
                      if keep(placed.slot)))


def pages(document: Laid) -> tuple[Page, ...]:
    """Every page of a laid-out document (the engine's), read into plain values."""
    if isinstance(document, Spliced):
        return document.pages
    read = _READ.get(document)
    if read is None:
        read = tuple(_read_page(page._page_box) for page in document.pages)
        _READ[document] = read
    return read


def page_count(document: Document) -> int:
    return len(document.pages)


def texts(page: Page) -> Iterator[tuple[str | None, Text]]:
    """(slot, text) for every run of text on the page, in order."""
    for placed in page.ink:
        if isinstance(placed.leaf, Text):
            yield placed.slot, placed.leaf


@dataclass
class _Reading:
    lines: list[Line] = field(default_factory=list)
    paragraphs: list[tuple[str | None, bool, str | None, list[Any]]] = field(
        default_factory=list)
    ink: list[Placed] = field(default_factory=list)
    line_of: dict[int, Line] = field(default_factory=dict)  # by the engine's line box
    edges_of: dict[int, tuple[float, float]] = field(default_factory=dict)  # likewise


def _read_page(page_box: Any) -> Page:
    reading = _Reading()
    _visit(page_box, None, None, False, False, reading)
    paragraphs = tuple(Paragraph(slot, furniture, tuple(reading.line_of[id(box)]
                                                        for box in boxes), lang)
                       for slot, furniture, lang, boxes in reading.paragraphs)
    return Page(tuple(reading.lines), paragraphs, tuple(reading.ink))


def _visit(box: Any, slot: str | None, lang: str | None, furniture: bool, in_line: bool,
           reading: _Reading) -> None:
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        if element.get("data-furniture") is not None or element.get("data-guide") is not None:
            furniture = True
        slot = element.get("data-slot") or slot
        lang = element.get("lang") or lang
    kind = type(box).__name__
    if kind == TEXT:
        reading.ink.append(Placed(slot, furniture, Text(
            str(box.text), box.position_x, box.position_y, box.width, box.margin_width(),
            box.margin_height(), float(box.style["font_size"]), box)))
        return
    if kind in REPLACED:
        reading.ink.append(Placed(slot, furniture, Image(
            box.position_x, box.position_y, box.margin_width(), box.margin_height())))
        return
    children = getattr(box, "children", None) or []
    outer_line = kind == LINE and not in_line
    if not in_line and not outer_line:
        lines = [child for child in children if type(child).__name__ == LINE]
        if lines:
            reading.paragraphs.append((slot, furniture, lang, lines))
            left = box.content_box_x()
            reading.edges_of.update((id(line), (left, left + box.width)) for line in lines)
    first = len(reading.ink)
    for child in children:
        _visit(child, slot, lang, furniture, in_line or kind == LINE, reading)
    if outer_line:
        span = ((min(child.position_x for child in children),
                 max(child.position_x + child.margin_width() for child in children))
                if children else None)
        texts = tuple(placed.leaf for placed in reading.ink[first:]
                      if isinstance(placed.leaf, Text))
        line = Line(slot, furniture, box.position_x, box.position_y, box.width, box.height,
                    span, texts, lang, str(box.style["direction"]), reading.edges_of.get(id(box)))
        reading.lines.append(line)  # no line is inside it: the order stays the document's
        reading.line_of[id(box)] = line
