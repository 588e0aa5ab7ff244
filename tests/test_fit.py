"""Text that does not fit is an error naming layout, size, language and slot; nothing is written."""

from __future__ import annotations

import dataclasses

import pytest

from awareprint.errors import FitError
from awareprint.jobs import make_job
from awareprint.pipeline import render, render_to_file


def _with_strings(catalogue, **changes):
    english = catalogue.languages["en"]
    strings = english.strings.model_copy(update=changes)
    languages = {**catalogue.languages, "en": english.model_copy(update={"strings": strings})}
    return dataclasses.replace(catalogue, languages=languages)


def test_too_many_lines_overflow_the_bottom(catalogue):
    long = _with_strings(catalogue, definition=" ".join([catalogue.languages["en"].strings
                                                         .definition] * 4))
    with pytest.raises(FitError) as caught:
        render(make_job(long, "poster", "a4"), long)
    error = caught.value
    assert (error.layout, error.size, error.language, error.slot) == ("poster", "a4", "en",
                                                                      "definition")
    assert "past the bottom" in str(error)


def test_an_unbreakable_word_overflows_sideways(catalogue):
    wide = _with_strings(catalogue, headline="Menschenhandelsbekämpfungsgesetzgebung")
    with pytest.raises(FitError) as caught:
        render(make_job(wide, "wallet-card", "cr80"), wide)
    assert caught.value.slot == "question"
    assert "past the right" in str(caught.value)


def test_a_long_event_name_is_reported_on_its_slot(catalogue):
    event = "#EndHumanTraffickingOmahaNebraskaCommunityCoalitionAwarenessWalk2027"
    job = make_job(catalogue, "tearoff", "letter", event=event)
    with pytest.raises(FitError) as caught:
        render(job, catalogue)
    assert caught.value.slot == "event"


def test_a_piece_that_does_not_fit_is_not_written(catalogue, tmp_path):
    long = _with_strings(catalogue, minors=catalogue.languages["en"].strings.minors * 5)
    target = tmp_path / "poster.pdf"
    with pytest.raises(FitError):
        render_to_file(make_job(long, "poster", "letter"), long, target)
    assert list(tmp_path.iterdir()) == []


def test_text_that_fits_passes_at_every_tab_count(catalogue):
    spec = catalogue.layouts["tearoff"].tabs
    for count in (spec.min, spec.max):
        assert render(make_job(catalogue, "tearoff", "a4", tabs=count), catalogue).pages == 1
