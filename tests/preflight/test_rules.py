"""Each preflight rule on the smallest PDF that exercises it, built in the test
(small_pdfs.py): a business card that passes every press rule, and the same card with
one thing wrong. Whole pieces read back are in test_preflight.py."""

from __future__ import annotations

import pytest

from awareprint.cli.main import main
from awareprint.preflight.read_back import preflight
from tests.preflight.small_pdfs import (
    BOLD,
    NAVY,
    PAPER,
    REGULAR,
    K,
    SmallPdf,
)


def press_card(catalogue) -> SmallPdf:
    """A business card as a press file: bleed, crop marks, the hotline in black."""
    return SmallPdf().hotline(catalogue).crop_marks()


def faults_of(pdf: bytes, catalogue) -> list[str]:
    return preflight(pdf, catalogue, font_sources=False).faults


def test_the_small_press_card_passes(catalogue):
    report = preflight(press_card(catalogue).pdf(ours=True), catalogue)
    assert report.press and report.passed, report.faults
    assert report.trim_size.startswith("business-card:")
    assert [(font.embedded, font.bundled) for font in report.fonts] == [
        (True, "NotoSans-Bold.ttf")]


def test_rgb_colour_fails_a_press_file(catalogue):
    pdf = press_card(catalogue).rect(60, 60, 9, 9, colour=(1, 0, 0)).pdf(ours=True)
    assert "RGB colour (DeviceRGB) in page 1 content; press files are CMYK only" in (
        faults_of(pdf, catalogue))


def test_an_rgb_image_fails_a_press_file(catalogue):
    pdf = press_card(catalogue).rgb_image(60, 60).pdf(ours=True)
    assert "RGB colour (DeviceRGB) in page 1 image; press files are CMYK only" in (
        faults_of(pdf, catalogue))


@pytest.mark.parametrize(("size", "expected"), [
    ((252.0, 144.0), "9.00"),       # a business card: 0.125 in
    ((595.28, 841.89), "8.50"),     # A4: 3 mm
])
def test_a_press_file_without_bleed_fails(catalogue, size, expected):
    card = press_card(catalogue)
    card.size, card.bleed = size, 0.0
    faults = faults_of(card.pdf(), catalogue)
    assert f"bleed on the left is 0.00 pt; expected {expected} pt" in faults
    assert len([f for f in faults if f.startswith("bleed on the")]) == 4


def test_a_file_without_the_hotline_fails(tmp_path, capsys):
    path = SmallPdf(margin=0, bleed=None).text("Only a headline, no number", 18, 72, 20).write(
        tmp_path / "no-hotline.pdf", output_intent=False, pdfx=False)
    assert main(["preflight", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL (office, 1 page)" in out
    assert "FAULT          hotline number 1-888-373-7888 is not in the text" in out
    assert "FAULT          text line 233733 is not in the text" in out


def office_card(catalogue, *lines: str) -> bytes:
    card = SmallPdf(margin=0, bleed=None).hotline(catalogue)
    for index, line in enumerate(lines):
        card.text(line, 18, 40 - 14 * index, 10)
    return card.pdf(output_intent=False, pdfx=False)


def test_an_office_card_with_the_hotline_passes(catalogue):
    report = preflight(office_card(catalogue, "Partner desk: ask at the front"), catalogue)
    assert not report.press and report.passed, report.faults
    assert report.hotline_call and report.hotline_text


@pytest.mark.parametrize("written", [
    "1–888–373–7898", "1\u2011888\u2011373\u20117898", "1/888/373/7898", "1 888 373 7898",
    "(888) 373-7898", "+1.888.373.7898", "１-８８８-３７３-７８９８", "1-888-373-78TT",
])
def test_a_near_hotline_number_is_found_however_it_is_written(catalogue, written):
    faults = faults_of(office_card(catalogue, f"Partner desk: {written}"), catalogue)
    assert any("looks like the hotline's 1-888-373-7888" in f for f in faults), faults


def test_a_wrong_number_is_not_in_hotline_yaml(catalogue):
    faults = faults_of(office_card(catalogue, "Call 1-888-373-7898", "Desk 402-555-0123"),
                       catalogue)
    assert any(f.startswith("the number 18883737898 is printed but is not in hotline.yaml")
               for f in faults), faults
    assert "the number 4025550123 is printed but is not in hotline.yaml" in faults


def test_a_crop_mark_in_the_bleed_fails(catalogue):
    pdf = press_card(catalogue).rect(-4, 20, 0.3, 18, colour=(1, 1, 1, 1)).pdf(ours=True)
    assert any("enters the bleed or leaves the page" in f for f in faults_of(pdf, catalogue))


def test_crop_marks_not_in_registration_colour_are_missing_marks(catalogue):
    pdf = SmallPdf().hotline(catalogue).crop_marks(colour=K).pdf(ours=True)
    assert "page 1: 0 crop marks; expected at least 8 (two at each corner)" in (
        faults_of(pdf, catalogue))


def test_small_text_in_several_inks_fails(catalogue):
    pdf = press_card(catalogue).text("Fine print", 18, 20, 6, colour=NAVY).pdf(ours=True)
    faults = faults_of(pdf, catalogue)
    assert any("small text not in a single ink: 6 pt in C100 M64 Y0 K60" in f
               for f in faults), faults
    assert not any("QR not K only" in f for f in faults)
    large = press_card(catalogue).text("Headline", 18, 20, 14, colour=NAVY).pdf(ours=True)
    assert faults_of(large, catalogue) == []


def reversed_card(catalogue, size: float, font: str) -> bytes:
    """White type knocked out of a navy band."""
    return (press_card(catalogue).rect(-9, 0, 270, 40, colour=NAVY)
            .text("Reversed", 18, 14, size, colour=PAPER, font=font).pdf(ours=True))


def test_reversed_text_small_or_not_bold_fails(catalogue):
    assert faults_of(reversed_card(catalogue, 9, BOLD), catalogue) == []
    faults = faults_of(reversed_card(catalogue, 7, BOLD), catalogue)
    assert any("reversed text under 8 pt / not bold: 7 pt bold, C0 M0 Y0 K0 on "
               "C100 M64 Y0 K60" in f for f in faults), faults


def test_reversed_text_not_bold_fails(catalogue):
    faults = faults_of(reversed_card(catalogue, 9, REGULAR), catalogue)
    assert any("reversed text under 8 pt / not bold" in f and "9 pt not bold" in f
               for f in faults), faults


def test_preflight_reports_the_smallest_text_on_the_piece(catalogue):
    """Text outside the trim (a slug line in the marks) is not the piece's."""
    card = press_card(catalogue).text("Fine print", 18, 20, 5.5)
    card.text("slug line", 0, -30, 4, colour=(1, 1, 1, 1))
    report = preflight(card.pdf(ours=True), catalogue, font_sources=False)
    assert report.passed, report.faults
    assert report.smallest_text_pt == pytest.approx(5.5, abs=0.01)


def test_a_straight_quote_on_our_file_is_a_fault_with_the_text_around_it(catalogue):
    straight = press_card(catalogue).text("Can't leave your job?", 18, 20, 12).pdf(ours=True)
    faults = faults_of(straight, catalogue)
    assert any(f.startswith("page 1: a straight quote ' in “") and "Can't leave your job?”"
               in f for f in faults), faults
    typeset = press_card(catalogue).text("Can’t leave? Text “Help”", 18, 20, 12).pdf(ours=True)
    assert faults_of(typeset, catalogue) == []


def test_a_straight_quote_on_a_file_from_elsewhere_is_a_note(catalogue):
    report = preflight(office_card(catalogue, 'Text "Help"'), catalogue)
    assert report.passed, report.faults
    assert any('a straight quote " in' in note and 'Text "Help"' in note
               for note in report.type_notes), report.type_notes
