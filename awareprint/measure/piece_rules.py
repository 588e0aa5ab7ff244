"""Rules a piece as a whole keeps, read from its laid-out text as a designer reads a proof:
nothing set below the piece's reading size (`least_type_pt` in layout.yaml: 6.5 pt on a
card, 9 pt on a letter poster; a zone read apart, such as a tear-off's tabs, at its own), the
hotline number the largest type after the headlines,
and, in each of its languages, the two lines a victim needs first: "Get help" and that the
hotline is not police or immigration. Printer's marks and the slug are not the piece."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..engine import boxes
from .type_rules import TypeFault

if TYPE_CHECKING:
    from ..engine.layout import Document

TOLERANCE_PT = 0.01
LANGUAGE_SLOT = re.compile(r"_\d+$")   # headline_1, headline_2: the slot "headline"
SPACES = re.compile(r"[\s\u00ad\u2066-\u2069]+")  # spaces, soft hyphens and isolates


@dataclass(frozen=True)
class PieceRules:
    """What one piece must keep: its reading size, the slots whose type may outsize the
    number (headlines), the number as printed, and the lines each language must carry;
    `zone_least_pt` gives slots read apart from the piece (tear-off tabs) their own size."""

    least_type_pt: float | None
    display_slots: frozenset[str]
    number: str
    victim_lines: tuple[tuple[str, ...], ...]  # each: the line, or the forms it may take
    zone_least_pt: Mapping[str, float] = field(default_factory=dict)

    def least_for(self, slot: str) -> float | None:
        """The reading size of the text in `slot`."""
        return self.zone_least_pt.get(slot, self.least_type_pt)


def piece_faults(document: Document, rules: PieceRules) -> list[TypeFault]:
    """Every rule the laid-out piece breaks, one entry per rule and slot."""
    placed = list(_text_runs(document))
    return (_below_reading_size(placed, rules) + _number_outsized(placed, rules)
            + _victim_lines_missing(placed, rules))


def _text_runs(document: Document) -> Iterator[tuple[str, boxes.Text]]:
    for page in boxes.pages(document):
        for placed in page.ink:
            leaf = placed.leaf
            if (isinstance(leaf, boxes.Text) and not placed.furniture
                    and placed.slot is not None and SPACES.sub("", leaf.text)):
                yield placed.slot, leaf


def _below_reading_size(placed: list[tuple[str, boxes.Text]], rules: PieceRules
                        ) -> list[TypeFault]:
    smallest = _extreme_per_slot(
        [(slot, text) for slot, text in placed
         if (least := rules.least_for(slot)) is not None
         and text.size_pt < least - TOLERANCE_PT],
        largest=False)
    return [TypeFault(slot, f"'{text.text.strip()[:24]}' set at {text.size_pt:.1f} pt, "
                            f"under {_whose(slot, rules)} reading size of "
                            f"{rules.least_for(slot):g} pt")
            for slot, text in smallest.items()]


def _whose(slot: str, rules: PieceRules) -> str:
    return "its zone's" if slot in rules.zone_least_pt else "this piece's"


def _number_outsized(placed: list[tuple[str, boxes.Text]], rules: PieceRules
                     ) -> list[TypeFault]:
    number = max((text.size_pt for _, text in placed if rules.number in text.text),
                 default=0.0)
    if not number:
        return []
    outsized = _extreme_per_slot(
        [(slot, text) for slot, text in placed
         if LANGUAGE_SLOT.sub("", slot) not in rules.display_slots
         and rules.number not in text.text and text.size_pt > number + TOLERANCE_PT],
        largest=True)
    return [TypeFault(slot, f"'{text.text.strip()[:24]}' at {text.size_pt:.1f} pt is "
                            f"larger than the hotline number ({number:.1f} pt)")
            for slot, text in outsized.items()]


def _extreme_per_slot(placed: list[tuple[str, boxes.Text]], largest: bool
                      ) -> dict[str, boxes.Text]:
    """Per slot, its largest (or smallest) run of text: one fault each."""
    found: dict[str, boxes.Text] = {}
    for slot, text in placed:
        kept = found.get(slot)
        if kept is None or ((text.size_pt > kept.size_pt) == largest and (
                text.size_pt != kept.size_pt)):
            found[slot] = text
    return found


def _victim_lines_missing(placed: list[tuple[str, boxes.Text]], rules: PieceRules
                          ) -> list[TypeFault]:
    printed = _flat("".join(text.text for _, text in placed))
    return [TypeFault("piece", f"'{forms[0]}' is not printed")
            for forms in rules.victim_lines
            if not any(_flat(form) in printed for form in forms)]


def _flat(text: str) -> str:
    return SPACES.sub("", text).casefold()
