"""`render.py check`: render the whole catalogue in parallel and say what fits.

Every piece the catalogue can make (catalogue/all_jobs.py). Nothing is written; each piece
is laid out, fitted (set smaller where a language runs long), finished and read back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalogue.jobs import Job
from ..catalogue.load import load_catalogue
from ..errors import AwareprintError
from ..render.outcome import FAIL, PASS, SCALED
from ..workers import Lost, run_all

if TYPE_CHECKING:
    from ..render.pipeline import Rendered


@dataclass(frozen=True)
class CheckResult:
    job: Job
    outcome: str
    detail: str


def check_job(job: Job) -> CheckResult:
    """Render one job (in a worker process) and say how it went."""
    from ..preflight.read_back import read_back
    from ..render.pipeline import render

    catalogue = load_catalogue()
    try:
        rendered = render(job, catalogue, read_back)
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
    results: list[CheckResult] = []
    for result in _check_all(jobs, workers):
        results.append(result)
        if progress:
            progress(result, len(results), len(jobs))
    order = {job: index for index, job in enumerate(jobs)}
    return sorted(results, key=lambda result: order[result.job])


def _check_all(jobs: list[Job], workers: int | None) -> Iterator[CheckResult]:
    def lost(index: int, why: Lost) -> CheckResult:
        how = ("the worker checking it died (killed or out of memory; "
               if why.died else "internal error (")
        return CheckResult(jobs[index], FAIL, f"{how}{why.reason}); please report this")

    for _, result in run_all(check_job, [(job,) for job in jobs], workers, lost):
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
