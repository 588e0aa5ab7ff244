"""The job ticket a batch writes for the print shop: every file with its preview, size,
quantity, sheets and paper; the partner printed literally; over as many pages as needed."""

from __future__ import annotations

import base64
import io
import re

import pikepdf
import pytest
from PIL import Image

from awareprint.catalogue.dates import document_date
from awareprint.documents.ticket_pdf import THUMBNAIL_PX
from awareprint.documents.ticket_text import load_ticket_text
from awareprint.engine import layout as engine
from awareprint.errors import ContentError, RenderError
from awareprint.orders.batch import ItemResult
from awareprint.orders.order_file import load_order
from awareprint.orders.order_ticket import order_ticket_pdf
from awareprint.paths import LAYOUTS_DIR
from awareprint.preflight.preview import page_images
from tests.pdfread import embedded_fonts, font_source, page_sizes, plumbed, text_of

PARTNER = "<b>Hope</b> {{ x }}"
ORDER = f"""\
orderer:
  name: Dana Whitfield
  email: dana@hope.example.org
  phone: "+1 402-555-0143"
due: 2027-01-08
partner:
  name: "{PARTNER}"
  contact: "Front desk & volunteers"
  website: hope.example.org
  event: {{name: Omaha Freedom Walk, date: 2027-01-11}}
items:
  - layout: poster
  - layout: wallet-card
    sheet: avery-5371
    quantity: 200
  - layout: tearoff
    languages: [en+es]
    quantity: 40
  - layout: poster
    sizes: [tabloid]
    languages: [en+es]
    profile: press
    quantity: 5
  - layout: wallet-card
    sheet: sra3
    profile: press
    quantity: 480
    stock: Soft-touch cover
    weight: 400 gsm
  - layout: tearoff
    profile: press
    quantity: 60
"""
ERROR = "tearoff letter [en+es]: --event does not fit its line; shorten it"


def result(item, file, layout="poster", size="letter", languages=("en",), profile="office",
           sheet=None, pages=1, quantity=1, sheets=1, error=None, warnings=(), per_sheet=1,
           overs=0):
    return ItemResult(item=item, file=file, layout=layout, size=size, languages=list(languages),
                      profile=profile, sheet=sheet, pages=pages, quantity=quantity,
                      sheets_needed=sheets, sha256=None if error else "0" * 64, error=error,
                      warnings=tuple(warnings), per_sheet=per_sheet, overs=overs)


@pytest.fixture
def order(tmp_path, catalogue):
    path = tmp_path / "hope-shelter.yaml"
    path.write_text(ORDER, encoding="utf-8")
    return load_order(path, catalogue)


def flat(pdf: bytes) -> str:
    """The ticket's text on one line: cells wrapped at '_' or '-' joined up again."""
    return re.sub(r"\s+", " ", re.sub(r"(?<=[_-])\n", "", text_of(pdf)))


def row_of(text: str, start: str, names: list[str], after: int = 0) -> str:
    """A row's text: from its first cell (found after `after`) to the next row's."""
    begin = text.index(start, after)
    ends = [text.index(name, begin + 1) for name in names
            if name != start and name in text[begin + 1:]]
    return text[begin:min(ends, default=len(text))]


def images_in(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) in pixels of every image the PDF holds."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [(int(obj.Width), int(obj.Height)) for obj in document.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]


CARDS = "wallet-card_business-card_en_sra3_press.pdf"
TABLOID = "poster_tabloid_en+es_press.pdf"
TEAROFF = "tearoff_letter_en_press.pdf"
AVERY = "wallet-card_business-card_en_avery-5371.pdf"


def shop_results() -> list[ItemResult]:
    return [
        result(1, "poster_letter_en.pdf", quantity=12, sheets=14, overs=2),
        result(2, AVERY, "wallet-card", "business-card", sheet="avery-5371", pages=2,
               quantity=200, sheets=21, per_sheet=10, overs=10),
        result(3, None, "tearoff", "letter", ("en", "es"), pages=0, quantity=40, sheets=0,
               error=ERROR, overs=2),
        result(4, TABLOID, size="tabloid", languages=("en", "es"), profile="press",
               quantity=5, sheets=7, overs=2),
        result(5, CARDS, "wallet-card", "business-card", profile="press", sheet="sra3",
               pages=2, quantity=480, sheets=24, per_sheet=21, overs=24),
        result(6, TEAROFF, "tearoff", "letter", profile="press", quantity=60, sheets=63,
               overs=3),
    ]


def test_every_file_with_what_the_print_shop_needs(order, catalogue, rendered, tmp_path):
    poster_png = tmp_path / "poster.png"
    page_images(rendered("poster", "letter"), dpi=100)[0].save(poster_png)  # 850 × 1100 px
    card_png = tmp_path / "card.png"  # landscape, with transparency
    Image.new("RGBA", (700, 400), (12, 35, 64, 128)).save(card_png)
    results = shop_results()
    thumbnails = {"poster_letter_en.pdf": poster_png, AVERY: card_png}
    pdf = order_ticket_pdf(order, results, thumbnails, catalogue)
    labels = load_ticket_text(catalogue.content_dir)
    text = flat(pdf)

    assert page_sizes(pdf)[0] == (792, 612)  # US Letter landscape
    assert "hope-shelter.yaml" in text
    assert PARTNER in text and "Front desk & volunteers" in text and "hope.example.org" in text
    assert "Omaha Freedom Walk · 2027-01-11" in text
    assert document_date(catalogue.hotline.checked).date().isoformat() in text
    fields = labels.fields
    # The orderer, not the partner's printed contact line, is whom the shop calls.
    assert (f"{fields.due.upper()} 2027-01-08 {fields.orderer.upper()} Dana Whitfield "
            f"{fields.email.upper()} dana@hope.example.org {fields.phone.upper()} "
            "+1 402-555-0143") in text
    assert f"{fields.contact.upper()} Front desk & volunteers" in text
    assert f"{fields.files.upper()} 5 {fields.failed.upper()} 1" in text

    starts = [r.file or labels.failed.upper() for r in results]
    table = text.index(f"{labels.columns.preview} {labels.columns.file}")
    poster = row_of(text, "poster_letter_en.pdf", starts)
    assert "Awareness poster US Letter 8.5 × 11 in English" in poster
    assert "4/0 One side Coated silk text 170 gsm (100 lb text)" in poster
    assert "None: printed at its finished size 1 12 + 2 overs 14 US Letter, one a page" in poster

    avery = row_of(text, AVERY, starts)
    assert "4/4 Sheetwise: page 2 backs page 1; turn on the long edge" in avery
    assert f"{catalogue.sheets['avery-5371'].title} As supplied" in avery
    assert "label sheet's perforations 2 200 + 10 overs 21" in avery
    assert "10 up 8.5 × 11 in" in avery

    failed = row_of(text, labels.failed.upper(), starts, after=table)
    assert ERROR in failed and "English + Spanish" in failed
    assert f"{labels.none} 40 + 2 overs {labels.none}" in failed

    tabloid = row_of(text, TABLOID, starts)
    assert labels.profiles.press in tabloid
    # the printing condition the press file is made for (an inch size: GRACoL)
    condition = catalogue.house.press.output_intents["gracol"].title
    assert " ".join(condition.split()) in tabloid and condition not in poster
    assert f"{labels.no_preview} {TABLOID}" in text  # preview cell first
    assert "4/0 One side" in tabloid and "Trim to 11 × 17 in at the crop marks" in tabloid
    # a 12.22 × 18.22 in file with bleed and marks: 13 × 19 in paper, not Tabloid
    assert "1 5 + 2 overs 7 13 × 19 in press sheet, one a page 13 × 19 in" in tabloid
    assert "File 12.22 × 18.22 in" in tabloid and "Tabloid, one a page" not in tabloid

    cards = row_of(text, CARDS, starts)
    assert "4/4 Sheetwise: page 2 backs page 1; turn on the long edge" in cards
    assert "Soft-touch cover 400 gsm" in cards  # the order's stock, not the house's
    assert "Cut 21 up to 3.5 × 2 in at the crop marks" in cards
    assert "2 480 + 24 overs 24 SRA3 press sheet (320 × 450 mm) 21 up 320 × 450 mm" in cards

    tearoff = row_of(text, TEAROFF, starts)
    assert "Uncoated offset 90 gsm" in tearoff
    assert ("Trim to 8.5 × 11 in at the crop marks Slit between the 10 tabs up to the tear "
            "line; perforate the tear line") in tearoff
    assert "Tabloid, one a page" in tearoff  # 9.33 × 12.12 in with its marks

    images = images_in(pdf)
    assert len(images) == len(thumbnails)  # one each; flattened, so no soft masks either
    assert all(max(size) <= THUMBNAIL_PX for size in images)
    with plumbed(pdf) as document:
        placed = [image for page in document.pages for image in page.images]
    assert len(placed) == 2 and all(image["height"] <= 1.1 * 72 + 0.1 for image in placed)
    assert len(pdf) < 150_000
    fonts = list(embedded_fonts(pdf))
    assert fonts
    for name, program in fonts:
        assert program is not None and font_source(program) is not None, name


def test_an_order_without_orderer_or_due_date_says_so(catalogue, tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text("partner: {name: Clinic}\nitems:\n  - layout: poster\n", encoding="utf-8")
    bare = load_order(path, catalogue)
    labels = load_ticket_text(catalogue.content_dir)
    text = flat(order_ticket_pdf(bare, [result(1, "poster_letter_en.pdf")], {}, catalogue))
    fields = labels.fields
    assert (f"{fields.due.upper()} {labels.not_given} {fields.orderer.upper()} "
            f"{labels.not_given}") in text


def test_warnings_are_on_the_row_of_their_file(order, catalogue):
    draft = "the ar translation is a draft, not yet reviewed by a person"
    results = [result(1, "poster_letter_ar.pdf", languages=("ar",), warnings=[draft]),
               result(2, "poster_letter_en.pdf"),
               result(3, None, error=ERROR, warnings=["not shown: the item failed"])]
    pdf = order_ticket_pdf(order, results, {}, catalogue)
    labels = load_ticket_text(catalogue.content_dir)
    text = flat(pdf)
    starts = ["poster_letter_ar.pdf", "poster_letter_en.pdf", ERROR]
    assert f"{labels.warning}: {draft}" in row_of(text, "poster_letter_ar.pdf", starts)
    assert labels.warning not in row_of(text, "poster_letter_en.pdf", starts)
    assert "not shown" not in text
    assert f"{labels.fields.warnings.upper()} 1" in text
    assert labels.fields.warnings.upper() not in flat(
        order_ticket_pdf(order, results[1:2], {}, catalogue))


def test_a_long_order_runs_over_pages_with_the_header_on_each(order, catalogue):
    files = [f"poster_letter_{number:02d}.pdf" for number in range(1, 41)]
    results = [result(number, file, quantity=number, sheets=number)
               for number, file in enumerate(files, start=1)]
    pdf = order_ticket_pdf(order, results, {}, catalogue)
    labels = load_ticket_text(catalogue.content_dir)
    pages = len(page_sizes(pdf))
    assert pages > 1
    text = flat(pdf)
    for number, file in enumerate(files, start=1):
        assert f"{file} Awareness poster" in text
        assert f"1 {number} {number} US Letter, one a page" in row_of(text, file, files)
    with plumbed(pdf) as document:
        for index, page in enumerate(document.pages, start=1):
            words = re.sub(r"\s+", " ", page.extract_text())
            assert f"{labels.columns.preview} {labels.columns.file}" in words  # thead repeats
            on_page = [file for file in files if file.removesuffix(".pdf") in words]
            assert on_page and words.count("one a page") == len(on_page)  # no row split
            assert f"Page {index} of {pages}" in words


def _rows_per_page(pdf: bytes, files: list[str]) -> list[int]:
    with plumbed(pdf) as document:
        pages = [re.sub(r"\s+", "", page.extract_text()) for page in document.pages]
    return [sum(file.removesuffix(".pdf") in words for file in files) for words in pages]


def test_no_row_is_left_alone_on_a_page(order, catalogue):
    """Orders one row longer than a page (or two pages) holds: the row that would stand
    alone on the last page takes the one before it along."""
    def ticket(count: int) -> list[int]:
        files = [f"poster_letter_{number:02d}.pdf" for number in range(1, count + 1)]
        results = [result(number, file, quantity=number, sheets=number)
                   for number, file in enumerate(files, start=1)]
        return _rows_per_page(order_ticket_pdf(order, results, {}, catalogue), files)

    full = ticket(40)
    assert len(full) > 2 and sum(full) == 40
    for count in (full[0] + 1, full[0] + full[1] + 1):
        per_page = ticket(count)
        assert sum(per_page) == count and len(per_page) >= 2
        assert min(per_page) >= 2, per_page


def test_the_ticket_is_not_a_layout_or_a_language(catalogue):
    assert "job-ticket" not in catalogue.layouts
    assert not (LAYOUTS_DIR / "job-ticket" / "layout.yaml").exists()
    assert all(not code.startswith("job") for code in catalogue.languages)


def test_a_broken_label_file_names_every_problem(tmp_path):
    folder = tmp_path / "job-ticket"
    folder.mkdir()
    (folder / "en.yaml").write_text(
        "title: Job ticket\ndocument_title: 'Ticket {partner}'\npage: 'Page {page}'\n"
        "fields: {}\ncolumns: {}\nprofiles: {office: Office, press: Press}\n"
        "one_a_page: '{paper}'\nfailed: Failed\nno_preview: None\nnone: '-'\ncolour: red\n",
        encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_ticket_text(tmp_path)
    problems = "\n".join(caught.value.problems)
    assert "fields.order: missing" in problems and "columns.paper: missing" in problems
    assert "colour: unknown key" in problems


def test_an_unknown_placeholder_is_refused(tmp_path):
    folder = tmp_path / "job-ticket"
    folder.mkdir()
    good = (LAYOUTS_DIR.parent / "content/job-ticket/en.yaml").read_text(encoding="utf-8")
    (folder / "en.yaml").write_text(good.replace("{order}", "{partner}"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"document_title has \{partner\}"):
        load_ticket_text(tmp_path)


def test_data_uris_are_read_and_nothing_outside_the_project(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    outside = tmp_path / "outside.png"
    outside.write_bytes(buffer.getvalue())
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    base = LAYOUTS_DIR.as_uri() + "/"
    document, warnings = engine.lay_out(f'<img src="{uri}">', base)
    assert warnings == [] and len(images_in(engine.write_pdf(document))) == 1
    svg = base64.b64encode(
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'width="4" height="4"><image width="4" height="4" xlink:href="'
        + outside.as_uri().encode() + b'"/></svg>').decode()
    document, _ = engine.lay_out(f'<img src="data:image/svg+xml;base64,{svg}">', base)
    assert images_in(engine.write_pdf(document)) == []  # the file it points to is not read
    with pytest.raises(RenderError, match="refused"):
        engine.lay_out(f'<img src="{outside.as_uri()}">', base)


def test_a_failed_sheet_item_still_shows_how_many_are_up(order, catalogue):
    failed = result(5, None, "wallet-card", "business-card", profile="press", sheet="sra3",
                    pages=0, quantity=480, sheets=0, error=ERROR, overs=24)
    text = flat(order_ticket_pdf(order, [failed], {}, catalogue))
    assert "Cut 21 up to 3.5 × 2 in at the crop marks" in text and "21 up 320 × 450 mm" in text


ISSUED = """\
issued: 2027-01-02
job: PRH-PO-114
deliver_to:
  name: Prairie Hotels Group, attn. Security
  address: [1200 Farnam St, Loading dock B, "Omaha, NE 68102"]
"""


def test_the_ticket_carries_the_date_of_issue_job_number_and_delivery(catalogue, tmp_path):
    path = tmp_path / "issued.yaml"
    path.write_text(ISSUED + ORDER, encoding="utf-8")
    order = load_order(path, catalogue)
    pdf = order_ticket_pdf(order, shop_results()[:2], {}, catalogue)
    labels = load_ticket_text(catalogue.content_dir)
    text = flat(pdf)
    fields = labels.fields
    assert "2027-01-02" in text and "PRH-PO-114" in text
    facts = catalogue.hotline.checked.isoformat()
    assert facts != "2027-01-02" and facts not in text  # the facts' date is no date of issue
    with plumbed(pdf) as document:
        lines = (document.pages[0].extract_text() or "").splitlines()
        page = document.pages[0]
        approval = [w for w in page.extract_words() if w["text"] == labels.approval.by.split()[0]]
        rules = [r for r in page.rects + page.lines  # the blanks' underlines, drawn as boxes
                 if r["width"] >= 1 * 72 and approval
                 and abs(r["bottom"] - approval[0]["bottom"]) < 6]
    head = " ".join(lines[:12])
    for label, value in ((fields.date, "2027-01-02"), (fields.job, "PRH-PO-114")):
        assert label.upper() in head and value in head
    for line in ("Prairie Hotels Group, attn. Security", "1200 Farnam St",
                 "Loading dock B", "Omaha, NE 68102"):
        assert line in text
    assert f"{labels.approval.by} {labels.approval.date}" in text
    assert len(rules) >= 2 and max(r["width"] for r in rules) >= 3 * 72  # lines to sign on


def test_sizes_are_never_broken_across_lines(catalogue, order):
    """A size is read whole: "US business card (3.5 × 2 in)" on one line, in every cell."""
    results = [result(1, AVERY, "wallet-card", "business-card", sheet="avery-5371", pages=2,
                      quantity=200, sheets=21, per_sheet=10),
               result(2, "wallet-card_cr80_en_press.pdf", "wallet-card", "cr80",
                      profile="press", pages=2),
               result(3, TABLOID, size="tabloid", profile="press", quantity=5, sheets=7)]
    pdf = order_ticket_pdf(order, results, {}, catalogue)
    with plumbed(pdf) as document:
        lines = [" ".join(line.split()) for page in document.pages
                 for line in (page.extract_text() or "").splitlines()]
    for size in ("business-card", "cr80", "tabloid"):
        title = " ".join(catalogue.sizes[size].title.split())
        assert any(title in line for line in lines), (title, lines)
    for dimensions in ("3.5 × 2 in", "85.6 × 53.98 mm", "11 × 17 in"):
        assert any(dimensions in line for line in lines), dimensions
    assert not any(line.endswith(("(3.5", "(85.60", "(11")) for line in lines)


@pytest.mark.parametrize("example", ["church.yaml", "hotel-group.yaml", "event.csv"])
def test_the_example_orders_leave_no_last_page_mostly_empty(catalogue, rendered, tmp_path,
                                                           example):
    """With a preview on every row, as a batch makes it: one page, or a last page at
    least a third full."""
    from awareprint.paths import PROJECT_ROOT

    order = load_order(PROJECT_ROOT / "examples" / "orders" / example, catalogue)
    preview = tmp_path / "preview.png"
    page_images(rendered("poster", "letter"), dpi=100)[0].save(preview)
    results = [result(item.number, item.job.file_name, item.job.layout, item.job.size,
                      item.job.languages, item.job.profile, item.sheet,
                      warnings=["the es translation is a draft, not yet reviewed by a person"])
               for item in order.items]
    pdf = order_ticket_pdf(order, results, {r.file: preview for r in results}, catalogue)
    with plumbed(pdf) as document:
        pages = document.pages
        last = pages[-1]
        margin_top, margin_bottom = 0.5 * 72, 0.6 * 72
        body = [c for c in last.chars if c["bottom"] < last.height - margin_bottom]
        used = (max(c["bottom"] for c in body) - margin_top) / (
            last.height - margin_top - margin_bottom)
    assert len(pages) == 1 or used >= 1 / 3, (len(pages), used)


@pytest.mark.parametrize(("mark", "items", "said"), [
    ("", "  - layout: wallet-card\n  - layout: discreet-card\n", "left_off"),
    ("  contact_safe_for_victims: true\n", "  - layout: wallet-card\n  - layout: poster\n",
     "printed"),
    ("  contact_safe_for_victims: true\n", "  - layout: poster\n", None),
])
def test_the_ticket_says_whether_victim_facing_pieces_print_the_contact_line(
        catalogue, tmp_path, mark, items, said):
    path = tmp_path / "order.yaml"
    path.write_text(f"partner:\n  name: Clinic\n  contact: Front desk\n{mark}items:\n{items}",
                    encoding="utf-8")
    labels = load_ticket_text(catalogue.content_dir)
    text = flat(order_ticket_pdf(load_order(path, catalogue), [], {}, catalogue))
    heading = labels.fields.victim_contact.upper()
    assert f"{labels.fields.contact.upper()} Front desk" in text
    if said is None:  # no piece of the order is victim-facing: nothing to say
        assert heading not in text
        return
    ordered = [line.removeprefix("  - layout: ") for line in items.splitlines()]
    pieces = [catalogue.layouts[name].title for name in ordered
              if catalogue.layouts[name].victim_facing]  # in the order's order
    assert f"{heading} {getattr(labels.victim_contact, said)} {', '.join(pieces)}" in text


def test_the_ticket_says_which_languages_no_person_has_reviewed_and_who_decided(order,
                                                                                catalogue):
    """The order prints Spanish (en+es), whose strings no person has reviewed: the ticket
    says so in plain words, and whether staff decided to print it, who and when."""
    from awareprint.catalogue.unreviewed import decision_for, unreviewed_languages

    total = len(catalogue.languages["en"].strings)
    spanish = f"Spanish: {total} of {total} strings not yet reviewed by a person"
    undecided = flat(order_ticket_pdf(order, shop_results(), {}, catalogue))
    assert f"NOT YET REVIEWED BY A PERSON {spanish} No one has decided to print them: ask " \
           "the staff before printing" in undecided
    decision = decision_for(catalogue, unreviewed_languages(catalogue, ["es"]), "Dana Cole",
                            "--print-unreviewed", "2027-01-06T14:05:09+00:00")
    decided = flat(order_ticket_pdf(order, shop_results(), {}, catalogue, decision))
    assert f"{spanish} Printed on the decision of Dana Cole (2027-01-06 14:05 UTC)" in decided
    assert "No one has decided" not in decided
    english = load_order(_english_only(order.path), catalogue)
    assert "REVIEWED" not in flat(order_ticket_pdf(english, shop_results()[:1], {}, catalogue))


def _english_only(path):
    """The order with its two-language items made English only."""
    english = path.with_name("english.yaml")
    english.write_text(path.read_text(encoding="utf-8").replace("[en+es]", "[en]"),
                       encoding="utf-8")
    return english
