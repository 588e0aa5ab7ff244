"""Everything awareprint can make: layouts, sizes, languages, house style, hotline.

Loaded once per process from the data folders and checked as a whole, so that every
problem in every file is reported at once. Importing this module never imports the
layout engine: `list` and `--help` stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..paths import CONTENT_DIR, FONTS_DIR, LAYOUTS_DIR
from .content import (
    BRANDING_FOLDER,
    DEFAULT_BRANDING,
    HOTLINE_FILE,
    Attribution,
    Branding,
    Hotline,
    LanguageFile,
    language_files,
    load_attribution,
    load_branding,
    load_hotline,
    load_languages,
)
from .geometry import geometry_problems, resolve
from .house import HOUSE_FILE, HouseStyle, load_house
from .language_checks import check_coverage, check_languages
from .layouts import (
    LAYOUT_FILE,
    PARTNER_LINES,
    PARTNER_LOGO,
    LayoutSpec,
    Page,
    PartnerPlace,
    load_layouts,
)
from .notices import NOTICES_FOLDER, StateNotices, load_notices, notice_sizes, size_problem
from .schema import ProblemsByFile
from .sheets import SHEETS_FILE, Sheet, load_sheets
from .sizes import SIZES_FILE, Size, load_sizes
from .sources import check_sources, load_sources


@dataclass(frozen=True)
class Catalogue:
    house: HouseStyle
    sizes: dict[str, Size]
    layouts: dict[str, LayoutSpec]
    languages: dict[str, LanguageFile]
    hotline: Hotline
    branding: Branding
    sheets: dict[str, Sheet] = field(default_factory=dict)
    attribution: Attribution | None = None
    notices: dict[str, StateNotices] = field(default_factory=dict)  # by state code
    layouts_dir: Path = LAYOUTS_DIR
    content_dir: Path = CONTENT_DIR
    fonts_dir: Path = FONTS_DIR

    @property
    def data_dirs(self) -> tuple[Path, ...]:
        """The folders rendering may read from; nothing else."""
        return (self.layouts_dir, self.content_dir, self.fonts_dir)


@cache
def load_catalogue(layouts_dir: Path = LAYOUTS_DIR, content_dir: Path = CONTENT_DIR,
                   fonts_dir: Path = FONTS_DIR) -> Catalogue:
    """The whole catalogue, or a ContentError listing every problem found."""
    problems = ProblemsByFile()
    house = load_house(problems, layouts_dir)
    sizes = load_sizes(problems, layouts_dir)
    layouts = load_layouts(problems, layouts_dir)
    languages = load_languages(problems, content_dir)
    hotline = load_hotline(problems, content_dir)
    branding = load_branding(DEFAULT_BRANDING, problems, content_dir)
    sheets = load_sheets(problems, layouts_dir)
    attribution = load_attribution(problems, content_dir)
    sources = load_sources(problems, content_dir)
    notices = load_notices(problems, content_dir, hotline)
    _check_notices(notices, languages, layouts, sizes, content_dir, problems)
    for name, sheet in sheets.items():
        for field_name in ("paper", "piece"):
            value = getattr(sheet, field_name)
            if value is not None and value not in sizes:
                problems.add(layouts_dir / SHEETS_FILE, f"{name}.{field_name}",
                             f"size '{value}' is not in {SIZES_FILE}")
    language_paths = language_files(content_dir)
    check_languages(languages, language_paths, layouts, problems)
    english = [language for language in languages.values() if language.language.status == "source"]
    if sources is not None and len(english) == 1:
        check_sources(sources, english[0], content_dir, problems)
    if house is not None:
        _check_fonts(house, layouts_dir, fonts_dir, problems)
        if sizes:
            for spec in layouts.values():
                _check_layout(spec, house, sizes, problems)
        if hotline is not None and branding is not None:
            check_coverage(house, fonts_dir, languages, language_paths, hotline,
                           content_dir / HOTLINE_FILE, branding,
                           content_dir / BRANDING_FOLDER / f"{DEFAULT_BRANDING}.yaml", problems)
    problems.raise_if_any()
    assert house and hotline and branding  # raise_if_any() returned: all loaded
    return Catalogue(house, sizes, layouts, languages, hotline, branding, sheets,
                     attribution, notices, layouts_dir, content_dir, fonts_dir)


def _check_notices(notices: dict[str, StateNotices], languages: dict[str, LanguageFile],
                   layouts: dict[str, LayoutSpec], sizes: dict[str, Size], content_dir: Path,
                   problems: ProblemsByFile) -> None:
    """A notice is printed in languages we have fonts and labels for, by a notice layout,
    in sizes that layout has and the law allows."""
    layout = next((spec for spec in layouts.values() if spec.state_notice), None)
    if notices and layout is None:
        problems.add(content_dir / NOTICES_FOLDER, "", "no layout has state_notice: true; "
                     "restore layouts/notice")
    for state in notices.values():
        path = content_dir / NOTICES_FOLDER / f"{state.state}.yaml"
        for notice_id, notice in state.notices.items():
            for name in notice.sizes:
                if layout is not None and name not in layout.sizes:
                    problems.add(path, f"notices.{notice_id}.sizes", f"'{name}' is not a size "
                                 f"of the {layout.name} layout: {', '.join(layout.sizes)}")
                elif name in sizes and size_problem(notice, sizes[name].width_pt,
                                                    sizes[name].height_pt):
                    problems.add(path, f"notices.{notice_id}.sizes", f"'{name}' is smaller "
                                 "than the law's page size")
            if layout is not None and not notice_sizes(notice, layout.sizes, sizes):
                problems.add(path, f"notices.{notice_id}.rules", "no size of the "
                             f"{layout.name} layout is as large as the law asks; add one")
            for code in notice.wording:
                if code not in languages and code not in language_files(content_dir):
                    problems.add(path, f"notices.{notice_id}.wording.{code}",
                                 f"no language file content/{code}.yaml; use one of "
                                 f"{', '.join(languages)}")


def _check_fonts(house: HouseStyle, layouts_dir: Path, fonts_dir: Path,
                 problems: ProblemsByFile) -> None:
    for index, face in enumerate(house.fonts.faces):
        if not (fonts_dir / face.file).is_file():
            problems.add(layouts_dir / HOUSE_FILE, f"fonts.faces.{index}.file",
                         f"'{face.file}' is not in {fonts_dir.name}/; add it or fix the name")


def _check_layout(
    spec: LayoutSpec, house: HouseStyle, sizes: dict[str, Size], problems: ProblemsByFile
) -> None:
    """What a single file cannot check: names that refer to other files, and geometry."""
    path = spec.folder / LAYOUT_FILE
    for key, name in [("reference_size", spec.reference_size),
                        ("default_size", spec.default_size),
                        *(("sizes", name) for name in spec.sizes)]:
        if name not in sizes:
            problems.add(path, key, f"size '{name}' is not in {SIZES_FILE}; "
                         f"choose from {', '.join(sizes)}")
    if spec.default_size not in spec.sizes:
        problems.add(path, "default_size", "must be one of this layout's sizes")
    variants = {"pages": spec.pages}
    if spec.bilingual is not None:
        variants["bilingual.pages"] = spec.bilingual.pages
    every_slot = {name for pages in variants.values() for page in pages.values()
                  for name in page.slots}
    for name in spec.hotline:
        if name not in every_slot:
            problems.add(path, "hotline", f"no slot '{name}' in {', '.join(variants)}")
    for prefix, pages in variants.items():
        seen: set[str] = set()
        for page_name, page in pages.items():
            for panel_name, panel in page.panels.items():
                if panel.fill not in house.palette:
                    problems.add(path, f"{prefix}.{page_name}.panels.{panel_name}.fill",
                                 f"'{panel.fill}' is not a palette colour; choose from "
                                 f"{', '.join(house.palette)}")
            for slot_name in page.slots:
                if slot_name in seen:
                    problems.add(path, f"{prefix}.{page_name}.slots.{slot_name}",
                                 "slot name used twice; slot names are unique per layout")
                seen.add(slot_name)
        if spec.tabs is not None and spec.tabs.page not in pages:
            problems.add(path, "tabs.page", f"no page '{spec.tabs.page}' in {prefix}")
        place = spec.partner_place(2 if prefix.startswith("bilingual") else 1)
        if place is not None:
            _check_partner_place(place, pages, spec, path, prefix, problems)
    if spec.reference_size not in sizes:
        return
    for size_name in spec.sizes:
        if size_name not in sizes:
            continue
        counts = {spec.tabs.min, spec.tabs.max} if spec.tabs else {None}
        variants = ((1, 2) if spec.has_own_bilingual_pages
                    and spec.takes_two_languages(size_name) else (1,))
        for count in counts:
            for languages in variants:
                for partner in (False, True):
                    geometry = resolve(spec, sizes[size_name], sizes[spec.reference_size],
                                       count, language_count=languages, partner=partner)
                    where = (f"size {size_name}" + (" bilingual" if languages == 2 else "")
                             + (" co-branded" if partner else ""))
                    for problem in geometry_problems(geometry, house.safe_margin_pt):
                        problems.add(path, where, problem)


def _check_partner_place(place: PartnerPlace, pages: dict[str, Page], spec: LayoutSpec,
                         path: Path, prefix: str, problems: ProblemsByFile) -> None:
    """Co-branding goes on a page of the layout and takes room only from slots that do
    not print the hotline: the hotline never moves or shrinks for a partner."""
    key = "bilingual.partner" if prefix.startswith("bilingual") else "partner"
    if place.page not in pages:
        problems.add(path, f"{key}.page", f"no page '{place.page}' in {prefix}")
        return
    slots, panels = pages[place.page].slots, pages[place.page].panels
    for name in [*place.room, *place.replaces]:
        field = f"{key}.{'room' if name in place.room else 'replaces'}.{name}"
        if name not in slots and not (name in place.room and name in panels):
            problems.add(path, field, f"no slot or panel '{name}' on page '{place.page}'; "
                         "room is taken from that page's slots and panels")
        elif name in spec.hotline:
            problems.add(path, field, f"'{name}' prints the hotline; take room from "
                         "another slot")
    for name in (PARTNER_LOGO, PARTNER_LINES):
        if name in slots:
            problems.add(path, f"{prefix}.{place.page}.slots.{name}",
                         "this slot name is kept for co-branding; rename the slot")
