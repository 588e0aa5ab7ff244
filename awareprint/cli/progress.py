"""Progress of long runs (batch, check): a bar with the time left on a terminal, plain
lines otherwise (a log file or CI gets one line a piece, no control characters)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..orders.results import ItemResult
    from .check import CheckResult

BAR_WIDTH = 24


class Progress:
    """Told once a piece is done; draws the bar or writes the line."""

    def __init__(self, out: TextIO, errors: TextIO, terminal: bool,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.out, self.errors, self.terminal, self.clock = out, errors, terminal, clock
        self.started = clock()
        self.timed = 0  # pieces that took time: the pace comes from them

    def step(self, name: str, done: int, total: int, line: str | None,
             timed: bool = True) -> None:
        """A piece `name` is done: the bar moves on, or `line` is written (if any)."""
        self.timed += timed
        if self.terminal:
            self._bar(name, done, total)
        elif line is not None:
            print(f"[{done}/{total}] {line}", file=self.out, flush=True)

    def problem(self, text: str) -> None:
        """A line on the error stream, the bar cleared first so the two do not mix."""
        if self.terminal:
            print("\r\x1b[2K", end="", file=self.out, flush=True)
        print(text, file=self.errors, flush=True)

    def finish(self) -> None:
        if self.terminal:
            print(file=self.out, flush=True)

    def time_left(self, done: int, total: int) -> float | None:
        """Seconds left, from the pace of the pieces that took time so far (a reused file
        takes none and says nothing about the pace)."""
        if self.timed == 0:
            return None
        return (self.clock() - self.started) / self.timed * (total - done)

    def _bar(self, name: str, done: int, total: int) -> None:
        filled = round(BAR_WIDTH * done / total)
        left = self.time_left(done, total)
        eta = "" if left is None or done == total else f"  {_clock(left)} left"
        print(f"\r\x1b[2K[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total}{eta}"
              f"  {name}", end="", file=self.out, flush=True)


class BatchProgress(Progress):
    """Told once a file of an order is done (rendered, reused or failed)."""

    def __call__(self, result: ItemResult, done: int, total: int) -> None:
        if result.error is not None:
            self.problem(f"FAILED item {result.item}: {result.error}")
        for warning in result.warnings:
            self.problem(f"warning: item {result.item} ({result.file}): {warning}")
        how = "reused" if result.reused else "wrote"
        self.step(result.file or f"item {result.item}", done, total,
                  None if result.error else f"{how} {result.file}", timed=not result.reused)


class CheckProgress(Progress):
    """Told once a piece of the catalogue is checked."""

    def __call__(self, result: CheckResult, done: int, total: int) -> None:
        self.step(result.job.label, done, total, f"{result.job.label}: {result.outcome}")


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}:{seconds:02d}"
