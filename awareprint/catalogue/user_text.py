"""A user's text — a partner's name, contact line and website, an event's name — checked
before it can reach a piece.

Refused: a number that is, or is a digit or two off, a hotline number, in whatever form
it is written (numbers.py); invisible control characters, which reorder or hide text
(a right-to-left override prints "Omaha Walk" as "klaW ahamO"); characters no bundled
font can draw. An event line carries no phone number at all; a partner's lines may carry
the partner's own.
"""

from __future__ import annotations

import reprlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .coverage import Coverage, all_covered, describe_chars, uncovered
from .layouts import PartnerPlace
from .load import Catalogue
from .numbers import PHONE_DIGITS, near_hotline, phone_numbers

REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}  # controls, format, private, unassigned
JOINERS = {"\u200c", "\u200d"}  # zero-width (non-)joiners: part of words in several scripts


@dataclass(frozen=True)
class PartnerMark:
    """A partner's co-branding: printed literally in the place each layout declares."""

    name: str
    contact: str | None = None
    website: str | None = None
    logo: Path | None = None  # checked when the order was read
    # The partner says its contact line is safe for a victim to see and use (a service a
    # victim may call without risk, not a security desk): only then do victim-facing
    # pieces print it.
    contact_safe_for_victims: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(text for text in (self.name, self.contact, self.website) if text)

    def contact_printed(self, place: PartnerPlace | None) -> bool:
        """Whether a piece with its lockup at `place` prints the contact line: always on a
        piece for staff or public areas; on a piece a victim keeps or reads
        (`place.victim_facing`) only when the partner marked it safe for victims."""
        return (self.contact is not None and place is not None
                and (not place.victim_facing or self.contact_safe_for_victims))

    def printed_lines(self, place: PartnerPlace | None) -> tuple[str, ...]:
        """The lines a piece with its lockup at `place` prints."""
        contact = self.contact if self.contact_printed(place) else None
        return tuple(text for text in (self.name, contact, self.website) if text)


QUOTE_LIMIT = 60


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message shows it: a string in quotes with control characters escaped
    (a terminal would act on them), anything else as Python writes it; cut to about
    `limit` characters and marked '…' where cut."""
    if not isinstance(value, str):
        text = reprlib.repr(value)  # a list of thousands is not written out to be cut
        return text if len(text) <= limit else text[:limit] + "…"
    cut = value[:limit]
    while len(repr(cut)) > limit + 2:  # escapes make a cut value longer than it looks
        cut = cut[:-1]
    text = repr(cut)
    return text if cut == value else text[:-1] + "…" + text[-1]


def tidy(text: str) -> str:
    """Runs of white space (new lines and tabs included) as one space, composed (NFC)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_problems(text: str, catalogue: Catalogue, covered: Coverage,
                  own_numbers: bool) -> list[str]:
    """What in one piece of user text cannot be printed, each with its fix."""
    problems = []
    hidden = [char for char in dict.fromkeys(text)
              if unicodedata.category(char) in REFUSED_CATEGORIES and char not in JOINERS
              and char not in "\t\n\r"]
    if hidden:
        problems.append(f"has {describe_chars(hidden)}: invisible control characters that "
                        "can reorder or hide what prints; remove them")
    for digits in phone_numbers(text):
        display = near_hotline(digits, catalogue)
        if display:
            problems.append(f"the number {digits} is or looks like the hotline's {display}; "
                            "the hotline is printed on every piece already: "
                            + ("give the partner's own number" if own_numbers
                               else "leave it out"))
        elif not own_numbers and len(digits) >= PHONE_DIGITS:
            problems.append(f"{digits} looks like a phone number; the only numbers a piece "
                            "prints are the hotline's, which it prints already: leave it out")
    missing = uncovered(text, covered)
    if missing:
        problems.append(f"{describe_chars(missing)} cannot be printed by any bundled font "
                        "for it; leave it out")
    return problems


def partner_problems(partner: PartnerMark, catalogue: Catalogue) -> list[tuple[str, str]]:
    """What in a partner's lines cannot be printed: (field, problem with the fix)."""
    covered = all_covered(catalogue.house, catalogue.fonts_dir)
    return [(field, problem)
            for field, text in (("name", partner.name), ("contact", partner.contact),
                                ("website", partner.website)) if text
            for problem in text_problems(text, catalogue, covered, own_numbers=True)]
