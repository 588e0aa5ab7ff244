"""Progress of a batch: a bar with the time left on a terminal, plain lines otherwise
(a log file or CI gets one line a file, no control characters)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from ..orders.results import ItemResult

BAR_WIDTH = 24


class BatchProgress:
    """Called once a file is done (rendered, reused or failed)."""

    def __init__(self, out: TextIO, errors: TextIO, terminal: bool,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.out, self.errors, self.terminal, self.clock = out, errors, terminal, clock
        self.started = clock()
        self.rendered = 0

    def __call__(self, result: ItemResult, done: int, total: int) -> None:
        if not result.reused:
            self.rendered += 1
        if result.error is not None:
            self._line(f"FAILED item {result.item}: {result.error}", self.errors)
        for warning in result.warnings:
            self._line(f"warning: item {result.item} ({result.file}): {warning}", self.errors)
        if self.terminal:
            self._bar(result, done, total)
        elif result.error is None:
            how = "reused" if result.reused else "wrote"
            print(f"[{done}/{total}] {how} {result.file}", file=self.out, flush=True)

    def finish(self) -> None:
        if self.terminal:
            print(file=self.out, flush=True)

    def time_left(self, done: int, total: int) -> float | None:
        """Seconds left, from the pace of the files rendered so far (reused ones take
        no time and say nothing about the pace)."""
        if self.rendered == 0:
            return None
        return (self.clock() - self.started) / self.rendered * (total - done)

    def _bar(self, result: ItemResult, done: int, total: int) -> None:
        filled = round(BAR_WIDTH * done / total)
        left = self.time_left(done, total)
        eta = "" if left is None or done == total else f"  {_clock(left)} left"
        name = result.file or f"item {result.item}"
        print(f"\r\x1b[2K[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total}{eta}"
              f"  {name}", end="", file=self.out, flush=True)

    def _line(self, text: str, stream: TextIO) -> None:
        if self.terminal:
            print("\r\x1b[2K", end="", file=self.out, flush=True)  # clear the bar first
        print(text, file=stream, flush=True)


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}:{seconds:02d}"
