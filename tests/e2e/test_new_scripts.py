"""Thai, Amharic, Dari, Somali, Pashto and Swahili read back from the finished files by
pdfium, pdfplumber and pypdf: the hotline's number with its digits in order, and a
sentence of the language.

Extractors are compared as a reader compares them: spaces, format characters (the
zero-width non-joiner of Dari) and compatibility forms aside. pdfium and pdfplumber place
some Thai vowel and tone marks away from their consonant (those drawn raised, with a text
rise, are read as text of their own), so with them Thai is compared without its marks;
pypdf reads Thai in full. Punctuation is left aside too: pypdf and pdfplumber set the full
stop that ends a right-to-left line before its last word. pdfplumber reads right-to-left
lines in drawn order (a Dari or Pashto line is turned round before it is compared), and two columns
of a line as one (it is read in the order the text is drawn)."""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import itertools
import re
import unicodedata

import pdfplumber
import pypdfium2
import pytest

from awareprint.compose.thai_words import word_starts
from awareprint.preflight.text import read_pages
from tests.pdfread import digits_of, lines_of, pdfium_text, text_of

PIECES = [("poster", "th"), ("wallet-card", "th"), ("poster", "am"), ("wallet-card", "am"),
          ("poster", "fa-AF"), ("wallet-card", "fa-AF"), ("poster", "en+fa-AF"),
          ("poster", "en+th"), ("poster", "so"), ("wallet-card", "so"), ("poster", "ps"),
          ("wallet-card", "ps"), ("poster", "en+ps"), ("poster", "sw"), ("wallet-card", "sw")]
RIGHT_TO_LEFT = {"fa-AF", "ps"}
SENTENCE = "hotline_about_short"  # printed on the poster and on the wallet card's front


def _pdfium(pdf: bytes) -> str:
    return "\n".join(page.text for page in read_pages(pypdfium2.PdfDocument(pdf)))


def _pdfplumber_lines(pdf: bytes, flow: bool = False) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [line for page in document.pages
                for line in (page.extract_text(use_text_flow=flow) or "").splitlines()]


def _squashed(text: str, marks: bool = True) -> str:
    """`text` without spaces, format characters and punctuation, compatibility forms
    folded (ำ is drawn as ํ and า), and without combining marks unless `marks`."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace()
                   and unicodedata.category(ch) != "Cf"
                   and not unicodedata.category(ch).startswith("P")
                   and (marks or unicodedata.category(ch) not in ("Mn", "Mc")))


def _sentence(catalogue, code: str) -> str:
    return str(catalogue.languages[code].strings[SENTENCE])


@pytest.mark.parametrize(("layout", "codes"), PIECES)
def test_the_hotline_number_reads_back_in_every_extractor(catalogue, rendered, layout, codes):
    pdf = rendered(layout, None, codes)
    call = catalogue.hotline.call
    lines = _pdfplumber_lines(pdf)
    for reader, text in (("pdfium", _pdfium(pdf)), ("pypdf", text_of(pdf)),
                         ("pdfplumber", "\n".join(lines))):
        assert call.display in text, reader
        assert call.digits in digits_of(text), f"{reader}: the call digits are not in order"


@pytest.mark.parametrize(("layout", "codes"), PIECES)
def test_a_sentence_reads_back_in_every_extractor(catalogue, rendered, layout, codes):
    pdf = rendered(layout, None, codes)
    code = codes.split("+")[-1]
    thai = code == "th"
    sentence = _sentence(catalogue, code)
    assert _squashed(sentence, marks=not thai) in _squashed(_pdfium(pdf), marks=not thai)
    assert _squashed(sentence) in _squashed(text_of(pdf)), "pypdf"
    lines = _pdfplumber_lines(pdf, flow=code not in RIGHT_TO_LEFT)
    if code in RIGHT_TO_LEFT:
        lines = [line[::-1] for line in lines]
    assert _squashed(sentence, marks=not thai) in _squashed(
        "".join(lines), marks=not thai), "pdfplumber"


def test_thai_lines_end_between_words(catalogue, rendered):
    """Where a printed Thai line (pypdf) ends in Thai and the next begins in Thai, the
    source paragraph has a word boundary there (libthai) or a space."""
    strings = catalogue.languages["th"].strings
    texts = [text.replace("\u00a0", " ") for value in strings.values()
             for text in (value if isinstance(value, list) else [value])]
    thai = re.compile("[\u0e00-\u0e7f]")
    checked = 0
    for layout in ("poster", "handout", "tearoff", "wallet-card"):
        lines = [line.strip() for line in text_of(rendered(layout, None, "th")).splitlines()]
        for line, following in itertools.pairwise(lines):
            if not (line and following and thai.match(line[-1]) and thai.match(following[0])):
                continue
            tail, head = line[-8:], following[:8]
            places = [(text, found.start() + len(tail)) for text in texts
                      for found in re.finditer(re.escape(tail + head), text)]
            checked += bool(places)
            assert not places or any(place in word_starts(text) for text, place in places), (
                f"{layout}: a Thai word broken between {line!r} and {following!r}")
    assert checked >= 5  # the test reads real breaks inside Thai, not none


def _icu_word_ends(text: str) -> set[int] | None:
    """Where ICU's word break iterator (its own Thai dictionary, not libthai's) ends a
    word in `text`, or None where ICU cannot be loaded."""
    name = ctypes.util.find_library("icuuc")
    found = re.search(r"\.so\.(\d+)", name or "")
    if not found:
        return None
    icu, version = ctypes.CDLL(name), found[1]
    open_, next_, close = (getattr(icu, f"ubrk_{what}_{version}")
                           for what in ("open", "next", "close"))
    open_.restype, open_.argtypes = ctypes.c_void_p, [
        ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int,
        ctypes.POINTER(ctypes.c_int)]
    next_.argtypes, close.argtypes = [ctypes.c_void_p], [ctypes.c_void_p]
    utf16 = text.encode("utf-16-le")  # Thai is in the BMP: an index is a character's
    status = ctypes.c_int(0)
    words = open_(1, b"th", ctypes.create_string_buffer(utf16), len(utf16) // 2,  # 1: WORD
                  ctypes.byref(status))
    ends, position = set(), next_(words)
    while position != -1:
        ends.add(position)
        position = next_(words)
    close(words)
    return ends


def test_thai_line_ends_are_word_boundaries_by_a_second_dictionary(catalogue, rendered):
    """The check after layout reads word boundaries from libthai, the dictionary the
    engine breaks Thai with: here ICU's own dictionary, independent of it, is asked about
    every Thai line end of the Thai pieces. (The two dictionaries differ on about one
    boundary in forty of these strings, ICU keeping some compounds whole.)"""
    strings = catalogue.languages["th"].strings
    texts = [text for value in strings.values()
             for text in (value if isinstance(value, list) else [value])]
    if _icu_word_ends(texts[0]) is None:
        pytest.skip("ICU (libicuuc) is not installed")
    thai = re.compile("[\u0e00-\u0e7f]")
    checked = 0
    for layout, codes in (("poster", "th"), ("wallet-card", "th"), ("handout", "th"),
                          ("tearoff", "en+th")):
        lines = [line.strip() for line in text_of(rendered(layout, None, codes)).splitlines()]
        for line, following in itertools.pairwise(lines):
            if not (line and following and thai.match(line[-1]) and thai.match(following[0])):
                continue
            tail, head = line[-8:], following[:8]
            for text in texts:
                found = text.find(tail + head)
                if found >= 0:
                    checked += 1
                    assert found + len(tail) in _icu_word_ends(text), (
                        f"{layout} {codes}: ICU finds no word boundary at "
                        f"{line!r} / {following!r}")
                    break
    assert checked >= 10


def test_dari_prints_persian_letters_and_the_hotline_digits_as_arabic_does(catalogue,
                                                                           rendered):
    """Dari's own letters (ی ک, not Arabic's ي ك) as written, Persian digits in its text
    (۲۴/۷) and the hotline's numbers in the digits every other language prints."""
    text = text_of(rendered("poster", None, "fa-AF"))
    assert "\u064a" not in text and "\u0643" not in text
    assert "ی" in text and "ک" in text and "۲۴/۷" in text
    assert catalogue.hotline.call.display in text and catalogue.hotline.text.display in text


# The letters Pashto adds to the Arabic alphabet, beside those it shares with Persian.
PASHTO_LETTERS = "ټډړږښګڼۍېځڅ"


def test_pashto_prints_its_own_letters_and_the_hotline_digits_as_dari_does(catalogue,
                                                                          rendered):
    """Every letter Pashto adds (the discreet card prints ۍ in کورنۍ and ځ in ورځ, which
    the poster has not) read back by pypdf and pdfium; the letters of Arabic and Persian it
    does not write (ك, ى, گ) nowhere; Persian digits in its text (۲۴/۷) and the hotline's
    numbers in the digits every language prints."""
    poster, card = rendered("poster", None, "ps"), rendered("discreet-card", None, "ps")
    for reader in (text_of, pdfium_text):
        text = reader(poster) + reader(card)
        assert [letter for letter in PASHTO_LETTERS if letter not in text] == [], reader
        assert not set("\u0643\u0649\u06af") & set(text), reader
        assert "۲۴/۷" in text, reader
        assert catalogue.hotline.call.display in text and catalogue.hotline.text.display in text


def test_latin_names_inside_pashto_keep_their_order(rendered):
    """"Innocence Freed", "Julie A. Shrader" and the address read in their own order on the
    Pashto poster (pdfplumber, by position), and the credit line in the sentence's order
    (pypdf): the text, the name, then the organisation's founder and head."""
    pdf = rendered("poster", None, "ps")
    printed = " ".join(lines_of(pdf).replace("\u00a0", " ").split())
    for run in ("Innocence Freed", "Julie A. Shrader", "P.O. Box 45056"):
        assert run in printed and " ".join(reversed(run.split())) not in printed
    text = " ".join(text_of(pdf).replace("\u00a0", " ").split())
    credit = text.find("متن")
    assert -1 < credit < text.find("Julie A. Shrader", credit) < text.find("بنسټګره", credit)


@pytest.mark.parametrize("layout", ["poster", "wallet-card"])
def test_somali_glottal_stop_is_the_typographic_apostrophe_in_every_extractor(rendered,
                                                                             layout):
    """Somali writes its glottal stop inside words (hay’ad, faa’iido): printed as ’, read
    back whole by each extractor, and no typewriter ' anywhere."""
    pdf = rendered(layout, None, "so")
    for reader, text in (("pdfium", pdfium_text(pdf)), ("pypdf", text_of(pdf)),
                         ("pdfplumber", lines_of(pdf))):
        assert "hay’ad" in text and "'" not in text, reader
