"""A tagged page's content stream, rewritten from the notes taken while it was drawn.

Marked content with nothing to read (decoration, text drawn as nothing) becomes an
artifact. In marked content of right-to-left text, each word noted with a span is set
apart in a marked-content sequence of its own with /ActualText (engine/tagging.py says why):
the TJ operator that shows it is split at the word's first and last glyph. That moves
nothing on the page (each number of the TJ array stays after the glyph it follows); a
viewer adding up the advances may round the pieces apart by a ten-thousandth of a point.
The glyphs found must be the ones noted, or the sequence is left as it was.
"""
from __future__ import annotations

from collections.abc import Iterable

import pikepdf

from ..engine.tag_notes import MarkedContent

ARTIFACT = pikepdf.Name("/Artifact")
SPAN = pikepdf.Name("/Span")
GLYPH_BYTES = 2  # the layout engine shows text in two-byte glyph codes (Identity-H)

Instruction = pikepdf.ContentStreamInstruction


def rewrite_page(document: pikepdf.Pdf, page: pikepdf.Page, marks: dict[int, MarkedContent]
                 ) -> None:
    """Rewrite `page`'s content where its notes ask for it."""
    if not any(mark.artifact or mark.spans for mark in marks.values()):
        return
    instructions = rewritten(pikepdf.parse_content_stream(page), marks)
    page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))


def rewritten(instructions: Iterable[Instruction], marks: dict[int, MarkedContent]
              ) -> list[Instruction]:
    out: list[Instruction] = []
    depth = 0
    held: tuple[int, MarkedContent, list[Instruction]] | None = None  # a sequence being collected
    for instruction in instructions:
        operands, operator = instruction.operands, str(instruction.operator)
        mark = None
        if operator == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
            mcid = operands[1].get("/MCID")
            mark = marks.get(int(mcid)) if mcid is not None else None
        if operator in ("BDC", "BMC"):
            depth += 1
            if mark is not None and mark.artifact:
                instruction = Instruction([ARTIFACT], pikepdf.Operator("BMC"))
            elif mark is not None and mark.spans and held is None:
                held = (depth, mark, [])
        target = held[2] if held is not None else out
        target.append(instruction)
        if operator == "EMC":
            if held is not None and depth == held[0]:
                sequence = held[2]
                out += spelled(sequence, held[1]) or sequence
                held = None
            depth -= 1
    if held is not None:  # unbalanced: leave it as it was
        out += held[2]
    return out


def spelled(sequence: list[Instruction], mark: MarkedContent) -> list[Instruction] | None:
    """The sequence with each span's glyphs in marked content of their own, or None when
    the glyphs shown are not the ones noted."""
    starts = {span.start: span for span in mark.spans}
    ends = {span.start + span.count for span in mark.spans}
    out: list[Instruction] = []
    glyph = 0
    for instruction in sequence:
        operator = str(instruction.operator)
        if operator == "Tj":
            return None
        if operator != "TJ":
            out.append(instruction)
            continue
        part: list[object] = []
        for element in instruction.operands[0]:
            if not isinstance(element, pikepdf.String):
                part.append(element)
                continue
            codes = glyph_codes(element)
            if codes is None:
                return None
            for code in codes:
                if glyph >= len(mark.glyphs) or mark.glyphs[glyph] not in (None, code):
                    return None
                if glyph in starts:
                    _show(part, out)
                    properties = pikepdf.Dictionary(ActualText=pikepdf.String(
                        starts[glyph].text))
                    out.append(Instruction([SPAN, properties], pikepdf.Operator("BDC")))
                _add_code(part, code.to_bytes(GLYPH_BYTES, "big"))
                glyph += 1
                if glyph in ends:
                    _show(part, out)
                    out.append(Instruction([], pikepdf.Operator("EMC")))
        _show(part, out)
    return out if glyph == len(mark.glyphs) else None


def glyph_codes(shown: pikepdf.String) -> list[int] | None:
    """The glyph codes a string of a text-showing operator shows; None where it is not
    made of whole two-byte codes."""
    raw = bytes(shown)
    if len(raw) % GLYPH_BYTES:
        return None
    return [int.from_bytes(raw[offset:offset + GLYPH_BYTES], "big")
            for offset in range(0, len(raw), GLYPH_BYTES)]


def _add_code(part: list[object], code: bytes) -> None:
    if part and isinstance(part[-1], bytes):
        part[-1] += code
    else:
        part.append(code)


def _show(part: list[object], out: list[Instruction]) -> None:
    """Show what has been collected of a TJ array, then start a new one."""
    if part:
        array = pikepdf.Array([pikepdf.String(e) if isinstance(e, bytes) else e for e in part])
        out.append(Instruction([array], pikepdf.Operator("TJ")))
        part.clear()
