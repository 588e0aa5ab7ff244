"""preflight: read a finished PDF back and check what a print shop and a reader need.

Works on any PDF, ours or not. Press rules (bleed, boxes, output intent, CMYK only,
marks outside the bleed) apply to files that claim to be press files (an output intent,
a PDF/X version, a TrimBox inside the MediaBox) or when asked for; every file must carry
the hotline number and text line.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pikepdf
import pypdf
import pypdfium2
import zxingcpp

from . import pdfinspect
from .catalogue import Catalogue
from .cobrand import near_hotline
from .errors import InputError
from .finish import PARTNER_NUMBERS
from .fontcheck import bundled_source
from .house import PressRules

BOX_TOLERANCE_PT = 0.1
SIZE_TOLERANCE_PT = 0.5
MARKS_PER_PAGE = 8
SIDES = ("left", "bottom", "right", "top")


@dataclass
class FontReport:
    name: str
    embedded: bool
    subset: bool
    bundled: str | None


@dataclass
class PreflightReport:
    source: str
    pages: int = 0
    press: bool = False
    sheet: str | None = None  # pieces imposed on a sheet: its name
    ours: bool = False        # made by awareprint: our own marks and exact bleed expected
    font_sources: bool = True  # whether embedded fonts were matched to fonts/
    trim_size: str = ""
    boxes: dict[str, tuple[float, ...] | None] = field(default_factory=dict)
    bleed: dict[str, float] = field(default_factory=dict)
    output_intent: str | None = None
    pdfx_version: str | None = None
    fonts: list[FontReport] = field(default_factory=list)
    colour_spaces: dict[str, str] = field(default_factory=dict)
    smallest_text_pt: float | None = None
    hotline_call: bool = False
    hotline_text: bool = False
    qr_targets: list[str] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    partner_numbers: list[str] = field(default_factory=list)  # a co-branding partner's own

    @property
    def passed(self) -> bool:
        return not self.faults


def preflight(pdf: bytes | Path, catalogue: Catalogue, press: bool | None = None,
              source: str = "", font_sources: bool = True) -> PreflightReport:
    """Inspect one PDF. `press=None` applies press rules when the file claims to be one.
    `font_sources=False` skips matching embedded fonts to fonts/ by their outlines (slow
    for CJK; our own renders can only use fonts/, fontconfig sees nothing else)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    report = PreflightReport(source=source or (str(pdf) if isinstance(pdf, Path) else "(pdf)"),
                             font_sources=font_sources)
    with pikepdf.open(io.BytesIO(data)) as document:
        report.pages = len(document.pages)
        _read_structure(document, report, font_sources)
        report.press = press if press is not None else _claims_press(report)
        report.ours = str(document.docinfo.get("/Creator", "")).startswith("awareprint")
        imposition = document.docinfo.get("/Imposition")
        report.sheet = str(imposition) if imposition is not None else None
        partner = document.docinfo.get(PARTNER_NUMBERS)
        report.partner_numbers = str(partner).split() if partner is not None else []
        _check_boxes(report, catalogue)
        if report.press:
            _check_press(report, catalogue.house.press, catalogue)
    _read_text_and_marks(data, report, catalogue)
    report.qr_targets = _decode_qr(data)
    hotline = catalogue.hotline
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
    unknown = _phone_numbers(data) - _known_numbers(catalogue) - set(report.partner_numbers)
    for number in sorted(unknown):
        report.faults.append(f"the number {number} is printed but is not in hotline.yaml")
    return report


PHONE = re.compile(r"\d+(?:-\d+){2,}")  # digit groups joined by hyphens, as phones print
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # the slug line's date


def _phone_numbers(data: bytes) -> set[str]:
    """Every phone-like number in the text, digits only. pypdf reads turned text (tabs)
    in its order; runs of digits are cut at anything but a hyphen."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return {re.sub(r"\D", "", match) for match in PHONE.findall(text)
            if not ISO_DATE.match(match)}


def _known_numbers(catalogue: Catalogue) -> set[str]:
    hotline = catalogue.hotline
    return {line.digits for line in (hotline.call, hotline.text, hotline.tty)}


def preflight_file(path: Path, catalogue: Catalogue, press: bool | None = None
                   ) -> PreflightReport:
    """Preflight a file on disk; a missing or unreadable file is an InputError."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    if not data.startswith(b"%PDF-"):
        raise InputError(f"{path}: not a PDF file")
    try:
        return preflight(data, catalogue, press, source=str(path))
    except (pikepdf.PdfError, pdfplumber.utils.exceptions.PdfminerException) as error:
        raise InputError(f"{path}: damaged PDF ({error})") from None


def _read_structure(document: pikepdf.Pdf, report: PreflightReport,
                    font_sources: bool = True) -> None:
    first = document.pages[0]
    for name in ("MediaBox", "BleedBox", "TrimBox"):
        report.boxes[name] = pdfinspect.box(first, name)
    intents = document.Root.get("/OutputIntents", [])
    for intent in intents:
        profile = intent.get("/DestOutputProfile")
        channels = int(profile.get("/N", 0)) if profile is not None else 0
        report.output_intent = (f"{intent.get('/S')} {intent.get('/OutputConditionIdentifier')}"
                                f" (ICC profile, {channels} channels)" if profile is not None
                                else f"{intent.get('/S')} without an ICC profile")
    xmp = document.open_metadata()
    report.pdfx_version = xmp.get("pdfxid:GTS_PDFXVersion")
    for font in pdfinspect.fonts(document):
        source = (bundled_source(font.program) if font.program and font_sources else None)
        report.fonts.append(FontReport(font.name, font.program is not None, font.subset,
                                       source))
    report.colour_spaces = pdfinspect.colour_spaces(document)
    info = document.docinfo
    for key, xmp_key in (("/Title", "dc:title"), ("/GTS_PDFXVersion", "pdfxid:GTS_PDFXVersion")):
        if report.pdfx_version and key in info and str(info[key]) != str(xmp.get(xmp_key, "")):
            report.faults.append(f"XMP {xmp_key} differs from the Info dictionary's {key[1:]}")
    if report.pdfx_version and "/Trapped" not in info:
        report.faults.append("Info dictionary lacks the Trapped key PDF/X requires")
    for number, page in enumerate(document.pages, start=1):
        for name in ("MediaBox", "BleedBox", "TrimBox"):
            if pdfinspect.box(page, name) != report.boxes[name]:
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
        if pdfinspect.is_rgb(space):
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


def _read_text_and_marks(data: bytes, report: PreflightReport, catalogue: Catalogue) -> None:
    hotline = catalogue.hotline
    registration = tuple(v / 100 for v in catalogue.house.press.registration)
    texts = []
    with pdfplumber.open(io.BytesIO(data)) as document:
        for number, page in enumerate(document.pages, start=1):
            texts.append(page.extract_text() or "")
            sizes = [_type_size(c) for c in page.chars
                     if c["text"].strip() and _inside_trim(c, page, report)]
            if sizes:
                smallest = min(sizes)
                if report.smallest_text_pt is None or smallest < report.smallest_text_pt:
                    report.smallest_text_pt = round(smallest, 2)
            if report.press and report.sheet is None and report.ours:
                _check_marks(page, number, registration, report)
    text = "\n".join(texts)
    digits = "".join(ch for ch in text if ch.isdigit())
    report.hotline_call = hotline.call.display in text or hotline.call.digits in digits
    report.hotline_text = hotline.text.display in text


def _type_size(char: dict) -> float:
    """A character's type size; pdfplumber's `size` is its height on the page, which for
    text turned 90° (tear-off tabs) is its width instead."""
    return float(char["size"] if char["upright"] else char["x1"] - char["x0"])


def _inside_trim(char: dict, page: pdfplumber.page.Page, report: PreflightReport) -> bool:
    """Whether a character lies on the finished piece (not in the slug or marks)."""
    trim = report.boxes["TrimBox"] or report.boxes["MediaBox"]
    media = report.boxes["MediaBox"]
    if trim is None or media is None:
        return True
    y0, y1 = media[3] - char["bottom"], media[3] - char["top"]
    return char["x0"] >= trim[0] and char["x1"] <= trim[2] and y0 >= trim[1] and y1 <= trim[3]


def _check_marks(page: pdfplumber.page.Page, number: int, registration: tuple[float, ...],
                 report: PreflightReport) -> None:
    """Registration-colour marks must exist and lie between the BleedBox and the MediaBox."""
    media, bleed_box = report.boxes["MediaBox"], report.boxes["BleedBox"]
    if media is None or bleed_box is None:
        return
    top = media[3]
    marks = [r for r in page.rects if _colour(r) == registration]
    if len(marks) < MARKS_PER_PAGE:
        report.faults.append(f"page {number}: {len(marks)} crop marks; expected at least "
                             f"{MARKS_PER_PAGE} (two at each corner)")
    for mark in marks:
        x0, x1, y0, y1 = mark["x0"], mark["x1"], top - mark["bottom"], top - mark["top"]
        in_media = x0 >= media[0] and y0 >= media[1] and x1 <= media[2] and y1 <= media[3]
        overlaps_bleed = (x0 < bleed_box[2] and x1 > bleed_box[0]
                          and y0 < bleed_box[3] and y1 > bleed_box[1])
        if overlaps_bleed or not in_media:
            report.faults.append(f"page {number}: a crop mark at ({x0:.1f}, {y0:.1f}) pt "
                                 "enters the bleed or leaves the page")
            return


def _colour(graphic: dict) -> tuple[float, ...]:
    return tuple(round(float(v), 3) for v in graphic.get("non_stroking_color") or ())


def _decode_qr(data: bytes, longest_side_px: int = 2000) -> list[str]:
    targets: list[str] = []
    document = pypdfium2.PdfDocument(data)
    try:
        for page in document:
            width, height = page.get_size()
            scale = min(200 / 72, longest_side_px / max(width, height))
            image = page.render(scale=scale).to_pil()
            targets += [result.text for result in zxingcpp.read_barcodes(image)]
    finally:
        document.close()
    return targets


def format_report(report: PreflightReport) -> str:
    """The report as a person reads it: one fact a line, faults last."""
    kind = ("press" if report.press else "office") + (
        f" sheet {report.sheet}" if report.sheet else "")
    lines = [f"{report.source}: {'PASS' if report.passed else 'FAIL'} "
             f"({kind}, {report.pages} page{'s' if report.pages != 1 else ''})",
             f"  trim size      {report.trim_size}"]
    for name, value in report.boxes.items():
        shown = "not set" if value is None else "[" + " ".join(f"{v:.2f}" for v in value) + "]"
        lines.append(f"  {name:<14} {shown}")
    lines.append("  bleed          " + ", ".join(f"{side} {amount:.2f} pt"
                                                 for side, amount in report.bleed.items()))
    lines.append(f"  output intent  {report.output_intent or 'none'}")
    lines.append(f"  PDF/X          {report.pdfx_version or 'none'}")
    for font in report.fonts:
        state = ("embedded" if font.embedded else "NOT EMBEDDED") + (
            ", subset" if font.subset else "") + (
            f", from fonts/{font.bundled}" if font.bundled else ", not from fonts/")
        if not report.font_sources:
            state = state.removesuffix(", not from fonts/")
        lines.append(f"  font           {font.name}: {state}")
    lines.append("  colour spaces  " + (", ".join(sorted(report.colour_spaces)) or "none"))
    smallest = "none" if report.smallest_text_pt is None else f"{report.smallest_text_pt:g} pt"
    lines.append(f"  smallest text  {smallest}")
    lines.append(f"  hotline        call {'found' if report.hotline_call else 'MISSING'}, "
                 f"text {'found' if report.hotline_text else 'MISSING'}")
    lines.append("  QR code        " + (", ".join(report.qr_targets) or "none found"))
    if report.partner_numbers:
        lines.append("  partner's own  " + ", ".join(report.partner_numbers))
    lines += [f"  FAULT          {fault}" for fault in report.faults]
    return "\n".join(lines)
