"""The whole catalogue, rendered once (slow, `pytest -m slow`): every layout × size ×
language and pair with English, every state's notice in its languages, plain and
co-branded. Each piece is judged as `render.py check` judges it (fits, no typesetting
rule broken) and the plain office pieces are read back as a person would. The other slow
tests (per layout, per language) read the same files from the render cache rather than
making them again.

Co-branded, every piece is made for press and, for the office, every layout at its first
size in every language: office and press files of a piece are set alike (the same sizes,
the same fixes: tests/render/test_settled.py checks it), and the press file is the one
held to more rules."""

from __future__ import annotations

import dataclasses

import pytest

from awareprint.catalogue.all_jobs import catalogue_jobs
from awareprint.catalogue.jobs import Job, PartnerMark
from awareprint.catalogue.load import load_catalogue
from awareprint.cli.check import judged
from awareprint.render.outcome import FAIL
from tests.pdfread import assert_reads_back

pytestmark = pytest.mark.slow

CATALOGUE = load_catalogue()
OFFICE = catalogue_jobs(CATALOGUE)
PRESS = catalogue_jobs(CATALOGUE, "press")
# Plain press files of the layouts that print the most small type.
SMALL_TYPE = [job for job in PRESS if job.layout in ("discreet-card", "handout")]
CO_BRANDED = PRESS + [job for job in OFFICE
                      if job.size == CATALOGUE.layouts[job.layout].sizes[0]]
# A partner whose lines are as long as a real parish's (its apostrophe set, as the request
# model sets a partner's quotes).
PARTNER = PartnerMark("St. Mark’s Catholic Parish and School",
                      "Parish office: 402-555-0143, Mon–Fri 9–5", "stmarks-omaha.example.org")


def _label(job: Job) -> str:
    return job.label.replace(" ", "_")


def _judge(rendered) -> None:
    result = judged(rendered)
    assert result.outcome != FAIL, f"{rendered.job.label}: {result.detail}"


@pytest.mark.parametrize("job", OFFICE, ids=_label)
def test_every_piece_fits_and_reads_back(catalogue, rendered_job, job):
    rendered = rendered_job(job)
    _judge(rendered)
    assert_reads_back(catalogue, rendered.pdf, job.languages[0])


@pytest.mark.parametrize("job", SMALL_TYPE, ids=_label)
def test_press_files_fit(rendered_job, job):
    _judge(rendered_job(job))  # preflighted as a print shop would before it is returned


@pytest.mark.parametrize("job", CO_BRANDED, ids=_label)
def test_co_branded_pieces_fit(rendered_job, logo, job):
    partner = dataclasses.replace(PARTNER, logo=logo)
    _judge(rendered_job(dataclasses.replace(job, partner=partner)))
