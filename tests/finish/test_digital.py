"""Digital output (`--digital`): tagged PDF/UA-1 for reading on screen, read back the way a
screen reader, a PDF/UA checker and text extractors meet it; office and press untagged."""

from __future__ import annotations

import ctypes
import io
import os
import shutil
import subprocess
from collections import defaultdict
from datetime import datetime

import pikepdf
import pypdf
import pypdfium2
import pypdfium2.raw as raw
import pytest
from PIL import Image, ImageChops

from awareprint.catalogue.request import make_job
from awareprint.catalogue.user_text import PartnerMark
from awareprint.cli.main import main
from awareprint.compose.digital import web_url
from awareprint.engine import layout as engine
from awareprint.errors import InputError
from awareprint.finish.finish import finish
from awareprint.finish.metadata import Metadata
from awareprint.preflight.tagged import read_tagged
from tests.pdfread import chars, plumbed
from tests.pieces import render
from tests.samples import sampled

REQUIRE_TOOLS = os.environ.get("AWAREPRINT_REQUIRE_TOOLS") == "1"
LAYOUTS = ("poster", "tearoff", "wallet-card", "handout")
LANGUAGES = ("en", "ar", "zh-Hans", "en+es", "en+ar")
PIECES = [(layout, language) for layout in LAYOUTS for language in LANGUAGES]
# The printed web address is a link on these; the wallet card's template does not mark it
# yet (its QR code is a link on every layout: the engine makes it one).
ADDRESS_LINKED = ("poster", "tearoff", "wallet-card", "handout")
ARABIC_WORDS = ("الاتجار", "على")  # a lam-alef and a lam-yeh ligature


def _pdfium_text(pdf: bytes, page: int = 0) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[page].get_textpage().get_text_range()
    finally:
        document.close()


def _pypdf_text(pdf: bytes, page: int = 0) -> str:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[page].extract_text()


def _words(text: str) -> str:
    return " ".join(text.split())


def _texts_by_mcid(pdf: bytes) -> dict[tuple[int, int], str]:
    """Each marked content's characters, as pdfium reads its text objects and the marks
    on them (an extractor apart from ours, and one that sees marked content nested)."""
    found: dict[tuple[int, int], str] = defaultdict(str)
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index, page in enumerate(document):
            textpage = page.get_textpage()
            for text_object in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=5):
                mcid = _mcid(text_object.raw)
                if mcid is not None:
                    found[(index, mcid)] += _object_text(text_object.raw, textpage.raw)
    finally:
        document.close()
    return found


def _mcid(page_object: object) -> int | None:
    value, found = ctypes.c_int(), None
    for index in range(raw.FPDFPageObj_CountMarks(page_object)):
        mark = raw.FPDFPageObj_GetMark(page_object, index)
        if raw.FPDFPageObjMark_GetParamIntValue(mark, b"MCID", ctypes.byref(value)):
            found = value.value
    return found


def _object_text(text_object: object, textpage: object) -> str:
    size = raw.FPDFTextObj_GetText(text_object, textpage, None, 0)
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFTextObj_GetText(text_object, textpage,
                            ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw.decode("utf-16-le").rstrip("\x00")


def _subtree_texts(pdf: bytes, role: str) -> list[tuple[str, str]]:
    """(language, characters) of each structure element of `role`, with its descendants'."""
    report = read_tagged(pdf)
    texts = _texts_by_mcid(pdf)
    found = []
    for index, element in enumerate(report.elements):
        if element.role != role:
            continue
        text = "".join(texts[(element.page, mcid)] for mcid in element.content)
        for below in report.elements[index + 1:]:
            if below.depth <= element.depth:
                break
            text += "".join(texts[(below.page, mcid)] for mcid in below.content)
        found.append((element.language, text))
    return found


def _letters(text: str) -> list[str]:
    return sorted(ch for ch in text if ch.isalpha())


# --- the profile and the command line ---

def test_digital_is_a_profile_of_its_own_with_its_own_file_name(catalogue):
    job = make_job(catalogue, "poster", "letter", "en+ar", profile="digital")
    assert job.file_name == "poster_letter_en+ar_digital.pdf"
    with pytest.raises(InputError, match="digital"):
        make_job(catalogue, "poster", profile="screen")
    with pytest.raises(InputError, match="press output only"):
        make_job(catalogue, "poster", "a4", profile="digital", intent="gracol")


def test_the_command_line_writes_a_digital_file(tmp_path, capsys):
    assert main(["poster", "--digital", "--lang", "ar", "--out", str(tmp_path)]) == 0
    path = tmp_path / "poster_letter_ar_digital.pdf"
    assert f"wrote {path}" in capsys.readouterr().out
    assert read_tagged(path.read_bytes()).faults == []


@pytest.mark.parametrize("other", [["--press"], ["--press-profile", "gracol"],
                                   ["--sheet", "avery-5371"]])
def test_digital_goes_with_neither_press_nor_sheets(other, tmp_path, capsys):
    assert main(["wallet-card", "--digital", *other, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--digital" in err[0] and "does not go with" in err[0]
    assert not list(tmp_path.iterdir())


# --- tagged structure, language, alternative text and links, on every layout ---

@pytest.mark.parametrize(("layout", "language"), sampled(
    PIECES, lambda piece: piece[1] in ("ar", "en+es") or piece == ("poster", "zh-Hans")))
def test_a_digital_piece_is_tagged_for_reading_on_screen(catalogue, rendered, layout,
                                                         language):
    pdf = rendered(layout, None, language, profile="digital")
    report = read_tagged(pdf)
    codes = language.split("+")
    assert report.faults == [], report.faults  # all content marked or artifact, and more
    assert report.ua_part == "1" and report.marked and report.display_title
    assert report.title and report.language == codes[0]
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.docinfo.Title) == report.title  # XMP repeats the Info title
    # One H1 per language, in reading order, each in its language; paragraphs.
    headings = _subtree_texts(pdf, "H1")
    assert [code for code, _ in headings] == codes
    for code, text in headings:
        strings = catalogue.languages[code].strings
        # the wallet card is headed by its call: "Get help · Report human trafficking"
        headline = (f"{strings['get_help']}{strings['call_to_action']}"
                    if layout == "wallet-card" else str(strings["headline"]))
        assert _letters(text.casefold()) == _letters(headline.casefold()), (code, text)
    assert len(report.of_role("P")) >= 3
    # Every block says its language where it differs from the document's.
    assert {element.language for element in report.elements} <= set(codes)
    if len(codes) == 2:
        assert any(e.own_language and e.language == codes[1] for e in report.elements)
    # The QR code says where it leads, in the piece's first language.
    hotline = catalogue.hotline
    (figure,) = report.of_role("Figure")
    scan_prompt = " ".join(str(catalogue.languages[codes[0]].strings["scan_prompt"]).split())
    assert figure.alt and hotline.web.display in figure.alt
    assert "<" not in figure.alt and scan_prompt.split()[0] in figure.alt  # plain text
    # The QR code and the printed address lead to the hotline's site, from the structure.
    targets = [link.target for link in report.links]
    assert set(targets) == {hotline.web.url}
    assert len(targets) == (2 if layout in ADDRESS_LINKED else 1)
    assert all(link.in_structure and link.description for link in report.links)
    assert len(report.of_role("Link")) == len(targets)


def test_decoration_is_an_artifact_and_read_by_no_one(rendered):
    """The tear-off's scissors (an SVG the template marks aria-hidden) and the panels'
    colour are artifacts: the QR code is the one figure; no structure element is empty."""
    pdf = rendered("tearoff", None, "en", profile="digital")
    report = read_tagged(pdf)
    assert len(report.of_role("Figure")) == 1
    with pikepdf.open(io.BytesIO(pdf)) as document:
        operators = pikepdf.parse_content_stream(document.pages[0])
        artifacts = [ops for ops, op in operators if str(op) == "BMC"
                     and str(ops[0]) == "/Artifact"]
    assert len(artifacts) >= 3  # panels, guides, scissors
    texts = _texts_by_mcid(pdf)
    for index, element in enumerate(report.elements):
        below = report.elements[index + 1:index + 2]
        has_kids = bool(below) and below[0].depth > element.depth
        assert element.content or element.annotations or has_kids, element
    assert all(texts[(e.page, m)] for e in report.elements if e.role == "Span"
               for m in e.content)


def test_a_partners_logo_is_described_by_its_name_and_its_website_is_a_link(
        rendered_job, catalogue, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (600, 200), (20, 60, 150)).save(logo)
    partner = PartnerMark("St. Mark's Parish", "Parish office: 402-555-0143",
                          "stmarks-omaha.example.org", logo)
    job = make_job(catalogue, "poster", "letter", "en", profile="digital", partner=partner)
    report = read_tagged(rendered_job(job).pdf)
    assert report.faults == []
    alts = sorted(figure.alt or "" for figure in report.of_role("Figure"))
    assert "St. Mark’s Parish" in alts  # the partner's name, its apostrophe set
    assert "https://stmarks-omaha.example.org" in [link.target for link in report.links]


@pytest.mark.parametrize(("address", "url"), [
    ("stmarks-omaha.example.org", "https://stmarks-omaha.example.org"),
    ("example.org/safe-harbor", "https://example.org/safe-harbor"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", ""), ("mailto:office@example.org", ""), ("our parish", ""),
    ("localhost", ""), ("user:secret@example.org", ""),
])
def test_only_a_web_address_becomes_a_link(address, url):
    assert web_url(address) == url


# --- Arabic that extracts in reading order ---

def test_arabic_extracts_in_reading_order_in_pdfium_and_pypdf(catalogue, rendered):
    pdf = rendered("poster", None, "ar", profile="digital")
    headline = _words(str(catalogue.languages["ar"].strings["headline"]))
    for reader, text in (("pdfium", _pdfium_text(pdf)), ("pypdf", _pypdf_text(pdf))):
        words = _words(text)
        for word in ARABIC_WORDS:
            assert word in words.split(), (reader, word)
        assert headline in words, reader


def test_arabic_reads_in_reading_order_from_the_structure(catalogue, rendered):
    """A reader of the structure (pdfplumber's, like a screen reader) finds the logical
    text of every Arabic line on its element."""
    pdf = rendered("poster", None, "ar", profile="digital")
    headline = _words(str(catalogue.languages["ar"].strings["headline"]))
    with plumbed(pdf) as document:
        h1 = next(e for root in document.structure_tree for e in _walk(root)
                  if e["type"] == "H1")
    spans = [child.get("actual_text", "") for child in h1.get("children", [])]
    assert _words(" ".join(spans)) == headline


def _walk(element: dict):
    yield element
    for child in element.get("children", []):
        yield from _walk(child)


def test_arabic_extracts_in_reading_order_in_poppler(catalogue, rendered, tmp_path):
    tool = shutil.which("pdftotext")
    if tool is None:
        if REQUIRE_TOOLS:
            pytest.fail("pdftotext is required here (AWAREPRINT_REQUIRE_TOOLS=1)")
        pytest.skip("pdftotext is not installed (Debian: poppler-utils)")
    path = tmp_path / "poster_ar_digital.pdf"
    path.write_bytes(rendered("poster", None, "ar", profile="digital"))
    text = subprocess.run([tool, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = _words(text.replace("\u202b", " ").replace("\u202c", " ")).split()
    for word in ARABIC_WORDS:
        assert word in words


# --- office and press untagged; digital looks exactly like office ---

@pytest.mark.parametrize(("layout", "language"), [("poster", "ar"), ("tearoff", "en+ar"),
                                                  ("wallet-card", "en+es")])
def test_digital_looks_exactly_like_office(rendered, layout, language):
    office = rendered(layout, None, language)
    digital = rendered(layout, None, language, profile="digital")
    pages = len(pypdf.PdfReader(io.BytesIO(office)).pages)
    for page in range(pages):
        before, after = chars(office, page), chars(digital, page)
        assert [c.text for c in before] == [c.text for c in after]
        assert max(abs(b.x0 - a.x0) + abs(b.top - a.top) for b, a in zip(
            before, after, strict=True)) < 0.01
        images = [pypdfium2.PdfDocument(pdf)[page].render(scale=1).to_pil().convert("L")
                  for pdf in (office, digital)]
        difference = ImageChops.difference(*images).point(lambda v: 255 if v > 64 else 0)
        changed = difference.width * difference.height - difference.histogram()[0]
        assert changed <= images[0].width * images[0].height // 5000  # anti-aliasing only


@pytest.mark.parametrize("profile", ["office", "press"])
def test_printed_output_is_not_tagged_and_has_no_links(rendered, profile):
    pdf = rendered("poster", "a4", "ar", profile=profile)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "/StructTreeRoot" not in document.Root
        assert "/MarkInfo" not in document.Root
        assert all("/Annots" not in page.obj for page in document.pages)
    assert read_tagged(pdf).tagged is False


# --- the tagged reader itself ---

def _tagged(html: str) -> bytes:
    document, _ = engine.lay_out(html, "file:///")
    pdf, notes = engine.write_tagged_pdf(document)
    metadata = Metadata("A test", "awareprint", "", "en", "")
    return finish(pdf, metadata, datetime(2026, 1, 1), tagged=notes)


def test_lists_are_tagged_as_lists():
    pdf = _tagged('<html lang="en"><body><h1>Signs</h1><ul><li>One</li><li>Two</li></ul>'
                  '<p lang="es">Uno</p></body></html>')
    report = read_tagged(pdf)
    roles = [element.role for element in report.elements]
    assert roles.count("L") == 1 and roles.count("LI") == 2 and "LBody" in roles
    assert report.faults == []
    assert [e.language for e in report.elements if e.role == "P"] == ["es"]


def test_a_figure_without_alternative_text_is_a_fault():
    pdf = _tagged('<html lang="en"><body><h1>Hi</h1><svg width="20" height="20">'
                  '<rect width="20" height="20"/></svg></body></html>')
    assert "a figure on page 1 has no alternative text" in read_tagged(pdf).faults


def test_preflight_reads_a_digital_file_and_fails_a_broken_one(rendered, tmp_path, capsys):
    path = tmp_path / "poster_letter_ar_digital.pdf"
    path.write_bytes(rendered("poster", None, "ar", profile="digital"))
    assert main(["preflight", str(path)]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "tagged         PDF/UA-1" in out
    assert "links          https://humantraffickinghotline.org (2)" in out
    with pikepdf.open(path, allow_overwriting_input=True) as document:
        for page in document.pages:
            for annotation in page.obj.Annots:
                del annotation.Contents
        del document.Root.MarkInfo
        document.save(path)
    assert main(["preflight", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "MarkInfo /Marked is not true" in out
    assert "has no description (/Contents)" in out


def test_digital_output_is_reproducible(catalogue, rendered):
    job = make_job(catalogue, "tearoff", None, "en+ar", profile="digital")
    assert render(job, catalogue).pdf == rendered("tearoff", None, "en+ar", profile="digital")
