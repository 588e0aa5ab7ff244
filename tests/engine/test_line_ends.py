"""Right-to-left lines end at their line's edge (engine/line_ends.py): a line broken where
an inline element begins keeps no space's width at its reading edge."""

from __future__ import annotations

import pytest

from awareprint.engine import boxes
from awareprint.engine import layout as engine

# The break falls before the span: the engine strips the space before it and, for a
# right-to-left line, draws the text a space short of the line's right end.
ARABIC = "من أشكال القوة أو الاحتيال أو الإكراه أم <span>لم يُستخدم.</span>"


def _lines(align: str) -> list[boxes.Line]:
    document, _ = engine.lay_out(
        '<html lang="ar" dir="rtl"><body><div data-slot="a" style="width:230px; '
        f'font-family:Noto Sans Arabic; font-size:15px; text-align:{align}">'
        f"<p>{ARABIC}</p></div></body></html>", "file:///")
    return [line for line in boxes.pages(document)[0].lines if line.text.strip()]


def test_a_flush_right_arabic_line_ends_at_its_edge():
    lines = _lines("start")
    assert len(lines) == 2
    for line in lines:
        assert line.span[1] == pytest.approx(line.edges[1], abs=0.05), line.text


def test_flush_left_and_centred_lines_keep_their_place():
    """Before, a flush-left line stood a space past its left edge and a centred one half
    a space off its centre."""
    first = _lines("left")[0]
    assert first.span[0] == pytest.approx(first.edges[0], abs=0.05)
    first = _lines("center")[0]
    assert first.span[0] - first.edges[0] == pytest.approx(first.edges[1] - first.span[1],
                                                            abs=0.05)
