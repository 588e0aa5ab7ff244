"""What a read-back found in one PDF, and the report a person reads."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    type_notes: list[str] = field(default_factory=list)  # typesetting a proofreader would mark
    notice: str | None = None  # a state's notice: which, and in which languages
    notice_lines: list[str] = field(default_factory=list)  # each of its law's rules, checked

    @property
    def passed(self) -> bool:
        return not self.faults


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
    codes = {target: report.qr_targets.count(target) for target in report.qr_targets}
    lines.append("  QR code        " + (", ".join(
        target + (f" ({count} codes)" if count > 1 else "")
        for target, count in codes.items()) or "none found"))
    if report.partner_numbers:
        lines.append("  partner's own  " + ", ".join(report.partner_numbers))
    if report.notice_lines:
        lines.append(f"  state notice   {report.notice_lines[0]}")
        lines += [f"    {line}" for line in report.notice_lines[1:]]
    lines += [f"  TYPE           {note}" for note in report.type_notes]
    lines += [f"  FAULT          {fault}" for fault in report.faults]
    return "\n".join(lines)
