"""Read a finished PDF back and check what a print shop and a reader need.

Works on any PDF, ours or not. Press rules (bleed, boxes, output intent, CMYK only,
marks outside the bleed) apply to files that claim to be press files (an output intent,
a PDF/X version, a TrimBox inside the MediaBox) or when asked for; every file must carry
the hotline number and text line. Structure is read with pikepdf, text, type sizes and
QR codes with pdfium: both native readers, independent of the layout engine.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2

from ..catalogue.house import PressRules
from ..catalogue.load import Catalogue
from ..catalogue.notices import Notice, NoticeRef, parse_notice_label
from ..catalogue.numbers import PHONE_DIGITS, near_hotline, phone_numbers
from ..errors import InputError, RenderError
from ..finish.metadata import IMPOSITION, PARTNER_NUMBERS, STATE_NOTICE
from . import structure
from .compliance import check_notice
from .content import parsed_once
from .fine_print import fine_print_faults
from .fonts import bundled_source
from .marks import filled_rectangles
from .qr import FoundCode, qr_codes
from .quotes import straight_quotes
from .report import FontReport, PreflightReport
from .tagged import read_tagged
from .text import Glyph, PageText, read_pages
from .type_lines import type_notes

BOX_TOLERANCE_PT = 0.1
SIZE_TOLERANCE_PT = 0.5
MARKS_PER_PAGE = 8
SIDES = ("left", "bottom", "right", "top")


def preflight(pdf: bytes | Path, catalogue: Catalogue, press: bool | None = None,
              source: str = "", font_sources: bool = True,
              notice: str | None = None) -> PreflightReport:
    """Inspect one PDF. `press=None` applies press rules when the file claims to be one.
    `notice` ("CA general en es") holds the file to that state's notice whatever the file
    says it is (any PDF: another publisher's poster, a print shop's proof).
    `font_sources=False`, for the read-back of our own render before it is written, skips
    what our renders cannot get wrong and only the printed report shows: matching embedded
    fonts to fonts/ by their outlines (fontconfig sees nothing else) and listing the colour
    spaces of an office file (press rules still judge a press file's)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    report = PreflightReport(source=source or (str(pdf) if isinstance(pdf, Path) else "(pdf)"),
                             font_sources=font_sources)
    with pikepdf.open(io.BytesIO(data)) as document, parsed_once():
        report.pages = len(document.pages)
        _read_structure(document, report, font_sources)
        report.press = press if press is not None else _claims_press(report)
        report.ours = str(document.docinfo.get("/Creator", "")).startswith("awareprint")
        imposition = document.docinfo.get(IMPOSITION)
        report.sheet = str(imposition) if imposition is not None else None
        named = notice or document.docinfo.get(STATE_NOTICE)
        report.notice = str(named) if named is not None else None
        partner = document.docinfo.get(PARTNER_NUMBERS)
        report.partner_numbers = str(partner).split() if partner is not None else []
        _check_boxes(report, catalogue)
        if report.press or font_sources:
            report.colour_spaces = structure.colour_spaces(document)
        if report.press:
            _check_press(report, catalogue.house.press, catalogue)
            if report.sheet is None and report.ours:
                _check_marks(document, catalogue, report)
        reader = pypdfium2.PdfDocument(data)
        try:
            pages = read_pages(reader)
            codes = qr_codes(reader, whole_page_search=not report.ours)
            if report.notice is not None:
                _check_notice(reader, report, catalogue)
        finally:
            reader.close()
        report.qr_targets = [code.text for code in codes]
        _check_text(pages, report, catalogue)
        if font_sources:  # the printed report; our own renders were held to it after layout
            report.type_notes = type_notes(pages)
        quotes = straight_quotes(pages)
        if report.ours:
            report.faults += quotes
        elif font_sources:
            report.type_notes += quotes
        if report.press:
            _check_fine_print(document, report, catalogue, codes)
    return report


def _check_fine_print(document: pikepdf.Pdf, report: PreflightReport, catalogue: Catalogue,
                      codes: list[FoundCode]) -> None:
    """Small type in one ink (under 8 pt) or two (under 12 pt), reversed type large and
    bold, QR codes in K only."""
    rules = catalogue.house.press
    registration = tuple(v / 100 for v in rules.registration)
    trim = report.boxes["TrimBox"] if report.sheet is None else None
    report.faults += fine_print_faults(document, rules.fine_print,
                                       registration, codes, trim)  # type: ignore[arg-type]


def _check_text(pages: list[PageText], report: PreflightReport, catalogue: Catalogue) -> None:
    """The hotline printed right, no unknown number, the QR code leading to the hotline,
    and the smallest type on the finished piece."""
    hotline = catalogue.hotline
    text = "\n".join(page.text for page in pages)
    digits = "".join(ch for ch in text if ch.isdigit())
    report.hotline_call = hotline.call.display in text or hotline.call.digits in digits
    report.hotline_text = hotline.text.display in text
    sizes = [glyph.size for page in pages for glyph in page.glyphs
             if _inside_trim(glyph, report)]
    report.smallest_text_pt = round(min(sizes), 2) if sizes else None
    if not report.hotline_call:
        report.faults.append(f"hotline number {hotline.call.display} is not in the text")
    if not report.hotline_text:
        report.faults.append(f"text line {hotline.text.display} is not in the text")
    for target in sorted(set(report.qr_targets)):
        if target != hotline.qr_target:
            report.faults.append(f"a QR code leads to {target}, not to {hotline.qr_target}")
    for number in report.partner_numbers:
        display = near_hotline(number, catalogue)
        if display:
            report.faults.append(f"the partner's number {number} looks like the hotline's "
                                 f"{display}")
    known = _known_numbers(catalogue, report)
    for number in phone_numbers(text):
        if number in known or number in report.partner_numbers:
            continue
        display = near_hotline(number, catalogue)
        if display:
            report.faults.append(f"the number {number} is printed but is not in "
                                 f"hotline.yaml: it looks like the hotline's {display}")
        elif len(number) >= PHONE_DIGITS:
            report.faults.append(f"the number {number} is printed but is not in hotline.yaml")


def _known_numbers(catalogue: Catalogue, report: PreflightReport) -> set[str]:
    """The hotline's numbers, and on a state's notice the numbers its law names and the
    figures of its citation (a section number is no phone number)."""
    hotline = catalogue.hotline
    known = {line.digits for line in (hotline.call, hotline.text, hotline.tty)}
    named = _named_notice(report, catalogue)
    if named is not None:
        notice = named[2]
        known |= {number.digits for number in notice.numbers}
        known |= set(phone_numbers(notice.citation))
    return known


def _named_notice(report: PreflightReport, catalogue: Catalogue
                  ) -> tuple[NoticeRef, tuple[str, ...], Notice] | None:
    """The state's notice a file says it is (its languages, its law), if we have it."""
    named = parse_notice_label(report.notice) if report.notice else None
    state = catalogue.notices.get(named[0].state) if named else None
    if named is None or state is None or named[0].notice not in state.notices:
        return None
    return named[0], named[1], state.notices[named[0].notice]


def _check_notice(reader: pypdfium2.PdfDocument, report: PreflightReport,
                  catalogue: Catalogue) -> None:
    """A file that says it is a state's notice is held to that notice's law."""
    named = _named_notice(report, catalogue)
    if named is None:
        report.faults.append(f"the file says it is the notice '{report.notice}', which is not "
                             "in content/notices/")
        return
    ref, languages, notice = named
    trim = report.boxes["TrimBox"] or report.boxes["MediaBox"]
    size = None if report.sheet is not None or trim is None else (trim[2] - trim[0],
                                                                  trim[3] - trim[1])
    compliance = check_notice(reader, ref, notice, languages, size)
    report.notice_lines = [compliance.notice, *compliance.lines]
    report.faults += compliance.faults


def preflight_file(path: Path, catalogue: Catalogue, press: bool | None = None,
                   notice: str | None = None) -> PreflightReport:
    """Preflight a file on disk; a missing or unreadable file is an InputError."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    if not data.startswith(b"%PDF-"):
        raise InputError(f"{path}: not a PDF file")
    try:
        return preflight(data, catalogue, press, source=str(path), notice=notice)
    except (pikepdf.PdfError, pypdfium2.PdfiumError) as error:
        raise InputError(f"{path}: damaged PDF ({error})") from None


def _read_structure(document: pikepdf.Pdf, report: PreflightReport,
                    font_sources: bool = True) -> None:
    first = document.pages[0]
    for name in ("MediaBox", "BleedBox", "TrimBox"):
        report.boxes[name] = structure.box(first, name)
    intents = document.Root.get("/OutputIntents", [])
    for intent in intents:
        profile = intent.get("/DestOutputProfile")
        channels = int(profile.get("/N", 0)) if profile is not None else 0
        report.output_intent = (f"{intent.get('/S')} {intent.get('/OutputConditionIdentifier')}"
                                f" (ICC profile, {channels} channels)" if profile is not None
                                else f"{intent.get('/S')} without an ICC profile")
        if "/Info" in intent:  # what the condition is, in words
            report.output_intent += f": {intent.Info}"
    xmp = document.open_metadata()
    report.pdfx_version = xmp.get("pdfxid:GTS_PDFXVersion")
    for font in structure.fonts(document):
        program = font.program if font_sources else None
        source = bundled_source(program) if program else None
        report.fonts.append(FontReport(font.name, font.embedded, font.subset,
                                       source))
    info = document.docinfo
    for key, xmp_key in (("/Title", "dc:title"), ("/GTS_PDFXVersion", "pdfxid:GTS_PDFXVersion")):
        if report.pdfx_version and key in info and str(info[key]) != str(xmp.get(xmp_key, "")):
            report.faults.append(f"XMP {xmp_key} differs from the Info dictionary's {key[1:]}")
    if report.pdfx_version and "/Trapped" not in info:
        report.faults.append("Info dictionary lacks the Trapped key PDF/X requires")
    for number, page in enumerate(document.pages, start=1):
        for name in ("MediaBox", "BleedBox", "TrimBox"):
            if structure.box(page, name) != report.boxes[name]:
                report.faults.append(f"page {number} has a different {name} from page 1")


def _claims_press(report: PreflightReport) -> bool:
    media, trim = report.boxes["MediaBox"], report.boxes["TrimBox"]
    return bool(report.output_intent or report.pdfx_version
                or (trim is not None and media is not None and trim != media))


def _check_boxes(report: PreflightReport, catalogue: Catalogue) -> None:
    media = report.boxes["MediaBox"]
    trim = report.boxes["TrimBox"] or media
    assert media is not None and trim is not None
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    report.trim_size = f"{width:.1f} × {height:.1f} pt"
    for name, size in catalogue.sizes.items():
        if (abs(size.width_pt - width) <= SIZE_TOLERANCE_PT
                and abs(size.height_pt - height) <= SIZE_TOLERANCE_PT):
            report.trim_size = f"{name}: {size.title}, {size.dimensions}"
            break
    bleed_box = report.boxes["BleedBox"] or trim
    report.bleed = {side: abs(bleed_box[i] - trim[i]) for i, side in enumerate(SIDES)}


def _check_press(report: PreflightReport, rules: PressRules, catalogue: Catalogue) -> None:
    faults = report.faults
    media, trim, bleed_box = (report.boxes[n] for n in ("MediaBox", "TrimBox", "BleedBox"))
    assert media is not None
    if report.sheet is not None:
        # An imposed sheet: the sheet is the trim; the pieces' bleed and marks lie on it.
        if trim is None or any(abs(a - b) > BOX_TOLERANCE_PT for a, b in zip(trim, media,
                                                                               strict=True)):
            faults.append("an imposed sheet's TrimBox must be the whole sheet")
    elif trim is None or trim == media:
        faults.append("no TrimBox inside the MediaBox: no room for bleed and crop marks")
    if report.sheet is None and bleed_box is None:
        faults.append("no BleedBox")
    elif report.sheet is None and bleed_box is not None:
        expected = _expected_bleeds(report, rules, catalogue)
        for side, amount in report.bleed.items():
            exact = any(abs(amount - want) <= BOX_TOLERANCE_PT for want in expected)
            enough = amount >= min(expected) - BOX_TOLERANCE_PT
            if not (exact if report.ours else enough):
                want = " or ".join(f"{w:.2f}" for w in expected)
                faults.append(f"bleed on the {side} is {amount:.2f} pt; expected {want} pt")
        inside = (bleed_box[0] >= media[0] and bleed_box[1] >= media[1]
                  and bleed_box[2] <= media[2] and bleed_box[3] <= media[3])
        if not inside:
            faults.append("BleedBox reaches outside the MediaBox")
    if report.output_intent is None or "4 channels" not in report.output_intent:
        faults.append("no PDF/X output intent with a CMYK ICC profile")
    if report.pdfx_version != "PDF/X-4":
        faults.append(f"XMP GTS_PDFXVersion is {report.pdfx_version!r}; expected 'PDF/X-4'")
    for space, where in report.colour_spaces.items():
        if structure.is_rgb(space):
            faults.append(f"RGB colour ({space}) in {where}; press files are CMYK only")
    for font in report.fonts:
        if not font.embedded:
            faults.append(f"font {font.name} is not embedded")


def _expected_bleeds(report: PreflightReport, rules: PressRules,
                     catalogue: Catalogue) -> list[float]:
    name = report.trim_size.split(":")[0]
    if name in catalogue.sizes:
        return [rules.bleed_pt(catalogue.sizes[name].unit)]
    return sorted({rules.bleed_pt(unit) for unit in rules.bleed})


def _inside_trim(glyph: Glyph, report: PreflightReport) -> bool:
    """Whether a character lies on the finished piece (not in the slug or marks)."""
    trim = report.boxes["TrimBox"] or report.boxes["MediaBox"]
    if trim is None:
        return True
    return (glyph.x0 >= trim[0] - BOX_TOLERANCE_PT and glyph.x1 <= trim[2] + BOX_TOLERANCE_PT
            and glyph.y0 >= trim[1] - BOX_TOLERANCE_PT and glyph.y1 <= trim[3] + BOX_TOLERANCE_PT)


def _check_marks(document: pikepdf.Pdf, catalogue: Catalogue, report: PreflightReport) -> None:
    """Registration-colour marks must exist and lie between the BleedBox and the MediaBox."""
    media, bleed_box = report.boxes["MediaBox"], report.boxes["BleedBox"]
    if media is None or bleed_box is None:
        return
    registration = tuple(v / 100 for v in catalogue.house.press.registration)
    for number, page in enumerate(document.pages, start=1):
        marks = filled_rectangles(page, registration)
        if len(marks) < MARKS_PER_PAGE:
            report.faults.append(f"page {number}: {len(marks)} crop marks; expected at least "
                                 f"{MARKS_PER_PAGE} (two at each corner)")
        for x0, y0, x1, y1 in marks:
            in_media = x0 >= media[0] and y0 >= media[1] and x1 <= media[2] and y1 <= media[3]
            overlaps_bleed = (x0 < bleed_box[2] and x1 > bleed_box[0]
                              and y0 < bleed_box[3] and y1 > bleed_box[1])
            if overlaps_bleed or not in_media:
                report.faults.append(f"page {number}: a crop mark at ({x0:.1f}, {y0:.1f}) pt "
                                     "enters the bleed or leaves the page")
                return


def read_back(name: str, catalogue: Catalogue, pdf: bytes, press: bool,
              tagged: bool = False) -> None:
    """Every file is read back before it is written: the hotline printed right, the QR
    code leading to it, for press every rule a print shop checks, and for a tagged file
    its structure as a screen reader meets it."""
    report = preflight(pdf, catalogue, press=press, source=name, font_sources=False)
    faults = report.faults + (read_tagged(pdf).faults if tagged else [])
    if faults:
        kind = "press file" if press else "file"
        raise RenderError(f"{name}: preflight refused the {kind}: " + "; ".join(faults))
