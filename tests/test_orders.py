"""Partner orders are checked whole before anything is rendered: every mistake at once,
with file, line or row, field and the fix."""

from __future__ import annotations

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
    assert "line 6: items.1: poster has no size 'a7'; choose from: letter" in problems
    assert "line 8: items.2: unknown language 'xx'" in problems
    assert "line 11: items.3.quantity: 10000000 is not a sane quantity; give 1 to 100,000" \
        in problems
    assert "line 13: items.4.quantity: Input should be a valid integer" in problems


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
