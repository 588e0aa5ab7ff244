"""The words that help someone act, on the pieces that show them, in every language: the
poster's question line, "Get help", what the hotline is not and the emergency line, the
wallet card's "Get help", questions, emergency line and what the hotline is not. Read
back from the PDF (pypdf's text, white space ignored)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from awareprint.catalogue.load import load_catalogue
from tests.pdfread import chars, text_of

CATALOGUE = load_catalogue()
LANGUAGES = list(CATALOGUE.languages)
ALL_PAIRS = [f"en+{code}" for code in LANGUAGES if code != "en"]
FAST = ["en", "ar", "zh-Hans", "ru"]
FAST_PAIRS = ["en+es", "en+ar"]
# Devanagari set in the regular weight does not always extract back exactly (WeasyPrint
# maps some reordered vowel signs to the wrong glyph in the text layer, and drops letters
# with a nukta): compared word by word without vowel signs, words with a nukta left out.
WITHOUT_VOWEL_SIGNS = {"hi"}
NUKTA = "\u093c"


def _flat(text: str, code: str = "") -> str:
    # NFKC: an extractor may give a ligature (Arabic lam-alef in bold) as its presentation
    # form, U+FEFB, where the source has the two letters
    flat = unicodedata.normalize("NFKC", "".join(str(text).split())).casefold()
    # a format character (Dari's zero-width non-joiner in "نمی‌توانید") shapes the letters
    # around it and prints nothing: no extractor gives it back
    flat = "".join(c for c in flat if unicodedata.category(c) != "Cf")
    if code in WITHOUT_VOWEL_SIGNS:
        flat = "".join(c for c in flat if unicodedata.category(c) not in ("Mn", "Mc"))
    return flat


def _emergency(code: str) -> str:
    return CATALOGUE.languages[code].strings["emergency_line"].replace(
        "{emergency}", CATALOGUE.hotline.emergency.display)


def _in_rtl(word: str, flat: str) -> bool:
    """A right-to-left word is printed: whole, or (a lam-alef ligature is a run of its own,
    which an extractor may move within the line: "ولا" read back as "و" and "لا") each
    of its parts around the ligature."""
    if word in flat:
        return True
    parts = [part for part in re.split("(لا)", word) if part]
    return len(parts) > 1 and all(part in flat for part in parts)


def _assert_printed(pdf: bytes, code: str, what: dict[str, str]) -> None:
    text = text_of(pdf)
    flat = _flat(text, code)
    right_to_left = CATALOGUE.languages[code].language.direction == "rtl"
    for name, shown in what.items():
        if code in WITHOUT_VOWEL_SIGNS:
            missing = [w for w in shown.split()
                       if NUKTA not in w and _flat(w.strip("?।"), code) not in flat]
            assert not missing, f"{code}: {name}: {missing} missing"
            continue
        if right_to_left:
            # extractors order the runs of a right-to-left line differently (a word kept
            # whole is a run of its own, glued to its neighbour): every word is there
            missing = [w for w in shown.split() if not _in_rtl(_flat(w.strip(".؟،")), flat)]
            assert not missing, f"{code}: {name}: {missing} missing"
            continue
        assert _flat(shown, code) in flat, f"{code}: {name} missing: {shown!r}"


def _poster(rendered, codes: str) -> None:
    """Each language's question, "Get help", what the hotline is not and what to do in
    danger, one language or two."""
    pdf = rendered("poster", None, codes)
    for code in codes.split("+"):
        strings = CATALOGUE.languages[code].strings
        blocks = {"emergency_line": _emergency(code), "question_line": strings["question_line"],
                  "get_help": strings["get_help"],
                  "hotline_about_short": strings["hotline_about_short"]}
        _assert_printed(pdf, code, blocks)


def _card(rendered, codes: str) -> None:
    pdf = rendered("wallet-card", None, codes)
    codes_list = codes.split("+")
    shown = 3 if len(codes_list) == 1 else 1  # two languages: one question each
    for code in codes_list:
        strings = CATALOGUE.languages[code].strings
        blocks = {f"question {n + 1}": question
                  for n, question in enumerate(strings["victim_questions"][:shown])}
        blocks["emergency_line"] = _emergency(code)
        blocks["hotline_about_short"] = strings["hotline_about_short"]
        blocks["get_help"] = strings["get_help"]
        if len(codes_list) == 1:
            blocks["questions_heading"] = strings["questions_heading"]
        _assert_printed(pdf, code, blocks)
        # the list on the back is not shortened further than the layout says
        fourth = strings["victim_questions"][shown]
        assert _flat(fourth, code) not in _flat(text_of(pdf), code)


@pytest.mark.parametrize("codes", FAST + FAST_PAIRS)
def test_the_poster_asks_and_says_what_to_do_in_danger(rendered, codes):
    _poster(rendered, codes)


@pytest.mark.parametrize("codes", FAST + FAST_PAIRS)
def test_the_wallet_card_back_carries_questions_danger_and_the_hotline(rendered, codes):
    _card(rendered, codes)


@pytest.mark.slow
@pytest.mark.parametrize("codes", LANGUAGES + ALL_PAIRS)
def test_every_language_shows_the_blocks_on_poster_and_card(rendered, codes):
    _poster(rendered, codes)
    _card(rendered, codes)


@pytest.mark.parametrize("codes", ["en", "ru", "en+ru"])
def test_the_card_questions_are_never_under_six_and_a_half_points(rendered, codes):
    pdf = rendered("wallet-card", None, codes)
    strings = CATALOGUE.languages[codes.split("+")[-1]].strings
    first_word = strings["victim_questions"][0].split()[0]
    back = chars(pdf, 1)
    text = "".join(c.text for c in back)
    start = text.find(first_word.replace(" ", ""))
    assert start >= 0, "the first question is not on the back"
    assert all(c.size >= 6.5 - 0.01 for c in back[start:start + 20])


def test_the_emergency_number_is_a_whole_word_after_its_label(rendered):
    """911 is printed from content/hotline.yaml and never begins a line alone."""
    for codes in ("en", "fr", "ar"):
        lines = [line for line in text_of(rendered("wallet-card", None, codes)).splitlines()
                 if CATALOGUE.hotline.emergency.display in line]
        assert lines, codes
        assert all(line.strip() != CATALOGUE.hotline.emergency.display + "." for line in lines)


def test_a_co_branded_card_gives_the_partner_room_of_one_question(rendered_job, catalogue, parish):
    """The partner's lockup takes the foot of the back: two questions instead of three
    (`room:` with `items` in layout.yaml), the emergency line and the hotline kept."""
    from awareprint.catalogue.request import make_job

    job = make_job(catalogue, "wallet-card", "business-card", "en", partner=parish)
    text = _flat(text_of(rendered_job(job).pdf))
    questions = CATALOGUE.languages["en"].strings["victim_questions"]
    assert all(_flat(question) in text for question in questions[:2])
    assert _flat(questions[2]) not in text
    assert _flat(_emergency("en")) in text and _flat("St. Mark’s Parish") in text
