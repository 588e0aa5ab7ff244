"""preflight on good and bad files, the automatic check of press renders, and what
independent tools (qpdf, poppler) say of our press files."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

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
from tests.pdfread import plumbed
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


def _pdf_of(html: str, path):
    """A PDF of arbitrary HTML, made by the engine but by none of our layouts."""
    document, _ = engine.lay_out(html, engine.LAYOUTS_DIR.as_uri() + "/")
    path.write_bytes(engine.write_pdf(document))
    return path


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


def test_a_number_in_the_event_name_is_refused(catalogue):
    from awareprint.errors import InputError

    with pytest.raises(InputError, match="phone number"):
        make_job(catalogue, "tearoff", event="Walk, call 402-555-0123")


def test_pdfium_and_pdfplumber_agree_on_the_smallest_type(catalogue, rendered):
    """The read-back's type sizes (pdfium, turned text too) against a second reader."""
    for layout, profile in (("tearoff", "office"), ("wallet-card", "press"),
                            ("poster", "press")):
        pdf = rendered(layout, profile=profile)
        report = preflight(pdf, catalogue)
        with plumbed(pdf) as document:
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
        if layout == "wallet-card":
            # The back's fine print, the publisher line, is the smallest slot; marks and
            # slug are outside the piece and do not count.
            slots = catalogue.layouts["wallet-card"].pages["back"].slots
            assert report.smallest_text_pt == pytest.approx(slots["footer"].font_pt, abs=0.01)


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


# --- Fine print on press: the QR code in K only (the other rules: test_rules.py) ---

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


def test_a_qr_code_in_several_inks_fails(catalogue, rendered):
    good = rendered("wallet-card", "business-card", profile="press")
    assert preflight(good, catalogue).passed

    def navy_modules(name, operands, fills):
        return NAVY if name == "scn" and fills != "text" and fills > 100 else operands

    report = preflight(_recoloured(good, 1, navy_modules), catalogue)
    assert any("QR not K only" in f and "C100 M64 Y0 K60" in f for f in report.faults)
    assert report.qr_targets == [catalogue.hotline.qr_target]  # still reads: only ink is wrong


def test_preflight_names_the_output_intent(catalogue, rendered, tmp_path, capsys):
    path = tmp_path / "poster_letter_en_press.pdf"
    path.write_bytes(rendered("poster", "letter", profile="press"))
    assert main(["preflight", str(path)]) == 0
    out = capsys.readouterr().out
    assert "output intent  /GTS_PDFX CGATS TR 006 (ICC profile, 4 channels): GRACoL" in out


def test_check_refuses_a_press_piece_that_breaks_the_fine_print(catalogue, monkeypatch):
    from awareprint.cli.check import check_job
    from awareprint.render.outcome import FAIL

    monkeypatch.setattr("awareprint.render.pipeline.small_type_in_safe_inks",
                        lambda document, house, profile: 0)  # small navy type in three inks
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


def test_rendered_pieces_read_back_in_typographic_quotes(catalogue, rendered):
    """The content's apostrophes, and an event's quotes set in the piece's language."""
    event = 'St. Mark\'s "Freedom" Walk'
    for pdf, expected in ((rendered("poster", "letter"), "Can’t leave your job?"),
                          (rendered("tearoff", "letter", "zh-Hant", event=event),
                           "St. Mark’s 「Freedom」 Walk")):
        report = preflight(pdf, catalogue)
        assert report.passed, report.faults
        text = " ".join(pdfplumber_text(pdf).split())
        assert expected.upper() in text.upper()  # an event line may be set in capitals
        assert "'" not in text and '"' not in text


def pdfplumber_text(pdf: bytes) -> str:
    with plumbed(pdf) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_a_straight_quote_in_the_content_stops_the_render(data):
    from awareprint.catalogue.load import load_catalogue
    from awareprint.preflight.read_back import read_back
    from awareprint.render.pipeline import render
    from tests.data_copy import edit

    edit(data / "content" / "en.yaml", "question_line: Can’t leave", "question_line: Can't leave")
    changed = load_catalogue(data / "layouts", data / "content")
    with pytest.raises(RenderError) as caught:
        render(make_job(changed, "poster", "letter"), changed, read_back)
    message = str(caught.value)
    assert message.startswith("poster_letter_en.pdf: preflight refused the file: ")
    assert "a straight quote ' in “" in message and "Can't leave your job?" in message


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
