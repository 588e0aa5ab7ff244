"""Type set as a typesetter would, read back from the printed lines (pdfplumber): no
separator at a line's start or end, Korean broken only between words, a Chinese
paragraph's last line of three characters or more, no hyphen in display type, and
hyphens only in long words."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.pdfread import chars, lines_of, plumbed

HYPHENS = ("-", "\u2010")
# Left-to-right pieces: pdfplumber reorders the parts of a right-to-left line.
PIECES = [("poster", "en+es"), ("tearoff", "en+es"), ("wallet-card", "ko"),
          ("poster", "ko"), ("tearoff", "vi"), ("poster", "ru")]


@pytest.mark.parametrize(("layout", "language"), PIECES)
def test_no_separator_starts_or_ends_a_line(rendered, layout, language):
    for line in lines_of(rendered(layout, language=language)).splitlines():
        assert not line.strip().startswith("·") and not line.strip().endswith("·"), line


@pytest.mark.parametrize("layout", ["poster", "wallet-card", "tearoff"])
def test_korean_breaks_only_between_words(catalogue, rendered, layout):
    """Where a line ends in Hangul and the next begins in Hangul, those two syllables are
    not two halves of one word of the source (the reader drops spaces inside Korean lines,
    so lines are compared with the source, not split into words)."""
    strings = catalogue.languages["ko"].strings
    texts = [text for value in strings.values()
             for text in (value if isinstance(value, list) else [value])]
    lines = [line.strip() for line in lines_of(rendered(layout, language="ko")).splitlines()]
    hangul = re.compile("[\uac00-\ud7a3]")
    for line, following in itertools.pairwise(lines):
        if not (line and following and hangul.match(line[-1]) and hangul.match(following[0])):
            continue
        tail, head = line.replace(" ", "")[-3:], following.replace(" ", "")[:3]
        for text in texts:
            if tail + head in text.replace(" ", ""):
                assert f"{tail} {head}" in text or f"{tail[-1]} {head[0]}" in text, (
                    f"a word is broken between {line!r} and {following!r}")


@pytest.mark.parametrize("layout", ["poster", "tearoff", "wallet-card"])
@pytest.mark.parametrize("language", ["en", "es", "fr", "pt", "vi", "ru", "tl", "ht", "pl"])
def test_a_paragraphs_last_line_holds_two_words(catalogue, rendered, layout, language):
    lines = [line.strip() for line in lines_of(rendered(layout, language=language))
             .splitlines()]
    for value in catalogue.languages[language].strings.values():
        for text in value if isinstance(value, list) else [value]:
            words = text.split()
            if len(words) < 6 or "{" in text:
                continue
            for line in lines:
                if line.endswith(words[-1]):
                    assert len(line.split()) >= 2, f"{layout} {language}: {line!r} ends {text!r}"


def test_chinese_last_line_holds_three_characters(catalogue, rendered):
    minors = str(catalogue.languages["zh-Hans"].strings["minors"])
    lines = [line.strip() for line in lines_of(rendered("poster", language="zh-Hans"))
             .splitlines()]
    ending = next(line for line in lines if minors.endswith(line[-3:]) and line)
    assert len(ending) >= 3


def test_display_type_is_never_hyphenated(rendered):
    """On a 24 × 36 in poster the text is set above 14 pt: no word is broken."""
    for line in lines_of(rendered("poster", "24x36")).splitlines():
        assert not line.rstrip().endswith(HYPHENS), line


def column_lines(pdf: bytes) -> list[list[str]]:
    """The printed lines of the left and the right half of the page, each read alone: a
    two-language piece sets one column per language, their lines side by side."""


    with plumbed(pdf) as document:
        page = document.pages[0]
        halves = [page.crop((0, 0, page.width / 2, page.height)),
                  page.crop((page.width / 2, 0, page.width, page.height))]
        return [(half.extract_text() or "").splitlines() for half in halves]


@pytest.mark.parametrize("language", ["en", "es", "en+es"])
def test_hyphens_only_in_words_of_seven_letters_three_each_side(rendered, language):
    pdf = rendered("poster", language=language)
    columns = column_lines(pdf) if "+" in language else [lines_of(pdf).splitlines()]
    for line, following in (pair for lines in columns for pair in itertools.pairwise(lines)):
        if line.rstrip().endswith(HYPHENS) and re.search(r"\w[-\u2010]$", line.rstrip()):
            before = re.search(r"(\w+)[-\u2010]$", line.rstrip()).group(1)
            after = re.match(r"\W*(\w+)", following).group(1)
            assert len(before) >= 3 and len(after) >= 3 and len(before + after) >= 7, (
                f"{line!r} / {following!r}")


def test_typeset_binds_separators_and_keeps_korean_words_and_chinese_endings():
    from awareprint.compose.typesetting import typeset

    latin = str(typeset("Interpreters in more than 200 languages · 24/7", "Latn"))
    assert latin == ('Interpreters in more than 200 '
                     '<span class="kept">languages\u00a0·\u00a024/7</span>')
    assert str(typeset("What is Human Trafficking?", "Latn")) == "What is Human Trafficking?"
    korean = str(typeset("인신매매는 범죄입니다", "Kore"))
    assert korean.count('<span class="kept">') == 2
    assert str(typeset("提供超过200种语言的口译服务", "Hans")).endswith(
        '<span class="kept">译服务</span>')
    assert "&lt;b&gt;" in str(typeset("a <b> c d e f", "Latn"))  # escaped, never markup


def test_a_label_keeps_its_number_in_arabic_text(rendered):
    """"TTY 711" reads TTY then 711, left to right, inside right-to-left lines."""
    for layout, page in (("poster", 0), ("tearoff", 0), ("wallet-card", 0)):
        found = chars(rendered(layout, language="ar"), page)
        labels = [found[i + 2] for i in range(len(found) - 2)
                  if "".join(c.text for c in found[i:i + 3]) == "TTY"]
        assert labels, f"{layout}: no TTY"
        for label in labels:
            middle = (label.top + label.bottom) / 2  # digits may come from the Arabic face
            digits = [c for c in found if c.text == "7"
                      and abs((c.top + c.bottom) / 2 - middle) < 0.6 * label.size
                      and abs(c.x0 - label.x1) < 3 * label.size]
            assert digits and all(c.x0 > label.x1 for c in digits), (
                f"{layout}: 711 is not to the right of TTY")


def test_a_paragraphs_last_word_is_never_hyphenated(catalogue, rendered):
    for layout, language in [("tearoff", "en"), ("poster", "en+es"), ("tearoff", "en+es")]:
        pdf = rendered(layout, language=language)
        columns = column_lines(pdf) if "+" in language else [lines_of(pdf).splitlines()]
        pairs = (pair for lines in columns for pair in itertools.pairwise(
            [line.strip() for line in lines]))
        for line, following in pairs:
            if line.endswith(HYPHENS) and re.search(r"\w[-\u2010]$", line):
                rest = following.split()[0] if following.split() else ""
                for code in language.split("+"):
                    for value in catalogue.languages[code].strings.values():
                        for text in value if isinstance(value, list) else [value]:
                            assert not str(text).rstrip().endswith(rest) or len(
                                str(text).split()) < 6, f"{layout}: {line!r} / {following!r}"


@pytest.mark.parametrize("layout", ["poster", "tearoff", "wallet-card"])
def test_chinese_text_takes_full_width_brackets(catalogue, rendered, layout):
    from tests.pdfread import text_of

    for code in ("zh-Hans", "zh-Hant"):
        note = str(catalogue.languages[code].strings["text_languages"])
        text = "".join(text_of(rendered(layout, language=code)).split())
        assert f"\uff08{note}\uff09" in text and f"({note})" not in text
    english = str(catalogue.languages["en"].strings["text_languages"])
    assert f"({english})" in text_of(rendered(layout))


@pytest.mark.parametrize("layout", ["poster", "tearoff", "wallet-card"])
@pytest.mark.parametrize("code", ["zh-Hans", "zh-Hant"])
def test_no_chinese_line_starts_with_closing_punctuation(rendered, layout, code):
    closing = "，。、；：！？）」』》〉"
    for line in lines_of(rendered(layout, language=code)).splitlines():
        assert not line.strip().startswith(tuple(closing)), line


@pytest.mark.parametrize("layout", ["poster", "tearoff", "wallet-card"])
@pytest.mark.parametrize("code", ["zh-Hans", "zh-Hant"])
def test_chinese_words_are_not_split_across_lines(catalogue, rendered, layout, code):
    """The words the language file lists as unbroken never end one line and begin the
    next (Chinese may otherwise break between any two characters)."""
    words = catalogue.languages[code].language.unbroken
    assert words
    lines = [line.strip() for line in lines_of(rendered(layout, language=code)).splitlines()]
    for line, following in itertools.pairwise(lines):
        for word in words:
            for cut in range(1, len(word)):
                assert not (line.endswith(word[:cut]) and following.startswith(word[cut:])), (
                    f"{word} split between {line!r} and {following!r}")


def test_a_korean_word_holding_a_number_is_kept_whole():
    """"911에" (to 911) is one word: never "911" at a line's end and "에" on the next."""
    from awareprint.compose.typesetting import typeset

    korean = str(typeset("당장 위험에 처해 있습니까? {emergency}에 전화하세요.", "Kore"))
    assert '<span class="kept">{emergency}에</span>' in korean
    # a placeholder whose value may be long (an address) is not kept whole
    assert '<span class="kept">{publisher}' not in str(typeset("발행: {publisher}의 자료", "Kore"))


def test_names_and_addresses_are_kept_whole_from_the_data(catalogue):
    """A name of several words (content/attribution.yaml `names`, a language's `unbroken`)
    and each part of the publisher's address are bound by no-break spaces; the address
    breaks only after its commas."""
    from awareprint.compose.piece import _names
    from awareprint.compose.typesetting import address, typeset

    set_text = str(typeset("Text by Julie A. Shrader, Founder/CEO, Innocence Freed", "Latn",
                           whole=_names(catalogue)))
    assert "Julie\u00a0A.\u00a0Shrader" in set_text and "Innocence\u00a0Freed" in set_text
    assert "by Julie" in set_text  # the other spaces stay break opportunities
    line = str(address(catalogue.branding.publisher.parts))
    assert line == ", ".join(part.replace(" ", "\u00a0")
                             for part in catalogue.branding.publisher.parts)
    assert "EE.\u00a0UU." in str(typeset("Departamento de Justicia de EE. UU.", "Latn",
                                         whole=frozenset(catalogue.languages["es"]
                                                         .language.unbroken)))


@pytest.mark.parametrize("layout", ["poster", "wallet-card"])
def test_no_line_breaks_inside_a_name_or_an_address_part(catalogue, rendered, layout):
    """Read back: no printed line ends inside "Innocence Freed", "Omaha, NE 68145" or
    "P.O. Box 45056" (the footers the designer saw broken)."""
    pieces = ["Innocence Freed", "NE 68145", "Box 45056", "Julie A. Shrader"]
    for language in ("en", "en+es", "ko"):
        lines = lines_of(rendered(layout, language=language)).splitlines()
        for line, following in itertools.pairwise(lines):
            for piece in pieces:
                head, tail = piece.rsplit(" ", 1)
                assert not (line.rstrip().endswith(head) and following.lstrip()
                            .startswith(tail)), (language, line, following)


@pytest.mark.parametrize(("size", "language"), [
    ("business-card", "en"), ("business-card", "es"), ("business-card", "ru"),
    ("business-card", "tl"), ("index-card", "en+fr")])
def test_the_hotline_s_name_breaks_only_between_its_kept_phrases(catalogue, rendered, size,
                                                                language):
    """On the narrowest piece that prints it (the shoe card's back; two languages: the
    index card), no printed line ends
    inside the hotline's name where it fits on a line ("National Human Trafficking
    Hotline"), nor, in a longer name, inside the phrases its language keeps whole
    ("Línea Nacional", "Trata de Personas"): each language's `unbroken`."""
    lines = lines_of(rendered("discreet-card", size, language)).splitlines()
    for code in language.split("+"):
        strings, kept = catalogue.languages[code].strings, catalogue.languages[code].language
        name = " ".join(str(strings["hotline_name"]).split()).casefold()
        phrases = [phrase for phrase in kept.unbroken
                   if " " in phrase and phrase.casefold() in name]
        assert phrases, code
        if code == "en":
            assert phrases == [str(strings["hotline_name"])]
        for line, following in itertools.pairwise(lines):
            for phrase in phrases:
                words = phrase.casefold().split()
                for cut in range(1, len(words)):
                    assert not (line.rstrip().casefold().endswith(" ".join(words[:cut]))
                                and following.lstrip().casefold().startswith(
                                    " ".join(words[cut:]))), (code, line, following)


@pytest.mark.parametrize("layout", ["poster", "tearoff", "wallet-card", "handout"])
def test_a_vietnamese_compound_stays_on_one_line(catalogue, rendered, layout):
    """The phrases content/vi.yaml lists as unbroken ("mua bán") never end one line and
    begin the next."""
    phrases = [phrase.casefold().split() for phrase in catalogue.languages["vi"].language.unbroken]
    lines = [line.strip().casefold() for line in lines_of(rendered(layout, language="vi"))
             .splitlines() if line.strip()]
    for line, following in itertools.pairwise(lines):
        for words in phrases:  # "mua bán", and the hotline's name by its phrases
            for cut in range(1, len(words)):
                assert not (line.endswith(" ".join(words[:cut]))
                            and following.startswith(" ".join(words[cut:]))), (
                    f"{layout}: {line!r} / {following!r}")


def test_latin_words_inside_right_to_left_text_are_set_apart():
    """A run of two Latin words or more in Arabic (a name, an address) in an element of
    its own direction; one word, punctuation around the run and a placeholder stay as they
    are; English is not touched."""
    from awareprint.compose.filters import fill
    from awareprint.compose.typesetting import typeset

    ltr = '<span dir="ltr">\u2066{}\u2069</span>'.format
    assert str(typeset("بقلم Julie A. Shrader، المؤسِّسة", "Arab")) == (
        f"بقلم {ltr('Julie A. Shrader')}، المؤسِّسة")
    assert str(typeset("اكتب إلى (P.O. Box 45056).", "Arab")) == (
        f"اكتب إلى ({ltr('P.O. Box 45056')}).")
    assert str(typeset("رقم TTY للصم {publisher}", "Arab")) == "رقم TTY للصم {publisher}"
    assert str(typeset("Text by Julie A. Shrader", "Latn")) == "Text by Julie A. Shrader"
    assert str(fill(typeset("بقلم {author}", "Arab"), author="Julie A. Shrader")) == (
        f"بقلم {ltr('Julie A. Shrader')}")
    assert str(fill(typeset("Written by {author}", "Latn"), author="Julie A. Shrader")) == (
        "Written by Julie A. Shrader")


def test_thai_words_come_from_libthai():
    from awareprint.compose.thai_words import words

    assert words("การค้ามนุษย์คืออะไร") == ["การ", "ค้า", "มนุษย์", "คือ", "อะไร"]
    assert words("ข้อความโดย Julie A. Shrader") == ["ข้อความ", "โดย", "Julie", "A.", "Shrader"]


def test_typeset_thai_keeps_listed_words_the_last_two_words_and_the_repetition_mark():
    from awareprint.compose.typesetting import typeset

    text = "สัญญาณเพียงอย่างเดียวไม่ได้พิสูจน์ว่าเป็นการค้ามนุษย์ ให้แจ้งสิ่งที่คุณเห็น"
    marked = str(typeset(text, "Thai", whole=frozenset(["การค้ามนุษย์"])))
    assert '<span class="kept">การค้ามนุษย์</span>' in marked
    assert marked.endswith('สิ่งที่<span class="kept">คุณเห็น</span>')
    assert "ใด\u00a0ๆ" in str(typeset("การค้าประเวณีใด ๆ กับผู้เยาว์", "Thai"))
    # a short number ends a paragraph with the word before it; a long placeholder never
    assert str(typeset("หากตกอยู่ในอันตรายเร่งด่วน โทร {emergency}", "Thai")).endswith(
        "โทร\u00a0{emergency}")
    assert "kept" not in str(typeset("ติดประกาศตามที่กฎหมายกำหนด ตรวจสอบ {citation}", "Thai"))
