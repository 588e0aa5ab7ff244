"""Quotation marks per language (CLDR, in each language file): the content is set in
them, a user's straight quotes become them, and changing only the marks of an English
string leaves its translations current."""

from __future__ import annotations

import pytest

from awareprint.catalogue.language_checks import fingerprint, source_language, stale_keys
from awareprint.catalogue.quotes import fold_quotes, typographic
from awareprint.catalogue.request import make_job
from awareprint.catalogue.user_text import PartnerMark

NNBSP = "\u202f"
EVENT = "St. Mark's \"Freedom\" Walk"


def test_every_language_declares_its_marks(catalogue):
    for code, language in catalogue.languages.items():
        quotes = language.language.quotes
        assert quotes.apostrophe == "’", code
        assert all(mark.strip("\u202f") not in ("'", '"')
                   for mark in (*quotes.primary, *quotes.secondary)), code
    assert catalogue.languages["fr"].language.quotes.primary == ("«" + NNBSP, NNBSP + "»")
    assert catalogue.languages["zh-Hant"].language.quotes.secondary == ("『", "』")
    assert catalogue.languages["pl"].language.quotes.primary == ("„", "”")
    assert catalogue.languages["ar"].language.quotes.primary == ("”", "“")


def test_no_string_the_pieces_print_has_a_straight_quote(catalogue):
    for code, language in catalogue.languages.items():
        for key, value in language.strings.items():
            for text in value if isinstance(value, list) else [value]:
                assert "'" not in text and '"' not in text, f"{code}.yaml strings.{key}"
    for state in catalogue.notices.values():
        for name, notice in state.notices.items():
            for code, wording in notice.wording.items():
                assert "'" not in wording.text and '"' not in wording.text, (
                    f"{state.state} {name} {code}")


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "St. Mark’s “Freedom” Walk"),
    ("es", "St. Mark’s “Freedom” Walk"),
    ("fr", f"St. Mark’s «{NNBSP}Freedom{NNBSP}» Walk"),
    ("pl", "St. Mark’s „Freedom” Walk"),
    ("ru", "St. Mark’s «Freedom» Walk"),
    ("ar", "St. Mark’s ”Freedom“ Walk"),
    ("zh-Hant", "St. Mark’s 「Freedom」 Walk"),
])
def test_a_users_quotes_become_the_languages(catalogue, code, expected):
    assert typographic(EVENT, catalogue.languages[code].language.quotes) == expected


def test_apostrophes_pairs_and_spaces(catalogue):
    en = catalogue.languages["en"].language.quotes
    fr = catalogue.languages["fr"].language.quotes
    assert typographic("Women's 'Hope' walk", en) == "Women’s ‘Hope’ walk"
    assert typographic("the workers' rights", en) == "the workers’ rights"
    assert typographic("\"'Free' now\" (2026)", en) == "“‘Free’ now” (2026)"
    assert typographic("Marche \" Liberté \" d'Omaha", fr) == (
        f"Marche «{NNBSP}Liberté{NNBSP}» d’Omaha")
    assert typographic("No quotes at all", fr) == "No quotes at all"


def test_the_event_and_partner_lines_are_set_in_the_first_languages_marks(catalogue):
    partner = PartnerMark("St. Mark's Parish", "Ask for \"Ann\"", "stmarks.example.org")
    english = make_job(catalogue, "tearoff", event=EVENT, partner=partner)
    assert english.event == "St. Mark’s “Freedom” Walk"
    assert english.partner.lines == ("St. Mark’s Parish", "Ask for “Ann”",
                                     "stmarks.example.org")
    chinese = make_job(catalogue, "tearoff", language="zh-Hant+en", event=EVENT)
    assert chinese.event == "St. Mark’s 「Freedom」 Walk"
    # One event, one name in the file, whichever marks it is set in.
    assert english.file_name.replace("_en_", "_zh-Hant+en_") == chinese.file_name


def test_the_fingerprint_folds_quotes_but_not_words():
    assert fingerprint("Can't leave?") == fingerprint("Can’t leave?")
    assert fingerprint('Text "Help"') == fingerprint("Text “Help”")
    assert fingerprint("Can't leave?") != fingerprint("Cannot leave?")
    assert fold_quotes(f"«{NNBSP}Help{NNBSP}» 「Hi」") == '"Help" "Hi"'


def test_setting_the_english_quotes_left_no_translation_stale(catalogue):
    source = source_language(catalogue.languages)
    typographic_keys = [key for key, value in source.strings.items()
                        if fold_quotes(str(value)) != str(value)]
    assert typographic_keys  # "Can’t leave your job?", "the law’s English text"
    for code, language in catalogue.languages.items():
        assert not set(stale_keys(language, source)) & set(typographic_keys), code
