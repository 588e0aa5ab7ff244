"""A state's notice read back against its law: the page size, the wording word for word in
each language the file carries, the size (and, where the law asks, the weight) of every
character of that wording.

The wording is compared character by character with white space removed (a line break is
white space), so a changed, missing or added word is found wherever the lines break; a
hyphen a line ends in, and the bullets of a list, are not words of the law.
"""

from __future__ import annotations

import ctypes
import difflib
import math
import unicodedata
from dataclasses import dataclass, field

import pypdfium2
import pypdfium2.raw as pdfium

from ..catalogue.notices import Notice, NoticeRef, size_problem
from ..catalogue.notices import Wording as NoticeWording

SIZE_TOLERANCE_PT = 0.05
BOLD_WEIGHT = 600
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")
MARKERS = set("•‣◦▪-–‐")  # list bullets, and a hyphen ending a line
LINE_BREAKS = set("\r\n")
LINE_END_HYPHEN = "\x02"  # pdfium's stand-in for a hyphen that ends a line
CONTEXT_CHARS = 24
FOUND_AT_LEAST = 0.75  # less of the wording matched: another text, not this one changed
BREAK_AFTER = set("-‐–—/")  # a line may end after these inside a word of the law
FIRST_WIDE = 0x2E80         # CJK and later: written without spaces between words


@dataclass(frozen=True)
class PrintedChar:
    char: str
    size: float
    bold: bool
    line_end: bool  # the last character of its line
    source: int     # where it stands in its page's text (for quoting)
    word_end: bool = False  # a space or a line end follows it


@dataclass
class ComplianceReport:
    notice: str
    lines: list[str] = field(default_factory=list)   # each rule, as a person reads it
    faults: list[str] = field(default_factory=list)


def check_notice(document: pypdfium2.PdfDocument, ref: NoticeRef, notice: Notice,
                 languages: tuple[str, ...], trim_pt: tuple[float, float] | None,
                 ) -> ComplianceReport:
    """Every rule of the notice's law, checked on the printed file; `trim_pt` the finished
    page's width and height (None for pieces imposed on a sheet: their sheet is no page of
    the notice)."""
    report = ComplianceReport(f"{ref} ({notice.citation}, wording checked "
                              f"{notice.checked.isoformat()})")
    _check_size(report, notice, trim_pt)
    pages = [_printed(document, index) for index in range(len(document))]
    for code in languages:
        wording = notice.wording.get(code)
        if wording is None:
            report.faults.append(f"notice: the file says it is in '{code}', which the "
                                 f"{ref} notice has no wording for")
            continue
        _check_wording(report, notice, code, wording, pages)
    required = notice.rules.languages
    missing = [code for code in required if code not in languages]
    together = notice.rules.sheets == "together"
    shown = ", ".join(required) + (f"; {notice.rules.languages_note}"
                                   if notice.rules.languages_note else "")
    if missing and together:
        report.faults.append(f"notice: the law wants {', '.join(required)} on one sheet; "
                             f"this one lacks {', '.join(missing)}")
    report.lines.append(f"languages      {'+'.join(languages)} of {shown}" + (
        f" (post the {', '.join(missing)} notice{'s' if len(missing) > 1 else ''} too)"
        if missing and not together else ""))
    return report


def _check_size(report: ComplianceReport, notice: Notice,
                trim_pt: tuple[float, float] | None) -> None:
    rules = notice.rules
    wanted = f"at least {rules.min_width_in:g} × {rules.min_height_in:g} in"
    if trim_pt is None:
        report.lines.append(f"page size      {wanted}: pieces on a sheet, checked as pieces")
        return
    width, height = trim_pt
    problem = size_problem(notice, width, height)
    report.lines.append(f"page size      {width / 72:.2f} × {height / 72:.2f} in, {wanted}: "
                        + ("FAILS" if problem else "ok"))
    if problem:
        report.faults.append(f"notice: the page is {width / 72:.2f} × {height / 72:.2f} in; "
                             f"{problem}")


def _check_wording(report: ComplianceReport, notice: Notice, code: str,
                   wording: NoticeWording, pages: list[tuple[str, list[PrintedChar]]]) -> None:
    expected_text = wording_text(wording)
    expected = [(char, index) for index, char in enumerate(expected_text)
                if not char.isspace()]
    wanted = "".join(char for char, _ in expected)
    best = max(pages, key=lambda page: _similarity(wanted, page[1]))
    page_text, printed = best
    matcher = difflib.SequenceMatcher(None, wanted, "".join(c.char for c in printed),
                                      autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        report.faults.append(f"notice: the {code} wording is not on the piece")
        return
    found = sum(block.size for block in blocks) / len(wanted)
    if found < FOUND_AT_LEAST:
        report.lines.append(f"wording {code:<6} not on the piece ({found:.0%} of it found)")
        report.faults.append(f"notice: the {code} wording is not on the piece; print the "
                             f"{code} notice")
        return
    start, end = blocks[0].b, blocks[-1].b + blocks[-1].size
    differences = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        outside = j2 <= start or j1 >= end  # the page's other text, before or after
        if tag == "equal" or (tag == "insert" and outside):
            continue
        extra = printed[j1:j2]
        if tag == "insert" and all(c.char in MARKERS and (c.char == "•" or c.line_end)
                                   for c in extra):
            continue
        law = _quote(expected_text, expected[i1][1] if i1 < len(expected) else len(expected_text),
                     expected[i2 - 1][1] + 1 if i2 > i1 else None)
        shown = _quote(page_text, printed[j1].source if j1 < len(printed) else len(page_text),
                       printed[j2 - 1].source + 1 if j2 > j1 else None)
        differences.append(f"the law's “{law}” is printed “{shown}”")
    differences += _joined_or_split(expected_text, expected, page_text, printed, blocks)
    matched = [printed[block.b + k] for block in blocks for k in range(block.size)]
    status = "official" if wording.status == "official" else "DRAFT translation"
    report.lines.append(f"wording {code:<6} {len(wanted) - sum(b.size for b in blocks)} "
                        f"characters differ of {len(wanted)} ({status})")
    for difference in differences[:3]:
        report.faults.append(f"notice: {code} wording differs from the law: {difference}")
    if len(differences) > 3:
        report.faults.append(f"notice: {code} wording differs in {len(differences) - 3} "
                             "more places")
    _check_type(report, notice, code, matched)


def _joined_or_split(expected_text: str, expected: list[tuple[str, int]], page_text: str,
                     printed: list[PrintedChar], blocks: list) -> list[str]:
    """Words run together ("can not" printed "cannot") or split ("cannot" printed "can
    not"): the same letters, the word spaces elsewhere. A line may end before or after a
    dash or slash inside a word; text without spaces (Chinese) is not compared."""
    found = []
    for block in blocks:
        for k in range(block.size - 1):
            (char, where), shown = expected[block.a + k], printed[block.b + k]
            if ord(char) >= FIRST_WIDE or ord(expected[block.a + k + 1][0]) >= FIRST_WIDE:
                continue
            spaced = expected_text[where + 1:where + 2].isspace()
            at_dash = char in BREAK_AFTER or expected[block.a + k + 1][0] in BREAK_AFTER
            if spaced == shown.word_end or (shown.line_end and at_dash):
                continue
            law = _quote(expected_text, where, where + 1)
            on_page = _quote(page_text, shown.source, shown.source + 1)
            found.append(f"the law's “{law}” is printed “{on_page}”")
    return found


def _check_type(report: ComplianceReport, notice: Notice, code: str,
                matched: list[PrintedChar]) -> None:
    rules = notice.rules
    smallest = min(char.size for char in matched)
    floor = rules.min_type_pt
    wanted = f"the law: {floor:g} pt" if floor else "the law sets no size"
    report.lines.append(f"type {code:<9} {smallest:.1f} pt smallest ({wanted}"
                        + (", bold)" if rules.bold else ")"))
    if floor is not None:
        small = [char for char in matched if char.size < floor - SIZE_TOLERANCE_PT]
        if small:
            report.faults.append(f"notice: {len(small)} characters of the {code} wording are "
                                 f"under {floor:g} pt (smallest {smallest:.2f} pt)")
    if rules.bold:
        light = [char for char in matched if not char.bold]
        if light:
            report.faults.append(f"notice: {len(light)} characters of the {code} wording are "
                                 "not bold; the law asks for bold type")


def wording_text(wording: NoticeWording) -> str:
    """The wording as it is compared: the heading (when the law gives one), then each
    block, NFKC-normalised."""
    parts = [wording.heading] if wording.heading else []
    parts.append(wording.text)
    return unicodedata.normalize("NFKC", " ".join(parts))


def _similarity(wanted: str, printed: list[PrintedChar]) -> float:
    got = "".join(c.char for c in printed)
    return difflib.SequenceMatcher(None, wanted, got, autojunk=False).quick_ratio()


def _quote(text: str, start: int, stop: int | None) -> str:
    """A few words around text[start:stop] (an insertion point when stop is None)."""
    stop = start if stop is None else stop
    left = text.rfind(" ", 0, max(0, start - CONTEXT_CHARS // 2)) + 1
    right = text.find(" ", min(len(text), stop + CONTEXT_CHARS // 2))
    return " ".join(text[left:right if right != -1 else len(text)].split())


def _printed(document: pypdfium2.PdfDocument, index: int) -> tuple[str, list[PrintedChar]]:
    """A page's text, and each of its visible characters with its size and weight."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium.FPDFText_CountChars(raw)
        matrix = pdfium.FS_MATRIX()
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        chars = [chr(pdfium.FPDFText_GetUnicode(raw, i)) for i in range(count)]
        printed: list[PrintedChar] = []
        for i, char in enumerate(chars):
            if char.isspace() or char in ("\x00", "\ufffe"):
                continue
            hyphen = char == LINE_END_HYPHEN
            pdfium.FPDFText_GetMatrix(raw, i, matrix)
            size = pdfium.FPDFText_GetFontSize(raw, i) * math.hypot(matrix.c, matrix.d)
            pdfium.FPDFText_GetFontInfo(raw, i, name, len(name), ctypes.byref(flags))
            font = name.value.decode("latin-1").lower()
            bold = (pdfium.FPDFText_GetFontWeight(raw, i) >= BOLD_WEIGHT
                    or any(word in font for word in BOLD_NAMES))
            line_end = hyphen or i + 1 >= count or chars[i + 1] in LINE_BREAKS
            word_end = line_end or chars[i + 1].isspace()
            parts = "-" if hyphen else unicodedata.normalize("NFKC", char)
            for n, part in enumerate(parts):
                last = n == len(parts) - 1
                printed.append(PrintedChar(part, size, bold, line_end and last, i,
                                           word_end and last))
        return "".join(chars).replace(LINE_END_HYPHEN, "-"), printed
    finally:
        textpage.close()
        page.close()
