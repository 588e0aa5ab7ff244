"""preflight on good and bad files, the automatic check of press renders, and what
independent tools (qpdf, poppler) say of our press files."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from awareprint.catalogue import profiles
from awareprint.catalogue.request import make_job
from awareprint.cli.main import main
from awareprint.compose.qr import qr_svg
from awareprint.engine import layout as engine
from awareprint.errors import RenderError
from awareprint.preflight.read_back import preflight, preflight_file
from tests.pieces import render_to_file

REQUIRE_TOOLS = os.environ.get("AWAREPRINT_REQUIRE_TOOLS") == "1"


def _tool(name):
    path = shutil.which(name)
    if path is None:
        if REQUIRE_TOOLS:
            pytest.fail(f"{name} is required here (AWAREPRINT_REQUIRE_TOOLS=1)")
        pytest.skip(f"{name} is not installed (Debian: qpdf, poppler-utils)")
    return path


@pytest.fixture
def press_pdf(rendered, tmp_path):
    path = tmp_path / "poster_a4_en_press.pdf"
    path.write_bytes(rendered("poster", "a4", profile="press"))
    return path


def _edited(path, edit):
    with pikepdf.open(path, allow_overwriting_input=True) as document:
        edit(document)
        document.save(path)
    return path


def test_a_good_press_file_passes_with_its_facts(press_pdf, capsys):
    assert main(["preflight", str(press_pdf)]) == 0
    out = capsys.readouterr().out
    assert "PASS (press, 1 page)" in out
    assert "trim size      a4: A4, 210 × 297 mm" in out
    assert "bleed          left 8.50 pt, bottom 8.50 pt, right 8.50 pt, top 8.50 pt" in out
    assert "/GTS_PDFX FOGRA39 (ICC profile, 4 channels)" in out
    assert "PDF/X          PDF/X-4" in out
    assert "from fonts/NotoSans-Bold.ttf" in out
    assert "colour spaces  DeviceCMYK" in out
    assert "hotline        call found, text found" in out
    assert "QR code        https://humantraffickinghotline.org" in out


def test_an_office_file_passes_as_office(rendered, tmp_path, capsys):
    path = tmp_path / "poster.pdf"
    path.write_bytes(rendered("poster", "letter"))
    assert main(["preflight", str(path)]) == 0
    assert "PASS (office, 1 page)" in capsys.readouterr().out
    assert main(["preflight", "--press", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAULT          no TrimBox inside the MediaBox" in out
    assert "FAULT          RGB colour (DeviceRGB)" in out


def test_rgb_colour_fails_a_press_file(press_pdf, capsys):
    def paint_rgb(document):
        document.pages[0].contents_add(pikepdf.Stream(document, b"q 1 0 0 rg 60 60 9 9 re f Q"))
    _edited(press_pdf, paint_rgb)
    assert main(["preflight", str(press_pdf)]) == 1
    assert "RGB colour (DeviceRGB) in page 1 content" in capsys.readouterr().out


def test_an_rgb_image_fails_a_press_file(press_pdf, capsys):
    def add_rgb_image(document):
        image = pikepdf.Stream(document, b"\xff\x00\x00" * 4, Type=pikepdf.Name.XObject,
                               Subtype=pikepdf.Name.Image, Width=2, Height=2,
                               ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
        page = document.pages[0]
        page.Resources.XObject[pikepdf.Name("/Im9")] = image
        page.contents_add(pikepdf.Stream(document, b"q 9 0 0 9 60 60 cm /Im9 Do Q"))
    _edited(press_pdf, add_rgb_image)
    assert main(["preflight", str(press_pdf)]) == 1
    assert "RGB colour (DeviceRGB) in page 1 image" in capsys.readouterr().out


def test_a_press_file_without_bleed_fails(press_pdf, capsys):
    def drop_bleed(document):
        for page in document.pages:
            page.BleedBox = page.TrimBox
    _edited(press_pdf, drop_bleed)
    assert main(["preflight", str(press_pdf)]) == 1
    assert "FAULT          bleed on the left is 0.00 pt; expected 8.50 pt" in (
        capsys.readouterr().out)


def _pdf_of(html: str, path):
    """A PDF of arbitrary HTML, made by the engine but by none of our layouts."""
    document, _ = engine.lay_out(html, engine.LAYOUTS_DIR.as_uri() + "/")
    path.write_bytes(engine.write_pdf(document))
    return path


def test_a_file_without_the_hotline_fails(tmp_path, capsys):
    path = _pdf_of("<p>Only a headline, no number</p>", tmp_path / "no-hotline.pdf")
    assert main(["preflight", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAULT          hotline number 1-888-373-7888 is not in the text" in out
    assert "FAULT          text line 233733 is not in the text" in out


def test_not_a_pdf_is_one_line_and_the_others_still_run(press_pdf, tmp_path, capsys):
    bogus = tmp_path / "flyer.pdf"
    bogus.write_text("not a pdf")
    assert main(["preflight", str(bogus), str(press_pdf)]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == f"render.py: {bogus}: not a PDF file"
    assert "PASS (press" in captured.out


def test_a_press_render_that_would_bounce_is_not_written(catalogue, tmp_path, monkeypatch):
    monkeypatch.setattr(profiles, "colour_css", lambda colour, profile: colour.rgb)
    monkeypatch.setattr("awareprint.compose.piece.colour_css", lambda colour, profile: colour.rgb)
    monkeypatch.setattr("awareprint.compose.css.colour_css", lambda colour, profile: colour.rgb)
    target = tmp_path / "poster.pdf"
    with pytest.raises(RenderError) as caught:
        render_to_file(make_job(catalogue, "poster", "letter", profile="press"), catalogue,
                       target)
    assert "preflight refused the press file" in str(caught.value)
    assert "RGB colour" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_preflight_reports_the_smallest_text_on_the_piece(catalogue, rendered):
    report = preflight(rendered("wallet-card", "business-card", profile="press"), catalogue)
    assert report.passed
    # The back's fine print, the publisher line, is the smallest slot; marks and slug are
    # outside the piece and do not count.
    slots = catalogue.layouts["wallet-card"].pages["back"].slots
    assert report.smallest_text_pt == pytest.approx(slots["footer"].font_pt, abs=0.01)


def test_qpdf_finds_no_structural_error(press_pdf):
    result = subprocess.run([_tool("qpdf"), "--check", str(press_pdf)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_poppler_reads_pdfx4_boxes_and_embedded_fonts(press_pdf):
    info = subprocess.run([_tool("pdfinfo"), "-box", str(press_pdf)],
                          capture_output=True, text=True, check=True).stdout
    assert "PDF subtype:    PDF/X-4" in info
    trim = next(line for line in info.splitlines() if line.startswith("TrimBox:"))
    x0, y0, x1, y1 = (float(v) for v in trim.split()[1:])
    assert (x1 - x0, y1 - y0) == pytest.approx((595.28, 841.89), abs=0.1)
    fonts = subprocess.run([_tool("pdffonts"), str(press_pdf)], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)


def test_preview_is_the_trimmed_piece(tmp_path, capsys):
    assert main(["wallet-card", "--press", "--preview", "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["wallet-card_business-card_en_press.pdf",
                       "wallet-card_business-card_en_press_p1.png",
                       "wallet-card_business-card_en_press_p2.png"]
    with Image.open(io.BytesIO((tmp_path / written[1]).read_bytes())) as image:
        assert image.size == (round(3.5 * 150), (2 * 150))
        assert sum(image.getpixel((2, 2))[:3]) < 200  # navy to the very edge: no white margin


def test_a_wrong_number_or_qr_code_fails_any_file(catalogue, tmp_path, capsys):
    html = (f'<p>Call 1-888-373-7898 · Text {catalogue.hotline.text.display} · '
            f'{catalogue.hotline.call.display}</p>'
            '<div style="width:2in">' + qr_svg("https://example.com/scam", "#000", "#fff")
            + "</div>")
    path = _pdf_of(html, tmp_path / "fake.pdf")
    assert main(["preflight", str(path)]) == 1
    out = capsys.readouterr().out
    assert "the number 18883737898 is printed but is not in hotline.yaml" in out
    assert "a QR code leads to https://example.com/scam" in out


@pytest.mark.parametrize("written", [
    "1–888–373–7898", "1\u2011888\u2011373\u20117898", "1/888/373/7898", "1 888 373 7898",
    "(888) 373-7898", "+1.888.373.7898", "１-８８８-３７３-７８９８", "1-888-373-78TT",
])
def test_a_near_hotline_number_is_found_however_it_is_written(catalogue, tmp_path, capsys,
                                                              written):
    html = (f'<p>{catalogue.hotline.call.display} · Text {catalogue.hotline.text.display}</p>'
            f"<p>Partner desk: {written}</p>")
    path = _pdf_of(html, tmp_path / "near.pdf")
    assert main(["preflight", str(path)]) == 1
    out = capsys.readouterr().out
    assert "looks like the hotline's 1-888-373-7888" in out, out


def test_a_number_in_the_event_name_is_refused(catalogue):
    from awareprint.errors import InputError

    with pytest.raises(InputError, match="phone number"):
        make_job(catalogue, "tearoff", event="Walk, call 402-555-0123")


def test_a_crop_mark_in_the_bleed_fails(press_pdf, capsys):
    def mark_in_the_bleed(document):
        page = document.pages[0]
        x0, y0 = (float(v) for v in page.TrimBox[:2])
        page.contents_add(pikepdf.Stream(
            document, f"q 1 1 1 1 k {x0 - 4:.2f} {y0 + 20:.2f} 0.3 18 re f Q".encode()))
    _edited(press_pdf, mark_in_the_bleed)
    assert main(["preflight", str(press_pdf)]) == 1
    assert "enters the bleed or leaves the page" in capsys.readouterr().out


def test_crop_marks_not_in_registration_colour_are_missing_marks(press_pdf, capsys):
    def marks_in_black(document):
        page = document.pages[0]
        instructions = pikepdf.parse_content_stream(page)
        edited = []
        for instruction in instructions:
            operands = list(getattr(instruction, "operands", ()))
            if str(instruction.operator) in ("scn", "k") and [float(v) for v in operands] == [
                    1, 1, 1, 1]:
                operands = [0, 0, 0, 1]
            edited.append(pikepdf.ContentStreamInstruction(operands, instruction.operator))
        page.Contents = pikepdf.Stream(document, pikepdf.unparse_content_stream(edited))
    _edited(press_pdf, marks_in_black)
    assert main(["preflight", str(press_pdf)]) == 1
    assert "0 crop marks; expected at least 8" in capsys.readouterr().out


def test_pdfium_and_pdfplumber_agree_on_the_smallest_type(catalogue, rendered):
    """The read-back's type sizes (pdfium, turned text too) against a second reader."""
    for layout, profile in (("tearoff", "office"), ("wallet-card", "press"),
                            ("poster", "press")):
        pdf = rendered(layout, profile=profile)
        report = preflight(pdf, catalogue)
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            trim = report.boxes["TrimBox"] or report.boxes["MediaBox"]
            sizes = []
            for page in document.pages:
                height = float(page.height)
                for char in page.chars:
                    inside = (char["x0"] >= trim[0] - 0.1 and char["x1"] <= trim[2] + 0.1
                              and height - char["bottom"] >= trim[1] - 0.1
                              and height - char["top"] <= trim[3] + 0.1)
                    if char["text"].strip() and inside:
                        sizes.append(char["size"] if char["upright"]
                                     else char["x1"] - char["x0"])
        assert report.smallest_text_pt == pytest.approx(min(sizes), abs=0.05), layout


def test_a_wrong_qr_code_is_decoded_from_its_own_region_in_our_files(catalogue, tmp_path,
                                                                     capsys):
    """Our files are not searched page-wide: each QR-like object is rendered alone."""
    html = (f'<p>{catalogue.hotline.call.display} · Text {catalogue.hotline.text.display}</p>'
            '<div style="width:0.8in;margin-left:3in">'
            + qr_svg("https://example.com/scam", "#000", "#fff") + "</div>")
    path = _pdf_of(html, tmp_path / "ours.pdf")

    def claim_to_be_ours(document):
        document.docinfo[pikepdf.Name.Creator] = "awareprint 0.1.0"
    _edited(path, claim_to_be_ours)
    assert main(["preflight", str(path)]) == 1
    assert "a QR code leads to https://example.com/scam" in capsys.readouterr().out


# --- Fine print on press: one ink under 12 pt, QR code in K only, reversed type 8 pt bold ---

def _recoloured(pdf: bytes, page_index: int, change) -> bytes:
    """The PDF with one page's drawing operators passed through change(operator,
    operands, fills) -> operands. `fills` says what the colour an operator sets is used
    for: "text" when text follows, else the number of path segments up to the next fill."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[page_index]
        instructions = list(pikepdf.parse_content_stream(page))
        out = []
        for index, (operands, operator) in enumerate(instructions):
            fills: str | int = 0
            for _operands, later in instructions[index + 1:]:
                if str(later) == "BT":
                    fills = "text"
                if str(later) in ("f", "f*", "BT", "scn", "k"):
                    break
                fills = fills + (str(later) in ("l", "re")) if fills != "text" else fills
            values = [_number(v) for v in operands]
            out.append((change(str(operator), values, fills), operator))
        page.Contents = document.make_stream(pikepdf.unparse_content_stream(out))
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def _number(operand):
    try:
        return float(operand)
    except (TypeError, ValueError):
        return operand  # a name, a string, an array


NAVY = [1, 0.64, 0, 0.6]
K_ONLY = [0, 0, 0, 1]


def test_small_text_in_several_inks_fails(catalogue, rendered):
    good = rendered("wallet-card", "business-card", profile="press")
    assert preflight(good, catalogue).passed

    def navy_text(name, operands, fills):
        return NAVY if name == "scn" and fills == "text" and operands == K_ONLY else operands

    report = preflight(_recoloured(good, 1, navy_text), catalogue)
    assert any("small text not in a single ink" in f and "C100 M64 Y0 K60" in f
               for f in report.faults), report.faults
    assert not any("QR not K only" in f for f in report.faults)


def test_a_qr_code_in_several_inks_fails(catalogue, rendered):
    good = rendered("wallet-card", "business-card", profile="press")

    def navy_modules(name, operands, fills):
        return NAVY if name == "scn" and fills != "text" and fills > 100 else operands

    report = preflight(_recoloured(good, 1, navy_modules), catalogue)
    assert any("QR not K only" in f and "C100 M64 Y0 K60" in f for f in report.faults)
    assert report.qr_targets == [catalogue.hotline.qr_target]  # still reads: only ink is wrong


def test_reversed_text_small_or_not_bold_fails(catalogue, rendered):
    good = rendered("wallet-card", "business-card", profile="press")

    def smaller(name, operands, fills):
        return [operands[0], float(operands[1]) * 0.8] if name == "Tf" else operands

    report = preflight(_recoloured(good, 0, smaller), catalogue)
    assert any("reversed text under 8 pt / not bold" in f and "C0 M0 Y0 K0 on C100 M64 Y0 K60"
               in f for f in report.faults), report.faults


def test_reversed_text_not_bold_fails(catalogue, rendered):
    good = rendered("poster", "letter", profile="press")
    with pikepdf.open(io.BytesIO(good)) as document:
        for font in document.pages[0].Resources.Font.values():
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            descriptor.FontWeight = 400  # every face claims to be regular
        buffer = io.BytesIO()
        document.save(buffer)
    report = preflight(buffer.getvalue(), catalogue)
    assert any("reversed text under 8 pt / not bold" in f and "not bold" in f
               for f in report.faults), report.faults


def test_preflight_names_the_output_intent(catalogue, rendered, tmp_path, capsys):
    path = tmp_path / "poster_letter_en_press.pdf"
    path.write_bytes(rendered("poster", "letter", profile="press"))
    assert main(["preflight", str(path)]) == 0
    out = capsys.readouterr().out
    assert "output intent  /GTS_PDFX CGATS TR 006 (ICC profile, 4 channels): GRACoL" in out


def test_check_refuses_a_press_piece_that_breaks_the_fine_print(catalogue, monkeypatch):
    from awareprint.cli.check import check_job
    from awareprint.render.outcome import FAIL

    monkeypatch.setattr("awareprint.render.pipeline.fine_print_in_one_ink",
                        lambda document, house: 0)  # small navy type left in three inks
    result = check_job(make_job(catalogue, "wallet-card", "business-card", profile="press"))
    assert result.outcome == FAIL
    assert "small text not in a single ink" in result.detail


def test_preflight_notes_the_typesetting_a_proofreader_would_mark(catalogue, tmp_path):
    """A file from elsewhere: a word broken in 20 pt type, hyphens on two lines running,
    a separator ending a line; noted in the report (not faults: the type is not ours)."""
    import weasyprint

    from awareprint.preflight.report import format_report

    words = ("Compelling coercing extraordinarily incomprehensibilities notwithstanding "
             "characteristically institutionalisation internationalisation ") * 2
    html = ('<html lang="en"><body style="font-family:Noto Sans">'
            f'<p style="width:200pt;font-size:20pt;hyphens:auto">{words}</p>'
            f'<p style="width:90pt;font-size:9pt;hyphens:auto">{words}</p>'
            '<p style="width:150pt;font-size:10pt">Innocence Freed · P.O. Box 45056 · '
            'Omaha, NE 68145 · more words</p></body></html>')
    path = tmp_path / "elsewhere.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    report = preflight_file(path, catalogue)
    notes = " ".join(report.type_notes)
    assert "a word broken in 20 pt display type" in notes
    assert "hyphens on two lines running" in notes
    assert "a separator at a line's end" in notes
    assert "TYPE" in format_report(report)
    assert not any("broken" in fault or "separator" in fault for fault in report.faults)


def test_preflight_notes_a_hyphenated_compound_broken_inside(catalogue, tmp_path):
    """'awareness-raising' hyphenated by a layout engine as 'aware‐ / ness-raising'."""
    import weasyprint

    text = ("In a nutshell, the battle against human trafficking demands a holistic "
            "approach that combines awareness-raising campaigns, preventive measures")
    html = ('<html lang="en"><body style="font-family:Noto Sans;margin:0">'
            f'<p style="width:246pt;font-size:10pt;hyphens:auto">{text}</p></body></html>')
    path = tmp_path / "elsewhere.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    notes = preflight_file(path, catalogue).type_notes
    assert "page 1: a hyphenated compound broken inside ('aware\u2010' / 'ness-raising')" \
        in notes
