"""Text clear of a tear-off flyer's perforation, read from the laid-out lines: a line
moved near the tear line, above it or on a tab, is found; the catalogue's flyers keep
clear (and `check` fails a piece that does not)."""

from __future__ import annotations

import pytest

from awareprint.catalogue.request import make_job
from awareprint.cli.check import judged
from awareprint.compose.piece import compose
from awareprint.engine import layout as engine
from awareprint.measure.perforation import perforation_faults
from awareprint.render.outcome import FAIL
from tests.data_copy import copy_data, edit, load_problems

CLEAR_PT = 18


def _faults(catalogue, language: str, css: str = "") -> list[str]:
    composed = compose(make_job(catalogue, "tearoff", "letter", language), catalogue)
    document, _ = engine.lay_out(composed.html, composed.base_url, composed.readable,
                                 stylesheets=(*composed.stylesheets, css))
    return [str(fault) for fault in perforation_faults(document, composed.geometry, CLEAR_PT)]


def test_the_flyer_as_designed_keeps_clear(catalogue):
    assert _faults(catalogue, "en") == []


def test_a_credit_near_the_perforation_is_found(catalogue):
    faults = _faults(catalogue, "en", '[data-slot="footer"] { top: 580pt !important; }')
    assert len(faults) == 1 and faults[0].startswith("slot 'footer': text ")
    assert "from the tabs' perforation; keep 18 pt (0.25 in) clear" in faults[0]


def test_a_tabs_turned_text_near_the_perforation_is_found(catalogue):
    """The tabs' text is turned: a line's end, set 6 pt past the upright box's right
    edge, rises 6 pt towards the tear line."""
    faults = _faults(catalogue, "en", ".tab p { text-align: right; margin-right: -6pt; }")
    assert [fault.split(":")[0] for fault in faults] == [
        f"slot 'tab-{n}'" for n in range(1, 11)]


@pytest.mark.parametrize("language", ["es", "vi", "en+es"])
def test_check_passes_the_flyers(rendered_job, catalogue, language):
    result = judged(rendered_job(make_job(catalogue, "tearoff", "letter", language)))
    assert result.outcome != FAIL, result.detail


def test_a_slot_laid_out_near_the_perforation_is_refused_on_loading(tmp_path):
    data = copy_data(tmp_path)
    edit(data / "layouts/tearoff/layout.yaml",
         "footer:         {left: 7, top: 67.3, width: 86, height: 5.5,",
         "footer:         {left: 7, top: 69.5, width: 86, height: 5.5,")
    problems = load_problems(data)
    assert any("slot 'footer' lies 0." in p and "from the tabs' perforation; keep it at least "
               "0.25 in away" in p for p in problems), problems
