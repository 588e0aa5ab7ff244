"""A translated string as the reviewer's page shows it: the language file's text and review
record, with the changes made on the page and not yet written into the file played over
them, in order. An edit makes the string a draft again (stamped with the English it
translates); a review or an approval signs it against the English read; a string whose
English changed since is stale, as in the language file. Changes made on a text the file
no longer has (it was changed since, by a PO import or a commit) are not played: they are
out of date, and the string is the file's, with the changes made on it since."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from ..catalogue.content import LanguageFile
from ..catalogue.language_checks import (
    APPROVED,
    DRAFT,
    REVIEWED,
    STALE,
    fingerprint,
    source_language,
    string_states,
)
from ..catalogue.load import Catalogue
from .review_store import APPROVE, COMMENT, EDIT, REVIEW, StringChange, Value

SIGNS = {REVIEW: REVIEWED, APPROVE: APPROVED}


@dataclass(frozen=True)
class StringView:
    key: str
    english: Value
    text: Value                 # as the page has it
    filed: Value                # as the language file has it
    state: str                  # DRAFT, REVIEWED, APPROVED or STALE
    by: str | None = None       # who signed it (reviewed or approved)
    date: str | None = None
    against: str | None = None  # the fingerprint of the English signed, or translated
    comment: str | None = None
    edited: bool = False        # its text changed on the page
    pending: int = 0            # changes not yet written into the language file
    outdated: tuple[int, ...] = ()  # changes made on a text the file no longer has

    @property
    def items(self) -> list[str]:
        return self.text if isinstance(self.text, list) else [self.text]


def string_views(catalogue: Catalogue, code: str,
                 pending: list[StringChange]) -> dict[str, StringView]:
    """Every string of a translation, by key, in the English file's order."""
    language = catalogue.languages[code]
    source = source_language(catalogue.languages)
    states = string_states(language, source)
    by_key: dict[str, list[StringChange]] = defaultdict(list)
    for change in pending:
        by_key[change.key].append(change)
    return {key: _played(_filed(language, key, english, states[key]), by_key[key], english)
            for key, english in source.strings.items()}


def _filed(language: LanguageFile, key: str, english: Value, state: str) -> StringView:
    record = language.review.get(key)
    signed = record is not None and record.state != DRAFT
    text = language.strings[key]
    return StringView(key, english, text, text, state,
                      record.by if signed and record else None,
                      record.date.isoformat() if signed and record and record.date else None,
                      record.against if signed and record else
                      (language.translated_from or {}).get(key),
                      record.comment if record else None)


def _played(view: StringView, changes: list[StringChange], english: Value) -> StringView:
    # Played from the first change made on the file's text: those before were made on a
    # text it no longer has.
    start = next((index for index, change in enumerate(changes)
                  if change.seen == view.filed), len(changes))
    view = replace(view, outdated=tuple(change.id for change in changes[:start]))
    changes = changes[start:]
    for change in changes:
        if change.kind == EDIT:
            view = replace(view, text=change.after, state=DRAFT, by=None, date=None,
                           against=change.against, comment=None, edited=True)
        elif change.kind in SIGNS:
            view = replace(view, state=SIGNS[change.kind], by=change.author,
                           date=change.made[:10], against=change.against,
                           comment=change.comment or view.comment)
        elif change.kind == COMMENT:
            view = replace(view, comment=change.comment)
    if changes:
        current = view.against == fingerprint(english)
        view = replace(view, state=view.state if current else STALE, pending=len(changes))
    return view


def merged_places(where: dict[str, dict[str, set[str]]], key: str) -> dict[str, set[str]]:
    """Layout → slots of a key, its list's items' together (`signs.0`, `signs.1`...)."""
    merged: dict[str, set[str]] = defaultdict(set)
    for name, layouts in where.items():
        if name == key or name.split(".")[0] == key:
            for layout, slots in layouts.items():
                merged[layout] |= slots
    return dict(merged)
