"""How long a translation may grow, measured: a string lengthened to the length the note
states fits the piece as the whole render sets it, and one of its words more does not."""

from __future__ import annotations

import dataclasses

import polib
import pytest

from awareprint.catalogue.request import make_job
from awareprint.errors import FitError
from awareprint.preflight.read_back import read_back
from awareprint.render.pipeline import render
from awareprint.render.setting import size_groups
from awareprint.translations.entries import entries_of, with_entries
from awareprint.translations.po import export_po
from awareprint.translations.room import lengthened, room_of
from awareprint.translations.xliff import export_xliff


def with_text(catalogue, code: str, name: str, text: str):
    language = catalogue.languages[code]
    where = entries_of(language.strings)[name][0]
    return dataclasses.replace(catalogue, languages={
        **catalogue.languages, code: language.model_copy(update={
            "strings": with_entries(language.strings, {where: text})})})


TABS = tuple(f"tab-{number}" for number in range(1, 11))


@pytest.mark.parametrize(("code", "name", "layout", "size", "slot"), [
    ("es", "victim_questions.0", "wallet-card", "business-card", "questions"),
    ("zh-Hant", "discreet_line", "discreet-card", "business-card", "line"),
    ("es", "victim_questions.3", "handout", "letter", "questions_2"),  # beside the English
    ("es", "hotline_short", "tearoff", "letter", TABS),  # set smaller than the rest of a tab
])
def test_a_string_at_its_stated_length_fits_and_a_word_more_does_not(
        catalogue, code, name, layout, size, slot):
    job = make_job(catalogue, layout, size, code if slot[-2:] != "_2" else f"en+{code}")
    slots = frozenset(slot) if isinstance(slot, tuple) else frozenset({slot})
    room = room_of(catalogue, code, name, [(job, slots)])
    text = entries_of(catalogue.languages[code].strings)[name][1]
    assert room.job == job and room.slots == tuple(sorted(slots)) and not room.more
    assert room.limit is not None and room.limit > room.length == len(text)
    steps = next(step for step in range(1000) if len(lengthened(text, step)) == room.limit)
    longest = lengthened(text, steps)
    assert longest.startswith(text) and len(longest) == room.limit
    fitting = render(job, with_text(catalogue, code, name, longest), read_back)
    assert fitting.pages >= 1
    with pytest.raises(FitError) as caught:
        render(job, with_text(catalogue, code, name, lengthened(text, steps + 1)), read_back)
    # beside the English, the two columns start at one height: the render may name either
    assert {caught.value.slot} & slots or caught.value.slot in size_groups(catalogue, job)[slot]


def test_the_note_says_how_long_and_where_it_is_tightest(catalogue):
    job = make_job(catalogue, "wallet-card", "business-card", "es")
    room = room_of(catalogue, "es", "scan_prompt", [(job, frozenset({"qr"}))])
    note = (f"length: fits up to about {room.limit} characters (now {room.length}); the "
            "least room is on the wallet-card business-card [es] (qr), measured by setting "
            "it there at the smallest size allowed")
    (entry,) = [entry for entry in polib.pofile(export_po(catalogue, "es",
                                                           {"scan_prompt": room}))
                if entry.msgctxt == "scan_prompt"]
    assert note in entry.comment.splitlines()
    assert f'<note category="length">{note}</note>' in export_xliff(
        catalogue, "es", {"scan_prompt": room})


def test_lengthening_uses_the_strings_own_words_and_keeps_its_placeholders():
    assert lengthened("Call {emergency} now", 3) == "Call {emergency} now Call now Call"
    assert lengthened("請撥打", 4) == "請撥打請撥打請"
