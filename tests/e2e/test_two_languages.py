"""Two languages on one piece, read back: the hotline number keeps its one-language size,
the columns of one message start at one height, what both languages share is printed
once, and on the wallet card each reader gets everything."""

from __future__ import annotations

import pytest

from awareprint.catalogue.geometry import resolve
from awareprint.catalogue.load import load_catalogue
from awareprint.catalogue.notices import NoticeRef
from awareprint.catalogue.request import make_job
from tests.data_copy import edit
from tests.pdfread import chars, lines_of, page_sizes, pdfium_text, text_of
from tests.pieces import render
from tests.samples import sampled

PIECES = [("poster", "letter"), ("poster", "a4"), ("poster", "24x36"), ("tearoff", "letter"),
          ("tearoff", "a4"), ("wallet-card", "business-card"), ("wallet-card", "eu-card")]
PAIRS = ["en+es", "en+ar", "en+zh-Hans", "en+ru"]
CATALOGUE = load_catalogue()


def number_size(pdf: bytes, number: str) -> float:
    """The type size of the hotline number where the piece prints it largest (any page)."""
    sizes = []
    for page in range(len(page_sizes(pdf))):
        found = chars(pdf, page)
        owners = [c for c in found for _ in c.text]  # a ligature is one char, two letters
        text = "".join(c.text for c in found)
        start = text.find(number)
        while start >= 0:
            sizes.append(max(c.size for c in owners[start:start + len(number)]))
            start = text.find(number, start + 1)
    assert sizes, f"{number} is not printed"
    return max(sizes)


@pytest.mark.parametrize(("layout", "size"), PIECES)
@pytest.mark.parametrize("pair", sampled(PAIRS))
def test_the_number_keeps_its_one_language_size(catalogue, rendered, layout, size, pair):
    number = catalogue.hotline.call.display
    alone = number_size(rendered(layout, size), number)
    assert number_size(rendered(layout, size, language=pair), number) == pytest.approx(
        alone, abs=0.01)


@pytest.mark.slow
@pytest.mark.parametrize(("layout", "size"), [(name, size) for name, spec in
                                              CATALOGUE.layouts.items() for size in spec.sizes
                                              if not spec.state_notice])
def test_the_number_keeps_its_size_in_every_pair_and_language(catalogue, rendered, layout,
                                                              size):
    number = catalogue.hotline.call.display
    alone = number_size(rendered(layout, size), number)
    two = catalogue.layouts[layout].takes_two_languages(size)  # not the shoe card
    for code in catalogue.languages:
        pieces = [code] + ([f"en+{code}"] if code != "en" and two else [])
        for language in pieces:
            assert number_size(rendered(layout, size, language=language), number) == (
                pytest.approx(alone, abs=0.01)), f"{layout} {size} {language}"


def _first_line_top(pdf: bytes, rect) -> float:
    inside = [c for c in chars(pdf) if rect.x <= c.x0 and c.x1 <= rect.right
              and rect.y <= c.top and c.bottom <= rect.bottom]
    assert inside, "no text in the column"
    return min(c.top for c in inside)


@pytest.mark.parametrize(("layout", "columns"), [("poster", ("definition", "minors")),
                                                 ("tearoff", ("body",))])
def test_columns_of_one_message_start_at_one_height(catalogue, rendered, layout, columns):
    spec = catalogue.layouts[layout]
    geometry = resolve(spec, catalogue.sizes["letter"], catalogue.sizes[spec.reference_size],
                       None, language_count=2)
    boxes = geometry.layout_boxes()
    pdf = rendered(layout, "letter", language="en+es")
    for name in columns:
        left = _first_line_top(pdf, boxes[f"{name}_1"].rect)
        right = _first_line_top(pdf, boxes[f"{name}_2"].rect)
        assert left == pytest.approx(right, abs=0.5), name


@pytest.mark.parametrize("layout", ["poster", "tearoff", "wallet-card"])
def test_what_both_languages_share_is_printed_once(catalogue, rendered, layout):
    lines = lines_of(rendered(layout, language="en+es"))
    assert lines.count(catalogue.hotline.tty.display) == 1
    assert lines.count(catalogue.hotline.call.display) == 1


@pytest.mark.parametrize("pair", ["en+es", "en+zh-Hans"])
def test_each_reader_gets_the_whole_wallet_card(catalogue, rendered, pair):
    text = text_of(rendered("wallet-card", language=pair)).replace("\n", " ")
    flat = "".join(text.split())
    for code in pair.split("+"):
        strings = catalogue.languages[code].strings
        emergency = strings["emergency_line"].replace(
            "{emergency}", catalogue.hotline.emergency.display)
        # Each language: "Get help · Report", the labels of the numbers, what the hotline
        # is not, a question and what to do in danger (at 6.5 pt and more, and 8 pt bold
        # reversed, a card holds no more in two languages).
        for key, shown in (*((key, strings[key]) for key in (
                "get_help", "call_to_action", "label_call", "label_text",
                "hotline_about_short")),
                ("victim_questions", strings["victim_questions"][0]),
                ("emergency_line", emergency)):
            expected = "".join(str(shown).split())
            # the call to action is set in capitals (CSS), the reader gives them back
            assert expected.casefold() in flat.casefold(), f"{pair}: {code} {key} missing"


# --- a label both languages share, printed once on every layout ---

SHARING_LAYOUTS = ["poster", "wallet-card", "tearoff", "handout", "discreet-card"]


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(("layout", "pair"), [*((layout, "en+ko") for layout in SHARING_LAYOUTS),
                                              ("notice", "en+es")])
def test_tty_both_languages_share_prints_once(catalogue, rendered_job, layout, pair):
    """Korean, like English and Spanish, says "TTY": "TTY 711", never "TTY / TTY 711",
    read by pdfium and pdfplumber."""
    notice = NoticeRef("NM") if layout == "notice" else None
    pdf = rendered_job(make_job(catalogue, layout, None, pair, notice=notice)).pdf
    tty = _flat(f"{catalogue.hotline.tty.display}")
    for reader, text in (("pdfium", pdfium_text(pdf)), ("pdfplumber", lines_of(pdf))):
        flat = _flat(text)
        assert "TTY/TTY" not in flat, reader
        assert f"TTY{tty}" in flat, reader


@pytest.mark.parametrize("layout", SHARING_LAYOUTS)
def test_every_label_both_languages_share_prints_once(data, layout):
    """A language whose labels for calling and texting are the English words ("Call",
    "Text") has them printed once beside the English, on every layout."""
    korean = data / "content" / "ko.yaml"
    edit(korean, "label_call: 전화", "label_call: Call")
    edit(korean, "label_text: 문자", "label_text: Text")
    edited = load_catalogue(data / "layouts", data / "content")
    pdf = render(make_job(edited, layout, None, "en+ko"), edited).pdf
    for reader, text in (("pdfium", pdfium_text(pdf)), ("pdfplumber", lines_of(pdf))):
        flat = _flat(text)
        assert "Call/Call" not in flat and "Text/Text" not in flat, reader
        assert "Call" in flat and "Text" in flat, reader
