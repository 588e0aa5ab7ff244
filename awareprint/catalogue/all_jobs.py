"""Every piece the catalogue can make: every layout × size × language, every layout that
takes two languages × size × (the source language + each other one), and every state's
notice in the languages and sizes its law allows; plain or co-branded by one partner."""

from __future__ import annotations

from .jobs import Job, PartnerMark
from .language_checks import source_language
from .load import Catalogue
from .notices import NoticeRef, notice_languages, notice_sizes
from .request import make_job


def catalogue_jobs(catalogue: Catalogue, profile: str = "office",
                   partner: PartnerMark | None = None) -> list[Job]:
    """Every piece the catalogue can make, one and two languages (co-branded by `partner`
    where given)."""
    source = source_language(catalogue.languages).language.code
    jobs = []
    for layout, spec in catalogue.layouts.items():
        if spec.state_notice:
            jobs += notice_jobs(catalogue, layout, profile, partner)
            continue
        for size in spec.sizes:
            for code in catalogue.languages:
                jobs.append(make_job(catalogue, layout, size, code, profile=profile,
                                     partner=partner))
            if spec.takes_two_languages(size):
                for code in catalogue.languages:
                    if code != source:
                        jobs.append(make_job(catalogue, layout, size, f"{source}+{code}",
                                             profile=profile, partner=partner))
    return jobs


def notice_jobs(catalogue: Catalogue, layout: str, profile: str = "office",
                partner: PartnerMark | None = None) -> list[Job]:
    """Every state's notice in every language it has wording for (and the pair its law
    wants on one sheet), on every size of the layout the law allows."""
    jobs = []
    sizes = catalogue.layouts[layout].sizes
    for state in catalogue.notices.values():
        for notice_id, notice in state.notices.items():
            ref = NoticeRef(state.state, notice_id)
            pieces = notice_languages(notice) if notice.rules.sheets == "together" else [
                *notice.wording]
            for size in notice_sizes(notice, sizes, catalogue.sizes):
                jobs += [make_job(catalogue, layout, size, code, profile=profile,
                                  partner=partner, notice=ref) for code in pieces]
    return jobs
