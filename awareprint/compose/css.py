"""The CSS a piece is drawn with: fonts and palette from the house style, and the
position of every panel, slot and tab from the layout's geometry, in points."""

from __future__ import annotations

import re
from pathlib import Path

from ..catalogue.content import Language
from ..catalogue.geometry import Geometry, Rect
from ..catalogue.house import HouseStyle
from ..catalogue.layouts import LayoutSpec
from ..catalogue.profiles import cmyk_css, colour_css
from .typesetting import DICTIONARY_SCRIPTS

# Display type is never hyphenated: above this size a broken word reads as a mistake.
MAX_HYPHENATED_PT = 14
SLOT_RULE = re.compile(r'\[data-slot="([^"]+)"\]')  # a rule of geometry_css for a slot
# The hotline's numbers are set in the Latin face in every language: the same figures
# everywhere, never a script's own face drawn larger (fonts/build_optical.py).
LATIN = "Latn"


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
    stacks += "".join(_leading(house, language) for language in languages)
    stacks += "".join(_unhyphenated(language) for language in languages)
    colours = ";".join(f"--{name}:{colour_css(colour, profile)}"
                       for name, colour in house.palette.items())
    registration = cmyk_css(house.press.registration)
    first = house.fonts.stack(languages[0].script)[0]
    return (f'{faces}{stacks}:root{{{colours};--registration:{registration};'
            f'--family:"{first}";--numbers:"{house.fonts.stack(LATIN)[0]}"}}')


def _leading(house: HouseStyle, language: Language) -> str:
    """Line heights a script needs, over the layouts' own (which are set for Latin)."""
    rules = ""
    body = house.fonts.leading.get(language.script)
    if body:
        # the element's own language, inherited or set; not a shared line of numbers set
        # left to right (it inherits the piece's first language)
        lang = f':lang({language.code}):not([dir="ltr"])'
        rules += f".slot p{lang},.slot li{lang}{{line-height:{body:g}}}"
    # Display lines (a template's class "display": headlines set in a paragraph, calls
    # to action) take the headline leading: at running text's they would fall apart.
    headline = house.fonts.headline_leading.get(language.script)
    if headline:
        lang = f':lang({language.code}):not([dir="ltr"])'
        rules += (f".slot h1{lang},.slot h2{lang},.slot .display{lang}"
                  f"{{line-height:{headline:g}}}")
    return rules


def _unhyphenated(language: Language) -> str:
    """Thai is never hyphenated: its lines break between words, and a hyphen inside a
    Thai word is a mistake (a hyphenation dictionary for Thai exists, and the layouts ask
    for hyphens in running text)."""
    if language.script not in DICTIONARY_SCRIPTS:
        return ""
    return f":lang({language.code}){{hyphens:manual !important}}"


def geometry_css(spec: LayoutSpec, geometry: Geometry) -> str:
    """Page size and the position of every panel, slot, tab and guide, in points."""
    rules = [
        f"@page{{size:{geometry.media_width:.3f}pt {geometry.media_height:.3f}pt;margin:0}}",
        f".page{{width:{geometry.media_width:.3f}pt;height:{geometry.media_height:.3f}pt}}",
    ]
    for page in geometry.pages:
        for panel in page.panels:
            rules.append(f'[data-panel="{panel.name}"]{{{box_css(panel.rect)}'
                         f"background:var(--{panel.fill})}}")
        for slot in page.slots:
            number = f";--number:{slot.number_pt:g}pt" if slot.number_pt else ""
            rules.append(f'[data-slot="{slot.name}"]{{{box_css(slot.rect)}'
                         f"font-size:{slot.font_pt:g}pt{number}}}")
            if slot.font_pt > MAX_HYPHENATED_PT:
                rules.append(f'[data-slot="{slot.name}"] *{{hyphens:manual !important}}')
    if geometry.tabs is not None:
        tabs = geometry.tabs
        for tab in tabs.tabs:
            rules.append(f'[data-slot="{tab.slot_name}"]{{{box_css(tab.upright)}'
                         f"font-size:{tabs.font_pt:g}pt;transform:rotate(-90deg)}}")
        for index, x in enumerate(tabs.cut_guides_x):
            rules.append(f'[data-guide="{index}"]{{left:{x:.3f}pt;top:{tabs.tear_line_y:.3f}pt;'
                         f"height:{geometry.trim.bottom - tabs.tear_line_y:.3f}pt}}")
        rules.append(f'[data-guide="tear"]{{left:{geometry.trim.x:.3f}pt;'
                     f"top:{tabs.tear_line_y:.3f}pt;width:{geometry.width:.3f}pt}}")
    return "\n".join(rules)


def restyled_slots(before: str, after: str) -> frozenset[str] | None:
    """The slots whose rules differ between two geometry stylesheets (geometry_css); None
    where a rule of anything else differs (the page, a panel, a guide)."""
    changed = set(before.splitlines()) ^ set(after.splitlines())
    names = {match[1] if (match := SLOT_RULE.match(rule)) else None for rule in changed}
    return None if None in names else frozenset(name for name in names if name)


def box_css(rect: Rect) -> str:
    """A rectangle as absolute CSS position and size, in points."""
    return f"left:{rect.x:.3f}pt;top:{rect.y:.3f}pt;width:{rect.w:.3f}pt;height:{rect.h:.3f}pt;"
