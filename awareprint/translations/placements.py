"""Where each of a language's strings prints: which layouts, in which slots.

Found, not written down: every piece of the catalogue in the language (alone and beside
the source language) is composed with each string replaced by a marker of its own, and
the HTML says which slot holds each marker. Composing is a template's work, not a layout's:
a language's pieces take about half a second.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from html.parser import HTMLParser

from ..catalogue.all_jobs import catalogue_jobs
from ..catalogue.jobs import Job
from ..catalogue.language_checks import PLACEHOLDER
from ..catalogue.load import Catalogue
from ..compose.piece import compose
from .entries import entries_of

MARKER = re.compile(r"Qzx([a-z]+)xzQ")
TITLE = "title"              # the file's title (its metadata), not a slot
EMPTY_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
              "source", "track", "wbr"}
# A slot's copies: tab-1 … tab-10 are the tabs, headline_2 the second language's.
COPY = re.compile(r"(?:-\d+|_2)$")


def language_jobs(catalogue: Catalogue, code: str) -> list[Job]:
    """Every office piece of the catalogue in the language, alone or in a pair."""
    return [job for job in catalogue_jobs(catalogue) if code in job.languages]


def placements(catalogue: Catalogue, code: str) -> dict[str, dict[str, set[str]]]:
    """Entry name → layout → the slots it prints in (as the layout names them)."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for job, where in job_placements(catalogue, code):
        for name, slots in where.items():
            found[name][job.layout] |= slots
    return found


def job_placements(catalogue: Catalogue, code: str
                   ) -> list[tuple[Job, dict[str, set[str]]]]:
    """Each piece of the language, with entry name → the slots it prints in on that piece."""
    language = catalogue.languages[code]
    names = {}
    strings: dict[str, str | list[str]] = {}
    for number, (name, (entry, text)) in enumerate(entries_of(language.strings).items()):
        marker = f"Qzx{_letters(number)}xzQ"
        names[marker] = name
        marked = " ".join([marker, *(f"{{{p}}}" for p in PLACEHOLDER.findall(text))])
        if entry.index is None:
            strings[entry.key] = marked
        else:
            strings.setdefault(entry.key, []).append(marked)  # type: ignore[union-attr]
    marked_catalogue = dataclasses.replace(catalogue, languages={
        **catalogue.languages, code: language.model_copy(update={"strings": strings})})
    found = []
    for job in language_jobs(catalogue, code):
        reader = _Slots()
        reader.feed(compose(job, marked_catalogue).html)
        where: dict[str, set[str]] = defaultdict(set)
        for marker, slot in reader.found:
            where[names[marker]].add(slot)
        found.append((job, dict(where)))
    return found


def described(where: dict[str, set[str]]) -> str:
    """'handout (hotline), poster (call_to_action, numbers)': each slot once, its copies
    (second language, tabs) folded into it."""
    if not where:
        return "no piece made without a partner (printed with a partner's co-branding)"
    parts = []
    for layout in sorted(where):
        slots = sorted({COPY.sub("", slot) for slot in where[layout] if slot != TITLE})
        if slots:
            parts.append(f"{layout} ({', '.join(slots)})")
    return ", ".join(parts) or "the file's title only"


def _letters(number: int) -> str:
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


class _Slots(HTMLParser):
    """The slot (`data-slot`) around each marker of a piece's HTML. A slot's text is read
    whole: a typesetter may have wrapped part of a marker in an element of its own (the
    Chinese one keeps a paragraph's last characters together in a span)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str | None] = []
        self.texts: dict[str, list[str]] = defaultdict(list)

    @property
    def found(self) -> set[tuple[str, str]]:
        return {(marker.group(0), slot) for slot, parts in self.texts.items()
                for marker in MARKER.finditer("".join(parts))}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in EMPTY_TAGS:
            self.open.append(TITLE if tag == "title" else dict(attrs).get("data-slot"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in EMPTY_TAGS and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        slot = next((name for name in reversed(self.open) if name), None)
        if slot is not None:
            self.texts[slot].append(data)
