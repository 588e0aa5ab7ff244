"""Press output, read back as a prepress operator would: boxes, marks, colour, intent."""

from __future__ import annotations

import io

import pikepdf
import pytest

from awareprint.catalogue.geometry import Frame, resolve
from awareprint.catalogue.profiles import frame_for
from awareprint.catalogue.request import make_job
from awareprint.errors import InputError
from awareprint.paths import PROJECT_ROOT
from awareprint.preflight.preview import page_images
from tests.conftest import catalogue_pieces
from tests.pdfread import chars, decode_qr, embedded_fonts, font_source, plumbed, text_of

PIECES = catalogue_pieces()
IDS = [f"{layout}-{size}" for layout, size in PIECES]
RGB_OPERATORS = {"rg", "RG"}


def _boxes(pdf):
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [{name: [float(v) for v in page.obj[f"/{name}"]]
                 for name in ("MediaBox", "BleedBox", "TrimBox")} for page in document.pages]


def _registration_rects(pdf, page_index, catalogue):
    registration = tuple(v / 100 for v in catalogue.house.press.registration)
    with plumbed(pdf) as document:
        page = document.pages[page_index]
        height = float(page.height)
        return [(r["x0"], height - r["bottom"], r["x1"], height - r["top"])
                for r in page.rects
                if tuple(round(float(v), 3) for v in r.get("non_stroking_color") or ()) ==
                registration]


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_boxes_are_exact(catalogue, rendered, layout, size):
    named = catalogue.sizes[size]
    bleed = 0.125 * 72 if named.unit == "in" else 3 * 72 / 25.4
    for boxes in _boxes(rendered(layout, size, profile="press")):
        trim, bleed_box, media = boxes["TrimBox"], boxes["BleedBox"], boxes["MediaBox"]
        assert trim[2] - trim[0] == pytest.approx(named.width_pt, abs=0.1)
        assert trim[3] - trim[1] == pytest.approx(named.height_pt, abs=0.1)
        for side in range(4):
            grow = -1 if side < 2 else 1
            assert bleed_box[side] == pytest.approx(trim[side] + grow * bleed, abs=0.1)
            assert (media[side] - bleed_box[side]) * grow >= 0.375 * 72 - 0.1


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_crop_marks_lie_between_bleed_and_media(catalogue, rendered, layout, size):
    pdf = rendered(layout, size, profile="press")
    for index, boxes in enumerate(_boxes(pdf)):
        marks = _registration_rects(pdf, index, catalogue)
        assert len(marks) >= 8
        trim, bleed_box, media = boxes["TrimBox"], boxes["BleedBox"], boxes["MediaBox"]
        for x0, y0, x1, y1 in marks:
            assert media[0] <= x0 and media[1] <= y0 and x1 <= media[2] and y1 <= media[3]
            outside = (x1 <= bleed_box[0] or x0 >= bleed_box[2]
                       or y1 <= bleed_box[1] or y0 >= bleed_box[3])
            assert outside, f"mark at {x0:.1f},{y0:.1f} enters the bleed"
            thickness, length = sorted((x1 - x0, y1 - y0))
            assert 0.25 <= thickness <= 0.5
            assert length == pytest.approx(18, abs=0.5)
            gap = max(trim[0] - x1, x0 - trim[2], trim[1] - y1, y0 - trim[3])
            assert gap >= 0.125 * 72, "a mark starts closer than 0.125 in to the trim"
        corners = {(round(x), round(y)) for x in (trim[0], trim[2]) for y in (trim[1], trim[3])}
        for cx, cy in corners:
            pointing = [m for m in marks if abs((m[0] + m[2]) / 2 - cx) < 1
                        or abs((m[1] + m[3]) / 2 - cy) < 1]
            assert len(pointing) >= 2, f"corner {cx},{cy} lacks its crop marks"


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_press_file_is_cmyk_only(rendered, layout, size):
    pdf = rendered(layout, size, profile="press")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        streams = []
        for page in document.pages:
            streams.append(page.obj)
            assert "/Group" not in page.obj or page.obj.Group.get("/CS") != "/DeviceRGB"
            for xobject in page.Resources.get("/XObject", {}).values():
                streams.append(xobject)
                assert xobject.get("/ColorSpace") not in ("/DeviceRGB", "/CalRGB")
                group = xobject.get("/Group")
                assert group is None or group.get("/CS") != "/DeviceRGB"
        operators = {str(op.operator) for stream in streams
                     for op in pikepdf.parse_content_stream(stream)}
        assert not operators & RGB_OPERATORS
        assert "scn" in operators or "k" in operators
        for page in document.pages:
            for space in page.Resources.get("/ColorSpace", {}).values():
                assert space != "/DeviceRGB"
    with plumbed(pdf) as document:
        for page in document.pages:
            for obj in page.chars + page.rects:
                colour = obj.get("non_stroking_color")
                assert colour is None or len(colour) in (1, 4), f"non-CMYK colour {colour}"


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_pdfx4_intent_metadata_fonts_and_content(catalogue, rendered, layout, size):
    pdf = rendered(layout, size, profile="press")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.pdf_version == "1.6"
        (intent,) = document.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        expected = {"in": "CGATS TR 006", "mm": "FOGRA39"}[catalogue.sizes[size].unit]
        assert intent.OutputConditionIdentifier == expected
        profile = intent.DestOutputProfile
        assert profile.N == 4 and profile.read_bytes()[36:40] == b"acsp"
        xmp = document.open_metadata()
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert document.docinfo.GTS_PDFXVersion == "PDF/X-4"
        assert document.docinfo.Trapped == "/False"
        assert xmp["dc:title"] == str(document.docinfo.Title)
        assert xmp["xmp:CreateDate"].startswith("2026-11-28")
        assert xmp["xmpMM:DocumentID"].startswith("uuid:")
    for base_font, program in embedded_fonts(pdf):
        assert program is not None and font_source(program), base_font
    assert catalogue.hotline.call.display in text_of(pdf)
    targets = [t for page in range(len(_boxes(pdf))) for t in decode_qr(pdf, page)]
    assert targets == [catalogue.hotline.qr_target]


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_slug_line_names_the_piece_outside_the_bleed(rendered, layout, size):
    pdf = rendered(layout, size, profile="press")
    boxes = _boxes(pdf)[0]
    height = boxes["MediaBox"][3]
    bleed_bottom = height - boxes["BleedBox"][1]
    slug = [c for c in chars(pdf) if c.top > bleed_bottom]
    line = "".join(c.text for c in slug)
    for word in (layout, size, "en", "press", "2026-11-28", "awareprint"):
        assert word.replace(" ", "") in line


@pytest.mark.parametrize(("layout", "side"), [("poster", "top"), ("wallet-card", "left"),
                                              ("tearoff", "top")])
def test_backgrounds_run_into_the_bleed(catalogue, rendered, layout, side):
    spec = catalogue.layouts[layout]
    size = catalogue.sizes[spec.default_size]
    pdf = rendered(layout, spec.default_size, profile="press")
    frame = frame_for("press", size, catalogue.house)
    geometry = resolve(spec, size, catalogue.sizes[spec.reference_size], None, frame)
    image = page_images(pdf, dpi=144)[0]
    scale = 2
    trim = geometry.trim
    x = trim.x + trim.w / 2 if side == "top" else trim.x - frame.bleed / 2
    y = trim.y - frame.bleed / 2 if side == "top" else trim.y + trim.h / 2
    outside_x = x if side == "top" else trim.x - frame.bleed - 4
    outside_y = trim.y - frame.bleed - 4 if side == "top" else y
    ink = image.getpixel((round(x * scale), round(y * scale)))
    paper = image.getpixel((round(outside_x * scale), round(outside_y * scale)))
    assert sum(ink[:3]) < 200, f"the bleed at the {side} is not filled: {ink}"
    assert sum(paper[:3]) > 700, "outside the bleed should be blank"


@pytest.mark.parametrize(("layout", "size"), PIECES, ids=IDS)
def test_office_output_is_unchanged_by_press(catalogue, rendered, layout, size):
    pdf = rendered(layout, size)
    named = catalogue.sizes[size]
    for boxes in _boxes(pdf):
        assert boxes["MediaBox"] == pytest.approx([0, 0, named.width_pt, named.height_pt],
                                                  abs=0.01)
        assert boxes["TrimBox"] == boxes["MediaBox"] == boxes["BleedBox"]
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "/OutputIntents" not in document.Root
        operators = {str(op.operator) for page in document.pages
                     for op in pikepdf.parse_content_stream(page)}
        assert "k" not in operators and "K" not in operators
    assert _registration_rects(pdf, 0, catalogue) == []
    assert resolve(catalogue.layouts[layout], named,
                   catalogue.sizes[catalogue.layouts[layout].reference_size], None).frame == Frame()


# --- Printing conditions (GRACoL for inch sizes, FOGRA39 for mm) and fine print in one ink ---

def _intent(pdf):
    with pikepdf.open(io.BytesIO(pdf)) as document:
        (intent,) = document.Root.OutputIntents
        return (str(intent.OutputConditionIdentifier), str(intent.Info),
                intent.DestOutputProfile.read_bytes())


@pytest.mark.parametrize(("layout", "size", "condition", "icc"), [
    ("poster", "letter", "CGATS TR 006", "awareprint-GRACoL.icc"),
    ("wallet-card", "business-card", "CGATS TR 006", "awareprint-GRACoL.icc"),
    ("tearoff", "a4", "FOGRA39", "awareprint-FOGRA39.icc"),
    ("poster", "a3", "FOGRA39", "awareprint-FOGRA39.icc"),
])
def test_the_output_intent_follows_the_unit_of_size(catalogue, rendered, layout, size,
                                                    condition, icc):
    identifier, info, profile = _intent(rendered(layout, size, profile="press"))
    assert identifier == condition
    assert profile == (PROJECT_ROOT / "colour" / icc).read_bytes()
    assert (b"TR006" in profile) == (condition == "CGATS TR 006")
    assert ("TR006.ti3" in info) == (condition == "CGATS TR 006")


def test_a_press_profile_can_be_chosen(rendered_job, catalogue):
    job = make_job(catalogue, "tearoff", "letter", profile="press", intent="fogra39")
    assert job.file_name == "tearoff_letter_en_press-fogra39.pdf"
    identifier, _, profile = _intent(rendered_job(job).pdf)
    assert identifier == "FOGRA39"
    assert profile == (PROJECT_ROOT / "colour" / "awareprint-FOGRA39.icc").read_bytes()
    # The size's own default has one name, asked for or not.
    default = make_job(catalogue, "tearoff", "letter", profile="press", intent="GRACoL")
    assert default == make_job(catalogue, "tearoff", "letter", profile="press")
    with pytest.raises(InputError, match="choose from: gracol, fogra39"):
        make_job(catalogue, "tearoff", "letter", profile="press", intent="swop")
    with pytest.raises(InputError, match="press output only"):
        make_job(catalogue, "tearoff", "letter", intent="fogra39")


def _inside(obj, trim, height):
    return (obj["x0"] >= trim[0] and obj["x1"] <= trim[2]
            and height - obj["bottom"] >= trim[1] and height - obj["top"] <= trim[3])


def _cmyk(obj):
    return tuple(round(float(v), 3) for v in obj.get("non_stroking_color") or ())


@pytest.mark.parametrize(("layout", "size"), [("wallet-card", "business-card"),
                                              ("poster", "letter"), ("tearoff", "letter")])
def test_small_text_the_number_and_the_qr_code_print_in_registration_safe_inks(
        catalogue, rendered, layout, size):
    """Under 8 pt one ink, under 12 pt two at most; the QR code in black only."""
    pdf = rendered(layout, size, profile="press")
    # a number printed under 12 pt: the emergency number on the card's back, the hotline's
    # elsewhere
    digits = (catalogue.hotline.emergency.digits if layout == "wallet-card"
              else catalogue.hotline.call.digits[-4:])
    k_only = (0.0, 0.0, 0.0, 1.0)
    rules = catalogue.house.press.fine_print
    small, fine = rules.two_inks_below_pt, rules.single_ink_below_pt
    trims = [boxes["TrimBox"] for boxes in _boxes(pdf)]
    inks_of_small, inks_of_fine, modules, number = set(), set(), set(), []
    with plumbed(pdf) as document:
        for page, trim in zip(document.pages, trims, strict=True):
            height = float(page.height)
            chars = [c for c in page.chars if c.get("upright", True) and _inside(c, trim, height)]
            inks_of_small |= {_cmyk(c) for c in chars if c["size"] < small}
            inks_of_fine |= {_cmyk(c) for c in chars if c["size"] < fine - 0.05}
            line = "".join(c["text"] for c in chars if c["size"] < small)
            if digits in "".join(ch for ch in line if ch.isdigit()):
                number += [_cmyk(c) for c in chars if c["size"] < small and c["text"].isdigit()]
            modules |= {_cmyk(r) for r in page.rects if r["height"] < 5 and r["width"] < 50
                        and _inside(r, trim, height) and _cmyk(r) != (0.0, 0.0, 0.0, 0.0)}
    for cmyk in inks_of_small:  # paper (knocked out), one ink or two
        assert sum(v > 0 for v in cmyk) <= 2, cmyk
    for cmyk in inks_of_fine:  # paper or one ink
        assert sum(v > 0 for v in cmyk) <= 1, cmyk
    assert k_only in inks_of_small
    assert modules == {k_only}  # the QR code's modules: black only
    if layout == "wallet-card":  # the number under 12 pt on the back: black only
        assert number and set(number) == {k_only}
        assert inks_of_fine, "the card's back sets type under 8 pt"
        # The yellow of the front's call to action keeps its two inks (not Y 100 alone).
        assert tuple(v / 100 for v in catalogue.house.palette["signal"].cmyk) in inks_of_small
