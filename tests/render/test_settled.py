"""A piece set again from what its first setting settled (render/settled.py) is laid out
once and is the same file, byte for byte; what no longer fits is fitted from scratch."""

from __future__ import annotations

import dataclasses

import pytest

from awareprint.catalogue.notices import NoticeRef
from awareprint.catalogue.request import make_job
from awareprint.catalogue.user_text import PartnerMark
from awareprint.preflight.read_back import read_back
from awareprint.render import pipeline, set_again
from awareprint.render.settled import Settled, forget, recall, without_partner_lines

# Every layout; Latin, Arabic, Chinese, Korean, Devanagari; one and two languages; office,
# press and digital; a state's notice alone and two on one sheet.
SAMPLE = [
    ("poster", "letter", "en", "office", None),
    ("poster", "tabloid", "ar", "press", None),
    ("poster", "a4", "zh-Hans", "office", None),
    ("poster", "letter", "en+ko", "office", None),
    ("wallet-card", "business-card", "hi", "office", None),
    ("wallet-card", "cr80", "en", "press", None),
    ("tearoff", "letter", "en+es", "office", None),
    ("tearoff", "a4", "ko", "office", None),
    ("handout", "letter", "zh-Hant", "office", None),
    ("handout", "a4", "en+ar", "digital", None),
    ("discreet-card", "business-card", "en", "office", None),
    ("discreet-card", "a6-landscape", "en+hi", "press", None),
    ("notice", "letter", "en", "office", NoticeRef("CA")),
    ("notice", None, "en+es", "office", NoticeRef("FL")),
]


def _job(catalogue, layout, size, language, profile, notice, partner=None):
    return make_job(catalogue, layout, size, language, profile=profile, notice=notice,
                    partner=partner)


def _layouts(monkeypatch) -> list[int]:
    """A counter of the layouts the pipeline asks the engine for."""
    count = [0]
    lay_out = pipeline.lay_out

    def counted(*args, **kwargs):
        count[0] += 1
        return lay_out(*args, **kwargs)

    for module in (pipeline, set_again):
        monkeypatch.setattr(module, "lay_out", counted)
    return count


@pytest.mark.parametrize(("layout", "size", "language", "profile", "notice"), SAMPLE,
                         ids=["-".join(str(p) for p in case[:4]) for case in SAMPLE])
def test_set_again_is_the_same_file(catalogue, rendered_job, monkeypatch, layout, size,
                                    language, profile, notice):
    job = _job(catalogue, layout, size, language, profile, notice)
    fresh = rendered_job(job)  # set from scratch, once in the session
    assert fresh.settled is not None
    forget()
    layouts = _layouts(monkeypatch)
    again = pipeline.render(job, catalogue, read_back, fresh.settled)
    assert layouts[0] == 1
    assert again.pdf == fresh.pdf
    assert again.settled == fresh.settled
    assert (again.scaled, again.type_faults, again.pages) == (fresh.scaled, fresh.type_faults,
                                                              fresh.pages)
    # and the manifest's plain form, as a later batch run reads it, is the same value
    assert Settled.from_plain(fresh.settled.to_plain()) == fresh.settled


def test_a_render_remembers_what_it_settled(catalogue, monkeypatch):
    job = make_job(catalogue, "wallet-card")
    first = pipeline.render(job, catalogue, read_back)
    assert recall(catalogue, job) == first.settled
    layouts = _layouts(monkeypatch)
    assert pipeline.render(job, catalogue, read_back).pdf == first.pdf
    assert layouts[0] == 1
    changed = dataclasses.replace(catalogue)  # another catalogue: set from scratch
    assert recall(changed, job) is None


def test_what_no_longer_fits_is_fitted_from_scratch(catalogue, monkeypatch):
    job = make_job(catalogue, "poster")
    fresh = pipeline.render(job, catalogue, read_back)
    forget()
    assert fresh.settled is not None
    too_large = dataclasses.replace(fresh.settled, font_pt=(("definition", 90.0),))
    layouts = _layouts(monkeypatch)
    again = pipeline.render(job, catalogue, read_back, too_large)
    assert layouts[0] > 1
    assert again.pdf == fresh.pdf
    assert again.settled == fresh.settled


OTHER = PartnerMark("Lincoln Community Services", "402-555-0199", "lincoln.example.org")


@pytest.mark.parametrize(("layout", "language"), [("poster", "en"), ("tearoff", "es"),
                                                  ("handout", "ar"), ("wallet-card", "en")])
def test_other_partner_lines_give_the_file_set_from_scratch(catalogue, parish, monkeypatch,
                                                            layout, language):
    other = dataclasses.replace(OTHER, logo=parish.logo)
    job = make_job(catalogue, layout, language=language, partner=parish)
    sibling = make_job(catalogue, layout, language=language, partner=other)
    assert without_partner_lines(job) == without_partner_lines(sibling)
    fresh = pipeline.render(sibling, catalogue, read_back)
    forget()
    first = pipeline.render(job, catalogue, read_back)
    assert first.settled is not None
    layouts = _layouts(monkeypatch)
    again = pipeline.render(sibling, catalogue, read_back)  # set from `job`'s value
    assert again.pdf == fresh.pdf
    assert again.settled == fresh.settled
    if first.settled.partner_free:  # the rest as settled: the partner's slot fitted alone
        assert layouts[0] <= 3


def test_a_settled_value_from_a_file_is_checked():
    assert Settled.from_plain({"font_pt": "nonsense"}) is None
    assert Settled.from_plain(None) is None


SHORT = PartnerMark("Ada House")
LONG = PartnerMark("Omaha Interfaith Coalition Against Trafficking", "Office: 402-555-0100",
                   "omaha-coalition.example.org")


@pytest.mark.parametrize(("first", "then"), [(SHORT, LONG), (LONG, SHORT), (LONG, OTHER)],
                         ids=["longer", "shorter", "other"])
def test_the_partner_slot_is_fitted_again_both_ways(catalogue, monkeypatch, first, then):
    job = make_job(catalogue, "wallet-card", partner=first)
    sibling = make_job(catalogue, "wallet-card", partner=then)
    fresh = pipeline.render(sibling, catalogue, read_back)
    forget()
    kept = pipeline.render(job, catalogue, read_back).settled
    forget()
    again = pipeline.render(sibling, catalogue, read_back, kept)
    assert again.pdf == fresh.pdf
    assert again.settled == fresh.settled


@pytest.mark.parametrize(("layout", "language", "partner"), [
    ("poster", "en", True), ("wallet-card", "ar", True), ("tearoff", "zh-Hant", True),
    ("handout", "en+es", True), ("discreet-card", "ko", False), ("notice", "en", True)])
def test_office_and_press_files_are_set_alike(catalogue, rendered_job, logo, layout, language,
                                              partner):
    """The same sizes and fixes whatever the profile: the trim area is laid out alike, so
    the slow run's co-branded press files answer for the office ones (test_catalogue_matrix)."""
    mark = PartnerMark("St. Mark's Catholic Parish and School",
                       "Parish office: 402-555-0143, Mon–Fri 9–5", "stmarks-omaha.example.org",
                       logo) if partner else None
    notice = NoticeRef("CA") if layout == "notice" else None
    office, press = (rendered_job(make_job(catalogue, layout, None, language, profile=profile,
                                           notice=notice, partner=mark))
                     for profile in ("office", "press"))
    assert office.settled == press.settled
    assert (office.scaled, office.type_faults) == (press.scaled, press.type_faults)
