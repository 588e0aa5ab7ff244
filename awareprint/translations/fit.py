"""The pieces a language's new strings print on, rendered (in parallel) from a trial copy
of the content: what does not fit its slot, or breaks a typesetting rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..catalogue.jobs import Job
from ..catalogue.load import load_catalogue
from ..errors import AwareprintError, FitError
from ..workers import Lost, run_all


@dataclass(frozen=True)
class Unfit:
    """A piece the new strings spoil: the slot that overflows (None: another fault)."""

    job: Job
    slot: str | None
    problem: str


def fit_job(folders: tuple[Path, Path, Path], job: Job) -> Unfit | None:
    """Render one piece from the catalogue in `folders` (layouts, content, fonts), in a
    worker process: None if it fits and keeps the typesetting rules."""
    from ..preflight.read_back import read_back
    from ..render.pipeline import render

    catalogue = load_catalogue(*folders)
    try:
        rendered = render(job, catalogue, read_back)
    except FitError as error:
        return Unfit(job, error.slot, f"does not fit its slot '{error.slot}' on {job.label}")
    except AwareprintError as error:
        return Unfit(job, None, f"{job.label} cannot be made: {error}")
    if rendered.type_faults:
        return Unfit(job, None, f"breaks a typesetting rule on {job.label}: "
                     + "; ".join(rendered.type_faults))
    return None


def unfit_pieces(jobs: Sequence[Job], folders: tuple[Path, Path, Path],
                 workers: int | None = None) -> list[Unfit]:
    """Every piece of `jobs` that does not fit, in the order of `jobs`."""
    def lost(index: int, why: Lost) -> Unfit:
        return Unfit(jobs[index], None, f"{jobs[index].label} could not be checked "
                     f"({why.reason}); please report this")

    found = [(index, result) for index, result in
             run_all(fit_job, [(folders, job) for job in jobs], workers, lost)
             if result is not None]
    return [result for _, result in sorted(found, key=lambda pair: pair[0])]
