"""A line two languages share, printed once. On a two-language piece a label that reads
the same in both (TTY 711, the web address, "Text 233733" where a language keeps the
English, the publisher's line) is set once for both, never once in each language's column
or block: printed twice it reads as a mistake and takes the room of what differs.

Read from each page's laid-out paragraphs: the same text (spaces and case aside) in the
places of two languages within one kind of slot (`details_1` and `details_2`, or the two
languages' blocks of one slot) is a fault, and so is one label twice in a line of labels
("TTY / TTY"). A paragraph is compared whole and by its parts between " · " and " / ".
Text with fewer than four letters or digits ("24/7", "TTY") is too short to be a line of
its own. Slots that repeat by design (the tear-off's tabs, a language each in turn) are
left out."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from ..engine import boxes
from .type_rules import TypeFault

if TYPE_CHECKING:
    from ..engine.layout import Document

LANGUAGE_SLOT = re.compile(r"_\d+$")        # details_1, details_2: the slot "details"
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u061c\u2066-\u2069]")  # soft hyphens, marks
PARTS = re.compile(r"\s*[·•]\s*|\s+/\s+")    # between the labels of one line
LEAST_CHARACTERS = 4


def shared_line_faults(document: Document, repeated: Collection[str] = ()
                       ) -> list[TypeFault]:
    """One fault for each text printed in two languages' places of one kind of slot on a
    page, and for each label printed twice in one line; `repeated` names the slots that
    repeat by design."""
    faults: list[TypeFault] = []
    for page in boxes.pages(document):
        first_seen: dict[tuple[str, str], tuple[str, str | None]] = {}  # (kind, text): place
        reported: set[tuple[str, str]] = set()
        for slot, lang, text in _paragraphs(page, repeated):
            kind = LANGUAGE_SLOT.sub("", slot)
            parts = [part for part in PARTS.split(text) if part]
            faults += _twice_in_line(slot, parts)
            for unit in dict.fromkeys([text, *parts]):
                if not _long_enough(unit):
                    continue
                key = (kind, _folded(unit))
                place = first_seen.setdefault(key, (slot, lang))
                if place != (slot, lang) and key not in reported and not any(
                        key[1] in seen for kind_seen, seen in reported if kind_seen == kind):
                    reported.add(key)
                    faults.append(TypeFault(slot, _detail(unit, place, (slot, lang))))
    return faults


def _paragraphs(page: boxes.Page, repeated: Collection[str]
                ) -> Iterator[tuple[str, str | None, str]]:
    """(slot, language, text) of each paragraph of a slot, its lines joined."""
    for paragraph in page.paragraphs:
        slot = paragraph.slot
        if paragraph.furniture or slot is None or slot in repeated:
            continue
        text = " ".join(" ".join(INVISIBLE.sub("", line.text).split())
                        for line in paragraph.lines).strip()
        if text:
            yield slot, paragraph.lang, text


def _twice_in_line(slot: str, parts: list[str]) -> list[TypeFault]:
    """A label printed twice in a line of labels: a part that is another, or that the next
    begins with ("Text / Text 233733")."""
    folded = [_folded(part) for part in parts]
    twice: dict[str, str] = {}
    for index, (part, label) in enumerate(zip(parts, folded, strict=True)):
        following = folded[index + 1] if index + 1 < len(folded) else ""
        if label in folded[:index] or following.startswith(label + " "):
            twice.setdefault(label, part)
    return [TypeFault(slot, f"'{part}' is printed twice in one line; print a label both "
                            f"languages share once") for part in twice.values()]


def _detail(text: str, first: tuple[str, str | None], second: tuple[str, str | None]) -> str:
    where = (f"in both the {first[1]} and the {second[1]} block of the slot"
             if first[0] == second[0] else f"in slot '{first[0]}' and again here")
    return (f"'{text[:60]}' is printed {where}; a line both languages share is printed "
            f"once")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _long_enough(text: str) -> bool:
    return sum(character.isalnum() for character in text) >= LEAST_CHARACTERS
