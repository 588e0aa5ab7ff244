"""How a proof's pieces are arranged: a block per layout × size (and per state's notice), a
column per language (so the languages of one piece sit side by side), a row per page of the
one-language pieces, then a row per page of the two-language pieces, each under its second
language."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..catalogue.geometry import TABS
from ..catalogue.jobs import Job
from ..catalogue.language_checks import DRAFT as DRAFT_STRING
from ..catalogue.language_checks import source_language, stale_keys, state_counts, string_states
from ..catalogue.load import Catalogue
from ..catalogue.sizes import Size
from ..catalogue.unreviewed import note, unreviewed_languages

MAX_COLUMNS = 14             # columns a tabloid-wide block holds; more languages wrap
SCALED, DRAFT, STALE, FAILED = "scaled", "draft", "stale", "failed"
# The room on a contact sheet (layouts/proof/style.css: tabloid landscape inside its
# margins), the row labels' column, a cell's padding, and the height a block's heading,
# the languages' line and a cell's labels take besides its picture, and the first sheet's
# title and counts above it: a row of the largest pictures still fits on the first sheet.
SHEET_W_IN, SHEET_H_IN = 17 - 2 * 0.45, 11 - 0.55 - 0.5
HEAD_IN = 0.78
CELL_PAD_IN = 6 / 72
LABELS_H_IN = 1.0 + 1.6
LEAST_COLUMN_IN = 1.09       # a column narrower than this wraps its cell's labels
THUMB_W_IN, THUMB_H_IN = 1.0, 1.36  # the overview's picture box (no scale asked for)
THUMBNAIL_PX = 480           # the overview's longest side: about 330 dpi in its cell
SCALED_DPI = 150             # a picture shown at a scale: sharp at 100 % on paper


@dataclass(frozen=True)
class Cells:
    """How large a block's cells are: its pictures' box and its columns, in inches; the
    share of its real size a piece is shown at (None: the overview's small pictures)."""

    thumb_w_in: float
    thumb_h_in: float
    column_in: float
    scale: float | None = None

    @property
    def columns(self) -> int:
        """Columns of cells across the sheet."""
        fit = max(1, math.floor((SHEET_W_IN - HEAD_IN) / self.column_in + 1e-6))
        return min(fit, MAX_COLUMNS)

    @property
    def percent(self) -> int | None:
        return None if self.scale is None else round(100 * self.scale)


def cells_for(size: Size, scale: float | None) -> Cells:
    """The cells of pieces of `size`: the overview's, or each page at `scale` of its real
    size (smaller where the sheet cannot hold it so)."""
    width_in, height_in = size.width_pt / 72, size.height_pt / 72
    if scale is None:
        return Cells(THUMB_W_IN, min(THUMB_H_IN, THUMB_W_IN * height_in / width_in),
                     LEAST_COLUMN_IN)
    shown = min(scale, (SHEET_W_IN - HEAD_IN - CELL_PAD_IN) / width_in,
                (SHEET_H_IN - LABELS_H_IN) / height_in)
    return Cells(width_in * shown, height_in * shown,
                 max(width_in * shown + CELL_PAD_IN, LEAST_COLUMN_IN), shown)


def thumbnail_px(size: Size, scale: float | None) -> int:
    """The longest side of a page's picture: sharp at the size it is shown."""
    if scale is None:
        return THUMBNAIL_PX
    cells = cells_for(size, scale)
    return max(THUMBNAIL_PX, round(max(cells.thumb_w_in, cells.thumb_h_in) * SCALED_DPI))


@dataclass(frozen=True)
class Entry:
    """A piece once collected: its thumbnails (file URIs) or its error."""

    job: Job
    images: tuple[str, ...] = ()
    scaled: dict[str, tuple[float, float]] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class Cell:
    """One page of one piece, with everything its label says."""

    layout: str
    size: str
    languages: str           # "en" or "en+ar"
    page: int
    pages: int
    page_name: str           # the page's name in layout.yaml: front, back
    image: str | None
    error: str | None
    markers: tuple[str, ...]
    percent: int | None      # the smallest text size set, as a share of its design size


@dataclass(frozen=True)
class Column:
    code: str
    name: str


@dataclass(frozen=True)
class Row:
    languages: int           # 1 or 2
    page: int
    pages: int
    page_name: str
    cells: tuple[Cell | None, ...]


@dataclass(frozen=True)
class Band:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Group:
    layout: str
    size: str
    layout_title: str
    size_title: str
    dimensions: str
    aspect: float            # height / width of the piece
    first: str               # the first language of the two-language pieces
    bands: tuple[Band, ...]
    cells: Cells = Cells(THUMB_W_IN, THUMB_H_IN, LEAST_COLUMN_IN)


@dataclass(frozen=True)
class Summary:
    pieces: int
    pages: int
    scaled: int
    draft: int
    stale: int
    failed: int
    # each translation on the proof, in the catalogue's order: how many of its strings are
    # in each state (draft, reviewed, approved, stale)
    states: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    # each translation on the proof with strings no person has reviewed, in plain words
    unreviewed: tuple[str, ...] = ()


def arrange(entries: Sequence[Entry], catalogue: Catalogue,
            scale: float | None = None) -> list[Group]:
    """The entries in blocks, in the order the catalogue lists layouts and sizes; with a
    `scale`, every page shown at that share of its real size (1: as printed)."""
    source = source_language(catalogue.languages).language.code
    order = [source, *(code for code in catalogue.languages if code != source)]
    # A state's notices share a layout and a size: a block for each notice.
    blocks: dict[tuple[str, str, str], list[Entry]] = {}
    for entry in entries:
        notice = str(entry.job.notice) if entry.job.notice else ""
        blocks.setdefault((entry.job.layout, notice, entry.job.size), []).append(entry)
    groups = []
    for (layout, notice, size), members in blocks.items():
        spec, paper = catalogue.layouts[layout], catalogue.sizes[size]
        title = f"{spec.title} {notice}" if notice else spec.title
        codes = [code for code in order if any(_column(e) == code for e in members)]
        cells = cells_for(paper, scale)
        bands = tuple(_band(members, codes[start:start + cells.columns], catalogue)
                      for start in range(0, len(codes), cells.columns))
        pairs = [e.job.languages[0] for e in members if len(e.job.languages) == 2]
        groups.append(Group(layout, size, title, paper.title, paper.dimensions,
                            paper.height / paper.width, pairs[0] if pairs else source, bands,
                            cells))
    return groups


def summarise(entries: Sequence[Entry], catalogue: Catalogue) -> Summary:
    markers = [_markers(entry, catalogue) for entry in entries]
    return Summary(
        pieces=len(entries),
        pages=sum(_page_count(entry, catalogue) for entry in entries),
        **{key: sum(key in found for found in markers)
           for key in (SCALED, DRAFT, STALE, FAILED)},
        states=_string_states(entries, catalogue),
        unreviewed=tuple(note(catalogue, language) for language in unreviewed_languages(
            catalogue, (code for entry in entries for code in entry.job.languages))),
    )


def _string_states(entries: Sequence[Entry], catalogue: Catalogue
                   ) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    source = source_language(catalogue.languages)
    shown = {code for entry in entries for code in entry.job.languages}
    return tuple((code, tuple(state_counts(language, source).items()))
                 for code, language in catalogue.languages.items()
                 if code in shown and language is not source)


def _column(entry: Entry) -> str:
    return entry.job.languages[-1]


def _band(members: list[Entry], codes: list[str], catalogue: Catalogue) -> Band:
    columns = tuple(Column(code, catalogue.languages[code].language.name) for code in codes)
    spec = catalogue.layouts[members[0].job.layout]
    rows = []
    for count in (1, 2):
        by_column = {_column(e): e for e in members if len(e.job.languages) == count}
        if not by_column.keys() & set(codes):
            continue
        names = list(spec.pages_for(count))
        for number, name in enumerate(names, start=1):
            cells = tuple(_cell(by_column[code], number, names, catalogue)
                          if code in by_column else None for code in codes)
            rows.append(Row(count, number, len(names), name, cells))
    return Band(columns, tuple(rows))


def _cell(entry: Entry, number: int, names: list[str], catalogue: Catalogue) -> Cell:
    job = entry.job
    image = entry.images[number - 1] if number <= len(entry.images) else None
    page = _on_page(entry, names[number - 1], catalogue)
    return Cell(job.layout, job.size, "+".join(job.languages), number, len(names),
                names[number - 1], None if entry.error else image, entry.error,
                _markers(page, catalogue), _percent(page))


def _on_page(entry: Entry, name: str, catalogue: Catalogue) -> Entry:
    """The entry with only the text set smaller on page `name` (text on no page of the
    layout, which should not happen, is counted on every page)."""
    if not entry.scaled:
        return entry
    spec = catalogue.layouts[entry.job.layout]
    pages = spec.pages_for(len(entry.job.languages))
    slots = {page: set(pages[page].slots) for page in pages}
    if spec.tabs is not None and spec.tabs.page in slots:
        slots[spec.tabs.page].add(TABS)
    placed = set().union(*slots.values())
    scaled = {slot: sizes for slot, sizes in entry.scaled.items()
              if slot in slots[name] or slot not in placed}
    return Entry(entry.job, entry.images, scaled, entry.error)


def _page_count(entry: Entry, catalogue: Catalogue) -> int:
    return len(catalogue.layouts[entry.job.layout].pages_for(len(entry.job.languages)))


def _markers(entry: Entry, catalogue: Catalogue) -> tuple[str, ...]:
    languages = [catalogue.languages[code] for code in entry.job.languages]
    source = source_language(catalogue.languages)
    found = {
        FAILED: entry.error is not None,
        SCALED: bool(entry.scaled),
        DRAFT: any(DRAFT_STRING in string_states(language, source).values()
                   for language in languages),
        STALE: any(stale_keys(language, source) for language in languages),
    }
    return tuple(key for key, present in found.items() if present)


def _percent(entry: Entry) -> int | None:
    if not entry.scaled:
        return None
    return round(100 * min(set_pt / design for design, set_pt in entry.scaled.values()))
