"""A user's text (a partner's name, contact line and website) checked before it can reach
a piece: no number that is or looks like the hotline's, no character the fonts lack."""

from __future__ import annotations

from .coverage import all_covered, describe_chars, uncovered
from .jobs import PartnerMark
from .load import Catalogue
from .numbers import near_hotline, phone_numbers


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
        missing = uncovered(text, all_covered(catalogue.house, catalogue.fonts_dir))
        if missing:
            problems.append((field, f"{describe_chars(missing)} cannot be printed by any "
                             "bundled font; leave it out"))
    return problems
