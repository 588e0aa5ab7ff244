"""The live preview: one page of a piece, made by the real renderer, as a PNG.

It runs in a warm worker process (the catalogue loaded, the fonts read once), so that a
render holds neither the server's interpreter nor, if it crashes, the server; one preview
at a time, and one that runs too long costs its worker, which a new one replaces.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, replace
from multiprocessing.connection import wait

from ..catalogue.content import Strings
from ..catalogue.jobs import Job
from ..catalogue.load import Catalogue, load_catalogue
from ..errors import AwareprintError
from ..workers import Lost, Worker

PREVIEW_LONG_SIDE_PX = 900
PREVIEW_SECONDS = 30.0
MAX_WAITING = 8          # previews asked for and not yet started; more are answered "busy"
RETIRE_AFTER = 200       # previews one worker makes before a fresh one takes over

Request = tuple["Job | None", int, "Shown | None", "Future[Preview]"]


@dataclass(frozen=True)
class Preview:
    png: bytes | None
    pages: int = 0
    error: str | None = None
    label: str | None = None    # the piece shown: layout, size and languages
    outlined: int = 0           # slots outlined on it


@dataclass(frozen=True)
class Shown:
    """For the reviewer's page: a translation's strings as the page has them (set in
    place of its language file's) and the slots to outline."""

    code: str
    strings: Strings
    slots: frozenset[str]


def render_preview(job: Job, page: int = 0, long_side: int = PREVIEW_LONG_SIDE_PX,
                   shown: Shown | None = None) -> Preview:
    """Render `job` and rasterise only page `page` of it, at the preview's resolution
    (with `shown`'s strings, its slots outlined)."""
    from ..preflight.preview import page_png
    from ..preflight.read_back import read_back
    from ..render.pipeline import render

    catalogue = _with_strings(load_catalogue(), shown)
    try:
        rendered = render(job, catalogue, read_back)
    except AwareprintError as error:
        return Preview(None, 0, str(error))
    index = min(max(page, 0), rendered.pages - 1)
    png = page_png(rendered.pdf, index, long_side)
    if shown is None or rendered.settled is None:
        return Preview(png, rendered.pages)
    from .slot_outline import outlined, slot_boxes

    boxes = slot_boxes(job, catalogue, rendered.settled)
    width = catalogue.sizes[job.size].width_pt
    png, drawn = outlined(png, boxes[index] if index < len(boxes) else {}, shown.slots,
                          width)
    return Preview(png, rendered.pages, outlined=drawn)


def _with_strings(catalogue: Catalogue, shown: Shown | None) -> Catalogue:
    """The catalogue, its language `shown.code` saying `shown.strings` (the same catalogue
    when they are the file's: what its pieces settled is then kept between previews)."""
    if shown is None:
        return catalogue
    language = catalogue.languages[shown.code]
    if language.strings == shown.strings:
        return catalogue
    return replace(catalogue, languages={
        **catalogue.languages,
        shown.code: language.model_copy(update={"strings": shown.strings})})


def _warm_up() -> Preview:
    load_catalogue()
    from ..render import pipeline  # noqa: F401  (WeasyPrint and its fonts, imported once)

    return Preview(None)


def _task(job: Job | None, page: int, shown: Shown | None = None) -> Preview:
    return _warm_up() if job is None else render_preview(job, page, shown=shown)


class InProcessPreviewer:
    """Previews rendered in the calling process (tests, and a server told not to fork)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def preview(self, job: Job, page: int = 0, shown: Shown | None = None) -> Preview:
        with self._lock:
            return render_preview(job, page, shown=shown)

    def close(self) -> None:
        pass


class WorkerPreviewer:
    """Previews rendered in a warm worker process, replaced when it dies or hangs, and
    after RETIRE_AFTER previews (the renderer's caches grow with every new logo).

    One thread of its own hands the worker its tasks and starts every new worker: a
    worker ends with the thread that started it (Linux's parent-death signal follows the
    thread), and the server's request threads come and go.
    """

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._worker: Worker | None = None
        self._served = 0
        self._requests: queue.Queue[Request | None] = queue.Queue(maxsize=MAX_WAITING)
        self._thread = threading.Thread(target=self._serve, name="awareprint-preview",
                                        daemon=True)
        self._thread.start()
        self._requests.put((None, 0, None, Future()))  # start it now: the first preview is quick

    def preview(self, job: Job, page: int = 0, shown: Shown | None = None) -> Preview:
        done: Future[Preview] = Future()
        try:
            self._requests.put_nowait((job, page, shown, done))
        except queue.Full:
            return Preview(None, 0, "the preview is busy; it will follow your next change")
        try:
            return done.result(PREVIEW_SECONDS * (MAX_WAITING + 1))
        except TimeoutError:
            return Preview(None, 0, "the preview is busy; it will follow your next change")

    def _serve(self) -> None:
        while (request := self._requests.get()) is not None:
            job, page, shown, done = request
            try:
                done.set_result(self._ask(job, page, shown))
            except Exception as error:  # the thread must outlive any one preview
                done.set_result(Preview(None, 0, f"the preview failed ({error}); try again"))
            if self._served >= RETIRE_AFTER and self._requests.empty():
                self._replace()
        if self._worker is not None:
            self._worker.stop()

    def _replace(self) -> None:
        """A fresh worker, warmed up while no preview waits."""
        if self._worker is not None:
            self._worker.stop()
        self._worker, self._served = None, 0
        self._ask(None, 0)

    def _ask(self, job: Job | None, page: int, shown: Shown | None = None) -> Preview:
        worker = self._worker
        if worker is None or not worker.give((job, page, shown)):
            worker = self._worker = Worker(self._context, _task)  # the first, or one died idle
            if not worker.give((job, page, shown)):
                self._worker = None
                return Preview(None, 0, "the preview worker could not start; try again")
        if not wait([worker.connection, worker.process.sentinel], PREVIEW_SECONDS):
            worker.process.kill()
            worker.stop()
            self._worker = None
            return Preview(None, 0, f"the preview took over {PREVIEW_SECONDS:.0f} s; "
                           "the order itself will still be rendered")
        answer = worker.answer()
        self._served += 1
        if isinstance(answer, Lost):
            if answer.died:
                self._worker = None
            return Preview(None, 0, f"the preview failed ({answer.reason}); try again")
        return answer

    @property
    def worker_pid(self) -> int | None:
        return self._worker.process.pid if self._worker is not None else None

    def close(self) -> None:
        with contextlib.suppress(queue.Full):
            self._requests.put(None, timeout=PREVIEW_SECONDS)
        self._thread.join(PREVIEW_SECONDS)
