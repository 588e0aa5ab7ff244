"""The discreet card, read back: a face a watcher would pass over (no hotline name, no word
of trafficking in any language, only the numbers), a back that says what it is (the
hotline's name, the questions at 6.5 pt or more, 911, what the hotline is, a QR code 2 cm
or more across), on its own and on Avery sheets with colour kept off every cut."""

from __future__ import annotations

import io
import string
import unicodedata
from difflib import SequenceMatcher

import pypdf
import pypdfium2
import pytest

from awareprint.catalogue.load import load_catalogue
from awareprint.catalogue.request import make_job, make_sheet_job
from awareprint.catalogue.user_text import PartnerMark
from awareprint.compose.piece import compose
from awareprint.preflight.preview import page_images
from awareprint.preflight.qr import qr_codes
from tests.pdfread import assert_inside_cells, chars, decode_qr, placements, plumbed

LAYOUT = "discreet-card"
CATALOGUE = load_catalogue()
SPEC = CATALOGUE.layouts[LAYOUT]
SOURCE = "en"
LANGUAGES = sorted(CATALOGUE.languages)
PAIRS = [f"{SOURCE}+{code}" for code in LANGUAGES if code != SOURCE]
FACE, BACK = 0, 1
# Strings that name no cause: a word of the cause's name that they use is an ordinary word.
PLAIN_KEYS = ("questions_heading", "victim_questions", "hotline_about", "label_call",
              "label_text", "text_languages", "availability", "interpreters", "scan_prompt")
QUESTION_MIN_PT = 6.5
QR_MIN_CM = 2.0
QR_MODULES = 29  # the hotline's address makes a version 3 code; 37 drawn with its quiet zone
PUNCTUATION = string.punctuation + "¿¡«»“”‘’„—–…·•、，。？！：；（）"


# Text extractors put an Arabic lam-alef ligature back as its two letters in either order
# ("الاتجار" comes out "االتجار") and Devanagari vowel signs before or after their
# consonant: words are compared without those letters and without marks.
LAM_ALEF = set("لاأإآى")


def _squashed(text: str) -> str:
    """Text as compared here: compatibility forms folded (Arabic presentation forms, full-
    width letters), case folded, without spaces, bidi controls, combining marks and
    Arabic lam and alef: a text extractor's line breaks and run order do not matter."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in LAM_ALEF
                   and unicodedata.category(ch) not in ("Cf", "Mn", "Mc"))


def _words(phrase: str) -> list[str]:
    """The words of a string, without punctuation; a text without spaces (Chinese) is its
    runs between punctuation marks."""
    cleaned = "".join(" " if ch in PUNCTUATION else ch for ch in str(phrase))
    return [word for word in cleaned.split() if _squashed(word)]


GARBLED_IN_TEXT_LAYER = {"hi"}


def _carries(text: str, phrase: object) -> bool:
    """Every word of `phrase` is printed (an extractor may reorder right-to-left runs, and
    puts a Devanagari conjunct back with a letter too many: a word's letters may then have
    one stray letter between them each)."""
    page = _squashed(text)
    return all(_squashed(word) in page or _loosely_in(_squashed(word), page)
               for word in _words(str(phrase)))


def _loosely_in(word: str, page: str) -> bool:
    """`word`'s letters in order within a stretch of `page` at most twice its length."""
    reach = 2 * len(word) + 2
    for start, letter in enumerate(page):
        if letter != word[0]:
            continue
        letters = iter(page[start:start + reach])
        if all(wanted in letters for wanted in word):
            return True
    return False


def _cause(code: str) -> tuple[str, list[str]]:
    """How a language names trafficking, as its own strings put it: what its headline, call
    to action and hotline names have in common ("human trafficking", "la trata de
    personas", "人口贩运"), and the words of that, of four letters or more, that its plain
    strings (questions, labels, what the hotline is) do not use ("trata"; not "moun",
    person, in "trafik moun")."""
    strings = CATALOGUE.languages[code].strings
    common = str(strings["headline"]).casefold()
    for key in ("call_to_action", "hotline_name", "hotline_short"):
        other = str(strings[key]).casefold()
        match = SequenceMatcher(None, common, other, autojunk=False).find_longest_match(
            0, len(common), 0, len(other))
        common = common[match.a:match.a + match.size]
    plain = {_squashed(word) for key in PLAIN_KEYS for text in _texts(strings[key])
             for word in _words(text)}
    words = [word for word in _words(common)
             if len(word) >= 4 and _squashed(word) not in plain]
    return common.strip(), words


def _texts(value: object) -> list[str]:
    return [str(text) for text in value] if isinstance(value, list) else [str(value)]


def _forbidden_on_the_face(code: str) -> list[tuple[str, str]]:
    """(what, text as compared) that the face must not print, for a language."""
    strings = CATALOGUE.languages[code].strings
    phrase, words = _cause(code)
    found = [(f"{code} cause", _squashed(text)) for text in [phrase, *words]]
    for key in ("hotline_name", "hotline_short", "headline", "call_to_action"):
        found.append((f"{code} {key}", _squashed(str(strings[key]))))
    return found


FORBIDDEN = sorted({pair for code in LANGUAGES for pair in _forbidden_on_the_face(code)}
                   | {("the word", "trafficking"),
                      ("the web address", _squashed(CATALOGUE.hotline.web.display))})


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]


def _job(size: str, language: str, partner: PartnerMark | None = None):
    return make_job(CATALOGUE, LAYOUT, size, language, partner=partner)


def _shown(size: str, language: str) -> int:
    """How many questions the card of this size and languages shows."""
    count = compose(_job(size, language), CATALOGUE).geometry.items("questions")
    assert count is not None
    return count


def _brief(size: str, language: str) -> bool:
    """Whether the card prints the short form of what the hotline is."""
    return compose(_job(size, language), CATALOGUE).geometry.items("safety") == 1


# --- The face --------------------------------------------------------------------------

def _check_face(pdf: bytes, language: str) -> None:
    face = _pages(pdf)[FACE]
    hotline = CATALOGUE.hotline
    assert hotline.call.display in face, "the call number is not on the face"
    assert hotline.text.display in face, "the text number is not on the face"
    squashed = _squashed(face)
    printed = [f"{what}: '{word}'" for what, word in FORBIDDEN if word in squashed]
    assert not printed, f"{language}: the face prints " + "; ".join(printed)
    for code in language.split("+"):
        strings = CATALOGUE.languages[code].strings
        # "24/7 · Confidential" on a one-language face; two say it in their line ("in
        # confidence, day or night")
        keys = ("discreet_headline", "discreet_line", "label_call", "label_text", "get_help",
                *(("availability",) if "+" not in language else ()))
        for key in keys:
            assert _carries(face, strings[key]), f"{language}: no {code} {key} on the face"


def _check_back(pdf: bytes, size: str, language: str) -> None:
    back = _pages(pdf)[BACK]
    shown = _shown(size, language)
    for code in language.split("+"):
        strings = CATALOGUE.languages[code].strings
        questions = strings["victim_questions"]
        assert _carries(back, strings["hotline_name"]), f"{language}: no {code} hotline name"
        for question in questions[:shown]:
            if code in GARBLED_IN_TEXT_LAYER and "+" in language:
                # beside English, small Devanagari in the regular weight comes back from
                # WeasyPrint's text layer with letters out of place: its bullet counts
                assert back.count("•") >= 2 * shown, f"{language}: {code} questions"
                continue
            assert _carries(back, question), f"{language}: {code} question '{question}'"
        emergency = str(strings["emergency_line"]).replace(
            "{emergency}", CATALOGUE.hotline.emergency.display)
        assert _carries(back, emergency), f"{language}: no {code} emergency line"
        about = "hotline_about_short" if _brief(size, language) else "hotline_about"
        assert _carries(back, strings[about]), f"{language}: no {code} {about}"
        # the words kept off the face are read on the back: the face's test can fail
        phrase, words = _cause(code)
        assert _carries(back, phrase), f"{language}: '{phrase}' not read on the back"
        assert all(_squashed(word) in _squashed(back) for word in words), language
    assert CATALOGUE.hotline.emergency.display in back
    # one bullet a question: the card shows as many as its size holds, no more
    assert back.count("•") == shown * len(language.split("+")), language


@pytest.mark.parametrize("language", ["en", "es", "ar", "zh-Hans", "ru", "en+es", "en+ar"])
def test_the_face_names_neither_the_hotline_nor_trafficking(rendered, language):
    _check_face(rendered(LAYOUT, language=language), language)


@pytest.mark.parametrize("size", SPEC.sizes)
def test_the_face_is_discreet_on_every_size(rendered, size):
    _check_face(rendered(LAYOUT, size), "en")


def test_the_face_is_checked_against_every_language():
    """Each language's own words for trafficking are known (a language whose strings had
    no word in common would leave its face unchecked)."""
    for code in LANGUAGES:
        phrase, _ = _cause(code)
        assert len(_squashed(phrase)) >= 4, code
    assert ("en cause", "trafficking") in FORBIDDEN and ("es cause", "trata") in FORBIDDEN
    assert ("ht cause", "moun") not in FORBIDDEN


@pytest.mark.parametrize(("size", "language"), [(size, "en") for size in SPEC.sizes]
                         + [("index-card", "ar"), ("index-card", "en+es")])
def test_the_back_says_what_the_card_is(rendered, size, language):
    _check_back(rendered(LAYOUT, size, language=language), size, language)


def test_a_bilingual_shape_may_change_only_slots_its_page_has():
    import yaml
    from pydantic import ValidationError

    from awareprint.catalogue.layouts import LayoutSpec

    data = yaml.safe_load((SPEC.folder / "layout.yaml").read_text(encoding="utf-8"))
    LayoutSpec.model_validate(data)
    data["bilingual"]["shapes"][0]["pages"]["back"]["slots"]["signs"] = (
        data["bilingual"]["shapes"][0]["pages"]["back"]["slots"]["questions"])
    with pytest.raises(ValidationError, match=r"bilingual\.shapes\[0\]\.back names signs"):
        LayoutSpec.model_validate(data)


def test_bigger_cards_show_more_questions():
    """The shoe card's back has no room for a question at 6.5 pt; it holds one language."""
    shown = {size: _shown(size, "en") for size in SPEC.sizes}
    assert shown == {"index-card": 4, "a6-landscape": 6, "business-card": 0}
    two = [size for size in SPEC.sizes if SPEC.takes_two_languages(size)]
    assert {size: _shown(size, "en+es") for size in two} == {
        "index-card": 1, "a6-landscape": 3}
    assert "business-card" not in two


# --- Type and QR code --------------------------------------------------------------------

def _question_sizes(pdf: bytes, size: str, language: str) -> list[float]:
    box = compose(_job(size, language), CATALOGUE).geometry.layout_boxes()["questions"].rect
    inside = [c.size for c in chars(pdf, BACK)
              if box.x - 0.5 <= c.x0 and c.x1 <= box.right + 0.5
              and box.y - 0.5 <= c.top and c.bottom <= box.bottom + 0.5]
    assert inside, "no questions found in their box"
    return inside


@pytest.mark.parametrize(("size", "language"), [("index-card", "en"), ("a6-landscape", "en"),
                                                ("index-card", "ru"), ("index-card", "en+ru"),
                                                ("a6-landscape", "en+ru")])
def test_questions_are_set_at_six_and_a_half_points_or_more(rendered, size, language):
    sizes = _question_sizes(rendered(LAYOUT, size, language=language), size, language)
    assert min(sizes) >= QUESTION_MIN_PT - 0.01


@pytest.mark.parametrize("size", SPEC.sizes)
def test_the_qr_code_is_on_the_back_two_centimetres_across(catalogue, rendered, size):
    pdf = rendered(LAYOUT, size)
    assert decode_qr(pdf, FACE) == []
    assert decode_qr(pdf, BACK) == [catalogue.hotline.qr_target]
    (code,) = qr_codes(pypdfium2.PdfDocument(pdf), whole_page_search=False)
    assert code.page == BACK and code.text == catalogue.hotline.qr_target
    left, bottom, right, top = code.bounds
    for side in (right - left, top - bottom):
        assert side / 72 * 2.54 >= QR_MIN_CM  # the modules alone, quiet zone not counted
    quiet = 4 * (right - left) / QR_MODULES
    height = pypdfium2.PdfDocument(pdf)[BACK].get_size()[1]
    for char in chars(pdf, BACK):
        inside_x = left - quiet < char.x1 and char.x0 < right + quiet
        inside_y = bottom - quiet < height - char.top and height - char.bottom < top + quiet
        assert not (inside_x and inside_y), f"'{char.text}' in the QR code's quiet zone"


# --- Co-branded ----------------------------------------------------------------------------

def test_a_partner_goes_on_the_back_and_leaves_the_face_as_it_was(rendered_job, catalogue,
                                                                  parish):
    partner = parish
    for size, language in (("business-card", "en"), ("index-card", "en+es")):
        plain = rendered_job(_job(size, language)).pdf
        branded = rendered_job(_job(size, language, partner)).pdf
        face, back = _pages(branded)
        assert _carries(back, partner.name) and _squashed("Parish") not in _squashed(face)
        # a victim keeps this card: the lockup never prints the partner's own number
        assert partner.contact and not _carries(back, partner.contact)
        assert page_images(plain, dpi=72)[FACE].tobytes() == \
            page_images(branded, dpi=72)[FACE].tobytes()
        _check_back(branded, size, language)


# --- Avery sheets ----------------------------------------------------------------------

# The published grids (gLabels' Avery templates): left, top, pitch x, pitch y, piece
# width and height in inches; columns and rows.
AVERY = {"avery-5388": ((1.75, 1, 5, 3, 5, 3), 1, 3),
         "avery-5371": ((0.75, 0.5, 3.5, 2, 3.5, 2), 2, 5)}


def _coloured(pdf: bytes, page_index: int) -> list[dict]:
    with plumbed(pdf) as document:
        return [r for r in document.pages[page_index].rects if r["fill"]
                and r["non_stroking_color"] not in ((1,), (1, 1, 1), [1, 1, 1], (0, 0, 0, 0))]


@pytest.mark.parametrize("sheet", sorted(AVERY))
def test_avery_sheets_place_every_card_with_colour_inside_the_cuts(catalogue, sheet):
    from awareprint.sheets.impose import render_sheet

    lengths, columns, rows = AVERY[sheet]
    left, top, pitch_x, pitch_y, width, height = (value * 72 for value in lengths)
    pdf = render_sheet(make_sheet_job(catalogue, LAYOUT, None, ["en", "es"], sheet),
                       catalogue).pdf
    fronts = placements(pdf, FACE)
    expected = [(left + col * pitch_x, top + row * pitch_y)
                for row in range(rows) for col in range(columns)]
    assert len(fronts) == columns * rows
    for piece, (x, y) in zip(fronts, expected, strict=True):
        assert (piece.x, piece.y, piece.w, piece.h) == pytest.approx((x, y, width, height),
                                                                      abs=0.2)
    inset = catalogue.house.label_inset_pt
    # each face carries the number, each back the address: every card is whole
    printed = {FACE: catalogue.hotline.call.display, BACK: catalogue.hotline.web.display}
    for page_index in (FACE, BACK):
        cells = placements(pdf, page_index)
        with plumbed(pdf) as document:
            text = document.pages[page_index].extract_text() or ""
        assert text.count(printed[page_index]) == len(cells)
        filled = _coloured(pdf, page_index)
        assert filled, "no coloured rules or QR modules on the sheet"
        assert_inside_cells(filled, cells, inset)


# --- Every language and pair (slow) -----------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("size", SPEC.sizes)
def test_every_language_and_pair_is_discreet_and_complete(rendered, size):
    pairs = PAIRS if SPEC.takes_two_languages(size) else []  # the shoe card holds one
    for language in LANGUAGES + pairs:
        pdf = rendered(LAYOUT, size, language=language)
        _check_face(pdf, language)
        _check_back(pdf, size, language)
        if _shown(size, language):
            assert min(_question_sizes(pdf, size, language)) >= QUESTION_MIN_PT - 0.01, \
                language

