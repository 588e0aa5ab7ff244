"""Co-branding: the partner's logo and lines where each layout declares them, printed
literally, never moving, shrinking or covering the hotline."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops

from awareprint.catalogue.geometry import resolve
from awareprint.catalogue.jobs import PartnerMark
from awareprint.catalogue.layouts import PARTNER_LINES, PARTNER_LOGO
from awareprint.catalogue.load import load_catalogue
from awareprint.catalogue.request import make_job
from awareprint.compose.piece import compose
from awareprint.errors import ContentError, InputError
from awareprint.paths import PROJECT_ROOT
from awareprint.preflight import structure as pdfinspect
from awareprint.preflight.preview import page_images
from awareprint.preflight.read_back import preflight
from awareprint.preflight.report import format_report
from tests.pdfread import plumbed, text_of
from tests.pieces import render

EXAMPLES = PROJECT_ROOT / "examples/orders"
LOGO_PAGE = {"poster": 0, "tearoff": 0, "wallet-card": 1}


CONTACT = "Parish office: 402-555-0143"


def _partner(logo: Path | None, name: str = "St. Mark's Parish",
             safe: bool = False) -> PartnerMark:
    return PartnerMark(name, CONTACT, "stmarks-omaha.example.org", logo, safe)


def _logo_box(catalogue, job):
    return compose(job, catalogue).geometry.layout_boxes()[PARTNER_LOGO].rect


PIECES = [("poster", "en"), ("poster", "ar"), ("poster", "zh-Hans"), ("poster", "en+es"),
          ("tearoff", "en"), ("tearoff", "ar"), ("tearoff", "zh-Hant"), ("tearoff", "en+es"),
          ("wallet-card", "en"), ("wallet-card", "ar"), ("wallet-card", "zh-Hans"),
          ("wallet-card", "en+es")]


@pytest.mark.parametrize(("layout", "language"), PIECES)
def test_the_partner_is_printed_where_the_layout_says(rendered_job, catalogue, logo, layout,
                                                     language):
    job = make_job(catalogue, layout, None, language, partner=_partner(logo))
    pdf = rendered_job(job).pdf
    text = text_of(pdf).replace("\u00a0", " ")  # the name's words are bound: kept whole
    for line in ("St. Mark’s Parish", "stmarks-omaha.example.org"):  # its apostrophe set
        assert line in text
    # a piece a victim keeps prints no second number beside the hotline's
    victim_facing = catalogue.layouts[layout].partner_place(len(language.split("+")))
    contact = "Parish office: 402-555-0143"
    assert (contact in text) != (victim_facing is not None and victim_facing.victim_facing)
    for code in language.split("+"):  # the lockup's label, in each language of the piece
        label = str(catalogue.languages[code].strings["partnership_label"])
        assert "".join(label.split()) in "".join(text.split()), f"no {code} label"
    gain = rendered_job(job).settled.gain_pt  # the body as set: moved up by a short headline
    slot = compose(job, catalogue, masthead_gain_pt=gain).geometry.layout_boxes()[PARTNER_LOGO]
    box, clear = slot.rect, slot.font_pt / 2  # the lockup's clear space: half the type size
    with plumbed(pdf) as document:
        (image,) = document.pages[LOGO_PAGE[layout]].images
    # inside its box, clear of the text beside it, above and below; its outer edge on the
    # text column's edge (the left one, or the right one when mirrored for Arabic)
    outer = (box.right - image["x1"]) if language == "ar" else (image["x0"] - box.x)
    inner = (image["x0"] - box.x) if language == "ar" else (box.right - image["x1"])
    assert image["top"] >= box.y + clear - 0.5 and image["bottom"] <= box.bottom - clear + 0.5
    assert inner >= clear - 0.5 and outer >= -0.5
    # fitted whole (3:1), as large as the box less its clear space allows
    assert ((abs((image["x1"] - image["x0"]) - (box.w - clear)) < 0.5 and outer < 0.5)
            or abs((image["bottom"] - image["top"]) - (box.h - 2 * clear)) < 0.5)
    assert abs((image["x1"] - image["x0"]) / (image["bottom"] - image["top"]) - 3) < 0.05


# Pieces a victim keeps or reads: the lockup's contact line only where marked safe
VICTIM_FACING = [("wallet-card", None, "en"), ("wallet-card", None, "en+ar"),
                 ("wallet-card", None, "zh-Hans"), ("discreet-card", None, "en"),
                 ("discreet-card", None, "en+ar"), ("discreet-card", None, "zh-Hans"),
                 ("discreet-card", "business-card", "en")]


def _lockup_lines(catalogue, job, pdf: bytes) -> list[tuple[float, str, float]]:
    """The lines of the partner's slot as printed, top to bottom: (top, text, size)."""
    slot = compose(job, catalogue).geometry.layout_boxes()[PARTNER_LINES].rect
    with plumbed(pdf) as document:
        page = next(page for page in document.pages
                    if "stmarks-omaha" in (page.extract_text() or ""))
        inside = [c for c in page.chars if c["text"].strip()
                  and slot.x - 1 <= c["x0"] and c["x1"] <= slot.right + 1
                  and slot.y - 1 <= c["top"] and c["bottom"] <= slot.bottom + 1]
    lines: list[list] = []
    for char in sorted(inside, key=lambda c: c["bottom"]):  # baselines, whatever the font
        if lines and char["bottom"] - lines[-1][-1]["bottom"] < char["size"] / 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [(min(c["top"] for c in line),
             "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])),
             max(c["size"] for c in line)) for line in lines]


@pytest.mark.parametrize(("layout", "size", "language"), VICTIM_FACING)
def test_a_victim_facing_piece_prints_the_contact_line_only_when_marked_safe(
        rendered_job, catalogue, logo, layout, size, language):
    assert catalogue.layouts[layout].victim_facing
    for safe in (False, True):
        job = make_job(catalogue, layout, size, language, partner=_partner(logo, safe=safe))
        pdf = rendered_job(job).pdf
        text = text_of(pdf).replace("\u00a0", " ")
        assert "St. Mark’s Parish" in text and "stmarks-omaha.example.org" in text
        assert (CONTACT in text) == safe, f"safe={safe}"
        # The partner's number is declared (known to preflight) only where it is printed: a
        # contact line printed without the mark would fail the read-back.
        report = preflight(pdf, catalogue)
        assert report.passed, report.faults
        assert report.partner_numbers == (["4025550143"] if safe else [])
        # The lockup closes up: its lines at one pitch, no gap where the line is left out.
        # (The label and the name share a line where it holds both.)
        lines = _lockup_lines(catalogue, job, pdf)
        assert any("402-555-0143" in line for _, line, _ in lines) == safe
        assert lines[-1][1] == "stmarks-omaha.example.org"
        assert len(lines) >= 2 + safe, lines
        type_pt = max(pt for _, _, pt in lines)
        for (above, _, _), (below, _, _) in pairwise(lines):
            assert below - above < 1.5 * type_pt, lines  # a line left empty would be 2.4 × size


@pytest.mark.parametrize(("layout", "language"), [("poster", "en"), ("poster", "en+es"),
                                                   ("handout", "en")])
def test_a_piece_for_staff_and_public_areas_prints_the_contact_line_either_way(
        rendered_job, catalogue, logo, layout, language):
    assert not catalogue.layouts[layout].victim_facing
    for safe in (False, True):
        job = make_job(catalogue, layout, None, language, partner=_partner(logo, safe=safe))
        pdf = rendered_job(job).pdf
        assert CONTACT in text_of(pdf).replace("\u00a0", " ")
        assert preflight(pdf, catalogue).partner_numbers == ["4025550143"]


@pytest.mark.parametrize("language", ["en", "en+es"])
def test_the_tearoffs_tabs_never_carry_the_contact_line(rendered_job, catalogue, logo,
                                                        language):
    """The flyer's body (on a notice board) prints it; the tabs a victim takes away carry
    the hotline alone, marked safe or not."""
    spec = catalogue.layouts["tearoff"]
    geometry = resolve(spec, catalogue.sizes["letter"], catalogue.sizes[spec.reference_size],
                       None)
    assert geometry.tabs is not None
    tear_line = geometry.tabs.tear_line_y
    for safe in (False, True):
        job = make_job(catalogue, "tearoff", "letter", language,
                       partner=_partner(logo, safe=safe))
        with plumbed(rendered_job(job).pdf) as document:
            page = document.pages[0]
            body = "".join(c["text"] for c in page.chars if c["bottom"] <= tear_line)
            tabs = "".join(c["text"] for c in page.chars if c["top"] >= tear_line)
        assert "".join(CONTACT.split()) in "".join(body.split())
        digits = "".join(ch for ch in tabs if ch.isdigit())
        assert "4025550143" not in digits and "Parish" not in tabs and "stmarks" not in tabs
        assert "18883737888" in digits  # the tabs are read: they carry the hotline


@pytest.mark.parametrize(("layout", "language"), PIECES)
def test_co_branding_leaves_the_hotline_exactly_where_it_was(rendered_job, catalogue, logo, layout,
                                                             language):
    plain = make_job(catalogue, layout, None, language)
    branded = make_job(catalogue, layout, None, language, partner=_partner(logo))
    spec = catalogue.layouts[layout]
    geometry = compose(plain, catalogue).geometry
    before = page_images(rendered_job(plain).pdf, dpi=72)
    after = page_images(rendered_job(branded).pdf, dpi=72)
    compared = 0
    for index, page in enumerate(geometry.pages):
        for slot in page.slots:
            if slot.name not in spec.hotline:
                continue
            area = tuple(round(v) for v in (slot.rect.x, slot.rect.y, slot.rect.right,
                                            slot.rect.bottom))
            # a pixel changed by more than anti-aliasing (a line set a hundredth of a point
            # apart, as an Arabic line may be where the document embeds other glyphs, is not)
            difference = ImageChops.difference(before[index].crop(area).convert("L"),
                                               after[index].crop(area).convert("L"))
            changed = difference.point(lambda v: 255 if v > 64 else 0).getbbox()
            assert changed is None, f"{slot.name} changed on a co-branded {layout} [{language}]"
            compared += 1
    assert compared >= 2


def test_no_layout_takes_room_from_the_hotline(catalogue):
    for name, spec in catalogue.layouts.items():
        assert spec.hotline, f"{name} names no hotline slots"
        counts = (1, 2) if spec.has_own_bilingual_pages else (1,)
        for size in spec.sizes:
            for count in counts:
                args = (spec, catalogue.sizes[size], catalogue.sizes[spec.reference_size],
                        None)
                plain = resolve(*args, language_count=count).layout_boxes()
                branded = resolve(*args, language_count=count, partner=True).layout_boxes()
                assert {PARTNER_LOGO, PARTNER_LINES} <= branded.keys()
                for slot in spec.hotline:
                    if slot in plain:
                        assert branded[slot] == plain[slot], (name, size, count, slot)




def test_a_layout_may_not_take_room_from_a_hotline_slot(data):
    path = data / "layouts/poster/layout.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    minors:     {left: 7, top: 41.3, width: 60, height: 7}",
                                 "    call_to_action: {left: 7, top: 70, width: 86, height: 20}",
                                 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_catalogue(data / "layouts", data / "content")
    assert any("poster/layout.yaml: partner.room.call_to_action: 'call_to_action' prints the "
               "hotline" in problem for problem in caught.value.problems)


def test_partner_text_is_printed_literally(rendered_job, catalogue):
    name = "<b>Hope</b> & {{ 7 * 7 }} {publisher}"
    job = make_job(catalogue, "poster", None, "en", partner=_partner(None, name))
    text = text_of(rendered_job(job).pdf)
    assert name in text and "49" not in text


def test_a_partner_line_too_long_is_reported_like_an_overflow(catalogue):
    name = "Community Coalition " * 12
    job = make_job(catalogue, "wallet-card", None, "en", partner=_partner(None, name.strip()))
    with pytest.raises(InputError, match="the partner's name, contact line and website does "
                                         "not fit the wallet-card at size business-card"):
        render(job, catalogue)


def test_the_partners_own_number_passes_preflight_and_is_listed(rendered_job, catalogue, logo):
    job = make_job(catalogue, "tearoff", None, "en", partner=_partner(logo))
    report = preflight(rendered_job(job).pdf, catalogue)
    assert report.passed, report.faults
    assert report.partner_numbers == ["4025550143"]
    assert "partner's own  4025550143" in format_report(report)


def test_a_number_printed_without_being_declared_still_fails_preflight(rendered_job, catalogue):
    job = make_job(catalogue, "tearoff", None, "en", partner=_partner(None))
    pdf = rendered_job(job).pdf
    with pikepdf.open(io.BytesIO(pdf)) as document:
        del document.docinfo["/PartnerNumbers"]
        out = io.BytesIO()
        document.save(out)
    assert any("402-555-0143" in f or "4025550143" in f
               for f in preflight(out.getvalue(), catalogue).faults)


def test_a_small_logo_is_printed_with_a_warning(rendered_job, catalogue, tmp_path):
    small = tmp_path / "small.png"
    Image.new("RGB", (120, 40), (20, 60, 150)).save(small)
    job = make_job(catalogue, "poster", "24x36", "en", partner=_partner(small))
    rendered = rendered_job(job)
    (warning,) = rendered.warnings
    assert "logo 'small.png' prints at" in warning and "300 dpi" in warning


def test_a_logo_fine_enough_prints_without_a_warning(rendered_job, catalogue, logo):
    job = make_job(catalogue, "poster", "24x36", "en", partner=_partner(logo))
    assert rendered_job(job).warnings == ()


@pytest.mark.parametrize("logo_file", ["prairie-hotels-logo.png", "st-marks-logo.svg",
                                       "gradient.svg"])
def test_press_logos_are_separated_to_cmyk(rendered_job, catalogue, tmp_path, logo_file):
    (tmp_path / "gradient.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 30">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="gold"/>'
        '<stop offset="1" stop-color="#c00"/></linearGradient></defs>'
        '<rect width="30" height="30" fill="url(#g)"/>'
        '<rect x="40" y="10" width="50" height="10" fill="navy" opacity="0.8"/></svg>',
        encoding="utf-8")
    source = tmp_path / logo_file if logo_file == "gradient.svg" else EXAMPLES / logo_file
    job = make_job(catalogue, "poster", None, "en", profile="press",
                   partner=_partner(source))
    pdf = rendered_job(job).pdf  # preflighted before it is returned
    with pikepdf.open(io.BytesIO(pdf)) as document:
        spaces = set(pdfinspect.colour_spaces(document))
    assert spaces == {"DeviceCMYK"}
    # the logo still shows its colours once printed
    box = _logo_box(catalogue, job)
    page = page_images(pdf, dpi=72)[0].convert("RGB")
    crop = page.crop(tuple(round(v) for v in (box.x, box.y, box.right, box.bottom)))
    (_, (_, saturation), _) = crop.convert("HSV").getextrema()
    assert saturation > 100  # coloured, not turned grey or blank


def test_a_logo_keeps_its_file_out_of_other_folders(catalogue, tmp_path):
    """An SVG logo pointing at a file elsewhere is refused when the order is read; should
    one get through, the engine still reads nothing outside the project."""
    from awareprint.orders.logo_file import check_logo

    svg = tmp_path / "x.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" '
                   'xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href='
                   '"file:///etc/passwd"/></svg>', encoding="utf-8")
    assert "refers to another file" in check_logo(svg)


def _idat(png: bytes) -> tuple[int, int]:
    """Where the last IDAT chunk's data starts in a PNG file, and its length."""
    import struct

    position, found = 8, (0, 0)
    while position < len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        if png[position + 4:position + 8] == b"IDAT":
            found = (position + 8, length)
        position += 12 + length
    return found


def _flipped_png(offset: str, fix_crc: bool) -> bytes:
    import struct
    import zlib

    buffer = io.BytesIO()
    Image.new("RGB", (600, 200), (200, 30, 40)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    start, length = _idat(bytes(data))
    where = {"zlib header": 0, "middle": length // 2, "adler checksum": length - 1}[offset]
    data[start + where] ^= 0x01
    if fix_crc:  # the chunk then looks intact: only decoding the data finds the damage
        crc = zlib.crc32(bytes(data[start - 4:start + length]))
        data[start + length:start + length + 4] = struct.pack(">I", crc)
    return bytes(data)


def _truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()[: len(buffer.getvalue()) * 6 // 10]


@pytest.mark.parametrize(("name", "make"), [
    ("cut.jpg", _truncated_jpeg),
    *[(f"flip-{offset.replace(' ', '-')}{'-crc' if fix else ''}.png",
       lambda offset=offset, fix=fix: _flipped_png(offset, fix))
      for offset in ("zlib header", "middle", "adler checksum") for fix in (False, True)],
])
def test_a_damaged_raster_logo_is_refused(tmp_path, name, make):
    from awareprint.orders.logo_file import check_logo

    path = tmp_path / name
    path.write_bytes(make())
    assert check_logo(path) == f"'{name}': the image data is damaged; export it again"


def test_a_damaged_logo_is_named_in_the_order(catalogue, tmp_path):
    from awareprint.orders.order_file import load_order

    (tmp_path / "logo.png").write_bytes(_flipped_png("middle", fix_crc=True))
    path = tmp_path / "order.yaml"
    path.write_text("partner:\n  name: Clinic\n  logo: logo.png\nitems:\n  - layout: poster\n",
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_order(path, catalogue)
    assert caught.value.problems == [f"{path} line 3: partner.logo: 'logo.png': the image "
                                     "data is damaged; export it again"]


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_whole_raster_logo_is_accepted(tmp_path, kind):
    from awareprint.orders.logo_file import check_logo

    path = tmp_path / f"logo.{kind.lower()}"
    Image.effect_noise((300, 200), 60).convert("RGB").save(path, format=kind)
    assert check_logo(path) is None
    assert check_logo(EXAMPLES / "prairie-hotels-logo.png") is None


SVG = '<svg xmlns="http://www.w3.org/2000/svg" {}><rect width="90" height="30"/></svg>'


@pytest.mark.parametrize(("attributes", "problem"), [
    ('width="1e400" height="30"', "width='1e400', which is not a sane size"),
    ('width="90" height="nan"', "height='nan', which is not a sane size"),
    ('width="-90mm" height="30mm"', "width='-90mm', which is not a sane size"),
    ('width="0" height="30"', "width='0', which is not a sane size"),
    ('width="1e9px" height="30px"', "width='1e9px', which is not a sane size"),
    ('width="inf" height="30"', "width='inf', which is not a sane size"),
    ('viewBox="0 0 1e400 30"', "viewBox='0 0 1e400 30', which is not a sane box"),
    ('viewBox="0 0 -90 30"', "viewBox='0 0 -90 30', which is not a sane box"),
    ('viewBox="0 0 90 0"', "viewBox='0 0 90 0', which is not a sane box"),
    ('viewBox="1e300 0 90 30"', "viewBox='1e300 0 90 30', which is not a sane box"),
    ('viewBox="0 0 NaN 30"', "viewBox='0 0 NaN 30', which is not four numbers"),
    ('viewBox="0 0 90"', "viewBox='0 0 90', which is not four numbers"),
])
def test_an_svg_logo_of_no_sane_size_is_refused(tmp_path, attributes, problem):
    from awareprint.orders.logo_file import check_logo

    path = tmp_path / "logo.svg"
    path.write_text(SVG.format(attributes), encoding="utf-8")
    assert check_logo(path) == (f"'logo.svg' has {problem}; export it again with a plain "
                                "width, height and viewBox")


@pytest.mark.parametrize("attributes", [
    'width="90mm" height="30mm" viewBox="0 0 255.1 85"', 'width="100%" height="auto"',
    'viewBox="-10,-5,90,30"', 'width=" 3in " height="1in"', 'width="1.5E2" height=".5e2"'])
def test_an_svg_logo_of_a_plain_size_is_accepted(tmp_path, attributes):
    from awareprint.orders.logo_file import check_logo

    path = tmp_path / "logo.svg"
    path.write_text(SVG.format(attributes), encoding="utf-8")
    assert check_logo(path) is None


@pytest.mark.parametrize("attributes", [
    'width="1e400" height="30"', 'viewBox="0 0 inf nan"', 'viewBox="0 0 -90 0" width="9"',
    'width="1e-400" height="30"'])
def test_a_press_logo_of_no_sane_size_still_prints(rendered_job, catalogue, tmp_path,
                                                   attributes):
    """Refused when an order is read; should one reach the press separation anyway, it is
    drawn 1:1 instead of ending in an internal error."""
    from awareprint.compose.logo import _aspect

    path = tmp_path / "logo.svg"
    path.write_text(SVG.format(attributes).replace("<rect", '<rect opacity="0.5"'),
                    encoding="utf-8")
    assert _aspect(ElementTree.fromstring(path.read_text(encoding="utf-8"))) == (1.0, 1.0)
    job = make_job(catalogue, "poster", None, "en", profile="press", partner=_partner(path))
    pdf = rendered_job(job).pdf  # rasterised and separated; preflighted
    with plumbed(pdf) as document:
        assert len(document.pages[0].images) == 1
