"""The live preview: one page of a piece, made by the real renderer, as a PNG.

It runs in a warm worker process (the catalogue loaded, the fonts read once), so that a
render holds neither the server's interpreter nor, if it crashes, the server; one preview
at a time, and one that runs too long costs its worker, which a new one replaces.
"""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass
from multiprocessing.connection import wait

from ..catalogue.jobs import Job
from ..catalogue.load import load_catalogue
from ..errors import AwareprintError
from ..workers import Lost, Worker

PREVIEW_LONG_SIDE_PX = 900
PREVIEW_SECONDS = 30.0


@dataclass(frozen=True)
class Preview:
    png: bytes | None
    pages: int = 0
    error: str | None = None


def render_preview(job: Job, page: int = 0, long_side: int = PREVIEW_LONG_SIDE_PX) -> Preview:
    """Render `job` and rasterise only page `page` of it, at the preview's resolution."""
    from ..render.pipeline import render
    from ..render.preview import page_png

    try:
        rendered = render(job, load_catalogue())
    except AwareprintError as error:
        return Preview(None, 0, str(error))
    index = min(max(page, 0), rendered.pages - 1)
    return Preview(page_png(rendered.pdf, index, long_side), rendered.pages)


def _warm_up() -> Preview:
    load_catalogue()
    from ..render import pipeline  # noqa: F401  (WeasyPrint and its fonts, imported once)

    return Preview(None)


def _task(kind: str, job: Job | None, page: int) -> Preview:
    return _warm_up() if job is None else render_preview(job, page)


class InProcessPreviewer:
    """Previews rendered in the calling process (tests, and a server told not to fork)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def preview(self, job: Job, page: int = 0) -> Preview:
        with self._lock:
            return render_preview(job, page)

    def close(self) -> None:
        pass


class WorkerPreviewer:
    """Previews rendered in a warm worker process, replaced when it dies or hangs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._worker: Worker | None = None
        with self._lock:
            self._ask(None, 0)  # start it now: the first preview is then as quick as any

    def preview(self, job: Job, page: int = 0) -> Preview:
        with self._lock:
            return self._ask(job, page)

    def _ask(self, job: Job | None, page: int) -> Preview:
        if self._worker is None:
            self._worker = Worker(self._context, _task)
        worker = self._worker
        if not worker.give(("preview", job, page)):
            self._worker = None
            return Preview(None, 0, "the preview worker stopped; try again")
        if not wait([worker.connection, worker.process.sentinel], PREVIEW_SECONDS):
            worker.process.kill()
            worker.stop()
            self._worker = None
            return Preview(None, 0, f"the preview took over {PREVIEW_SECONDS:.0f} s; "
                           "the order itself will still be rendered")
        answer = worker.answer()
        if isinstance(answer, Lost):
            if answer.died:
                self._worker = None
            return Preview(None, 0, f"the preview failed ({answer.reason}); try again")
        return answer

    def close(self) -> None:
        with self._lock:
            if self._worker is not None:
                self._worker.stop()
                self._worker = None
