"""What a batch run made of each item of an order: the file, or why it failed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ItemResult:
    item: int
    file: str | None
    layout: str
    size: str
    languages: list[str]
    profile: str
    sheet: str | None
    pages: int
    quantity: int
    sheets_needed: int
    sha256: str | None
    error: str | None
    previews: tuple[str, ...] = ()  # PNG file names, one per page
    warnings: tuple[str, ...] = ()
    reused: bool = False            # unchanged since the last run: not rendered again
    inputs: str | None = None       # hash of everything the file was made from
    per_sheet: int = 1              # pieces on each printed page
    overs: int = 0                  # printed beyond the quantity; in sheets_needed
    # What setting the piece decided (render/settled.py), and the hash of what it holds
    # for: the program, the data and the job but for the partner's lines. A later run
    # setting the same piece (the file gone, or the partner's lines changed) lays it out once.
    settled_key: str | None = None
    settled: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class BatchRun:
    results: list[ItemResult]
    archive: Path
    ticket_error: str | None = None

    @property
    def failed(self) -> int:
        return sum(not result.ok for result in self.results)

    @property
    def reused(self) -> int:
        return sum(result.reused for result in self.results)
