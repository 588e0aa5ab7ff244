"""The rules a piece keeps as a whole, read from its laid-out text (measure/piece_rules.py):
each is found on a page made to break it, and kept on the catalogue's own pieces, one and
two languages, office and press (the whole catalogue: `check`, the slow matrix)."""

from __future__ import annotations

import pytest

from awareprint.catalogue.load import load_catalogue
from awareprint.catalogue.request import make_job
from awareprint.cli.check import judged
from awareprint.engine import layout as engine
from awareprint.measure.piece_rules import PieceRules, piece_faults
from awareprint.render.outcome import FAIL

CATALOGUE = load_catalogue()
NUMBER = CATALOGUE.hotline.call.display
GET_HELP = str(CATALOGUE.languages["en"].strings["get_help"])
NOT_POLICE = str(CATALOGUE.languages["en"].strings["hotline_about_short"])


def _faults(slots: dict[str, str], rules: PieceRules) -> list[str]:
    """The faults of a page holding each slot's HTML (a slot's sizes in its own styles)."""
    body = "".join(f'<div data-slot="{name}" lang="en" style="font-family:Noto Sans">'
                   f"{html}</div>" for name, html in slots.items())
    document, _ = engine.lay_out(f'<html lang="en"><body>{body}</body></html>', "file:///")
    return [str(fault) for fault in piece_faults(document, rules)]


def _rules(least: float | None = 6.5, display: frozenset[str] = frozenset({"headline"}),
           victim: tuple[tuple[str, ...], ...] = ((GET_HELP,), (NOT_POLICE,))) -> PieceRules:
    return PieceRules(least, display, NUMBER, victim)


def _good(**changed: str) -> dict[str, str]:
    slots = {
        "headline_1": '<h1 style="font-size:30pt">What is Human Trafficking?</h1>',
        "numbers": (f'<p style="font-size:9pt">{GET_HELP}</p>'
                    f'<p style="font-size:9pt">Call <span style="font-size:20pt">{NUMBER}'
                    f'</span></p><p style="font-size:7pt">{NOT_POLICE}</p>'),
    }
    return {**slots, **changed}


def test_a_good_page_breaks_no_piece_rule():
    assert _faults(_good(), _rules()) == []


def test_type_under_the_reading_size_is_found_with_its_slot_and_size():
    faults = _faults(_good(footer='<p style="font-size:5pt">Published by someone</p>'),
                     _rules())
    assert faults == ["slot 'footer': 'Published by someone' set at 5.0 pt, under this "
                      "piece's reading size of 6.5 pt"]
    assert _faults(_good(footer='<p style="font-size:5pt">Published</p>'),
                   _rules(least=None)) == []


def test_a_zone_read_apart_keeps_its_own_reading_size():
    """A tear-off's tabs: a card's 6.5 pt there, the flyer's 9 pt above the perforation."""
    tab = '<p style="font-size:7pt">Call 1-888</p>'
    rules = PieceRules(9, frozenset({"headline"}), NUMBER, ((GET_HELP,),),
                       {"tab-1": 6.5, "tab-2": 7.5})
    body = f'<p style="font-size:9pt">{GET_HELP}</p><p style="font-size:9pt">Call {NUMBER}</p>'
    assert _faults({"numbers": body, "tab-1": tab}, rules) == []
    assert _faults({"numbers": body, "tab-2": tab, "footer": tab}, rules) == [
        "slot 'tab-2': 'Call 1-888' set at 7.0 pt, under its zone's reading size of 7.5 pt",
        "slot 'footer': 'Call 1-888' set at 7.0 pt, under this piece's reading size of 9 pt"]


def test_type_larger_than_the_number_is_found_outside_the_headlines():
    big = '<p style="font-size:24pt">Report trafficking</p>'
    faults = _faults(_good(lead=big), _rules())
    assert faults == ["slot 'lead': 'Report trafficking' at 24.0 pt is larger than the "
                      "hotline number (20.0 pt)"]
    # a headline (any language's: headline_1, headline_2) may be larger
    assert _faults(_good(headline_2=big), _rules()) == []


def test_a_missing_victim_line_is_found_and_either_form_of_one_will_do():
    without = _good(numbers=f'<p style="font-size:9pt">Call <span style="font-size:20pt">'
                            f"{NUMBER}</span></p>")
    faults = _faults(without, _rules())
    assert faults == [f"slot 'piece': '{GET_HELP}' is not printed",
                      f"slot 'piece': '{NOT_POLICE}' is not printed"]
    long_form = (f'<p style="font-size:9pt">{GET_HELP}</p><p style="font-size:7pt">'
                 "It is not the police.</p>")
    assert _faults(_good(more=long_form), _rules(
        victim=((GET_HELP,), (NOT_POLICE, "It is not the police.")))) == []


@pytest.mark.parametrize(("layout", "size", "language", "profile"), [
    ("poster", "letter", "en+es", "office"),
    ("poster", "letter", "ar", "press"),
    ("wallet-card", "business-card", "en+ar", "office"),
    ("wallet-card", "cr80", "zh-Hans", "press"),
    ("discreet-card", "business-card", "ru", "office"),
])
def test_the_catalogue_s_pieces_keep_the_piece_rules(rendered_job, layout, size, language,
                                                      profile):
    job = make_job(CATALOGUE, layout, size, language, profile=profile)
    result = judged(rendered_job(job))
    assert result.outcome != FAIL, result.detail
