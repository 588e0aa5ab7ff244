"""The typesetting rules as `check` reads them from the laid-out lines: each broken rule is
found (on a page made to break it), and the catalogue's pieces break none."""

from __future__ import annotations

import pytest

from awareprint.catalogue.geometry import PlacedSlot, Rect
from awareprint.catalogue.request import make_job
from awareprint.cli.check import judged
from awareprint.engine import layout as engine
from awareprint.measure.type_rules import type_faults
from awareprint.render.outcome import FAIL

LONG = ("Compelling coercing extraordinarily incomprehensibilities notwithstanding "
        "characteristically institutionalisation internationalisation")


def _faults(body: str, width_pt: float, size_pt: float) -> list[str]:
    html = (f'<html lang="en"><body style="margin:0"><div data-slot="x" lang="en" '
            f'style="width:{width_pt}pt;font-size:{size_pt}pt;font-family:Noto Sans">'
            f"{body}</div></body></html>")
    document, _ = engine.lay_out(html, "file:///")
    slot = PlacedSlot("x", Rect(0, 0, width_pt, 800), size_pt, size_pt, False)
    return [str(fault) for fault in type_faults(document, {"x": slot})]


def test_a_hyphen_in_display_type_is_found():
    faults = _faults(f'<p style="hyphens:auto">{LONG}</p>', 200, 20)
    assert any("broken in 20 pt display type" in fault for fault in faults)


def test_hyphens_on_two_lines_running_are_found():
    faults = _faults(f'<p style="hyphens:auto">{LONG} {LONG}</p>', 90, 9)
    assert any("hyphens on two lines running" in fault for fault in faults)


def test_a_line_broken_at_the_first_space_is_found_and_a_long_word_is_not():
    """The engine breaks a paragraph at its first space when no break is allowed just
    before an element that does not fit (here a no-break space before a span)."""
    early = ('<p style="font-weight:bold">En danger immédiat\u202f? Appelez le\u00a0'
             '<span style="white-space:nowrap">911.</span></p>')
    assert any("a line holds one word though the next fits beside it ('En / danger" in fault
               for fault in _faults(early, 127, 7.5))
    # a one-word line is right when the next word could not have joined it
    assert not any("next fits beside it" in fault for fault in _faults(
        "<p>Call internationalisation institutionalisation</p>", 80, 12))


def test_a_runt_is_found_and_a_short_label_is_not():
    assert any("the last line holds one word" in fault for fault in _faults(
        "<p>one two three four five six seven eight nine elephant</p>", 140, 12))
    assert _faults("<p>What is Human Trafficking?</p>", 120, 12) == []


def test_a_separator_at_a_line_end_is_found():
    faults = _faults("<p>Innocence Freed · P.O. Box 45056 · Omaha, NE 68145 · more</p>",
                     130, 10)
    assert any("separator at a line's end" in fault for fault in faults)


@pytest.mark.parametrize(("layout", "size", "language"), [
    ("poster", "letter", "en+es"), ("poster", "letter", "pl"), ("tearoff", "a4", "ru"),
    ("wallet-card", "business-card", "pl"), ("wallet-card", "eu-card", "en+vi"),
    ("poster", "letter", "ko")])
def test_catalogue_pieces_break_no_typesetting_rule(rendered_job, catalogue, layout, size,
                                                    language):
    result = judged(rendered_job(make_job(catalogue, layout, size, language)))
    assert result.outcome != FAIL, result.detail


def test_a_korean_word_broken_is_found_and_a_break_between_words_is_not():
    from awareprint.compose.typesetting import typeset

    text = "인신매매는 범죄입니다 강요하거나 노동이나 서비스를 제공하게"
    slot = PlacedSlot("x", Rect(0, 0, 80, 800), 10, 10, False)

    def faults(body: str) -> list[str]:
        html = ('<html lang="ko"><head><style>.kept{white-space:nowrap}</style></head><body>'
                '<div data-slot="x" lang="ko" style="width:80pt;font-size:10pt;'
                f'font-family:Noto Sans CJK KR"><p>{body}</p></div></body></html>')
        document, _ = engine.lay_out(html, "file:///")
        return [str(fault) for fault in type_faults(document, {"x": slot}, korean=[text])
                if "Korean" in str(fault)]

    assert any("a Korean word broken" in fault for fault in faults(text))
    assert faults(str(typeset(text, "Kore"))) == []


NUTSHELL = ("In a nutshell, the battle against human trafficking demands a holistic approach "
            "that combines awareness-raising campaigns, preventive measures, and support")


def test_a_hyphenated_compound_broken_inside_is_found_and_kept_whole_is_not():
    """Hyphenated by the engine, 'awareness-raising' breaks as 'aware‐ / ness-raising' at
    this measure; typeset (compose/typesetting.py), it keeps its parts whole."""
    from awareprint.compose.typesetting import typeset

    style = "<style>.compound{hyphens:manual}.kept{white-space:nowrap}</style>"
    plain = _faults(f'{style}<p style="hyphens:auto">{NUTSHELL}</p>', 246, 10)
    assert "slot 'x': a hyphenated compound broken inside ('aware\u2010 / ness-raising')" \
        in plain
    typeset_ = _faults(f'{style}<p style="hyphens:auto">{typeset(NUTSHELL, "Latn")}</p>',
                       246, 10)
    assert not any("compound" in fault for fault in typeset_)


def test_a_compound_broken_at_its_own_hyphen_is_right():
    faults = _faults(f'<p style="hyphens:auto">{NUTSHELL}</p>', 174, 10)
    assert not any("compound" in fault for fault in faults)


THAI = ("การค้ามนุษย์ หรือที่เรียกอีกอย่างว่าการค้าบุคคล "
        "คืออาชญากรรมที่บังคับหรือข่มขู่บุคคลให้ใช้แรงงานหรือให้บริการ หรือให้ค้าประเวณี")


def _thai_faults(body: str, width_pt: float = 120) -> list[str]:
    html = ('<html lang="th"><head><style>.kept{white-space:nowrap}</style></head><body>'
            f'<div data-slot="x" lang="th" style="width:{width_pt}pt;font-size:10pt;'
            f'font-family:Noto Sans Thai"><p>{body}</p></div></body></html>')
    document, _ = engine.lay_out(html, "file:///")
    slot = PlacedSlot("x", Rect(0, 0, width_pt, 800), 10, 10, False)
    return [str(fault) for fault in type_faults(document, {"x": slot}, thai_texts=[THAI])]


def test_a_thai_word_broken_is_found_and_breaks_between_words_are_not():
    """A line forced to end inside a word (มนุ / ษย์) is found, one forced to end between
    two words that no space parts (การค้า / มนุษย์) is not, and the engine's own line
    breaker (libthai) breaks only between words."""
    from awareprint.compose.typesetting import typeset

    inside = _thai_faults(THAI.replace("การค้ามนุษย์", "การค้ามนุ<br>ษย์", 1))
    assert any("a Thai word broken ('ารค้ามนุ' / 'ษย์ หรือ" in fault for fault in inside), inside
    between = _thai_faults(THAI.replace("การค้ามนุษย์", "การค้า<br>มนุษย์", 1))
    assert not any("Thai word broken" in fault for fault in between), between
    assert _thai_faults(str(typeset(THAI, "Thai"))) == []


def test_a_thai_last_line_of_one_word_is_found():
    """Six words or more: a last line of one dictionary word is a runt, though the line
    before it has spaces (Thai spaces end phrases, not words)."""
    text = "สัญญาณเพียงอย่างเดียวไม่ได้พิสูจน์ อย่าเผชิญหน้ากับผู้ใด ให้แจ้งสิ่งที่คุณเห็น"
    faults = _thai_faults(f"{text}<br>ไป")
    assert any("the last line holds one word ('ไป')" in fault for fault in faults), faults


def test_ethiopic_punctuation_and_thai_repetition_never_start_a_line():
    faults = _faults("<p>ሕገወጥ የሰዎች ዝውውር<br>። ማስገደዱ ስውር</p>", 300, 10)
    assert any("a line starts with '።'" in fault for fault in faults), faults


@pytest.mark.parametrize(("layout", "size", "language"), [
    ("poster", "letter", "th"), ("wallet-card", "business-card", "en+th"),
    ("tearoff", "letter", "am"), ("wallet-card", "cr80", "fa-AF")])
def test_new_scripts_break_no_typesetting_rule(rendered_job, catalogue, layout, size,
                                               language):
    result = judged(rendered_job(make_job(catalogue, layout, size, language)))
    assert result.outcome != FAIL, result.detail
