"""The QR code on every piece: a caption with the scan prompt in the piece's language(s),
its quiet zone clear, 2 cm or more on cards. Short headlines fill their band: they grow,
and the band gives the rest of its height to the body."""

from __future__ import annotations

import pypdfium2
import pytest

from awareprint.preflight.qr import qr_codes
from tests.pdfread import chars, page_sizes, plumbed, text_of

CARD_SIZES = ["business-card", "eu-card", "cr80", "card-85x54"]
QR_PAGE = {"poster": 0, "tearoff": 0, "wallet-card": 1}


def _codes(pdf: bytes):
    return qr_codes(pypdfium2.PdfDocument(pdf), whole_page_search=False)


@pytest.mark.parametrize("layout", ["poster", "tearoff", "wallet-card"])
@pytest.mark.parametrize("language", ["en", "es", "zh-Hans"])
def test_every_qr_code_has_the_scan_prompt_in_its_language(catalogue, rendered, layout,
                                                          language):
    flat = "".join(text_of(rendered(layout, language=language)).split())
    prompt = "".join(str(catalogue.languages[language].strings["scan_prompt"]).split())
    assert prompt in flat, f"{layout} {language}: no scan prompt"


@pytest.mark.parametrize(("layout", "page"), [("poster", 0), ("wallet-card", 1)])
@pytest.mark.parametrize("language", ["en+es", "en+ru"])
def test_a_two_language_qr_code_stands_beside_the_web_address(catalogue, rendered, layout,
                                                              page, language):
    """Two languages leave no room for two prompts: the code stands by the address it
    opens (on the poster the address line beside it, on the card the address on the
    front and the code alone on the back), printed once."""
    pdf = rendered(layout, language=language)
    codes = _codes(pdf)
    assert [found.page for found in codes] == [page]
    code = codes[0]
    web = catalogue.hotline.web.display
    flat = "".join(c.text for c in chars(pdf, 0))
    assert flat.count(web) == 1, "the web address is printed once on the front"
    if layout == "poster":
        found = chars(pdf, 0)
        start = flat.index(web)
        address = found[start:start + len(web)]
        height = page_sizes(pdf)[0][1]
        code_top = height - code.bounds[3]
        assert abs(code_top - min(c.top for c in address)) < 60  # pt: on the address's row


@pytest.mark.parametrize("size", CARD_SIZES)
def test_card_qr_code_is_two_centimetres_across_with_its_quiet_zone(rendered, size):
    pdf = rendered("wallet-card", size)
    (code,) = _codes(pdf)
    left, bottom, right, top = code.bounds
    assert (right - left) / 72 * 2.54 >= 2.0
    assert (top - bottom) / 72 * 2.54 >= 2.0
    module = (right - left) / 29  # the hotline's address makes a version 3 code
    quiet = 4 * module
    with plumbed(pdf) as document:
        height = float(document.pages[1].height)
    for char in chars(pdf, 1):
        y_top, y_bottom = height - char.top, height - char.bottom
        inside_x = left - quiet < char.x1 and char.x0 < right + quiet
        inside_y = bottom - quiet < y_top and y_bottom < top + quiet
        assert not (inside_x and inside_y), f"'{char.text}' in the QR code's quiet zone"


def _navy_band_height(pdf: bytes) -> float:
    with plumbed(pdf) as document:
        page = document.pages[0]
        bands = [r for r in page.rects if r["top"] <= 0.5 and r["width"] >= page.width - 1]
        return max(r["bottom"] for r in bands)


@pytest.mark.parametrize("layout", ["poster", "tearoff"])
@pytest.mark.parametrize("language", ["zh-Hans", "hi"])
def test_a_one_line_headline_gives_its_band_to_the_body(rendered, layout, language):
    english = _navy_band_height(rendered(layout))
    short = _navy_band_height(rendered(layout, language=language))
    assert short < 0.9 * english
    headline = [c for c in chars(rendered(layout, language=language))
                if c.size > 30 and c.top < short]
    assert headline and max(c.bottom for c in headline) < short


def test_a_short_headline_grows_within_its_bounds(catalogue, rendered):
    slot = catalogue.layouts["discreet-card"].pages["front"].slots["greeting"]
    headline = str(catalogue.languages["en"].strings["discreet_headline"]).replace(" ", "")
    found = chars(rendered("discreet-card"), 0)
    text = "".join(c.text for c in found)
    start = text.index(headline)
    size = max(c.size for c in found[start:start + len(headline)])
    assert slot.font_pt * 1.06 <= size <= slot.max_pt
