"""The handout, read back: page 1 the headline, the whole awareness text and its credit as
the seed gives it; page 2 the questions, the signs, the emergency line and the hotline,
its number the largest type after the headline; every language and pair fits."""

from __future__ import annotations

import io
import itertools
import re
from collections import defaultdict
from html.parser import HTMLParser

import pypdf
import pytest

from awareprint.catalogue.request import make_job
from awareprint.compose.piece import compose
from awareprint.paths import CONTENT_DIR
from awareprint.preflight.read_back import preflight
from tests.pdfread import chars, decode_qr, page_sizes, plumbed

LAYOUT = "handout"
ENGINE_HYPHEN = "\u2010"  # what the layout engine adds where it breaks a word


def page_text(pdf: bytes, index: int) -> str:
    """One page's text with the lines joined again: words broken at a line's end made
    whole, every run of white space (no-break spaces too) one space."""
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[index].extract_text() or ""
    text = text.replace(ENGINE_HYPHEN + "\n", "").replace("-\n", "-")
    return " ".join(text.split())


def flat(text: object) -> str:
    return "".join(str(text).split())


def segments(pdf: bytes, index: int, box=None) -> list[str]:
    """The page's text (or the text inside `box`, a Rect) as a reader sees it, line by
    line (characters on one baseline, whichever font they come from); where a line holds
    two pieces of text far apart (side by side), each is a segment of its own."""
    with plumbed(pdf) as document:
        page = document.pages[index]
        if box is not None:
            page = page.within_bbox((box.x, box.y, box.right, box.bottom))
        rows: dict[int, list[dict]] = defaultdict(list)
        for char in page.chars:
            if char["text"].strip():
                rows[round(page.height - char["matrix"][5])].append(char)
    found = []
    for _, row in sorted(rows.items()):
        row.sort(key=lambda char: char["x0"])
        text = row[0]["text"]
        for before, char in itertools.pairwise(row):
            gap = char["x0"] - before["x1"]
            if gap > 3 * char["size"]:
                found.append(text)
                text = ""
            elif gap > 0.15 * char["size"]:
                text += " "
            text += char["text"]
        found.append(text)
    return found


def sizes_of(pdf: bytes, index: int) -> dict[float, str]:
    """Type size → the characters set at that size on one page."""
    by_size: dict[float, str] = defaultdict(str)
    for char in chars(pdf, index):
        by_size[round(char.size, 1)] += char.text
    return by_size


def credit_lines(catalogue, code: str, address: bool = True) -> list[str]:
    """The signature block in one language: its labels (strings) around the names and
    the address as written (unless it is printed once for two languages), then the
    source line."""
    strings, attribution = catalogue.languages[code].strings, catalogue.attribution
    return [str(strings["written_by"]).replace("{author}", attribution.author),
            str(strings["author_role"]).replace("{organisation}", attribution.organisation),
            *(attribution.address if address else []), str(strings["source"])]


def test_the_english_signature_is_the_seeds_line_by_line(catalogue):
    seed = (CONTENT_DIR / "seed/awareness-text.txt").read_text(encoding="utf-8")
    blocks = [block.strip() for block in seed.strip().split("\n\n")]
    lines = credit_lines(catalogue, "en")
    assert lines[:-1] == blocks[-2].splitlines()
    assert lines[-1] == blocks[-1]


@pytest.mark.parametrize(("size", "language"), [("letter", "en"), ("a4", "en"),
                                                ("letter", "en+es")])
def test_two_pages_of_the_named_size(catalogue, rendered, size, language):
    named = catalogue.sizes[size]
    found = page_sizes(rendered(LAYOUT, size, language))
    assert found == [pytest.approx((named.width_pt, named.height_pt), abs=0.5)] * 2


@pytest.mark.parametrize("language", ["en", "es", "en+es", "en+ru"])
def test_page_one_carries_the_whole_awareness_text(catalogue, rendered, language):
    text = page_text(rendered(LAYOUT, None, language), 0)
    for code in language.split("+"):
        strings = catalogue.languages[code].strings
        assert " ".join(str(strings["headline"]).split()) in text
        for number, paragraph in enumerate(strings["long_text"], start=1):
            assert " ".join(str(paragraph).split()) in text, f"{code}: paragraph {number}"


def test_chinese_text_is_whole_too(catalogue, rendered):
    text = flat(page_text(rendered(LAYOUT, None, "zh-Hans"), 0))
    for paragraph in catalogue.languages["zh-Hans"].strings["long_text"]:
        assert flat(paragraph) in text


@pytest.mark.parametrize("language", ["en", "es", "zh-Hans", "en+es"])
def test_the_text_is_signed_line_by_line_in_the_pages_language(catalogue, rendered,
                                                                language):
    """Each column's text signed in its language: the labels translated, the names and
    the address as written (in English, the seed's lines). Two languages share the
    address: it is printed once, on a line under both signatures."""
    pdf = rendered(LAYOUT, None, language)
    boxes = compose(make_job(catalogue, LAYOUT, None, language), catalogue).geometry
    two = "+" in language
    for number, code in enumerate(language.split("+"), start=1):
        slot = f"attribution_{number}" if two else "attribution"
        found = segments(pdf, 0, boxes.layout_boxes()[slot].rect.grown(3, 3, 3, 3))
        lines = credit_lines(catalogue, code, address=not two)
        # each line of the credit begins a printed line (a narrow column may wrap one)
        assert " ".join(found) == " ".join(lines), code
        assert all(any(printed.startswith(line.split()[0]) for printed in found)
                   for line in lines), (code, found)
    if two:
        address = catalogue.attribution.address
        found = segments(pdf, 0, boxes.layout_boxes()["address"].rect.grown(3, 3, 3, 3))
        assert " ".join(found) == " · ".join(address)
        assert page_text(pdf, 0).count(address[0]) == 1


def test_an_arabic_page_labels_its_credit_in_arabic(catalogue, rendered):
    """The labels are Arabic; the name, the organisation and the address stay as
    written, left to right inside the right-to-left lines."""
    text = page_text(rendered(LAYOUT, None, "ar"), 0)
    strings = catalogue.languages["ar"].strings
    for label in ("written_by", "author_role"):
        words = str(strings[label]).split("{")[0].split()
        assert all(word in text for word in words), label
    # every word of the source line (extractors order the runs of a right-to-left line
    # differently, the label's colon a run of its own)
    assert all(word.strip(":") in text for word in str(strings["source"]).split()), "source"
    attribution = catalogue.attribution
    for name in (attribution.author, attribution.organisation, *attribution.address):
        assert name in text
    assert "Written by" not in text and "Founder" not in text and "Source" not in text


@pytest.mark.parametrize("language", ["en", "es", "en+es"])
def test_page_two_carries_every_question_and_sign(catalogue, rendered, language):
    text = flat(page_text(rendered(LAYOUT, None, language), 1))
    for code in language.split("+"):
        strings = catalogue.languages[code].strings
        for key in ("questions_heading", "signs_heading", "signs_caution", "hotline_about",
                    "hotline_name", "scan_prompt"):
            assert flat(strings[key]) in text, f"{code}: {key}"
        assert len(strings["victim_questions"]) == 6 and len(strings["signs"]) == 5
        for item in [*strings["victim_questions"], *strings["signs"]]:
            assert flat(item) in text, f"{code}: {item}"


class _Lists(HTMLParser):
    """The list items of each slot, as the template writes them."""

    def __init__(self) -> None:
        super().__init__()
        self.slot: str | None = None
        self.items: dict[str, int] = defaultdict(int)
        self.in_list = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        slot = dict(attrs).get("data-slot")
        if slot:
            self.slot = slot
        if tag == "ul":
            self.in_list = True
        if tag == "li" and self.in_list and self.slot:
            self.items[self.slot] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.in_list = False


@pytest.mark.parametrize("language", ["en", "en+es"])
def test_questions_and_signs_are_real_lists(catalogue, language):
    parser = _Lists()
    parser.feed(compose(make_job(catalogue, LAYOUT, None, language), catalogue).html)
    suffixes = ["_1", "_2"] if "+" in language else [""]
    assert dict(parser.items) == {name + suffix: count for suffix in suffixes
                                  for name, count in (("questions", 6), ("signs", 5))}


@pytest.mark.parametrize("language", ["en", "es", "en+es"])
def test_the_emergency_line_calls_911(catalogue, rendered, language):
    pdf = rendered(LAYOUT, None, language)
    text = page_text(pdf, 1)
    emergency = catalogue.hotline.emergency.display
    for code in language.split("+"):
        line = str(catalogue.languages[code].strings["emergency_line"])
        assert " ".join(line.replace("{emergency}", emergency).split()) in text
    # Weight: set larger than anything on the page but the hotline number.
    by_size = sizes_of(pdf, 1)
    number = catalogue.hotline.call.display
    second = sorted(size for size, text in by_size.items() if number not in text)[-1]
    assert emergency in by_size[second]


@pytest.mark.parametrize(("size", "language"), [("letter", "en"), ("a4", "en"),
                                                ("letter", "zh-Hans"), ("letter", "en+es")])
def test_the_number_is_the_largest_type_after_the_headline(catalogue, rendered, size,
                                                           language):
    pdf = rendered(LAYOUT, size, language)
    number = catalogue.hotline.call.display
    front, back = sizes_of(pdf, 0), sizes_of(pdf, 1)
    headlines = "".join(flat(catalogue.languages[code].strings["headline"])
                        for code in language.split("+"))
    assert front[max(front)] == headlines
    largest = max(back)
    assert back[largest] == number
    assert largest >= 28
    if "+" not in language:  # two headlines side by side are set smaller than one
        assert max(front) > largest


@pytest.mark.parametrize(("size", "language"), [("letter", "en"), ("a4", "en+ar")])
def test_the_qr_code_leads_to_the_hotline(catalogue, rendered, size, language):
    pdf = rendered(LAYOUT, size, language)
    assert decode_qr(pdf, 0) == []
    assert decode_qr(pdf, 1) == [catalogue.hotline.qr_target]


@pytest.mark.parametrize(("language", "slots"), [("zh-Hans", ["long"]), ("ru", ["long"]),
                                                 ("en+zh-Hans", ["long_1", "long_2"])])
def test_a_short_language_leaves_no_large_gap(catalogue, rendered, language, slots):
    """Chinese runs far shorter than Russian: each column's text still spans most of its
    box (set larger, more open, the space between paragraphs shared out)."""
    pdf = rendered(LAYOUT, None, language)
    boxes = compose(make_job(catalogue, LAYOUT, None, language), catalogue).geometry
    page = chars(pdf, 0)
    for name in slots:
        rect = boxes.layout_boxes()[name].rect
        inside = [c for c in page if rect.x <= c.x0 and c.x1 <= rect.right
                  and rect.y <= c.top and c.bottom <= rect.bottom]
        spanned = max(c.bottom for c in inside) - min(c.top for c in inside)
        assert spanned / rect.h >= 0.8, f"{language} {name}: {spanned / rect.h:.0%}"


def body_size(pdf: bytes) -> float:
    """The size most of page 1 is set at: the awareness text's."""
    counts: dict[float, int] = defaultdict(int)
    for char in chars(pdf, 0):
        counts[round(char.size, 2)] += 1
    return max(counts, key=counts.__getitem__)


@pytest.mark.parametrize(("language", "smallest", "largest"), [
    ("en", 10.5, 12.5), ("ru", 10.5, 12.5), ("en+es", 9, 10.5), ("en+tl", 9, 10.5)])
def test_the_text_is_set_at_a_readable_size(rendered, language, smallest, largest):
    """One language around 11 pt; two, in columns, at 9 pt or more."""
    assert smallest <= body_size(rendered(LAYOUT, None, language)) <= largest


def test_press_output_passes_preflight(rendered_job, catalogue):
    job = make_job(catalogue, LAYOUT, "letter", "en+ar", profile="press")
    pdf = rendered_job(job).pdf
    report = preflight(pdf, catalogue, press=True)
    assert report.faults == []
    assert report.pdfx_version == "PDF/X-4"
    assert report.smallest_text_pt >= 9


def test_a_partner_takes_the_publishers_place(rendered_job, catalogue, parish):
    partner = parish
    for language in ("en", "en+es"):
        pdf = rendered_job(make_job(catalogue, LAYOUT, None, language, partner=partner)).pdf
        text = page_text(pdf, 1)
        assert "St. Mark’s Parish" in text and "stmarks-omaha.example.org" in text
        assert catalogue.branding.publisher.name not in text
        with plumbed(pdf) as document:
            assert len(document.pages[1].images) == 1


@pytest.mark.slow
@pytest.mark.parametrize("size", ["letter", "a4"])
def test_every_language_keeps_the_hierarchy(catalogue, rendered, size):
    number = catalogue.hotline.call.display
    for code in catalogue.languages:
        pdf = rendered(LAYOUT, size, code)
        front, back = sizes_of(pdf, 0), sizes_of(pdf, 1)
        assert back[max(back)] == number, code
        assert max(front) > max(back) >= 28, code
        assert catalogue.hotline.emergency.display in re.findall(r"\d+", page_text(pdf, 1))


def heading_gaps(pdf: bytes, index: int) -> list[float]:
    """For each pair of lines running in the page's headings (its largest type in the
    top half), the clear height between their inks, in em: the rows of a 600 dpi raster
    between the two baselines that no glyph of either line touches."""
    import pypdfium2

    with plumbed(pdf) as document:
        page = document.pages[index]
        upper = [c for c in page.chars if c["text"].strip() and c["top"] < page.height / 2]
        size = max(c["size"] for c in upper)
        heading = [c for c in upper if abs(c["size"] - size) < 0.05]
        width, height = page.width, page.height
    scale = 600 / 72
    image = pypdfium2.PdfDocument(pdf)[index].render(scale=scale, grayscale=True).to_pil()
    gaps = []
    for column in (0, 1):  # the two headings side by side
        chars_ = [c for c in heading if (c["x0"] >= width / 2) == bool(column)]
        baselines = sorted({round(height - c["matrix"][5], 1) for c in chars_})
        left = min((c["x0"] for c in chars_), default=0)
        right = max((c["x1"] for c in chars_), default=0)
        for upper_line, lower_line in itertools.pairwise(baselines):
            rows = image.crop((int(left * scale), int(upper_line * scale),
                               int(right * scale), int(lower_line * scale)))
            pixels = rows.tobytes()
            ink = [min(pixels[y * rows.width:(y + 1) * rows.width]) < 128
                   for y in range(rows.height)]
            clear = longest = 0
            for inked in ink:
                clear = 0 if inked else clear + 1
                longest = max(longest, clear)
            gaps.append(longest / scale / size)
    return gaps


@pytest.mark.parametrize(("size", "language"), [("letter", "ar"), ("a4", "ar"),
                                                ("letter", "en+ar")])
def test_arabic_headings_keep_their_lines_apart(rendered, size, language):
    """A tail below one line of an Arabic heading (ى) never meets the dots above the
    next: a tenth of an em of clear paper between them, read from the printed page."""
    gaps = heading_gaps(rendered(LAYOUT, size, language), 1)
    assert gaps, "no heading of two lines to measure"
    assert min(gaps) >= 0.1, [f"{gap:.2f} em" for gap in gaps]


READING_PT = 9  # a letter page read in the hand: its credit, source and QR lines too


@pytest.mark.parametrize(("size", "language"), [
    ("letter", "en"), ("letter", "vi"), ("letter", "ar"), ("letter", "zh-Hans"),
    ("letter", "en+es"), ("letter", "en+ar"), ("letter", "en+tl"), ("a4", "ko"),
    ("a4", "en+vi"), ("a4", "en+es")])
def test_nothing_is_set_below_reading_size(rendered, size, language):
    """Read back per zone: page 1's running header, text and signature block, page 2's
    lists, band and foot: nothing under 9 pt."""
    from tests.pdfread import printed, smallest

    pdf = rendered(LAYOUT, size, language)
    for index in (0, 1):
        found = printed(pdf, index)
        height = page_sizes(pdf)[index][1]
        zones = {"head": [c for c in found if c.bottom < 0.06 * height],
                 "foot": [c for c in found if c.top > 0.8 * height],
                 "middle": [c for c in found if 0.06 * height <= c.bottom
                            and c.top <= 0.8 * height]}
        for zone, characters in zones.items():
            assert characters, f"page {index + 1} {zone}: no text"
            least, text = smallest(characters)
            assert least >= READING_PT - 0.01, (
                f"page {index + 1} {zone}: '{text}' at {least:.2f} pt")
