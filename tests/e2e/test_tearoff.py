"""Tear-off tabs: each tab's text stays inside its own tab, below the tear line."""

from __future__ import annotations

import itertools

import pytest

from awareprint.catalogue.geometry import resolve
from tests.pdfread import chars, page_sizes, plumbed
from tests.samples import LANGUAGES, sampled

FAST_COUNTS = [6, 10, 14]
ALL_COUNTS = list(range(6, 15))


def _tab_geometry(catalogue, size, tabs):
    spec = catalogue.layouts["tearoff"]
    geometry = resolve(spec, catalogue.sizes[size], catalogue.sizes[spec.reference_size], tabs)
    assert geometry.tabs is not None
    return geometry.tabs


def _check_tabs(catalogue, pdf, size, count):
    strip = _tab_geometry(catalogue, size, count)
    assert len(strip.tabs) == count
    strings = catalogue.languages["en"].strings
    hotline = catalogue.hotline
    expected = [str(strings["hotline_short"]).replace(" ", ""),
                f"{strings['label_call']}{hotline.call.display}".replace(" ", ""),
                f"{strings['label_text']}{hotline.text.display}".replace(" ", "")]
    page_chars = chars(pdf)
    in_strip = [c for c in page_chars if c.bottom > strip.tear_line_y]
    above = [c for c in page_chars if c.bottom <= strip.tear_line_y]
    assert above, "the flyer's body text is missing"
    assert all(c.top < strip.tear_line_y for c in above)
    # Every character in the strip belongs to exactly one tab and lies wholly inside it.
    per_tab: dict[int, list] = {tab.number: [] for tab in strip.tabs}
    for char in in_strip:
        homes = [tab for tab in strip.tabs
                 if tab.cell.x <= char.x0 and char.x1 <= tab.cell.right
                 and char.top >= strip.tear_line_y]
        assert len(homes) == 1, f"'{char.text}' at x={char.x0:.1f} straddles a cut or the tear line"
        per_tab[homes[0].number].append(char)
    for number, tab_chars in per_tab.items():
        assert all(not c.upright for c in tab_chars), f"tab {number} text is not turned 90°"
        assert _turned_lines(tab_chars) == expected, f"tab {number} does not read right"
    # Tabs are separated: no two tabs' text boxes overlap.
    boxes = sorted((min(c.x0 for c in cs), max(c.x1 for c in cs)) for cs in per_tab.values())
    for (_, right), (left, _) in itertools.pairwise(boxes):
        assert right < left


def _turned_lines(tab_chars):
    """Text turned 90° anticlockwise as a person reads it: lines left to right, each line
    from the bottom up."""
    lines: list[list] = []
    for char in sorted(tab_chars, key=lambda c: c.x0):
        if lines and char.x0 < max(c.x1 for c in lines[-1]) - 1:
            lines[-1].append(char)
        else:
            lines.append([char])
    return ["".join(c.text for c in sorted(line, key=lambda c: -c.bottom)) for line in lines]


@pytest.mark.parametrize("count", FAST_COUNTS)
@pytest.mark.parametrize("size", ["letter", "a4"])
def test_tab_text_stays_in_its_tab(catalogue, rendered, size, count):
    _check_tabs(catalogue, rendered("tearoff", size, tabs=count), size, count)


@pytest.mark.slow
@pytest.mark.parametrize("count", [c for c in ALL_COUNTS if c not in FAST_COUNTS])
@pytest.mark.parametrize("size", ["letter", "a4"])
def test_tab_text_stays_in_its_tab_every_count(catalogue, rendered, size, count):
    _check_tabs(catalogue, rendered("tearoff", size, tabs=count), size, count)


def test_default_is_ten_tabs(catalogue, rendered):
    pdf = rendered("tearoff", "letter")
    strip = _tab_geometry(catalogue, "letter", None)
    numbers = [c for c in chars(pdf) if c.bottom > strip.tear_line_y and c.text == "7"]
    assert len(strip.tabs) == 10
    hotline = catalogue.hotline
    assert len(numbers) == 10 * (hotline.call.display + hotline.text.display).count("7")


def test_event_name_is_printed_above_the_headline(catalogue, rendered):
    pdf = rendered("tearoff", "letter", event="Omaha Freedom Walk")
    page_chars = chars(pdf)
    line = "".join(c.text for c in page_chars if c.top < 100)
    assert "OMAHAFREEDOMWALK" in line.upper().replace(" ", "")


def test_event_text_is_printed_literally_not_as_markup(catalogue, rendered):
    pdf = rendered("tearoff", "letter", event="<b>Walk</b> {{ hotline }}")
    line = "".join(c.text for c in chars(pdf) if c.top < 100)
    assert "<B>WALK</B>{{HOTLINE}}" in line.upper()


def test_tabs_name_the_hotline_in_each_language_of_a_pair(catalogue, rendered):
    """A torn tab explains itself: it names the hotline, in the language of its tab."""
    pdf = rendered("tearoff", "letter", language="en+es")
    strip = _tab_geometry(catalogue, "letter", None)
    for tab in strip.tabs:
        code = ("en", "es")[(tab.number - 1) % 2]
        tab_chars = [c for c in chars(pdf) if c.top >= strip.tear_line_y
                     and tab.cell.x <= c.x0 and c.x1 <= tab.cell.right]
        name = str(catalogue.languages[code].strings["hotline_short"]).replace(" ", "")
        assert _turned_lines(tab_chars)[0] == name, f"tab {tab.number} in {code}"


def test_tab_text_runs_the_length_of_its_tab(catalogue, rendered):
    """The tab's text uses its tab: its longest line covers most of the tab's length."""
    pdf = rendered("tearoff", "letter")
    strip = _tab_geometry(catalogue, "letter", None)
    tab = strip.tabs[0]
    tab_chars = [c for c in chars(pdf) if c.top >= strip.tear_line_y
                 and tab.cell.x <= c.x0 and c.x1 <= tab.cell.right]
    length = max(c.bottom for c in tab_chars) - min(c.top for c in tab_chars)
    assert length >= 0.7 * tab.text.h


def test_flyer_names_the_hotline_its_publisher_and_source(catalogue, rendered):
    pdf = rendered("tearoff", "letter")
    strip = _tab_geometry(catalogue, "letter", None)
    text = "".join(c.text for c in chars(pdf) if c.bottom <= strip.tear_line_y)
    strings = catalogue.languages["en"].strings
    for expected in (strings["hotline_name"], catalogue.branding.publisher.line,
                     strings["source"], strings["credit"]):
        assert str(expected).replace(" ", "") in text.replace(" ", "")


def test_scissors_sit_on_the_tear_line(catalogue, rendered):
    """Two finger rings and two blades drawn at the start of the tear line."""


    pdf = rendered("tearoff", "letter")
    strip = _tab_geometry(catalogue, "letter", None)
    with plumbed(pdf) as document:
        page = document.pages[0]
        near = [c for c in page.curves + page.lines
                if abs((c["top"] + c["bottom"]) / 2 - strip.tear_line_y) < 8
                and c["x1"] < strip.tabs[0].cell.x + 30]
    assert len(near) >= 3, "no scissors on the tear line"


def test_an_a4_flyer_sets_its_text_at_its_own_shapes_size(catalogue, rendered):
    from awareprint.catalogue.geometry import scale_for

    spec = catalogue.layouts["tearoff"]
    (tall,) = spec.shapes
    words = "".join(str(catalogue.languages["en"].strings["definition"]).split()[:4])
    found = chars(rendered("tearoff", "a4"))
    owners = [c for c in found for _ in c.text]
    start = "".join(c.text for c in found).index(words)
    scale = scale_for(catalogue.sizes["a4"], catalogue.sizes[spec.reference_size])
    assert owners[start].size == pytest.approx(
        tall.pages["front"].slots["body"].font_pt * scale, abs=0.05)


CLEAR_PT = 18  # the house's safe margin: a tear runs as ragged as a cut


@pytest.mark.parametrize(("size", "language"), [
    ("letter", "es"), ("letter", "vi"), ("letter", "en+es"), ("letter", "ar"),
    ("letter", "zh-Hans"), ("a4", "ru"), ("a4", "en+vi"), ("letter", "en+ar"), ("a4", "ar")])
def test_text_keeps_a_quarter_inch_from_the_perforation(catalogue, rendered, size, language):
    """No character, above the tear line (the credit) or on a tab, within 0.25 in of it."""
    strip = _tab_geometry(catalogue, size, None)
    for char in chars(rendered("tearoff", size, language)):
        if char.top < strip.tear_line_y:
            assert strip.tear_line_y - char.bottom >= CLEAR_PT, (
                f"'{char.text}' {strip.tear_line_y - char.bottom:.1f} pt above the perforation")
        else:
            assert char.top - strip.tear_line_y >= CLEAR_PT, (
                f"'{char.text}' {char.top - strip.tear_line_y:.1f} pt below the perforation")


@pytest.mark.parametrize(("size", "language"), sampled(
    [(size, language) for language in ("es", "vi", "ru", "fr", "pl", "tl", "ar", "hi",
                                       "zh-Hans", "ko") for size in ("letter", "a4")],
    lambda piece: (piece[0] == "letter" and piece[1] in LANGUAGES) or piece == ("a4", "vi")))
def test_every_tab_reads_in_three_lines(catalogue, rendered, size, language):
    """The hotline's name, the number to call, the number to text: three lines on every
    tab in every language, the name whole on its line ("Mua bán" never split)."""
    pdf = rendered("tearoff", size, language)
    strip = _tab_geometry(catalogue, size, None)
    name = str(catalogue.languages[language].strings["hotline_short"])
    for tab in strip.tabs:
        tab_chars = [c for c in chars(pdf) if c.top >= strip.tear_line_y
                     and tab.cell.x <= c.x0 and c.x1 <= tab.cell.right]
        lines = _turned_lines(tab_chars)
        assert len(lines) == 3, f"tab {tab.number}: {lines}"
        if language not in ("ar", "hi"):  # pdfplumber reorders a line of those scripts
            assert lines[0] == name.replace(" ", ""), f"tab {tab.number}: {lines}"


BODY_PT = 9     # above the perforation: a letter poster's reading size
TAB_PT = 6.5    # a tab is a card a person carries away: a card's


@pytest.mark.parametrize(("size", "language", "count"), [
    ("letter", "en", None), ("letter", "es", None), ("letter", "vi", None),
    ("letter", "ar", None), ("letter", "zh-Hans", None), ("letter", "ko", None),
    ("letter", "en+es", None), ("letter", "en+ar", None), ("a4", "vi", None),
    ("a4", "en+es", None), ("a4", "en+ar", None), ("letter", "es", 14),
    ("letter", "hi", 14)])
def test_each_zone_keeps_its_reading_size(catalogue, rendered, size, language, count):
    """Read back from the PDF: nothing above the perforation under 9 pt (the footer, the
    credit, the QR code's prompt and address), nothing on a tab under 6.5 pt (its name)."""
    from tests.pdfread import printed, smallest

    strip = _tab_geometry(catalogue, size, count)
    found = printed(rendered("tearoff", size, language, tabs=count))
    body = [c for c in found if c.bottom <= strip.tear_line_y]
    tabs = [c for c in found if c.top >= strip.tear_line_y]
    assert body and tabs and len(body) + len(tabs) == len(found)
    least, text = smallest(body)
    assert least >= BODY_PT - 0.01, f"'{text}' at {least:.2f} pt above the perforation"
    least, text = smallest(tabs)
    assert least >= TAB_PT - 0.01, f"'{text}' at {least:.2f} pt on a tab"


def test_the_layout_holds_the_tabs_to_a_cards_size(catalogue):
    """`check` measures both zones: the flyer's size and the tabs' own, from layout.yaml."""
    spec = catalogue.layouts["tearoff"]
    assert spec.least_type_pt == BODY_PT
    assert spec.tabs is not None and spec.tabs.least_type_pt == TAB_PT


def _band_lines(pdf: bytes, first: str) -> list[str]:
    """The text lines of the band's text column from the one that starts with `first`
    (spaces aside) to the TTY line, top to bottom; lines of punctuation alone left out."""
    text_column = page_sizes(pdf)[0][0] * 0.66  # the QR code's column starts at 68 %
    lines: list[list] = []
    for char in sorted((c for c in chars(pdf) if c.upright and c.x1 < text_column),
                       key=lambda c: c.top):
        if lines and abs(char.top - lines[-1][0].top) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    texts = ["".join(c.text for c in sorted(line, key=lambda c: c.x0)) for line in lines]
    start = next(i for i, text in enumerate(texts) if text.startswith(first))
    tty = next(i for i, text in enumerate(texts) if i > start and "TTY711" in text)
    return [text for text in texts[start:tty] if any(ch.isalpha() for ch in text)]


@pytest.mark.parametrize("language", ["en+ar", "en+ru"])
def test_each_language_s_lines_in_the_band_stand_together(catalogue, rendered, language):
    """Two languages in the band: each one's lines a block on its own reading edge, never
    English and the other language line by line in turn (a zig-zag in Arabic)."""
    about = "".join(str(catalogue.languages["en"].strings["hotline_about_short"]).split())
    lines = _band_lines(rendered("tearoff", "letter", language), about[:20])
    runs = [key for key, _ in itertools.groupby(
        any(ord(ch) > 0x2FF for ch in line) for line in lines)]  # Latin, then the other
    assert runs == [False, True], lines
