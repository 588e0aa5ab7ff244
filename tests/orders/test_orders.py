"""Partner orders are checked whole before anything is rendered: every mistake at once,
with file, line or row, field and the fix."""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import zlib

import pytest

from awareprint.errors import ContentError, InputError
from awareprint.orders.order_file import load_order
from awareprint.paths import PROJECT_ROOT

EXAMPLES = PROJECT_ROOT / "examples/orders"


@pytest.mark.parametrize("name", ["church.yaml", "hotel-group.yaml", "event.csv"])
def test_the_example_orders_load(catalogue, name):
    order = load_order(EXAMPLES / name, catalogue)
    assert order.items and all(item.quantity >= 1 for item in order.items)


def test_a_csv_from_excel_with_bom_and_semicolons(catalogue, tmp_path):
    path = tmp_path / "order.csv"
    path.write_bytes("\ufeffpartner;layout;sizes;languages;quantity\n"
                     "Clinic;poster;letter tabloid;en es;3\n".encode())
    order = load_order(path, catalogue)
    assert [item.job.label for item in order.items] == [
        "poster letter [en]", "poster letter [es]", "poster tabloid [en]",
        "poster tabloid [es]"]
    assert order.order.partner.name == "Clinic"


def _order(tmp_path, text, name="order.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(catalogue, path):
    with pytest.raises(ContentError) as caught:
        load_order(path, catalogue)
    return caught.value.problems


def test_every_mistake_is_reported_at_once_with_line_and_fix(catalogue, tmp_path):
    path = _order(tmp_path, """\
partner:
  name: Clinic
  websight: clinic.example.org
items:
  - layout: postr
  - layout: poster
    sizes: [a7]
  - layout: wallet-card
    languages: [xx]
  - layout: tearoff
    quantity: 10000000
  - layout: poster
    quantity: many
""")
    problems = "\n".join(_problems(catalogue, path))
    assert f"{path} line 3: partner.websight: unknown field; did you mean 'website'?" in problems
    assert "line 5: items.0.layout: unknown layout 'postr'; did you mean 'poster'?" in problems
    # at the field's own line, not the item's (it used to say line 6, items.1)
    assert "line 7: items.1.sizes.0: poster has no size 'a7'; choose from: letter" in problems
    assert "line 9: items.2.languages.0: unknown language 'xx'" in problems
    assert "line 11: items.3.quantity: 10000000 is not a sane quantity; give 1 to 100,000" \
        in problems
    assert "line 13: items.4.quantity: not a whole number; give one such as 250" in problems


def test_an_empty_order_is_refused(catalogue, tmp_path):
    with pytest.raises(InputError, match="empty or not an order"):
        load_order(_order(tmp_path, ""), catalogue)
    problems = _problems(catalogue, _order(tmp_path, "partner: {name: X}\nitems: []\n"))
    assert "line 2: items: missing or empty; list at least one item" in problems[0]


def _png(width, height):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"".join(b"\x00" + b"\xff" * 3 * width for _ in range(min(height, 4))))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + \
        chunk(b"IEND", b"")


@pytest.mark.parametrize(("logo", "make", "message"), [
    ("missing.png", None, "is not there"),
    ("logo.png", lambda p: p.write_text("not an image"), "is not an image"),
    ("bomb.png", lambda p: p.write_bytes(_png(50_000, 50_000)), "image bomb"),
    ("../outside.png", None, "leaves the order's folder"),
    ("https://example.org/logo.png", None, "is a URL"),
    ("logo.svg", lambda p: p.write_text('<svg xmlns="http://www.w3.org/2000/svg">'
                                        '<script>alert(1)</script></svg>'), "contains a script"),
    ("ext.svg", lambda p: p.write_text('<svg xmlns="http://www.w3.org/2000/svg" '
                                       'xmlns:xlink="http://www.w3.org/1999/xlink"><image '
                                       'xlink:href="http://evil.example/x.png"/></svg>'),
     "refers to another file or address"),
])
def test_a_bad_logo_is_named_with_the_fix(catalogue, tmp_path, logo, make, message):
    folder = tmp_path / "order"
    folder.mkdir()
    if make is not None:
        make(folder / logo)
    path = _order(folder, f"partner:\n  name: X\n  logo: '{logo}'\nitems:\n  - layout: poster\n")
    (problem,) = _problems(catalogue, path)
    assert f"{path} line 3: partner.logo: " in problem and message in problem


def test_a_good_logo_is_accepted(catalogue, tmp_path):
    (tmp_path / "logo.png").write_bytes(_png(600, 200))
    shutil.copy(EXAMPLES / "church.yaml", tmp_path / "order.yaml")
    text = (tmp_path / "order.yaml").read_text(encoding="utf-8")
    assert "  logo: st-marks-logo.svg\n" in text
    (tmp_path / "order.yaml").write_text(text.replace("  logo: st-marks-logo.svg\n",
                                                      "  logo: logo.png\n"), encoding="utf-8")
    assert load_order(tmp_path / "order.yaml", catalogue).logo == (tmp_path / "logo.png")


def test_a_csv_in_the_wrong_encoding_is_one_line(catalogue, tmp_path):
    path = tmp_path / "order.csv"
    path.write_bytes("partner,layout\nCaf\xe9,poster\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8 text; save it as 'CSV UTF-8'"):
        load_order(path, catalogue)


def test_a_misspelt_csv_column_is_named(catalogue, tmp_path):
    path = tmp_path / "order.csv"
    path.write_text("partner,layuot\nClinic,poster\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown column 'layuot'; did you mean 'layout'"):
        load_order(path, catalogue)


@pytest.mark.parametrize("number", ["1-888-373-7888", "1-888-373-7889", "888 373 7888",
                                    "(888) 373-788", "233733"])
def test_a_partner_number_like_the_hotlines_is_refused(catalogue, tmp_path, number):
    """One digit off the hotline, printed beside it, sends a victim to a stranger."""
    path = _order(tmp_path, f"partner:\n  name: Clinic\n  contact: 'Call us: {number}'\n"
                  "items:\n  - layout: poster\n")
    (problem,) = _problems(catalogue, path)
    assert f"{path} line 3: partner.contact: the number " in problem
    assert "looks like the hotline's" in problem and "give the partner's own number" in problem


def test_the_partners_own_number_is_accepted(catalogue, tmp_path):
    path = _order(tmp_path, "partner:\n  name: Clinic\n  contact: 'Call us: 402-555-0143'\n"
                  "items:\n  - layout: poster\n")
    (item,) = load_order(path, catalogue).items
    assert item.job.partner is not None and item.job.partner.contact == "Call us: 402-555-0143"


def test_partner_text_no_font_can_print_is_refused(catalogue, tmp_path):
    path = _order(tmp_path, "partner:\n  name: \"Clinic \\U0001F600\"\nitems:\n"
                  "  - layout: poster\n")
    (problem,) = _problems(catalogue, path)
    assert f"{path} line 2: partner.name: " in problem and "U+1F600" in problem


def test_the_same_file_twice_is_refused(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n  - layout: poster\n"
                  "    quantity: 5\n  - layout: poster\n    languages: [es, en]\n")
    (problem,) = _problems(catalogue, path)
    assert f"{path} line 5: items.1: poster letter [en] is also in item 1" in problem


# --- Bounded reading (YAML bombs) -------------------------------------------------------

LAUGHS = "".join(
    f"{name}: &{name} [{','.join([f'*{before}'] * 9) if before else ','.join('x' * 9)}]\n"
    for before, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True))


def test_yaml_aliases_are_refused_before_they_expand(catalogue, tmp_path):
    import tracemalloc

    path = _order(tmp_path, LAUGHS)
    assert len(LAUGHS.encode()) < 400  # nine levels of nine: 9**9 copies once expanded
    tracemalloc.start()
    try:
        problems = _problems(catalogue, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000
    assert problems == [f"{path} line {line}: YAML aliases (&name / *name) are not allowed in "
                        "an order; write the values out" for line in range(1, 10)]


def test_an_anchor_or_merge_key_is_refused_too(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n  - &poster {layout: poster}\n"
                  "  - <<: *poster\n    sizes: [a4]\n")
    assert _problems(catalogue, path) == [
        f"{path} line {line}: YAML aliases (&name / *name) are not allowed in an order; "
        "write the values out" for line in (3, 4)]


def test_an_order_over_a_megabyte_is_refused_unread(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n  - layout: poster\n"
                  + "#" * (1024 * 1024) + "\n")
    with pytest.raises(InputError, match=r"order.yaml: over 1 MB, the most an order file may "
                                         r"be; split it into several orders"):
        load_order(path, catalogue)


def test_nesting_far_deeper_than_an_order_is_refused(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems: " + "[" * 500 + "]" * 500 + "\n")
    with pytest.raises(InputError, match=r"line 2: nested more than 12 deep"):
        load_order(path, catalogue)


def test_a_number_of_thousands_of_digits_is_named_at_its_line(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n  - layout: poster\n"
                  f"    quantity: {'9' * 5000}\n")
    with pytest.raises(InputError, match=r"order.yaml line 4: a number of 5,000 digits; "
                                         r"correct it$"):
        load_order(path, catalogue)


def test_an_order_making_too_many_files_is_refused(catalogue, tmp_path):
    sizes = ", ".join(catalogue.layouts["poster"].sizes)
    languages = ", ".join(code for code in catalogue.languages)
    files = len(catalogue.layouts["poster"].sizes) * len(catalogue.languages)
    items = f"  - layout: poster\n    sizes: [{sizes}]\n    languages: [{languages}]\n" * 7
    path = _order(tmp_path, f"partner: {{name: Clinic}}\nitems:\n{items}")
    problems = _problems(catalogue, path)
    assert f"{path} line 2: items: the order makes {7 * files:,} files (sizes × languages of " \
        "every item); one order makes at most 500: split it" in problems
    assert not any("is also in item" in problem for problem in problems)  # not expanded


def test_an_order_of_too_many_values_or_items_is_refused_early(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems: [" + "1, " * 60_000 + "]\n")
    with pytest.raises(InputError, match=r"line 2: over 50,000 values; an order is a partner "
                                         r"and at most a few hundred items: split it"):
        load_order(path, catalogue)
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n" + "  - layout: postr\n" * 501)
    assert _problems(catalogue, path) == [
        f"{path} line 2: items: 501 items; one order makes at most 500 files: split it"]


def test_at_most_twenty_problems_are_listed(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n"
                  + "".join(f"  - layout: nope{n}\n" for n in range(35)))
    problems = _problems(catalogue, path)
    assert len(problems) == 21 and problems[-1] == "and 15 more"
    assert [p.split(": ", 1)[0] for p in problems[:20]] == [
        f"{path} line {line}" for line in range(3, 23)]  # the first twenty, in file order


# --- CSV as spreadsheets write it --------------------------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_csv_quoting_as_spreadsheets_write_it(catalogue, tmp_path, delimiter, bom, newline):
    d = delimiter
    rows = [f"partner{d}contact{d}layout{d}sizes{d}languages{d}quantity",
            f'"The ""Safe Harbor"" Project"{d}"Front desk{d} lobby{newline}ask for Ana"{d}'
            f'poster{d}"letter{d} tabloid"{d}en{d}3',
            f'{d}{d}"wallet-card"{d}{d}"es"{d}"1"']
    path = tmp_path / "order.csv"
    path.write_bytes((bom + newline.join(rows) + newline).encode())
    order = load_order(path, catalogue)
    partner = order.order.partner
    assert partner.name == 'The "Safe Harbor" Project'
    assert partner.contact == f"Front desk{d} lobby{newline}ask for Ana"
    assert [item.job.label for item in order.items] == [
        "poster letter [en]", "poster tabloid [en]", "wallet-card business-card [es]"]
    # On the piece, the partner's quotes are set in its language's marks.
    assert order.items[0].job.partner.name == "The “Safe Harbor” Project"


def test_csv_rows_are_counted_as_the_spreadsheet_shows_them(catalogue, tmp_path):
    path = tmp_path / "order.csv"
    path.write_text('partner,contact,layout,sizes\nClinic,"two\nlines",poster,\n,,poster,a4\n'
                    "\n,,postr,tabloid\n,,,\n,,poster,a3\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_order(path, catalogue)
    assert caught.value.problems == [
        f"{path} row 5: items.2.layout: unknown layout 'postr'; did you mean 'poster'?"]
    path.write_text(path.read_text(encoding="utf-8").replace("postr", "poster"),
                    encoding="utf-8")
    assert [item.job.size for item in load_order(path, catalogue).items] == [
        "letter", "a4", "tabloid", "a3"]


def test_a_csv_value_with_an_unquoted_comma_is_caught(catalogue, tmp_path):
    path = tmp_path / "order.csv"
    path.write_text("partner,layout,languages\nSafe Harbor, Inc.,poster,en\n", encoding="utf-8")
    problems = _problems(catalogue, path)
    assert (f"{path} row 2: items.0: this row has more cells than the header has columns; "
            "put a value holding a ',' in double quotes") in problems


def test_a_partner_given_again_differently_on_a_later_row_is_named(catalogue, tmp_path):
    path = tmp_path / "order.csv"
    path.write_text("partner,event,layout\nClinic,Walk,tearoff\nClinic,Walk,poster\n"
                    "Other Clinic,,wallet-card\n", encoding="utf-8")
    assert _problems(catalogue, path) == [
        f"{path} row 4: items.2: partner 'Other Clinic' differs from row 2; the partner is "
        "read from the first row only, so leave it empty here"]


# --- Echoing values -----------------------------------------------------------------------

def test_a_long_or_control_character_value_is_quoted_short_and_escaped(catalogue, tmp_path):
    long_name = "N" * 5000
    path = _order(tmp_path, f'partner:\n  name: "{long_name}"\n  "{"k" * 500}\\e[2J": 1\n'
                  'items:\n  - layout: "post\\e]0;pwned\\a"\n    sizes: ["a7\\e[31m"]\n')
    problems = _problems(catalogue, path)
    assert len(problems) == 3  # name, key, layout (sizes are checked once it is known)
    for problem in problems:
        assert len(problem) < len(str(path)) + 250, problem
        assert not any(ord(char) < 32 or char == "\x7f" for char in problem), problem
    text = "\n".join(problems)
    assert f"got '{'N' * 60}…'" in text and "N" * 61 not in text
    assert "unknown layout 'post\\x1b]0;pwned\\x07'" in text
    assert "'kkkk" in text and "k" * 61 not in text


def test_a_bad_size_is_escaped_in_its_message(catalogue, tmp_path):
    path = _order(tmp_path, 'partner: {name: Clinic}\nitems:\n  - layout: poster\n'
                  '    sizes: ["a7\\e[31m"]\n')
    (problem,) = _problems(catalogue, path)
    assert problem == (f"{path} line 4: items.0.sizes.0: poster has no size 'a7\\x1b[31m'; "
                       "choose from: letter, a4, tabloid, a3, 18x24, 24x36")


# --- Every problem at once, each at its field's line --------------------------------------

def test_one_mistake_does_not_hide_another_in_the_same_item(catalogue, tmp_path):
    path = _order(tmp_path, """\
partner:
  name: Clinic
  website: 42
items:
  - layout: poster
    quantity: many
    sizes:
      - letter
      - a7
    languages:
      - en
      - xx+es
    sheet: nope
  - layout: wallet-card
    profile: presss
    languages: [en+es]
""")
    assert _problems(catalogue, path) == [
        f"{path} line 3: partner.website: Input should be a valid string; got 42",
        f"{path} line 6: items.0.quantity: not a whole number; give one such as 250; got "
        "'many'",
        f"{path} line 9: items.0.sizes.1: poster has no size 'a7'; choose from: letter, a4, "
        "tabloid, a3, 18x24, 24x36",
        f"{path} line 12: items.0.languages.1: unknown language 'xx'; choose from: "
        + ", ".join(catalogue.languages),
        f"{path} line 13: items.0.sheet: unknown sheet 'nope'; choose from: "
        + ", ".join(catalogue.sheets),
        f"{path} line 15: items.1.profile: Input should be 'office' or 'press'; got 'presss'",
    ]


def test_a_pair_a_layout_cannot_print_is_reported_at_its_language(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n  - layout: wallet-card\n"
                  "    languages:\n      - en\n      - en+EN\n      - es\n      - es\n")
    problems = _problems(catalogue, path)
    assert problems[0] == (f"{path} line 6: items.0.languages.1: 'en+en': a piece carries one "
                           "language or two different ones (en+es)")
    assert problems[1] == f"{path} line 8: items.0.languages.3: es is given twice; give it once"
    assert len(problems) == 2


# --- Names in any case ---------------------------------------------------------------------

def test_names_are_read_in_any_case(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n  - layout: Poster\n"
                  "    sizes: [A4, LETTER]\n    languages: [ES, zh-hans, EN+Es]\n"
                  "    profile: Press\n  - layout: WALLET-CARD\n    sheet: SRA3\n"
                  "    profile: press\n")
    order = load_order(path, catalogue)
    assert [item.job.label for item in order.items] == [
        "poster a4 [es] press", "poster a4 [zh-Hans] press", "poster a4 [en+es] press",
        "poster letter [es] press", "poster letter [zh-Hans] press",
        "poster letter [en+es] press", "wallet-card business-card [en] press"]
    assert order.items[-1].sheet == "sra3"


def test_a_misspelt_name_in_another_case_still_gets_the_closest(catalogue, tmp_path):
    path = _order(tmp_path, "partner: {name: Clinic}\nitems:\n  - layout: POSTR\n"
                  "  - layout: poster\n    languages: [ZH_HANS]\n")
    assert _problems(catalogue, path) == [
        f"{path} line 3: items.0.layout: unknown layout 'POSTR'; did you mean 'poster'?",
        f"{path} line 5: items.1.languages.0: unknown language 'ZH_HANS'; did you mean "
        "'zh-Hans'?"]


def test_a_name_matching_two_choices_but_for_case_is_not_guessed():
    from awareprint.catalogue.names import matched

    assert matched("A4", ["letter", "a4"]) == "a4"
    assert matched("A4", ["a4", "A4"]) == "A4"  # spelt exactly
    assert matched("zh-hans", ["zh-Hans", "ZH-HANS"]) is None  # which one is meant?


# --- The event's date ----------------------------------------------------------------------

def test_the_event_date_is_printed_on_the_event_line(rendered_job, catalogue, tmp_path):
    from tests.pdfread import text_of

    path = tmp_path / "order.csv"
    path.write_text("partner;event;event_date;layout;languages\n"
                    "Committee;Omaha Freedom Walk;2027-03-14;tearoff;es\n", encoding="utf-8")
    (item,) = load_order(path, catalogue).items
    assert item.job.event == "Omaha Freedom Walk · 2027-03-14"
    text = " ".join(text_of(rendered_job(item.job).pdf).split())
    assert "omaha freedom walk · 2027-03-14" in text.lower()  # the line is set in capitals


def test_a_yaml_event_date_reaches_the_job_and_a_bad_one_is_named(catalogue, tmp_path):
    path = _order(tmp_path, "partner:\n  name: Clinic\n  event:\n    name: Walk\n"
                  "    date: 2027-03-14\nitems:\n  - layout: tearoff\n")
    (item,) = load_order(path, catalogue).items
    assert item.job.event == "Walk · 2027-03-14"
    path = _order(tmp_path, "partner:\n  name: Clinic\n  event:\n    name: Walk\n"
                  "    date: 2027-13-40\nitems:\n  - layout: tearoff\n")
    (problem,) = _problems(catalogue, path)
    assert problem == (f"{path} line 5: partner.event.date: not a date; write it "
                       "year-month-day (2027-03-14); got '2027-13-40'")


def test_an_event_date_without_an_event_is_named(catalogue, tmp_path):
    path = tmp_path / "order.csv"
    path.write_text("partner,event_date,layout\nCommittee,2027-03-14,tearoff\n",
                    encoding="utf-8")
    assert _problems(catalogue, path) == [
        f"{path} row 2: partner.event.name: missing; add it"]


# --- The orderer, the due date and the stock (for the print shop) -------------------------

ORDERER = """\
orderer:
  name: "  Dana   Whitfield "
  email: dana@prairiehotels.example.com
  phone: "+1 (402) 555-0143"
due: 2027-01-08
partner: {name: Prairie Hotels, contact: "Security desk: 402-555-0188"}
items:
  - layout: wallet-card
    sheet: sra3
    profile: press
    quantity: 480
    stock: " Soft-touch   cover "
    weight: 400 gsm
  - layout: poster
    quantity: 12
    overs: 0
"""


def test_the_orderer_due_date_stock_and_overs_are_read(catalogue, tmp_path):
    order = load_order(_order(tmp_path, ORDERER), catalogue)
    orderer = order.order.orderer
    assert (orderer.name, orderer.email, orderer.phone) == (
        "Dana Whitfield", "dana@prairiehotels.example.com", "+1 (402) 555-0143")
    assert order.order.due.isoformat() == "2027-01-08"
    cards, poster = order.items
    assert (cards.stock, cards.weight) == ("Soft-touch cover", "400 gsm")  # tidied
    assert cards.overs == 24  # the house's 5 %, layouts/job-ticket/shop.yaml
    assert poster.overs == 0 and poster.stock is None
    assert order.order.partner.contact == "Security desk: 402-555-0188"  # not the orderer


def test_the_examples_show_the_orderer_and_due_date(catalogue):
    for name in ("church.yaml", "hotel-group.yaml", "event.csv"):
        order = load_order(EXAMPLES / name, catalogue)
        assert order.order.orderer and order.order.orderer.name and order.order.due
    hotel = load_order(EXAMPLES / "hotel-group.yaml", catalogue)
    assert any(item.stock for item in hotel.items)


@pytest.mark.parametrize(("change", "field", "words"), [
    (("phone: \"+1 (402) 555-0143\"", "phone: 1-888-373-7888"), "orderer.phone",
     "looks like the hotline's 1-888-373-7888; give the orderer's own number"),
    (("phone: \"+1 (402) 555-0143\"", "phone: \"(888) 373-7889\""), "orderer.phone",
     "looks like the hotline's"),
    (("phone: \"+1 (402) 555-0143\"", "phone: \"233 733\""), "orderer.phone",
     "looks like the hotline's"),
    (("phone: \"+1 (402) 555-0143\"", "phone: \"call me maybe\""), "orderer.phone",
     "write one phone number in digits"),
    (("phone: \"+1 (402) 555-0143\"", "phone: \"555-01\""), "orderer.phone",
     "5 digits; a phone number has 7 to 15"),
    (("email: dana@prairiehotels.example.com", "email: dana at prairie"), "orderer.email",
     "not an email address; write it as name@example.org"),
    (("email: dana@prairiehotels.example.com\n  phone: \"+1 (402) 555-0143\"", ""),
     "orderer", "give an email or a phone number"),
    (("name: \"  Dana   Whitfield \"", "name: \"Dana\\u202eWhitfield\""), "orderer.name",
     "invisible control characters"),
    (("name: \"  Dana   Whitfield \"", "name: " + "D" * 81), "orderer.name",
     "81 characters; shorten it to 80"),
    (("email: dana@", "emial: dana@"), "orderer.emial", "did you mean 'email'?"),
    (("due: 2027-01-08", "due: 2027-13-40"), "due",
     "not a date; write it year-month-day (2027-03-14)"),
    (("due: 2027-01-08", "deu: 2027-01-08"), "deu", "did you mean 'due'?"),
    (("weight: 400 gsm", "weight: \"Call 1 888 373 7888\""), "items.0.weight",
     "looks like the hotline's"),
    (("stock: \" Soft-touch   cover \"", "stock: " + "x" * 61), "items.0.stock",
     "61 characters; shorten it to 60"),
    (("overs: 0", "overs: -1"), "items.1.overs", "greater than or equal to 0"),
])
def test_a_bad_orderer_due_date_or_stock_is_named_with_the_fix(catalogue, tmp_path, change,
                                                               field, words):
    path = _order(tmp_path, ORDERER.replace(*change))
    problems = _problems(catalogue, path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path} line ") and f": {field}: " in problems[0]
    assert words in problems[0]


def test_a_bad_orderer_phone_is_one_line_and_exit_2(tmp_path, capsys):
    from awareprint.cli.main import main

    path = _order(tmp_path, ORDERER.replace('"+1 (402) 555-0143"', '"1-888-373-7888"'))
    assert main(["batch", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "orderer.phone" in err[0]
    assert "give the orderer's own number" in err[0]
    assert not (tmp_path / "out").exists()


def test_the_orderer_and_due_date_come_from_a_csvs_first_row(catalogue, tmp_path):
    path = _order(tmp_path, "partner,orderer,orderer_phone,due,layout,quantity,stock,overs\n"
                  "Clinic,Ana Ruiz,402-555-0100,2027-02-01,poster,10,Matte text,1\n"
                  ",,,,tearoff,5,,\n", name="order.csv")
    order = load_order(path, catalogue)
    assert order.order.orderer.name == "Ana Ruiz" and order.order.orderer.phone == "402-555-0100"
    assert order.order.due.isoformat() == "2027-02-01"
    assert [(item.stock, item.overs) for item in order.items] == [("Matte text", 1), (None, 2)]
    bad = _order(tmp_path, "partner,orderer,orderer_phone,layout\n"
                 "Clinic,Ana Ruiz,1 888 373 7888,poster\n", name="bad.csv")
    assert _problems(catalogue, bad) == [
        f"{bad} row 2: orderer.phone: the number 18883737888 is or looks like the hotline's "
        "1-888-373-7888; give the orderer's own number"]


def test_the_manifest_records_the_orderer_due_date_overs_and_yield(catalogue, tmp_path):
    from awareprint.orders.manifest import reusable, write_manifest
    from awareprint.orders.results import ItemResult

    order = load_order(_order(tmp_path, ORDERER), catalogue)
    cards = order.items[0]
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(b"%PDF")
    made = ItemResult(cards.number, pdf.name, "wallet-card", "business-card", ["en"], "press",
                      "sra3", 2, 480, 24, hashlib.sha256(b"%PDF").hexdigest(), None,
                      per_sheet=21, overs=24)
    write_manifest(order, [made], tmp_path / "manifest.json")
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["orderer"] == {"name": "Dana Whitfield",
                                   "email": "dana@prairiehotels.example.com",
                                   "phone": "+1 (402) 555-0143"}
    assert manifest["due"] == "2027-01-08"
    entry = manifest["files"][0]
    assert (entry["quantity"], entry["overs"], entry["per_sheet"], entry["sheets_needed"]) == (
        480, 24, 21, 24)  # ceil((480 + 24) / 21)
    again = reusable(entry, cards, tmp_path)
    assert again is not None and again.sheets_needed == 24 and again.overs == 24


PRESS_ORDER = "partner:\n  name: Clinic\nitems:\n  - layout: poster\n    profile: press\n"


def test_the_date_of_issue_and_job_number_come_from_the_order(catalogue, tmp_path):
    import datetime

    path = _order(tmp_path, "issued: 2027-01-02\njob: PO-2027-A114\n" + PRESS_ORDER)
    order = load_order(path, catalogue, datetime.date(2030, 5, 5))  # the order's date wins
    assert order.issue.date == datetime.date(2027, 1, 2) and order.issue.job == "PO-2027-A114"
    (item,) = order.items
    assert item.job.issue == order.issue  # a press file's slug line prints them


def test_a_job_number_is_made_from_the_order_and_the_date(catalogue, tmp_path):
    """Without `job:`, the number is the date of issue and four letters of the order's
    hash: the same order on the same day quotes the same number; another order, or the
    same one another day, another number."""
    import datetime
    import re

    day = datetime.date(2027, 1, 2)
    path = _order(tmp_path, "# a comment changes nothing\n" + PRESS_ORDER)
    first = load_order(path, catalogue, day).issue
    again = load_order(_order(tmp_path, PRESS_ORDER, "copy.yaml"), catalogue, day).issue
    assert first == again and re.fullmatch(r"270102-[A-HJKMNP-TV-Z]{4}", first.job)
    assert load_order(path, catalogue, day + datetime.timedelta(days=1)).issue.job != first.job
    more = _order(tmp_path, PRESS_ORDER + "    quantity: 2\n", "more.yaml")
    assert load_order(more, catalogue, day).issue.job != first.job
    office = _order(tmp_path, "partner:\n  name: Clinic\nitems:\n  - layout: poster\n",
                    "office.yaml")
    (item,) = load_order(office, catalogue, day).items
    assert item.job.issue is None  # an office file prints no slug: it stays the same


@pytest.mark.parametrize(("lines", "field", "message"), [
    ("issued: 2027-13-40\n", "line 1: issued:", "not a date; write it year-month-day"),
    ("job: 402-555-0143\n", "line 1: job:", "reads as a phone number"),
    ("job: 'PO 114'\n", "line 1: job:", "give 1 to 16 letters and digits"),
    ("job: PO-2027-A114-RUSH-X\n", "line 1: job:", "give 1 to 16 letters and digits"),
    ("deliver_to:\n  name: Dock\n  address: ['Call 1-888-373-7888']\n",
     "line 3: deliver_to.address.0:", "looks like the hotline's"),
    ("deliver_to:\n  name: \"Dock \\u202e kcolB\"\n  address: [Omaha]\n",
     "line 2: deliver_to.name:", "invisible control characters"),
    ("deliver_to:\n  name: Dock\n", "line 1: deliver_to.address:", "missing"),
    ("deliver_to:\n  name: Dock\n  address: [a, b, c, d, e, f, g]\n",
     "line 3: deliver_to.address:", "7 lines; an address has at most 6"),
])
def test_a_bad_issue_or_delivery_field_is_named_with_the_fix(catalogue, tmp_path, lines,
                                                             field, message):
    path = _order(tmp_path, lines + PRESS_ORDER)
    problems = _problems(catalogue, path)
    assert any(f"{path} {field}" in problem and message in problem for problem in problems), \
        problems


def test_a_delivery_address_with_its_zip_code_and_a_drivers_number_is_kept(catalogue,
                                                                           tmp_path):
    path = _order(tmp_path, "deliver_to:\n  name: '  St. Mark''s   office '\n  address:\n"
                  "    - 3410 Leavenworth St\n    - 'Omaha, NE 68105-2811'\n"
                  "    - 'Driver: 402-555-0199'\n" + PRESS_ORDER)
    delivery = load_order(path, catalogue).order.deliver_to
    assert delivery.name == "St. Mark's office"
    assert delivery.address == ["3410 Leavenworth St", "Omaha, NE 68105-2811",
                                "Driver: 402-555-0199"]


def test_a_csv_order_gives_its_date_job_and_delivery_on_the_first_row(catalogue, tmp_path):
    path = _order(tmp_path, "partner,issued,job,deliver_to,deliver_to_address,layout\n"
                  "Clinic,2027-01-02,PO-7,Clinic front desk,\"12 Main St\nOmaha, NE 68102\","
                  "poster\n", "order.csv")
    order = load_order(path, catalogue)
    assert str(order.issue.date) == "2027-01-02" and order.issue.job == "PO-7"
    assert order.order.deliver_to.name == "Clinic front desk"
    assert order.order.deliver_to.address == ["12 Main St", "Omaha, NE 68102"]


# --- The contact line on victim-facing pieces ---------------------------------------------

SAFE_ORDER = """\
partner:
  name: Clinic
  contact: "Victim services: 402-555-0143"
  contact_safe_for_victims: {value}
items:
  - layout: wallet-card
  - layout: poster
"""


@pytest.mark.parametrize(("value", "safe"), [("true", True), ("false", False), ("yes", True)])
def test_a_yaml_order_marks_the_contact_line_safe_for_victims(catalogue, tmp_path, value,
                                                              safe):
    order = load_order(_order(tmp_path, SAFE_ORDER.format(value=value)), catalogue)
    assert order.order.partner.contact_safe_for_victims is safe
    assert [item.job.partner.contact_safe_for_victims for item in order.items] == [safe] * 2


def test_the_contact_line_is_not_safe_for_victims_unless_the_order_says_so(catalogue,
                                                                           tmp_path):
    text = SAFE_ORDER.replace("  contact_safe_for_victims: {value}\n", "")
    order = load_order(_order(tmp_path, text), catalogue)
    assert not any(item.job.partner.contact_safe_for_victims for item in order.items)


@pytest.mark.parametrize(("cell", "safe"), [("true", True), ("yes", True), ("", False),
                                            ("FALSE", False)])
def test_a_csv_order_marks_the_contact_line_safe_on_its_first_row(catalogue, tmp_path, cell,
                                                                  safe):
    path = _order(tmp_path, "partner;contact;contact_safe_for_victims;layout\n"
                  f"Clinic;Victim services: 402-555-0143;{cell};wallet-card\n"
                  ";;;discreet-card\n", "order.csv")
    order = load_order(path, catalogue)
    assert [item.job.partner.contact_safe_for_victims for item in order.items] == [safe] * 2


def test_a_mark_that_is_not_yes_or_no_is_named_at_its_line_and_row(catalogue, tmp_path):
    path = _order(tmp_path, SAFE_ORDER.format(value="maybe"))
    assert _problems(catalogue, path) == [
        f"{path} line 4: partner.contact_safe_for_victims: not yes or no; write true or "
        "false; got 'maybe'"]
    path = _order(tmp_path, "partner,contact,contact_safe_for_victims,layout\n"
                  "Clinic,Front desk,sometimes,wallet-card\n", "order.csv")
    assert _problems(catalogue, path) == [
        f"{path} row 2: partner.contact_safe_for_victims: not yes or no; write true or "
        "false; got 'sometimes'"]


def test_a_piece_marked_safe_is_never_the_one_unmarked(catalogue, tmp_path):
    """The batch's fingerprint and the settled setting's key both tell the two apart, so
    neither a file nor a setting is reused from the other."""
    from awareprint.orders.fingerprint import inputs_hash
    from awareprint.render.settled import without_partner_lines

    jobs = [load_order(_order(tmp_path, SAFE_ORDER.format(value=value)), catalogue).items[0].job
            for value in ("false", "true")]
    folder = catalogue.layouts["wallet-card"].folder
    assert inputs_hash(catalogue, folder, jobs[0]) != inputs_hash(catalogue, folder, jobs[1])
    assert without_partner_lines(jobs[0]) != without_partner_lines(jobs[1])
