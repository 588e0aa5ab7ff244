"""The fit tries the sizes of the slots that overflow on those slots laid out alone
(engine/layout.py `only`), sets the slots a second setting changes alone too, and draws
the page with those layouts grafted in (engine/graft.py): the same file, byte for byte, as
trying every size on the whole page, with the whole page laid out once."""

from __future__ import annotations

import dataclasses

import pytest

from awareprint.catalogue.notices import NoticeRef
from awareprint.catalogue.request import make_job
from awareprint.catalogue.user_text import PartnerMark
from awareprint.engine import boxes
from awareprint.engine.layout import lay_out
from awareprint.errors import InputError
from awareprint.measure.fit import OVERFLOW, find_misfits
from awareprint.preflight.read_back import read_back
from awareprint.render import pipeline, set_again
from awareprint.render.setting import changed_slots, size_groups
from awareprint.render.settled import forget

# Pieces whose fit takes steps (the Arabic poster's call to action five), a notice started
# at its guessed size, two languages side by side, tabs, a co-branded two-language sheet.
STEPPING = [
    ("poster", "ar", None, False),
    ("poster", "en", None, False),
    ("notice", "en", NoticeRef("CA"), False),
    ("handout", "en", None, False),
    ("tearoff", "vi", None, False),
    ("poster", "en+ar", None, True),
    ("wallet-card", "ko", None, False),
]
PARISH = PartnerMark("St. Mark’s Catholic Parish and School",
                     "Parish office: 402-555-0143, Mon–Fri 9–5", "stmarks.example.org")


def _counted(monkeypatch, whole_only: bool) -> dict[str, int]:
    """Counts the layouts the render asks for, of the whole page and of slots alone; with
    `whole_only`, every layout is of the whole page (the fit as it was before)."""
    count = {"whole": 0, "alone": 0}

    def counted(*args, **kwargs):
        only = kwargs.pop("only", args[5] if len(args) > 5 else None)
        args = args[:5]
        if whole_only:
            only = None
        count["alone" if only else "whole"] += 1
        return lay_out(*args, **kwargs, only=only)

    for module in (pipeline, set_again):
        monkeypatch.setattr(module, "lay_out", counted)
    if whole_only:
        fit = pipeline._lay_out_to_fit
        monkeypatch.setattr(pipeline, "_lay_out_to_fit",
                            lambda job, catalogue, logo, alone=True: fit(job, catalogue, logo,
                                                                         alone=False))
    return count


@pytest.mark.parametrize(("layout", "language", "notice", "partnered"), STEPPING,
                         ids=[f"{case[0]}-{case[1]}" for case in STEPPING])
def test_slots_tried_alone_give_the_file_the_whole_page_gives(catalogue, monkeypatch, layout,
                                                              language, notice, partnered):
    job = make_job(catalogue, layout, language=language, notice=notice,
                   partner=PARISH if partnered else None)
    forget()
    whole = _counted(monkeypatch, whole_only=True)
    by_pages = pipeline.render(job, catalogue, read_back)
    forget()
    monkeypatch.undo()
    alone = _counted(monkeypatch, whole_only=False)
    by_slots = pipeline.render(job, catalogue, read_back)
    assert by_slots.pdf == by_pages.pdf
    assert by_slots.settled == by_pages.settled
    # then drawn with the slots set alone grafted in; laid out whole again only where a
    # short headline's band gave the body height (the panels moved)
    assert by_slots.settled is not None
    assert alone["whole"] == 1 if not by_slots.settled.gain_pt else alone["whole"] <= 2
    # each try made once either way (laid out whole, the second setting's too, or the
    # page once more where that setting changed nothing)
    assert alone["whole"] + alone["alone"] <= whole["whole"]
    if whole["whole"] > 2:  # steps were tried: on the slots alone
        assert alone["alone"] >= 1


def test_a_slot_alone_has_the_lines_it_has_on_the_page(catalogue):
    job = make_job(catalogue, "poster", language="ar")
    composed = pipeline.compose(job, catalogue, {"call_to_action": 11.0})
    args = (composed.html, composed.base_url, composed.readable, (), composed.stylesheets)
    page, _ = lay_out(*args)
    alone, _ = lay_out(*args, only=frozenset({"call_to_action"}))

    def lines(document, slot):
        return [(line.text, round(line.x, 3), round(line.y, 3), round(line.width, 3))
                for found in boxes.pages(document) for line in found.lines if line.slot == slot]

    assert lines(alone, "call_to_action") == lines(page, "call_to_action")
    assert len(lines(page, "call_to_action")) >= 5
    assert lines(alone, "headline") == [] and lines(page, "headline") != []
    slots = composed.geometry.layout_boxes()
    assert find_misfits(alone, slots)[1] == {"call_to_action"}
    # a size that overflows on the page overflows alone
    larger = pipeline.compose(job, catalogue, {"call_to_action": 17.0})
    big = (larger.html, larger.base_url, larger.readable, (), larger.stylesheets)
    misfits = find_misfits(lay_out(*big, only=frozenset({"call_to_action"}))[0], slots)[0]
    assert [(m.slot, m.kind) for m in misfits] == [("call_to_action", OVERFLOW)]


OTHER = PartnerMark("Lincoln Community Services", "402-555-0199", "lincoln.example.org")


@pytest.mark.parametrize(("layout", "language", "notice"), [
    ("poster", "zh-Hans", None), ("notice", "en", NoticeRef("CA")), ("poster", "ar", None)])
def test_other_partner_lines_are_tried_alone_and_the_page_laid_out_once(
        catalogue, monkeypatch, layout, language, notice):
    """Where a short headline's band gives the body height (the Chinese poster), the
    partner's lines are tried where the fit tries them, before that gift; where they are
    longer (the notice), on their slot alone before the page is laid out."""
    parish = make_job(catalogue, layout, language=language, notice=notice,
                      partner=PartnerMark("St. Mark's Parish", "Parish office: 402-555-0143",
                                          "stmarks.example.org"))
    other = make_job(catalogue, layout, language=language, notice=notice, partner=OTHER)
    forget()
    fresh = pipeline.render(other, catalogue, read_back)
    forget()
    kept = pipeline.render(parish, catalogue, read_back).settled
    assert kept is not None and kept.partner_free
    forget()
    count = _counted(monkeypatch, whole_only=False)
    again = pipeline.render(other, catalogue, read_back, kept)
    assert again.pdf == fresh.pdf
    assert again.settled == fresh.settled
    assert count["whole"] == 1
    assert count["alone"] <= 3


def test_partner_lines_that_overflow_where_the_fit_tries_them_are_refused_either_way(
        catalogue):
    """The Chinese poster's partner box is shorter before the headline's band gives the
    body its height: lines that would fit only in the taller box are refused from
    scratch, and set again from another partner's value they are refused alike, not
    printed in the box the fit never tried them in."""
    longest = dataclasses.replace(PARISH, name="St. Mark’s Catholic Parish, School and "
                                  "Community Center")
    job = make_job(catalogue, "poster", language="zh-Hans", partner=longest)
    forget()
    with pytest.raises(InputError) as fresh:
        pipeline.render(job, catalogue, read_back)
    kept = pipeline.render(make_job(catalogue, "poster", language="zh-Hans", partner=OTHER),
                           catalogue, read_back).settled
    assert kept is not None and kept.gain_pt > 0 and kept.partner_free
    forget()
    with pytest.raises(InputError) as again:
        pipeline.render(job, catalogue, read_back, kept)
    assert str(again.value) == str(fresh.value)


def test_a_setting_that_changes_some_slots_lays_out_those_alone(catalogue):
    """What tells a second setting which slots to lay out alone: the slots whose markup or
    size changed, with the columns in a row with them; the whole page where a panel moved."""
    job = make_job(catalogue, "poster", language="en+es")
    groups = size_groups(catalogue, job)
    before = pipeline.compose(job, catalogue, {})
    assert changed_slots(before, pipeline.compose(job, catalogue, {}), groups) == frozenset()
    joined = pipeline.compose(job, catalogue, {}, joined=frozenset({"en.definition"}))
    assert changed_slots(before, joined, groups) == {"definition_1", "definition_2"}
    smaller = pipeline.compose(job, catalogue, {"call_to_action": 11.0})
    assert changed_slots(before, smaller, groups) == {"call_to_action"}
    poster = make_job(catalogue, "poster", language="zh-Hans")
    banded = pipeline.compose(poster, catalogue, {}, masthead_gain_pt=20.0)
    assert changed_slots(pipeline.compose(poster, catalogue, {}), banded,
                         size_groups(catalogue, poster)) is None
