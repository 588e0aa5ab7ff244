"""Press rules for fine detail, read from the inks each page prints (ink_walk):

- type under `single_ink_below_pt` prints in a single ink (black in K only), type under
  `two_inks_below_pt` in two at most: more plates never hold small type in register;
- reversed type, lighter than the ground it is knocked out of, is at least
  `reversed_min_pt` and bold, or ink spread fills it in;
- the modules of every QR code print in black only (K), so that no plate's drift blurs
  the code a phone must read.

Text in the registration colour is a printer's mark (the slug line), not the piece's.
"""

from __future__ import annotations

from collections.abc import Sequence

import pikepdf

from ..catalogue.house import FinePrint, inks
from .ink_walk import Cmyk, PaintedShape, TextRun, page_ink
from .qr import Bounds, FoundCode

SIZE_TOLERANCE_PT = 0.05
QR_TOLERANCE_PT = 1.0
PAPER: Cmyk = (0.0, 0.0, 0.0, 0.0)
LUMINANCE = (0.2126, 0.7152, 0.0722)  # of red, green and blue


def fine_print_faults(document: pikepdf.Pdf, rules: FinePrint, registration: Cmyk,
                      codes: Sequence[FoundCode], within: Bounds | None) -> list[str]:
    """The fine-print faults of a press file, each named once per page."""
    faults: list[str] = []
    for number, page in enumerate(document.pages):
        drawn = page_ink(page)
        found: list[str] = []
        for index, item in enumerate(drawn):
            if isinstance(item, TextRun) and item.cmyk not in (None, registration) and (
                    within is None or _inside(item.x, item.y, within)):
                found += _text_faults(item, _ground(drawn[:index], item), rules)
        regions = [code.bounds for code in codes if code.page == number and code.bounds]
        found += _qr_faults(drawn, regions)
        faults += [f"page {number + 1}: {fault}" for fault in dict.fromkeys(found)]
    return faults


def _text_faults(run: TextRun, ground: Cmyk, rules: FinePrint) -> list[str]:
    assert run.cmyk is not None
    faults = []
    allowed = rules.inks_allowed(run.size + SIZE_TOLERANCE_PT)
    if inks(run.cmyk) > allowed == 1:
        faults.append(f"small text not in a single ink: {run.size:g} pt in "
                      f"{describe(run.cmyk)} (under {rules.single_ink_below_pt:g} pt: one "
                      "ink, black in K only)")
    elif inks(run.cmyk) > allowed:
        faults.append(f"small text in more than two inks: {run.size:g} pt in "
                      f"{describe(run.cmyk)} (under {rules.two_inks_below_pt:g} pt: two "
                      "inks at most)")
    reversed_ = _lightness(run.cmyk) > _lightness(ground)
    if reversed_ and (run.size < rules.reversed_min_pt - SIZE_TOLERANCE_PT or not run.bold):
        weight = "bold" if run.bold else "not bold"
        faults.append(f"reversed text under {rules.reversed_min_pt:g} pt / not bold: "
                      f"{run.size:g} pt {weight}, {describe(run.cmyk)} on {describe(ground)}")
    return faults


def _qr_faults(drawn: list[TextRun | PaintedShape], regions: list[Bounds]) -> list[str]:
    faults = []
    for region in regions:
        for item in drawn:
            if (isinstance(item, PaintedShape) and _contains(region, item.bounds)
                    and item.cmyk != PAPER and not _k_only(item.cmyk)):
                shown = "not in CMYK" if item.cmyk is None else describe(item.cmyk)
                faults.append(f"QR not K only: its modules print in {shown}")
    return faults


def _ground(before: list[TextRun | PaintedShape], run: TextRun) -> Cmyk:
    """The colour under the start of a run of text: the last fill drawn there, or paper."""
    for item in reversed(before):
        if isinstance(item, PaintedShape) and item.cmyk is not None and _inside(
                run.x, run.y + run.size / 3, item.bounds):
            return item.cmyk
    return PAPER


def _k_only(cmyk: Cmyk | None) -> bool:
    return cmyk is not None and cmyk[:3] == (0.0, 0.0, 0.0) and cmyk[3] > 0


def _lightness(cmyk: Cmyk) -> float:
    """About how light a CMYK colour looks (0 black, 1 paper), from its naive RGB."""
    c, m, y, k = cmyk
    rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return sum(weight * value for weight, value in zip(LUMINANCE, rgb, strict=True))


def _inside(x: float, y: float, box: Bounds) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _contains(outer: Bounds, inner: Bounds) -> bool:
    t = QR_TOLERANCE_PT
    return (inner[0] >= outer[0] - t and inner[1] >= outer[1] - t
            and inner[2] <= outer[2] + t and inner[3] <= outer[3] + t)


def describe(cmyk: Cmyk) -> str:
    """C100 M64 Y0 K60."""
    return " ".join(f"{name}{value * 100:g}" for name, value in zip("CMYK", cmyk, strict=True))
