"""The rules of a two-language piece, read from its laid-out text: a line both languages
share printed once (measure/shared_lines.py), and columns of two languages that start at
one height, each line at its language's reading edge (measure/columns.py). Each is found
on a tiny page made to break it; the catalogue's own two-language pieces keep both."""

from __future__ import annotations

import re

import pytest

from awareprint.catalogue.request import make_job
from awareprint.cli.check import judged
from awareprint.compose.piece import compose
from awareprint.engine import layout as engine
from awareprint.measure.columns import column_faults, column_rows
from awareprint.measure.shared_lines import shared_line_faults
from awareprint.render.outcome import FAIL
from awareprint.render.setting import side_by_side, size_groups

FONT = "font-family:Noto Sans; font-size:10pt"
ARABIC = "font-family:Noto Sans Arabic; font-size:10pt"


def _lay_out(body: str):
    document, _ = engine.lay_out(f'<html lang="en"><body>{body}</body></html>', "file:///")
    return document


def _slot(name: str, html: str, lang: str = "en", style: str = FONT) -> str:
    return f'<div data-slot="{name}" lang="{lang}" style="{style}">{html}</div>'


def _shared(body: str, repeated: tuple[str, ...] = ()) -> list[str]:
    return [str(fault) for fault in shared_line_faults(_lay_out(body), repeated)]


def test_lines_that_differ_between_the_languages_are_no_fault():
    assert _shared(_slot("details_1", "<p>Not the police</p><p>24/7 · Confidential</p>")
                   + _slot("details_2", "<p>No es la policía</p><p>24/7 · Confidencial</p>",
                           "es")) == []


def test_a_label_printed_in_both_languages_columns_is_found_with_its_slots():
    faults = _shared(_slot("details_1", "<p>Not the police</p><p>TTY 711</p>")
                     + _slot("details_2", "<p>No es la policía</p><p>tty  711</p>", "es"))
    assert faults == ["slot 'details_2': 'tty 711' is printed in slot 'details_1' and again "
                      "here; a line both languages share is printed once"]


def test_a_part_of_a_line_printed_in_both_languages_is_found():
    faults = _shared(_slot("notes_1", "<p>Text 233733 · English or Spanish</p>")
                     + _slot("notes_2", "<p>Text 233733 · inglés o español</p>", "es"))
    assert faults == ["slot 'notes_2': 'Text 233733' is printed in slot 'notes_1' and "
                      "again here; a line both languages share is printed once"]


def test_the_two_languages_blocks_of_one_slot_are_compared():
    web = "humantraffickinghotline.org"
    faults = _shared('<div data-slot="numbers" lang="en" style="font-family:Noto Sans">'
                     f'<p>Get help</p><p>{web}</p><div lang="es"><p>Pida ayuda</p>'
                     f"<p>{web}</p></div></div>")
    assert faults == [f"slot 'numbers': '{web}' is printed in both the en and the es "
                      "block of the slot; a line both languages share is printed once"]


def test_a_label_twice_in_one_line_is_found():
    assert _shared(_slot("numbers", "<p>Text / Text 233733</p>")) == [
        "slot 'numbers': 'Text' is printed twice in one line; print a label both "
        "languages share once"]
    assert _shared(_slot("numbers", "<p>Text 233733 · TTY / TTY 711</p>")) == [
        "slot 'numbers': 'TTY' is printed twice in one line; print a label both "
        "languages share once"]
    assert _shared(_slot("numbers", "<p>Call / Llame 1-888-373-7888</p>")) == []


def test_slots_that_repeat_by_design_are_left_out():
    tabs = _slot("tab_1", "<p>Text 233733</p>") + _slot("tab_2", "<p>Text 233733</p>", "es")
    assert _shared(tabs) == ["slot 'tab_2': 'Text 233733' is printed in slot 'tab_1' and "
                             "again here; a line both languages share is printed once"]
    assert _shared(tabs, repeated=("tab_1", "tab_2")) == []


def _columns(first: str, second: str, second_lang: str = "es", second_style: str = FONT,
             css: str = "") -> list[str]:
    row = (f'<div style="display:flex; gap:20pt">{_slot("lead_1", first, style=FONT + WIDE)}'
           f'{_slot("lead_2", second, second_lang, second_style + WIDE + css)}</div>')
    document = _lay_out(f'<div style="width:400pt">{row}</div>')
    return [str(fault) for fault in column_faults(document, [(0, ("lead_1", "lead_2"))])]


WIDE = "; width:190pt;"
SPANISH = "<p>¿Le han quitado su documento de identidad?</p>"
ENGLISH = "<p>Has someone taken your ID?</p>"
ARABIC_LINES = "<p>هل يحتجز أحدٌ بطاقة هويتك؟ لا تستطيع ترك عملك</p>"


def test_columns_that_start_at_one_height_are_no_fault():
    assert _columns(ENGLISH, SPANISH) == []
    assert _columns(ENGLISH, ARABIC_LINES, "ar", ARABIC, "direction:rtl") == []


def test_a_column_that_starts_lower_is_found_with_the_difference():
    faults = _columns(ENGLISH, SPANISH, css="padding-top:6pt")
    assert len(faults) == 1 and faults[0].startswith(
        "slot 'lead_1 & lead_2': columns' first lines start 6.0 pt apart ('lead_1' at ")
    assert faults[0].endswith(" pt); start them at one height")
    assert _columns(ENGLISH, SPANISH, css="padding-top:0.8pt") == []  # within 1 pt


def test_a_line_off_its_languages_reading_edge_is_found():
    faults = _columns(ENGLISH, ARABIC_LINES, "ar", ARABIC, "direction:rtl; text-align:left")
    assert len(faults) == 1 and faults[0].startswith("slot 'lead_2': '")
    assert "from the column's right edge; set every line of a column to its language's " \
           "reading edge" in faults[0]
    faults = _columns(ENGLISH, SPANISH, css="text-align:center")
    assert len(faults) == 1 and "from the column's left edge" in faults[0]


def test_the_rows_of_columns_are_found_in_the_layout(catalogue):
    rows = column_rows(compose(make_job(catalogue, "poster", "letter", "en+es"),
                               catalogue).geometry)
    assert (0, ("lead_1", "lead_2")) in rows and (0, ("details_1", "details_2")) in rows
    assert all("headline_1" not in names for _, names in rows)  # stacked, not a row
    handout = column_rows(compose(make_job(catalogue, "handout", "letter", "en+ar"),
                                  catalogue).geometry)
    assert (0, ("headline_1", "headline_2")) in handout
    assert (1, ("about_1", "about_2")) in handout


def test_a_real_piece_made_to_break_them_is_found(catalogue):
    """The en+es handout with its second headline moved down and its Spanish about block
    printing the English line about text messages."""
    job = make_job(catalogue, "handout", "letter", "en+es")
    composed = compose(job, catalogue)
    rows = side_by_side(size_groups(catalogue, job), composed.geometry)
    moved = (*composed.stylesheets, '[data-slot="headline_2"] h1 { padding-top: 5pt; }')
    html = composed.html
    document, _ = engine.lay_out(html, composed.base_url, composed.readable, rows, moved)
    faults = [str(f) for f in column_faults(document, column_rows(composed.geometry))]
    assert len(faults) == 1 and faults[0].startswith(
        "slot 'headline_1 & headline_2': columns' first lines start 5.0 pt apart")
    english, spanish = (_paragraphs_of(html, f"about_{number}")[2] for number in (1, 2))
    document, _ = engine.lay_out(html.replace(spanish, english), composed.base_url,
                                 composed.readable, rows, composed.stylesheets)
    interpreters = " ".join(str(catalogue.languages["en"].strings["interpreters"]).split())
    assert [str(f) for f in shared_line_faults(document)] == [
        f"slot 'about_2': '{interpreters}' is printed in slot 'about_1' and again here; a "
        "line both languages share is printed once"]


def _paragraphs_of(html: str, slot: str) -> list[str]:
    block = html.split(f'<div class="slot about" data-slot="{slot}"', 1)[1].split("</div>")[0]
    return re.findall(r"<p[ >].*?</p>", block)


@pytest.mark.parametrize(("layout", "size", "language", "profile"), [
    ("poster", "letter", "en+es", "office"),
    ("poster", "letter", "en+ar", "press"),
    ("handout", "letter", "en+ar", "office"),
    ("handout", "letter", "en+zh-Hans", "office"),
    ("tearoff", "letter", "en+ar", "office"),
    ("wallet-card", "business-card", "en+es", "office"),
    ("discreet-card", "index-card", "en+ar", "office"),
    # Korean keeps "TTY" as a word of its own (a span): printed once all the same
    ("discreet-card", "index-card", "en+ko", "office"),
    ("wallet-card", "business-card", "en+ko", "press"),
])
def test_the_catalogue_s_two_language_pieces_keep_both_rules(rendered_job, catalogue, layout,
                                                             size, language, profile):
    result = judged(rendered_job(make_job(catalogue, layout, size, language,
                                          profile=profile)))
    assert result.outcome != FAIL, result.detail
