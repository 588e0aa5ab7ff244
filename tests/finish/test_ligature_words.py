"""Arabic office and press files read in their order, as digital ones do: a word that holds
a lam-alef ("الاتجار") or a lam-yeh ("على") carries its text (finish/ligature_words.py),
read back with pdfium, pdfplumber and pypdf."""

from __future__ import annotations

import io

import pikepdf
import pytest

from awareprint.finish.ligature_words import glyph_text, mark_ligature_words
from tests.pdfread import pdfium_text, right_to_left_words, text_of

ARABIC_WORDS = ("الاتجار", "على")  # a lam-alef and a lam-yeh ligature
# What pdfium made of them before: the letters of the ligature turned round with the rest.
TURNED_ROUND = ("االتجار", "عىل")
PIECES = [("poster", "ar", "office"), ("poster", "ar", "press"), ("tearoff", "ar", "office"),
          ("wallet-card", "en+ar", "office"), ("wallet-card", "en+ar", "press")]


@pytest.mark.parametrize(("layout", "language", "profile"), PIECES)
def test_arabic_words_with_a_ligature_read_in_order(rendered, layout, language, profile):
    pdf = rendered(layout, None, language, profile=profile)
    readers = {"pdfium": pdfium_text(pdf).split(), "pdfplumber": right_to_left_words(pdf),
               "pypdf": text_of(pdf).split()}
    expected = [word for word in ARABIC_WORDS if word in readers["pdfplumber"]]
    assert "الاتجار" in expected  # on every piece: "report human trafficking"
    for reader, words in readers.items():
        for word in expected:
            assert word in words, (reader, word)
        for word in TURNED_ROUND:
            assert word not in words, (reader, word)


def test_without_the_marked_words_pdfium_turns_the_ligatures_round(rendered):
    """The proof that the test above can fail: the same office file with its words' marked
    content taken out reads "االتجار" in pdfium again; pdfplumber reads it right either way."""
    pdf = rendered("poster", None, "ar")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        kept = [instruction for instruction in pikepdf.parse_content_stream(page)
                if str(instruction.operator) not in ("BDC", "EMC")]
        page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(kept))
        out = io.BytesIO()
        document.save(out)
    bare = out.getvalue()
    assert "االتجار" in pdfium_text(bare).split()
    assert "الاتجار" in right_to_left_words(bare)


def test_only_right_to_left_words_with_a_ligature_are_marked(rendered):
    """English, Chinese and Arabic pieces: marked content only around Arabic words, each
    with its text in drawn order; a file without Arabic is left as it was."""
    for language in ("en", "zh-Hans"):
        pdf = rendered("poster", None, language)
        with pikepdf.open(io.BytesIO(pdf)) as document:
            operators = {str(i.operator) for i in pikepdf.parse_content_stream(document.pages[0])}
        assert "BDC" not in operators, language
    with pikepdf.open(io.BytesIO(rendered("poster", None, "ar"))) as document:
        texts = [str(i.operands[1].ActualText)
                 for i in pikepdf.parse_content_stream(document.pages[0])
                 if str(i.operator) == "BDC"]
    assert texts and "الاتجار"[::-1] in texts
    assert all(all("\u0600" <= c <= "\u06ff" for c in text) for text in texts)


def test_a_page_without_ligatures_is_not_rewritten():
    document = pikepdf.new()
    document.add_blank_page()
    before = document.pages[0].obj.get("/Contents")
    mark_ligature_words(document)
    assert document.pages[0].obj.get("/Contents") == before


def test_a_tounicode_map_is_read_by_code():
    cmap = (b"2 beginbfchar\n<0003> <0020>\n<01f4> <06440627>\nendbfchar\n"
            b"1 beginbfrange\n<0010> <0012> <0041>\nendbfrange\n")
    assert glyph_text(cmap) == {3: " ", 0x1F4: "لا", 0x10: "A", 0x11: "B", 0x12: "C"}


def test_words_marked_once_when_a_file_is_finished_again(rendered):
    """A finished file finished again (as a sheet may take it) gains no second span."""
    with pikepdf.open(io.BytesIO(rendered("poster", None, "ar"))) as document:
        before = pikepdf.unparse_content_stream(
            pikepdf.parse_content_stream(document.pages[0]))
        mark_ligature_words(document)
        after = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(document.pages[0]))
    assert before == after
