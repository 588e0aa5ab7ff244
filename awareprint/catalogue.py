"""Everything awareprint can make: layouts, sizes, languages, house style, hotline.

Loaded once per process from the data folders and checked as a whole, so that every
problem in every file is reported at once. Importing this module never imports the
layout engine: `list` and `--help` stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .content import (
    DEFAULT_BRANDING,
    Branding,
    Hotline,
    LanguageFile,
    load_branding,
    load_hotline,
    load_languages,
)
from .geometry import geometry_problems, resolve
from .house import HouseStyle, load_house
from .layouts import LAYOUT_FILE, LayoutSpec, load_layouts
from .paths import CONTENT_DIR, LAYOUTS_DIR
from .schema import Problems
from .sizes import SIZES_FILE, Size, load_sizes


@dataclass(frozen=True)
class Catalogue:
    house: HouseStyle
    sizes: dict[str, Size]
    layouts: dict[str, LayoutSpec]
    languages: dict[str, LanguageFile]
    hotline: Hotline
    branding: Branding


@cache
def load_catalogue(layouts_dir: Path = LAYOUTS_DIR, content_dir: Path = CONTENT_DIR) -> Catalogue:
    """The whole catalogue, or a ContentError listing every problem found."""
    problems = Problems()
    house = load_house(problems, layouts_dir)
    sizes = load_sizes(problems, layouts_dir)
    layouts = load_layouts(problems, layouts_dir)
    languages = load_languages(problems, content_dir)
    hotline = load_hotline(problems, content_dir)
    branding = load_branding(DEFAULT_BRANDING, problems, content_dir)
    if house is not None and sizes:
        for spec in layouts.values():
            _check_layout(spec, house, sizes, problems)
    problems.raise_if_any()
    assert house and hotline and branding  # raise_if_any() returned: all loaded
    return Catalogue(house, sizes, layouts, languages, hotline, branding)


def _check_layout(
    spec: LayoutSpec, house: HouseStyle, sizes: dict[str, Size], problems: Problems
) -> None:
    """What a single file cannot check: names that refer to other files, and geometry."""
    path = spec.folder / LAYOUT_FILE
    for field, name in [("reference_size", spec.reference_size),
                        ("default_size", spec.default_size),
                        *(("sizes", name) for name in spec.sizes)]:
        if name not in sizes:
            problems.add(path, field, f"size '{name}' is not in {SIZES_FILE}; "
                         f"choose from {', '.join(sizes)}")
    if spec.default_size not in spec.sizes:
        problems.add(path, "default_size", "must be one of this layout's sizes")
    seen: set[str] = set()
    for page_name, page in spec.pages.items():
        for panel_name, panel in page.panels.items():
            if panel.fill not in house.palette:
                problems.add(path, f"pages.{page_name}.panels.{panel_name}.fill",
                             f"'{panel.fill}' is not a palette colour; choose from "
                             f"{', '.join(house.palette)}")
        for slot_name in page.slots:
            if slot_name in seen:
                problems.add(path, f"pages.{page_name}.slots.{slot_name}",
                             "slot name used twice; slot names are unique per layout")
            seen.add(slot_name)
    if spec.tabs is not None and spec.tabs.page not in spec.pages:
        problems.add(path, "tabs.page", f"no page '{spec.tabs.page}' in this layout")
    if spec.reference_size not in sizes:
        return
    for size_name in spec.sizes:
        if size_name not in sizes:
            continue
        counts = {spec.tabs.min, spec.tabs.max} if spec.tabs else {None}
        for count in counts:
            geometry = resolve(spec, sizes[size_name], sizes[spec.reference_size], count)
            for problem in geometry_problems(geometry, house.safe_margin_pt):
                problems.add(path, f"size {size_name}", problem)
