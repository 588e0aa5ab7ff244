"""layout: WeasyPrint, the one layout engine, set up once per process.

Fonts come from fonts/ only: fontconfig is pointed at fonts/fonts.conf before WeasyPrint
loads, so no glyph can fall back to a system font. One FontConfiguration and one image
cache serve every document in the process (a new one per document leaks and is slower).
Fonts are subset by the HarfBuzz uharfbuzz ships (font_subset), whatever the system has.
Digital output is written as tagged PDF (PDF/UA-1), with notes for finishing (tagging).
A piece's stylesheets are parsed once per process and reused by every layout that names
them (stylesheets.py): parsing was a third of each layout's time.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from ..errors import RenderError
from ..paths import CONTENT_DIR, FONTS_DIR, LAYOUTS_DIR

os.environ["FONTCONFIG_FILE"] = str(FONTS_DIR / "fonts.conf")

from . import font_subset  # first: it quiets a warning WeasyPrint gives as it loads

# isort: split
import cssselect2
import weasyprint
from weasyprint.document import Page
from weasyprint.images import RasterImage
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from . import glyph_text, tagging
from .block_alignment import align_block_content
from .line_ends import close_right_to_left_line_ends
from .stylesheets import Collected, ParsedStylesheets, StyleSource
from .tag_notes import TagNotes

PROJECT_DATA = (LAYOUTS_DIR, CONTENT_DIR, FONTS_DIR)
Document = weasyprint.Document  # a laid-out document: read it through boxes.pages()
PDF_UA = "pdf/ua-1"


class ProjectFilesOnly(URLFetcher):
    """Lets WeasyPrint read files under the given folders (by default the project's
    layouts/, content/ and fonts/) and data: URIs (which carry their bytes in the
    document), and nothing else: no network, no other path."""

    def __init__(self, folders: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.folders = tuple(folder.resolve() for folder in folders)

    def fetch(
        self, url: str, headers: dict[str, str] | None = None
    ) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file":
            raise FatalURLFetchingError(f"refused to fetch {url}: only project files are read")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders):
            raise FatalURLFetchingError(f"refused to read {path}: outside the project's data")
        return super().fetch(url, headers)


_FONT_CONFIG = FontConfiguration()
_IMAGE_CACHE: dict[str, object] = {}
_FETCHERS: dict[tuple[Path, ...], ProjectFilesOnly] = {}
_LOGGER = logging.getLogger("weasyprint")
_STYLESHEETS = ParsedStylesheets(_FONT_CONFIG)
_HTML: dict[tuple[bytes, str, tuple[Path, ...], frozenset[str] | None], weasyprint.HTML] = {}
HTML_KEPT = 8  # documents kept parsed: the fit of one piece lays one out several times
OUTSIDE_SLOTS = ("data-slot", "data-furniture", "data-guide")  # left out of a slot alone
font_subset.install()
glyph_text.install()
tagging.install()


def lay_out(html: str, base_url: str, readable: tuple[Path, ...] = PROJECT_DATA,
            side_by_side: Collection[frozenset[str]] = (),
            stylesheets: Sequence[StyleSource] = (), only: frozenset[str] | None = None
            ) -> tuple[weasyprint.Document, list[str]]:
    """Lay out a document that may read files under `readable` only; returns it with
    WeasyPrint's warnings (ignored CSS and the like). The slots of each `side_by_side`
    group start their text at one height (block_alignment.py); right-to-left lines end
    flush with their edge (line_ends.py). `stylesheets` apply in their order before the
    document's own (each parsed once per process). With `only`, the document is laid out
    with those slots alone (other slots, marks and guides left out): a slot's
    box is placed by the geometry, so its lines are the ones it has in the whole page, at
    a fraction of the cost (a fit tries the sizes of the slots that overflow that way)."""
    fetcher = _FETCHERS.setdefault(readable, ProjectFilesOnly(readable))
    collector = Collected()
    _LOGGER.addHandler(collector)
    propagate, _LOGGER.propagate = _LOGGER.propagate, False
    try:
        sheets = [_STYLESHEETS.parsed(source, base_url, readable, fetcher, collector.messages)
                  for source in stylesheets]
        document = _parsed_html(html, base_url, readable, fetcher, only).render(
            font_config=_FONT_CONFIG, cache=_IMAGE_CACHE, stylesheets=sheets)
    except FatalURLFetchingError as exc:
        raise RenderError(str(exc)) from None
    finally:
        _LOGGER.removeHandler(collector)
        _LOGGER.propagate = propagate
    close_right_to_left_line_ends(document)
    align_block_content(document, side_by_side)
    # The engine notes where bookmarks and links point as it makes each page: noted again
    # where the two passes above have moved their boxes.
    document.pages = [Page(page._page_box) for page in document.pages]
    return document, collector.messages


def _parsed_html(html: str, base_url: str, readable: tuple[Path, ...],
                 fetcher: ProjectFilesOnly, only: frozenset[str] | None = None
                 ) -> weasyprint.HTML:
    """The document parsed, once for the layouts of a fit: its sizes are in its
    stylesheets, so its HTML is the same from one try to the next. With `only`, a copy of
    it holding those slots alone."""
    key = (hashlib.sha256(html.encode()).digest(), base_url, readable, only)
    if key not in _HTML:
        if only is None:
            _HTML[key] = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        else:
            _HTML[key] = _with_slots(_parsed_html(html, base_url, readable, fetcher), only)
        while len(_HTML) > HTML_KEPT:
            _HTML.pop(next(iter(_HTML)))
    return _HTML[key]


def slots_changed(before: str, after: str, base_url: str,
                  readable: tuple[Path, ...] = PROJECT_DATA) -> frozenset[str] | None:
    """The slots whose markup differs between two versions of a piece's HTML; None where
    anything outside the slots differs (then only a layout of the whole page tells)."""
    if before == after:
        return frozenset()
    fetcher = _FETCHERS.setdefault(readable, ProjectFilesOnly(readable))
    outlines = [_outline(_parsed_html(html, base_url, readable, fetcher).etree_element)
                for html in (before, after)]
    (rest_before, slots_before), (rest_after, slots_after) = outlines
    if rest_before != rest_after:
        return None
    return frozenset(name for name in slots_before.keys() | slots_after.keys()
                     if slots_before.get(name) != slots_after.get(name))


def _outline(root: Any) -> tuple[list[object], dict[str, list[bytes]]]:
    """A document's markup outside its slots, and each slot's markup."""
    rest: list[object] = []
    slots: dict[str, list[bytes]] = {}

    def walk(element: Any) -> None:
        name = element.get("data-slot")
        if name is not None:
            slots.setdefault(name, []).append(ElementTree.tostring(element))
            rest.append((name, element.tail))
            return
        rest.append((element.tag, sorted(element.attrib.items()), element.text))
        for child in element:
            walk(child)
        rest.append(element.tail)

    walk(root)
    return rest, slots


def _with_slots(whole: weasyprint.HTML, only: frozenset[str]) -> weasyprint.HTML:
    """A copy of a parsed document without the slots not in `only`, marks and guides
    (their ancestors, the panels and the rest stay: selectors may read them)."""
    root = copy.deepcopy(whole.etree_element)
    _prune(root, only)
    part = copy.copy(whole)  # the same base URL, fetcher and media; its own tree
    part.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    part.etree_element = part.wrapper_element.etree_element
    return part


def _prune(element: Any, only: frozenset[str]) -> bool:
    """Leave out of `element` every slot not in `only` that holds none of them, and the
    printer's marks, slug and cut guides (placed on their own, never read by a slot: a
    press frame's marks were half the cost of a small slot alone); whether it holds one."""
    if element.get("data-slot") in only:
        return True
    holds = False
    for child in list(element):
        if _prune(child, only):
            holds = True
        elif any(child.get(name) is not None for name in OUTSIDE_SLOTS):
            element.remove(child)
    return holds


def name_images_by_content(document: weasyprint.Document) -> None:
    """Name each raster image after its bytes. WeasyPrint names it after its address: an
    image read from a folder made anew each run (a proof's thumbnails) would make each
    run's PDF different."""
    for page in document.pages:
        for box in page._page_box.descendants():
            image = getattr(box, "replacement", None)
            if isinstance(image, RasterImage):
                image.id = hashlib.sha256(image.image_data.data).hexdigest()[:32]


def write_pdf(document: weasyprint.Document) -> bytes:
    """The laid-out document as PDF bytes (finishing happens afterwards, in finish)."""
    pdf = document.write_pdf()
    assert pdf is not None
    return pdf


def write_tagged_pdf(document: weasyprint.Document) -> tuple[bytes, TagNotes]:
    """The laid-out document as tagged PDF (PDF/UA-1: a structure tree from the HTML, its
    content marked, alternative text from `alt` and SVG titles, links), with what
    finishing needs to complete it: each marked content's language and more (tagging)."""
    with tagging.noting() as notes:
        pdf = document.write_pdf(pdf_variant=PDF_UA)
    assert pdf is not None
    return pdf, notes
