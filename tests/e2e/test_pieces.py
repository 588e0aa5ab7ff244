"""Every layout × size of the catalogue, read back as a person and a print shop would."""

from __future__ import annotations

import re

import pytest

from tests.conftest import catalogue_pieces, notice_for
from tests.pdfread import (
    chars,
    decode_qr,
    digits_of,
    embedded_fonts,
    font_source,
    lines_of,
    page_sizes,
    text_of,
)

PIECES = catalogue_pieces()
IDS = [f"{layout}-{size}" for layout, size in PIECES]


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_page_size_is_the_named_size(catalogue, rendered, layout, size):
    named = catalogue.sizes[size]
    pdf = rendered(layout, size)
    sizes = page_sizes(pdf)
    assert len(sizes) == len(catalogue.layouts[layout].pages)
    for width, height in sizes:
        assert width == pytest.approx(named.width_pt, abs=0.5)
        assert height == pytest.approx(named.height_pt, abs=0.5)


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_hotline_number_and_text_line_are_printed(catalogue, rendered, layout, size):
    text = text_of(rendered(layout, size))
    hotline = catalogue.hotline
    assert hotline.call.display in text
    assert hotline.text.display in text
    # The digits a caller dials, in order, whatever the grouping.
    assert hotline.call.digits in digits_of(text)


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_tty_and_web_address_are_printed(catalogue, rendered, layout, size):
    text = text_of(rendered(layout, size))
    assert re.search(rf"\b{catalogue.hotline.tty.display}\b", text)
    assert catalogue.hotline.web.display in text


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_every_number_printed_comes_from_the_content(catalogue, rendered, layout, size):
    """A digit run on paper that the content does not hold is a wrong number."""
    hotline, publisher = catalogue.hotline, catalogue.branding.publisher
    sources = [hotline.call.display, hotline.text.display, hotline.tty.display,
               hotline.emergency.display, publisher.line,
               *_strings(catalogue.languages["en"].strings)]
    notice = notice_for(catalogue, layout, size, "en")
    if notice is not None:  # a state's notice: its law's wording, numbers and citation
        law = catalogue.notices[notice.state].notices[notice.notice]
        sources += [law.wording["en"].text, law.citation, law.checked.isoformat(),
                    *(number.display for number in law.numbers)]
    allowed = {run for source in sources for run in re.findall(r"\d+", source)}
    printed = set(re.findall(r"\d+", lines_of(rendered(layout, size))))
    assert printed, "no numbers at all"
    assert printed <= allowed, f"numbers not in the content: {sorted(printed - allowed)}"


def _strings(strings):
    for value in strings.values():
        yield from (value if isinstance(value, list) else [value])


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_qr_code_decodes_to_the_hotline_site(catalogue, rendered, layout, size):
    pdf = rendered(layout, size)
    found = [target for page in range(len(page_sizes(pdf))) for target in decode_qr(pdf, page)]
    assert found == [catalogue.hotline.qr_target]


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_every_font_is_embedded_and_cut_from_fonts_folder(rendered, layout, size):
    fonts = list(embedded_fonts(rendered(layout, size)))
    assert fonts
    for base_font, program in fonts:
        assert program is not None, f"{base_font} is not embedded"
        assert "+" in base_font, f"{base_font} is embedded whole, not as a subset"
        assert font_source(program) is not None, f"{base_font} is not from fonts/"


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_no_character_within_the_safe_margin(catalogue, rendered, layout, size):
    pdf = rendered(layout, size)
    margin = catalogue.house.safe_margin_pt
    for page_index, (width, height) in enumerate(page_sizes(pdf)):
        page_chars = chars(pdf, page_index)
        assert page_chars
        for char in page_chars:
            distance = min(char.x0, char.top, width - char.x1, height - char.bottom)
            assert distance >= margin - 0.01, (
                f"'{char.text}' on page {page_index + 1} is {distance / 72:.3f} in from the trim"
            )
