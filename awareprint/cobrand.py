"""Co-branding: a partner's name, contact line, website and logo on a piece.

Partner text is printed literally (escaped like all text) in the place the layout
declares. Any phone number in it is the partner's own: one that is, or nearly is, a
hotline number would be a wrong number printed next to the right one, so it is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from .catalogue import Catalogue
from .coverage import covered_codepoints, describe_chars, uncovered
from .geometry import Geometry
from .jobs import PartnerMark
from .layouts import PARTNER_LOGO
from .partner_logo import print_logo

PHONE_LIKE = re.compile(r"\+?\d[\d\s().-]{3,}\d")  # 5 or more digits (text short codes)
MIN_LOGO_DPI = 300


def phone_numbers(text: str) -> list[str]:
    """The digits of every phone-like number in `text`."""
    return [digits for match in PHONE_LIKE.findall(text)
            if len(digits := re.sub(r"\D", "", match)) >= 5]


def partner_numbers(partner: PartnerMark | None) -> tuple[str, ...]:
    """The digits of every phone number a partner's lines print."""
    if partner is None:
        return ()
    return tuple(dict.fromkeys(n for text in partner.lines for n in phone_numbers(text)))


def near_hotline(digits: str, catalogue: Catalogue) -> str | None:
    """The hotline number `digits` is, or is within two digits of; None if none."""
    hotline = catalogue.hotline
    for line in (hotline.call, hotline.text, hotline.tty):
        if _near(digits, line.digits):
            return line.display
    return None


def partner_problems(partner: PartnerMark, catalogue: Catalogue) -> list[tuple[str, str]]:
    """What in a partner's lines cannot be printed: (field, problem with the fix)."""
    problems = []
    for field, text in (("name", partner.name), ("contact", partner.contact),
                        ("website", partner.website)):
        if not text:
            continue
        for digits in phone_numbers(text):
            display = near_hotline(digits, catalogue)
            if display:
                problems.append((field, f"the number {digits} is or looks like the "
                                 f"hotline's {display}; the hotline is printed on every "
                                 "piece already: give the partner's own number"))
        missing = uncovered(text, _all_covered(catalogue))
        if missing:
            problems.append((field, f"{describe_chars(missing)} cannot be printed by any "
                             "bundled font; leave it out"))
    return problems


def _near(digits: str, known: str) -> bool:
    """Equal, or a digit or two (wrong, missing or extra) off a hotline number, with or
    without the country code; short codes must differ in more than one digit."""
    bare = [digits, digits.removeprefix("1")]
    return any(_edits(a, b) <= (2 if len(b) >= 10 else 1)
               for a in bare for b in (known, known.removeprefix("1"))
               if abs(len(a) - len(b)) <= 2 and min(len(a), len(b)) >= 5)


def _edits(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _all_covered(catalogue: Catalogue) -> frozenset[int]:
    covered: set[int] = set()
    for script in catalogue.house.fonts.scripts:
        covered |= covered_codepoints(catalogue.house, script, catalogue.fonts_dir)
    return frozenset(covered)


def logo_uri(partner: PartnerMark | None, profile: str, icc: Path) -> str | None:
    """The partner's logo as the template places it (a data: URI), if there is one."""
    if partner is None or partner.logo is None:
        return None
    return print_logo(partner.logo, profile, icc).uri


def logo_warnings(partner: PartnerMark | None, profile: str, icc: Path,
                  geometry: Geometry) -> list[str]:
    """A raster logo printed below 300 dpi at its placed size looks soft in print."""
    if partner is None or partner.logo is None:
        return []
    pixels = print_logo(partner.logo, profile, icc).pixels
    boxes = geometry.layout_boxes()
    if pixels is None or PARTNER_LOGO not in boxes:
        return []
    box = boxes[PARTNER_LOGO].rect
    width, height = pixels
    points_per_pixel = min(box.w / width, box.h / height)  # scaled to fit the box
    dpi = 72 / points_per_pixel
    if dpi >= MIN_LOGO_DPI:
        return []
    needed = round(width * MIN_LOGO_DPI / dpi)
    return [f"logo '{partner.logo.name}' prints at {dpi:.0f} dpi here; export it at least "
            f"{needed} pixels wide for {MIN_LOGO_DPI} dpi"]
