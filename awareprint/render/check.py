"""`render.py check`: render the whole catalogue in parallel and say what fits.

Every layout × size × language, and every layout that takes two languages × size ×
(the source language + each other one). Nothing is written; each piece is laid out,
fitted (set smaller where a language runs long), finished and, for press, preflighted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalogue.jobs import Job, make_job
from ..catalogue.language_checks import source_language
from ..catalogue.load import Catalogue, load_catalogue
from ..catalogue.notices import NoticeRef, notice_languages, notice_sizes
from ..errors import AwareprintError
from ..workers import Lost, run_parallel

if TYPE_CHECKING:
    from .pipeline import Rendered

PASS, SCALED, FAIL = "pass", "scaled", "fail"


@dataclass(frozen=True)
class CheckResult:
    job: Job
    outcome: str
    detail: str


def catalogue_jobs(catalogue: Catalogue, profile: str = "office") -> list[Job]:
    """Every piece the catalogue can make, one and two languages."""
    source = source_language(catalogue.languages).language.code
    jobs = []
    for layout, spec in catalogue.layouts.items():
        if spec.state_notice:
            jobs += notice_jobs(catalogue, layout, profile)
            continue
        for size in spec.sizes:
            for code in catalogue.languages:
                jobs.append(make_job(catalogue, layout, size, code, profile=profile))
            if spec.bilingual is not None:
                for code in catalogue.languages:
                    if code != source:
                        jobs.append(make_job(catalogue, layout, size, f"{source}+{code}",
                                             profile=profile))
    return jobs


def notice_jobs(catalogue: Catalogue, layout: str, profile: str = "office") -> list[Job]:
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
                jobs += [make_job(catalogue, layout, size, code, profile=profile, notice=ref)
                         for code in pieces]
    return jobs


def check_job(job: Job) -> CheckResult:
    """Render one job (in a worker process) and say how it went."""
    from .pipeline import render

    catalogue = load_catalogue()
    try:
        rendered = render(job, catalogue)
    except AwareprintError as error:
        return CheckResult(job, FAIL, str(error).removeprefix(f"{job.label}: "))
    return judged(rendered)


def judged(rendered: Rendered) -> CheckResult:
    """How a piece that rendered went: failed on a typesetting rule, set smaller, or as
    designed."""
    job = rendered.job
    if rendered.type_faults:
        return CheckResult(job, FAIL, "typesetting: " + "; ".join(rendered.type_faults))
    if rendered.scaled:
        detail = ", ".join(f"{slot} {design:g}→{size:g} pt"
                           for slot, (design, size) in sorted(rendered.scaled.items()))
        return CheckResult(job, SCALED, detail)
    return CheckResult(job, PASS, "")


def run_check(jobs: list[Job], workers: int | None = None,
              progress: Callable[[CheckResult, int, int], None] | None = None
              ) -> list[CheckResult]:
    """Check every job on `workers` processes (default: one per core); `progress` is told
    of each result with how many are done and the total."""
    workers = workers or os.cpu_count() or 1
    results: list[CheckResult] = []
    for result in _check_all(jobs, workers):
        results.append(result)
        if progress:
            progress(result, len(results), len(jobs))
    order = {job: index for index, job in enumerate(jobs)}
    return sorted(results, key=lambda result: order[result.job])


def _check_all(jobs: list[Job], workers: int) -> Iterator[CheckResult]:
    if workers == 1 or len(jobs) <= 1:
        yield from map(check_job, jobs)
        return
    for index, result in run_parallel(check_job, [(job,) for job in jobs], workers):
        if isinstance(result, Lost):
            how = ("the worker checking it died (killed or out of memory; "
                   if result.died else "internal error (")
            yield CheckResult(jobs[index], FAIL, f"{how}{result.reason}); please report this")
        else:
            yield result


def table(results: list[CheckResult]) -> Iterator[str]:
    """The results as an aligned table, then a summary line."""
    width = max((len(r.job.label) for r in results), default=10)
    for result in results:
        yield f"{result.job.label:<{width}}  {result.outcome:<6}  {result.detail}".rstrip()
    counts = {outcome: sum(r.outcome == outcome for r in results)
              for outcome in (PASS, SCALED, FAIL)}
    yield (f"{len(results)} pieces: {counts[PASS]} fit as designed, {counts[SCALED]} fit "
           f"set smaller, {counts[FAIL]} fail (do not fit or break a typesetting rule)")
