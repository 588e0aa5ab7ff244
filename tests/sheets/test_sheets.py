"""Pieces on sheets: published label grids, press sheets with marks, duplex backs."""

from __future__ import annotations

import io
import re
import time

import pikepdf
import pytest

from awareprint.catalogue.request import make_job, make_sheet_job
from awareprint.cli.main import main
from awareprint.errors import InputError
from awareprint.preflight.read_back import preflight
from tests.pdfread import assert_inside_cells, lines_of, page_sizes, placements, plumbed

MM = 72 / 25.4
# The manufacturers' published grids: (left, top, pitch x, pitch y) of the first piece,
# piece size, columns, rows; points.
PUBLISHED = {
    "avery-5371": (0.75 * 72, 0.5 * 72, 3.5 * 72, 2 * 72, (3.5 * 72, 2 * 72), 2, 5),
    "avery-c32011": (15 * MM, 13.5 * MM, 95 * MM, 54 * MM, (85 * MM, 54 * MM), 2, 5),
}
_SHEETS: dict[tuple, bytes] = {}


def _sheet(catalogue, sheet, languages=("en",), **options):
    key = (sheet, languages, tuple(sorted(options.items())))
    if key not in _SHEETS:
        from awareprint.sheets.impose import render_sheet

        job = make_sheet_job(catalogue, "wallet-card", None, list(languages), sheet, **options)
        _SHEETS[key] = render_sheet(job, catalogue).pdf
    return _SHEETS[key]


@pytest.mark.parametrize("sheet", sorted(PUBLISHED))
def test_label_sheets_follow_the_published_grid(catalogue, sheet):
    left, top, pitch_x, pitch_y, (w, h), columns, rows = PUBLISHED[sheet]
    pdf = _sheet(catalogue, sheet)
    placed = placements(pdf, 0)
    assert len(placed) == columns * rows
    expected = [(left + col * pitch_x, top + row * pitch_y)
                for row in range(rows) for col in range(columns)]
    for piece, (x, y) in zip(placed, expected, strict=True):
        assert (piece.x, piece.y) == pytest.approx((x, y), abs=0.2)
        assert (piece.w, piece.h) == pytest.approx((w, h), abs=0.2)


@pytest.mark.parametrize("sheet", sorted(PUBLISHED))
def test_label_sheets_keep_colour_off_every_cut(catalogue, sheet):
    """An office printer drifts 1-2 mm: on label sheets no colour reaches a label's edge;
    every filled area stays the house's inset (2 mm or more) inside its label."""
    pdf = _sheet(catalogue, sheet)
    inset = catalogue.house.label_inset_pt
    assert inset >= 2 * 72 / 25.4
    for page_index in (0, 1):
        cells = placements(pdf, page_index)
        with plumbed(pdf) as document:
            page = document.pages[page_index]
            filled = [r for r in page.rects if r["fill"] and r["non_stroking_color"]
                      not in ((1,), (1, 1, 1), [1, 1, 1], (0, 0, 0, 0))]
        assert filled, "no coloured panels on the sheet"
        assert_inside_cells(filled, cells, inset)


@pytest.mark.parametrize("flip", ["long", "short"])
@pytest.mark.parametrize("sheet", ["avery-5371", "a3", "letter"])
def test_backs_land_behind_their_fronts(catalogue, sheet, flip):
    pdf = _sheet(catalogue, sheet, ("en", "es"), flip=flip)
    width, height = page_sizes(pdf)[0]
    fronts, backs = placements(pdf, 0), placements(pdf, 1)
    assert len(fronts) == len(backs) > 1
    for front, back in zip(fronts, backs, strict=True):
        if flip == "long":
            assert back.x == pytest.approx(width - front.x - front.w, abs=0.2)
            assert back.y == pytest.approx(front.y, abs=0.2)
        else:
            assert back.x == pytest.approx(front.x, abs=0.2)
            assert back.y == pytest.approx(height - front.y - front.h, abs=0.2)
        assert (back.w, back.h) == pytest.approx((front.w, front.h), abs=0.2)
        assert front.name.endswith(back.name[-1])  # the same language behind each piece


def test_every_placed_piece_carries_the_hotline_once(catalogue):
    pdf = _sheet(catalogue, "avery-5371", ("en", "es"))
    # the number and the web address on each front, what to do in danger on each back
    with plumbed(pdf) as document:
        front, back = ((page.extract_text() or "") for page in document.pages[:2])
    assert front.count(catalogue.hotline.call.display) == 10
    assert front.count(catalogue.hotline.web.display) == 10
    # side by side, a card's lines are read in with its neighbour's: the 911 of each
    assert back.count(catalogue.hotline.emergency.display) == 10
    text = lines_of(pdf)
    assert "GET HELP" in text and "PIDA AYUDA" in text


def test_press_sheet_marks_stay_off_every_piece(catalogue):
    pdf = _sheet(catalogue, "a3")
    rules = catalogue.house.press
    bleed = rules.bleed_pt("in")
    registration = tuple(v / 100 for v in rules.registration)
    with plumbed(pdf) as document:
        page = document.pages[0]
        marks = [r for r in page.rects
                 if tuple(round(float(v), 3) for v in r["non_stroking_color"] or ()) ==
                 registration]
        width, height = float(page.width), float(page.height)
    pieces = placements(pdf, 0)
    cuts_x = {round(p.x + bleed, 1) for p in pieces} | {round(p.x + p.w - bleed, 1)
                                                          for p in pieces}
    assert len(marks) >= 2 * len(cuts_x)
    for mark in marks:
        assert mark["x0"] >= 0 and mark["x1"] <= width and 0 <= mark["top"] <= height
        for piece in pieces:  # the piece's rectangle is its bleed box
            assert (mark["x1"] <= piece.x or mark["x0"] >= piece.x + piece.w
                    or mark["bottom"] <= piece.y or mark["top"] >= piece.y + piece.h)
    centres = {round((m["x0"] + m["x1"]) / 2, 1) for m in marks if m["x1"] - m["x0"] < 1}
    assert cuts_x <= centres, "a cut line has no mark"


def test_press_sheet_is_a_sheet_to_preflight(catalogue):
    pdf = _sheet(catalogue, "sra3")
    report = preflight(pdf, catalogue)
    assert report.press and report.sheet == "sra3" and report.passed, report.faults
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        sheet = [0, 0, 320 * MM, 450 * MM]
        assert [float(v) for v in page.TrimBox] == pytest.approx(sheet, abs=0.1)
        assert [float(v) for v in page.MediaBox] == pytest.approx(sheet, abs=0.1)


@pytest.mark.parametrize(("sheet", "profile"), [("avery-5371", "office"), ("a3", "press")])
def test_pieces_are_reused_not_copied(rendered_job, catalogue, sheet, profile):
    single = rendered_job(make_job(catalogue, "wallet-card", None, "en", profile=profile)).pdf
    pdf = _sheet(catalogue, sheet)
    assert len(pdf) <= 1.2 * len(single), f"{len(pdf)} bytes for {len(single)}"
    with pikepdf.open(io.BytesIO(pdf)) as document:
        forms = {str(name) for page in document.pages
                 for name in page.Resources.get("/XObject", {})}
    assert len(forms) == 2  # one form per side


def test_languages_alternate_or_fill_whole_sheets(catalogue):
    job = make_sheet_job(catalogue, "wallet-card", None, ["en", "es"], "avery-5371")
    assert job.pieces == ("en", "es") * 5
    job = make_sheet_job(catalogue, "wallet-card", None, [], "avery-5371",
                         fill="es:6,en:14")
    assert job.pieces == ("es",) * 6 + ("en",) * 14
    with pytest.raises(InputError, match="add up to whole sheets"):
        make_sheet_job(catalogue, "wallet-card", None, [], "avery-5371", fill="es:6,en:3")


def test_alignment_pages_put_a_cross_at_each_centre(catalogue):
    pdf = _sheet(catalogue, "avery-5371", alignment=True)
    assert len(page_sizes(pdf)) == 4
    fronts = placements(pdf, 0)
    registration = tuple(v / 100 for v in catalogue.house.press.registration)
    with plumbed(pdf) as document:
        rects = [r for r in document.pages[2].rects
                 if tuple(round(float(v), 3) for v in r["non_stroking_color"] or ()) ==
                 registration]
    centres = {(round((r["x0"] + r["x1"]) / 2), round((r["top"] + r["bottom"]) / 2))
               for r in rects}
    for piece in fronts:
        assert (round(piece.x + piece.w / 2), round(piece.y + piece.h / 2)) in centres


@pytest.mark.parametrize(("argv", "words"), [
    (["wallet-card", "--sheet", "avery-9999"], ["unknown sheet", "avery-5371", "sra3"]),
    (["poster", "--sheet", "letter"], ["does not fit on the letter sheet"]),
    (["wallet-card", "--sheet", "avery-5371", "--press"],
     ["--press: ", "label sheet", "ask for office output"]),
    (["wallet-card", "--sheet", "avery-5371", "--size", "cr80"],
     ["--size: ", "choose business-card"]),
    (["wallet-card", "--sheet", "a3", "--gutter", "lots"], ["--gutter: the gutter 'lots'"]),
    (["wallet-card", "--sheet", "a3", "--gutter", "6"],
     ["--gutter: the gutter '6' has no unit", "in, mm or pt", "only 0 needs none"]),
    (["wallet-card", "--sheet", "a3", "--fill", "es6"], ["LANG:COUNT"]),
    (["wallet-card", "--flip", "short"], ["--flip: ", "for pieces on a sheet"]),
])
def test_sheet_mistakes_are_one_line(capsys, tmp_path, argv, words):
    assert main([*argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    for word in words:
        assert word in err[0]
    assert list(tmp_path.iterdir()) == []


def test_a_sheet_is_written_from_the_command_line(tmp_path, capsys):
    assert main(["wallet-card", "--sheet", "avery-c32011", "--lang", "en", "--lang", "vi",
                 "--out", str(tmp_path)]) == 0
    (pdf,) = tmp_path.iterdir()
    assert pdf.name == "wallet-card_card-85x54_en-vi_avery-c32011.pdf"
    assert "1 sheet, 10 up, 2 pages" in capsys.readouterr().out


def test_tear_off_press_marks_every_tab_cut(catalogue, rendered):
    from awareprint.catalogue.geometry import resolve
    from awareprint.catalogue.profiles import frame_for

    spec = catalogue.layouts["tearoff"]
    size = catalogue.sizes["letter"]
    geometry = resolve(spec, size, size, None, frame_for("press", size, catalogue.house))
    pdf = rendered("tearoff", "letter", profile="press")
    registration = tuple(v / 100 for v in catalogue.house.press.registration)
    with plumbed(pdf) as document:
        page = document.pages[0]
        below = [r for r in page.rects
                 if tuple(round(float(v), 3) for v in r["non_stroking_color"] or ()) ==
                 registration and r["top"] > geometry.trim.bottom + geometry.frame.bleed]
    xs = {round((r["x0"] + r["x1"]) / 2, 1) for r in below if r["x1"] - r["x0"] < 1}
    assert {round(x, 1) for x in geometry.tabs.cut_guides_x} <= xs


# Pieces up per press sheet with the house gutter (0.25 in or 6 mm): the marks take the
# room the pieces leave instead of a margin of their own.
YIELDS = {
    "business-card": {"sra3": 21, "a3": 16, "tabloid": 16, "letter": 8, "a4": 8},
    "eu-card": {"sra3": 18, "a3": 18, "tabloid": 16, "letter": 8, "a4": 9},
    "cr80": {"sra3": 18, "a3": 18, "tabloid": 16, "letter": 8, "a4": 9},
}


def _registration_rects(catalogue, pdf: bytes, index: int) -> list[dict]:
    registration = tuple(v / 100 for v in catalogue.house.press.registration)
    with plumbed(pdf) as document:
        return [r for r in document.pages[index].rects
                if tuple(round(float(v), 3) for v in r["non_stroking_color"] or ()) ==
                registration]


def _clear_of(box: dict, pieces) -> bool:
    """Whether a box (pdfplumber's x0, x1, top, bottom) stays off every piece's bleed box."""
    return all(box["x1"] <= p.x + 0.01 or box["x0"] >= p.x + p.w - 0.01
               or box["bottom"] <= p.y + 0.01 or box["top"] >= p.y + p.h - 0.01
               for p in pieces)


def test_twenty_or_more_business_cards_on_sra3(catalogue):
    """What a print shop checks on the SRA3 sheet: how many cards, each printed whole with
    its hotline, the crop marks on every cut line and off every card's bleed, the slug
    line on the sheet, saying how many are up."""
    job = make_sheet_job(catalogue, "wallet-card", "business-card", ["en", "es"], "sra3")
    from awareprint.sheets.impose import render_sheet

    rendered = render_sheet(job, catalogue)
    pdf = rendered.pdf
    assert rendered.per_sheet == 21
    sheet = catalogue.sheets["sra3"]
    width, height = page_sizes(pdf)[0]
    edge = sheet.edge * MM
    for index in (0, 1):  # front and back
        pieces = placements(pdf, index)
        assert len(pieces) == 21
        bleed = 0.125 * 72
        assert {(round(p.w - 2 * bleed, 1), round(p.h - 2 * bleed, 1)) for p in pieces} == {
            (252.0, 144.0)}
        for piece in pieces:  # whole pieces, with their bleed, inside the printable sheet
            assert edge - 0.01 <= piece.x and piece.x + piece.w <= width - edge + 0.01
            assert edge - 0.01 <= piece.y and piece.y + piece.h <= height - edge + 0.01
        marks = _registration_rects(catalogue, pdf, index)
        assert marks
        for mark in marks:
            assert _clear_of(mark, pieces), mark
            assert edge - 0.01 <= mark["x0"] and mark["x1"] <= width - edge + 0.01
            assert edge - 0.01 <= mark["top"] and mark["bottom"] <= height - edge + 0.01
            longest = max(mark["x1"] - mark["x0"], mark["bottom"] - mark["top"])
            assert longest >= sheet.shortest_mark * MM - 0.01
        cuts_x = {round(p.x + bleed, 1) for p in pieces} | {round(p.x + p.w - bleed, 1)
                                                              for p in pieces}
        cuts_y = {round(p.y + bleed, 1) for p in pieces} | {round(p.y + p.h - bleed, 1)
                                                              for p in pieces}
        upright = [m for m in marks if m["x1"] - m["x0"] < 1]
        across = [m for m in marks if m["bottom"] - m["top"] < 1]
        for x in cuts_x:  # every cut line marked at least twice along its length
            assert sum(round((m["x0"] + m["x1"]) / 2, 1) == x for m in upright) >= 2, x
        for y in cuts_y:
            assert sum(round((m["top"] + m["bottom"]) / 2, 1) == y for m in across) >= 2, y
        with plumbed(pdf) as document:
            page = document.pages[index]
            text = page.extract_text() or ""
            small = [c for c in page.chars if c["size"] < catalogue.house.press.slug_pt + 0.1]
            # the slug line is the small line that names the program (a card's fine print
            # may be as small)
            start = "".join(c["text"] for c in small).find("awareprint")
            slug = [c for c in small if start >= 0 and abs(c["top"] - small[start]["top"]) < 0.5]
        # on every card: the number and the address on its front, what to do in danger on
        # its back (with the QR code)
        shown = ([catalogue.hotline.call.display, catalogue.hotline.web.display] if index == 0
                 else [catalogue.hotline.emergency.display])
        assert sum(text.count(line) for line in shown) == 21 * len(shown)
        assert "21 up on sra3" in text
        assert slug and all(_clear_of(c, pieces) for c in slug)
        assert all(edge - 0.01 <= c["x0"] and c["x1"] <= width - edge + 0.01
                   and c["bottom"] <= height - edge + 0.01 for c in slug)
    assert preflight(pdf, catalogue).passed


@pytest.mark.parametrize("gutter", [None, "0mm", "2mm"])
@pytest.mark.parametrize("size", sorted(YIELDS))
def test_press_sheet_yields_and_marks_in_what_room_is_left(catalogue, size, gutter):
    from awareprint.catalogue.jobs import imposition_for

    for sheet_name, expected in YIELDS[size].items():
        job = make_sheet_job(catalogue, "wallet-card", size, ["en"], sheet_name,
                             gutter=gutter)
        layout = imposition_for(job, catalogue)
        if gutter is None:
            assert len(layout.fronts) == expected, sheet_name
        else:
            assert len(layout.fronts) >= expected, sheet_name  # a narrower gutter: never fewer
        sheet = catalogue.sheets[sheet_name]
        edge = sheet.edge * (72 if catalogue.sizes[sheet.paper].unit == "in" else MM)
        bleeds = [p.rect.grown(*(layout.bleed,) * 4) for p in layout.fronts]
        for flip in ("long", "short"):
            for marks, slug, pieces in (
                    (layout.marks, layout.slug, bleeds),
                    (layout.back_marks(flip), layout.back_slug(flip),
                     [p.rect.grown(*(layout.bleed,) * 4) for p in layout.backs(flip)])):
                for rect in (*marks, slug):
                    assert not any(rect.overlaps(piece) for piece in pieces), (sheet_name, rect)
                    assert rect.x >= edge - 0.01 and rect.y >= edge - 0.01
                    assert rect.right <= layout.width - edge + 0.01
                    assert rect.bottom <= layout.height - edge + 0.01


@pytest.mark.parametrize("sheet", ["avery-5371", "a3"])
def test_a_sheet_is_the_same_file_every_time(catalogue, sheet):
    """The same order made twice gives the same bytes (its /ID, and for press its XMP
    document ID, follow from the content, never chance)."""
    from awareprint.sheets.impose import render_sheet

    job = make_sheet_job(catalogue, "wallet-card", None, ["en"], sheet)
    first = render_sheet(job, catalogue).pdf
    _next_second()
    second = render_sheet(job, catalogue).pdf
    assert first == second  # pytest names the first byte that differs


def _next_second() -> None:
    """Wait for the clock's next second: a random /ID from qpdf is seeded with the time in
    whole seconds, so two files saved within one second would agree by chance."""
    now = int(time.time())
    while int(time.time()) == now:
        time.sleep(0.02)


def _layout_for(catalogue, sheet_name: str) -> str:
    """A layout that goes on the sheet: one with the label sheet's size, else the card."""
    piece = catalogue.sheets[sheet_name].piece
    return next((name for name, spec in catalogue.layouts.items() if piece in spec.sizes),
                "wallet-card")


def test_a_fill_short_of_whole_sheets_is_said_in_plain_words_for_every_sheet(catalogue):
    for name, sheet in catalogue.sheets.items():
        layout = _layout_for(catalogue, name)
        held = len(make_sheet_job(catalogue, layout, None, ["en"], name).pieces)
        with pytest.raises(InputError) as refused:
            make_sheet_job(catalogue, layout, None, [], name, fill=f"es: {held}, en:1")
        assert str(refused.value) == (
            f"{sheet.title}: {held} pieces to a sheet, but the quantities es:{held},en:1 make "
            f"{held + 1}; give quantities that add up to whole sheets ({held}, {2 * held}, "
            "...)")


def test_the_readme_fill_mistake_is_one_grammatical_line(capsys, tmp_path, catalogue):
    assert main(["wallet-card", "--sheet", "a3", "--fill", "es:6,en:6",
                 "--out", str(tmp_path)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"render.py: --fill: {catalogue.sheets['a3'].title}: 16 pieces "
                           "to a sheet, but the quantities es:6,en:6 make 12;")
    assert not re.search(r"\ba [aeiou]", line, re.IGNORECASE), line
    assert list(tmp_path.iterdir()) == []


def _sheet_help(layout: str, capsys) -> str:
    with pytest.raises(SystemExit) as done:
        main([layout, "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    options = text[text.index("options:"):]
    return options[options.index("--sheet NAME"):options.index("--flip EDGE")]


def test_the_help_names_every_sheet_a_layout_goes_on(catalogue, capsys):
    for layout, spec in catalogue.layouts.items():
        shown = _sheet_help(layout, capsys)
        for name, sheet in catalogue.sheets.items():
            if sheet.kind == "press":
                assert re.search(rf"\b{re.escape(name)}\b", shown), (layout, name)
            elif sheet.piece in spec.sizes:
                assert f"{name} for {sheet.piece}" in shown, (layout, name)
                make_sheet_job(catalogue, layout, None, ["en"], name)  # it does go there
            else:
                assert name not in shown, (layout, name)


@pytest.mark.parametrize("zero", ["0", "0.0", " 0 "])
def test_a_zero_gutter_needs_no_unit(catalogue, zero):
    bare = make_sheet_job(catalogue, "wallet-card", None, ["en"], "a3", gutter=zero)
    assert bare == make_sheet_job(catalogue, "wallet-card", None, ["en"], "a3", gutter="0mm")
    assert bare.gutter_pt == 0


def test_a_zero_gutter_is_taken_from_the_command_line(tmp_path, capsys):
    assert main(["wallet-card", "--sheet", "a3", "--gutter", "0", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""
    (pdf,) = tmp_path.iterdir()  # read back with the press rules before it was written
    assert pdf.name == "wallet-card_business-card_en_a3_press.pdf"


LABEL_PIECES = [("wallet-card", "avery-5371", ("en",)), ("wallet-card", "avery-5371", ("en+es",)),
                ("wallet-card", "avery-c32011", ("en",)),
                ("wallet-card", "avery-c32011", ("en+es",))]


@pytest.mark.parametrize(("layout", "sheet", "languages"), LABEL_PIECES)
def test_label_sheets_print_no_hairline_band(catalogue, layout, sheet, languages):
    """The inset keeps colour off each cut; a band it would shrink below 3 mm is grown to
    3 mm or dropped, never printed as a hairline (the wallet card's yellow edge was 0.7 mm)."""
    from awareprint.sheets.impose import render_sheet

    least = catalogue.house.label_band_min_pt
    assert least == pytest.approx(3 * MM)
    job = make_sheet_job(catalogue, layout, None, list(languages), sheet)
    pdf = render_sheet(job, catalogue).pdf
    bands = 0
    for page_index in (0, 1):
        cells = placements(pdf, page_index)
        with plumbed(pdf) as document:
            page = document.pages[page_index]
            coloured = [r for r in page.rects if r["fill"] and r["non_stroking_color"]
                        not in ((1,), (1, 1, 1), [1, 1, 1], (0, 0, 0, 0))]
        inset = catalogue.house.label_inset_pt
        for rect in coloured:
            long_side = max(rect["width"], rect["height"])
            if long_side < 0.5 * min(cells[0].w, cells[0].h) or not _at_a_cut(rect, cells,
                                                                              inset):
                continue  # a QR code's module, a rule drawn thin by design: not a band
            bands += 1
            assert min(rect["width"], rect["height"]) >= least - 0.05, (
                f"page {page_index + 1}: a band {min(rect['width'], rect['height']) / MM:.2f}"
                f" mm thin at ({rect['x0']:.0f}, {rect['top']:.0f})")
    assert bands, "no coloured bands on the sheet"


def _at_a_cut(rect, cells, inset) -> bool:
    """Whether a rectangle runs to a label's edge (stopped the inset short of its cut)."""
    for cell in cells:
        edges = (rect["x0"] - cell.x, rect["top"] - cell.y, cell.x + cell.w - rect["x1"],
                 cell.y + cell.h - rect["bottom"])
        if all(edge > -1 for edge in edges) and any(abs(edge - inset) < 0.3 for edge in edges):
            return True
    return False


def test_wallet_card_back_keeps_its_yellow_edge_on_labels(catalogue):
    """The back's yellow edge is grown to 3 mm (it fits above the text), not dropped."""
    from awareprint.catalogue.geometry import resolve
    from awareprint.catalogue.profiles import frame_for

    spec, size = catalogue.layouts["wallet-card"], catalogue.sizes["business-card"]
    frame = frame_for("office", size, catalogue.house, on_sheet=True)
    geometry = resolve(spec, size, catalogue.sizes[spec.reference_size], None, frame)
    (edge,) = [p for p in geometry.page("back").panels if p.name == "edge"]
    assert edge.rect.y == pytest.approx(catalogue.house.label_inset_pt)
    assert edge.rect.h == pytest.approx(3 * MM)
    assert all(not edge.rect.overlaps(slot.rect) for slot in geometry.page("back").slots)


def test_a_press_sheet_slug_prints_the_date_of_issue_and_job_number(catalogue):
    """The slug carries when the file was issued and the number the shop quotes; a sheet
    made for no issue names the hotline facts' date as what it is, not as a date of issue."""
    import datetime

    from awareprint.catalogue.issue import Issue
    from awareprint.sheets.impose import render_sheet

    issue = Issue(datetime.date(2027, 1, 2), "270102-KDTJ")
    job = make_sheet_job(catalogue, "wallet-card", None, ["en"], "sra3", issue=issue)
    assert job.issue == issue
    slug = lines_of(render_sheet(job, catalogue).pdf).splitlines()
    (line, *_) = [line for line in slug if line.startswith("awareprint")]
    assert "issued 2027-01-02 · job 270102-KDTJ" in line
    assert catalogue.hotline.checked.isoformat() not in line
    unissued = lines_of(_sheet(catalogue, "sra3")).splitlines()
    (line, *_) = [line for line in unissued if line.startswith("awareprint")]
    assert f"facts checked {catalogue.hotline.checked.isoformat()}" in line
    assert "issued" not in line


@pytest.mark.parametrize("safe", [False, True])
def test_a_sheet_of_cards_declares_the_partners_number_only_where_printed(catalogue, safe):
    """Ten co-branded wallet cards on Avery 5371: the partner's contact line printed on each
    card only when marked safe for victims, and declared to preflight only then."""
    from awareprint.catalogue.user_text import PartnerMark
    from awareprint.sheets.impose import render_sheet

    partner = PartnerMark("Clinic", "Victim services: 402-555-0143", "clinic.example.org",
                          None, safe)
    job = make_sheet_job(catalogue, "wallet-card", None, ["en", "es"], "avery-5371",
                         partner=partner)
    pdf = render_sheet(job, catalogue).pdf
    report = preflight(pdf, catalogue)
    assert report.passed, report.faults
    assert report.partner_numbers == (["4025550143"] if safe else [])
    text = " ".join(lines_of(pdf).split())
    assert text.count("clinic.example.org") == 10
    assert text.count("402-555-0143") == (10 if safe else 0)
