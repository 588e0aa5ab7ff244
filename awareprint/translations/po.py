"""A language as a gettext PO file, as Poedit and Weblate read it: UTF-8, no plurals, one
entry per string with its key as the context (msgctxt), the English as the source and the
translation; `fuzzy` on a string no person has reviewed (draft) or whose English changed
since (stale); notes for the translator saying its state, where it prints, how long it
may grow (measured, room.py) and the placeholders it keeps."""

from __future__ import annotations

import polib

from .. import __version__
from ..catalogue.content import LanguageFile
from ..catalogue.dates import document_date
from ..catalogue.language_checks import (
    DRAFT,
    PLACEHOLDER,
    STALE,
    source_language,
    string_states,
)
from ..catalogue.load import Catalogue
from ..errors import InputError
from .entries import entries_of
from .placements import described, placements
from .room import Room, room_note

FUZZY = "fuzzy"
# The language the file was exported for, kept by Poedit and Weblate like any header.
LANGUAGE_FILE_HEADER = "X-Awareprint-Language"
WRAP = 200  # a note on one line; a long string still wrapped, as Poedit does


def po_language(code: str) -> str:
    """The PO header's Language for a language code: zh-Hans → zh_Hans, as gettext writes
    it."""
    return code.replace("-", "_")


def translation_of(catalogue: Catalogue, code: str) -> None:
    """Refuse a code that is not a translation of the catalogue."""
    language = catalogue.languages.get(code)
    if language is None:
        raise InputError(f"unknown language '{code}'; choose from: "
                         f"{', '.join(c for c in catalogue.languages)}")
    if language is source_language(catalogue.languages):
        raise InputError(f"'{code}' is the source language, which has no translation; "
                         "choose a translation")


def export_po(catalogue: Catalogue, code: str, rooms: dict[str, Room] | None = None) -> str:
    """The PO file of one translation; with `rooms` (room.py), how long each string may
    grow, as a note."""
    translation_of(catalogue, code)
    language = catalogue.languages[code]
    source = source_language(catalogue.languages)
    states = string_states(language, source)
    where = placements(catalogue, code)
    english = entries_of(source.strings)
    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = {
        "Project-Id-Version": f"awareprint {__version__}",
        "POT-Creation-Date": document_date(catalogue.hotline.checked).strftime(
            "%Y-%m-%d %H:%M+0000"),
        "Language": po_language(code),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        LANGUAGE_FILE_HEADER: code,
    }
    po.header = (f"{language.language.name} ({language.language.native_name}) strings of "
                 "awareprint, from content/" f"{code}.yaml.\n"
                 f"Read back with: python render.py translations import FILE")
    for name, (entry, text) in entries_of(language.strings).items():
        state = states[entry.key]
        notes = [f"state: {state_line(language, entry.key, state)}",
                 f"prints on: {described(where.get(name, {}))}"]
        room = rooms.get(name) if rooms else None
        if room is not None and room.limit is not None:
            notes.append(room_note(room))
        kept = sorted(set(PLACEHOLDER.findall(english[name][1])))
        if kept:
            notes.append("keep: " + " ".join(f"{{{p}}}" for p in kept))
        po.append(polib.POEntry(msgctxt=name, msgid=english[name][1], msgstr=text,
                                comment="\n".join(notes),
                                flags=[FUZZY] if state in (DRAFT, STALE) else []))
    return str(po) + "\n"


def state_line(language: LanguageFile, key: str, state: str) -> str:
    record = language.review.get(key)
    if state in (DRAFT, STALE) or record is None or record.date is None:
        line = state
        if state == STALE:
            line += " (the English changed since it was translated or reviewed)"
    else:
        line = f"{state} by {record.by} on {record.date.isoformat()}"
    if record is not None and record.comment:
        line += f"; comment: {record.comment}"
    return line
