"""The pieces a language's new strings print on, rendered (in parallel) from a trial copy
of the content: what does not fit its slot, or breaks a typesetting rule."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..catalogue.jobs import Job
from ..catalogue.load import Catalogue, load_catalogue
from ..errors import AwareprintError, FitError
from ..workers import Lost, run_all
from .placements import language_jobs


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


def trial_unfit(catalogue: Catalogue, code: str, file_name: str, new_text: str,
                layouts: Collection[str], workers: int | None = None
                ) -> tuple[list[Unfit], int]:
    """The pieces of `layouts` in the language that do not fit once its language file
    (`file_name` in the content folder) says `new_text`, tried on a copy of the content,
    and how many pieces were rendered; a ContentError when the new file does not load
    (the language's own checks)."""
    with tempfile.TemporaryDirectory(prefix="awareprint-trial-") as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(catalogue.content_dir, content)
        (content / file_name).write_text(new_text, encoding="utf-8")
        folders = (catalogue.layouts_dir, content, catalogue.fonts_dir)
        trial = load_catalogue(*folders)
        jobs = [job for job in language_jobs(trial, code) if job.layout in layouts]
        return unfit_pieces(jobs, folders, workers), len(jobs)
