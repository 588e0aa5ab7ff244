"""Tasks run on worker processes, one task per worker at a time.

concurrent.futures' pool breaks as a whole when one worker dies, and cannot say which task
that worker held. Here each worker is handed its next task only once it has answered, so a
worker that dies (killed, out of memory) costs the task it was running, and a new worker
takes over the rest. Workers end when the process that started them ends, even by kill -9.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

WORKER_NAME = b"awareprint-work"  # what ps and top show (Linux, 15 bytes at most)
PR_SET_NAME = 15
PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5               # how often a worker checks that its parent is alive
GRACE_SECONDS = 2.0               # then how long it may take to clean up before it exits
STOP_SECONDS = 5.0                # how long a worker may take to stop when told to

Result = TypeVar("Result")


@dataclass(frozen=True)
class Lost:
    """A task that gave no result: its worker died, or it raised an exception."""

    reason: str
    died: bool


def run_all(function: Callable[..., Result], tasks: Sequence[tuple[Any, ...]],
            workers: int | None, lost: Callable[[int, Lost], Result]
            ) -> Iterator[tuple[int, Result]]:
    """Yield (index of the task, function(*task)) as each task finishes, on `workers`
    processes (None: one per core), or in this one when one would do (one worker, one
    task). A task that gives
    no result (its worker died, or it raised) yields `lost(index, why)` instead: it costs
    that task only. The one loop for running many jobs: check, proof and batch."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            try:
                result = function(*task)
            except Exception as error:  # as a worker would: it costs one task, not the run
                result = lost(index, Lost(f"{type(error).__name__}: {error}", died=False))
            yield index, result
        return
    for index, answer in run_parallel(function, tasks, min(workers, len(tasks))):
        yield index, lost(index, answer) if isinstance(answer, Lost) else answer


def run_parallel(function: Callable[..., Any], tasks: Sequence[tuple[Any, ...]],
                 workers: int) -> Iterator[tuple[int, Any]]:
    """Yield (index of the task, function(*task) or Lost) as each task finishes."""
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pending = deque(enumerate(tasks))
    busy: dict[Worker, int] = {}
    starts, most_starts = 0, workers + len(tasks)  # every task may cost one worker
    why = "each died before it took a task"
    try:
        while pending or busy:
            while pending and len(busy) < workers and starts < most_starts:
                starts += 1
                try:
                    worker = Worker(context, function)
                except OSError as error:  # no memory or processes left to start one
                    why = error.strerror or str(error)
                    break
                if worker.give(pending[0][1]):
                    busy[worker] = pending.popleft()[0]
            if not busy:
                for index, _ in pending:
                    yield index, Lost(f"no worker process could be started: {why}", died=True)
                return
            ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy]))
            for worker in [w for w in busy if {w.connection, w.process.sentinel} & ready]:
                index = busy.pop(worker)
                answer = worker.answer()
                alive = not (isinstance(answer, Lost) and answer.died)
                if alive and pending and worker.give(pending[0][1]):
                    busy[worker] = pending.popleft()[0]
                elif alive:
                    worker.stop()
                yield index, answer
    finally:
        for worker in busy:
            worker.process.terminate()  # interrupted: the worker removes its partial file
        for worker in busy:
            worker.stop()


class Worker:
    """A process that takes one task at a time and answers it; kept warm between tasks."""

    def __init__(self, context: Any, function: Callable[..., Any]) -> None:
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(function, theirs, os.getpid()),
                                       daemon=True)
        self.process.start()
        theirs.close()  # so that the worker's death reads as the end of the pipe

    def give(self, task: tuple[Any, ...]) -> bool:
        """Hand the worker a task; False if it has died (it then took nothing)."""
        try:
            self.connection.send(task)
        except OSError:
            self.stop()
            return False
        return True

    def answer(self) -> Any:
        """The result of the worker's task, or Lost if it died before answering."""
        try:
            if self.connection.poll():
                return self.connection.recv()
        except (EOFError, OSError):
            pass
        self.process.join(STOP_SECONDS)
        code = self.process.exitcode
        how = (f"signal {signal.Signals(-code).name}" if code is not None and code < 0
               else f"exit code {code}")
        self.connection.close()
        return Lost(how, died=True)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.process.join(STOP_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def _serve(function: Callable[..., Any], connection: Connection, parent: int) -> None:
    """A worker's life: take a task, answer, until told to stop or the parent is gone."""
    end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _exit)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            answer = function(*task)
        except Exception as error:
            answer = Lost(f"{type(error).__name__}: {error}", died=False)
        try:
            connection.send(answer)
        except Exception as error:  # an answer that cannot be pickled
            connection.send(Lost(f"{type(error).__name__}: {error}", died=False))


def _exit(signum: int, _frame: object) -> None:
    # SystemExit unwinds the task, so a file being written loses its temporary part.
    raise SystemExit(128 + signum)


def end_with_parent(parent: int) -> None:
    """Make this process end when `parent` does: the kernel signals it (Linux), and a
    watchdog thread checks in case the kernel cannot."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        libc.prctl(PR_SET_NAME, WORKER_NAME)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    # Also covers a parent that died before the kernel was asked to tell us.
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE_SECONDS)
    os._exit(1)
