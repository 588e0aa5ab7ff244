"""What setting a piece decided, kept to set it again in one layout: each slot's type size,
the paragraph endings joined, the words kept whole and the height a headline's band gave
the body. The same job composed with its settled value gives the same HTML as the fit and
the second setting arrived at, so the same PDF, byte for byte.

A settled value is valid for the program, catalogue and job it was set for, but for the
partner's lines: kept in one process (`remember`, `recall`) it is keyed by the job without
them; kept across runs (the batch manifest) beside a hash of all that (`settled_key`)."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from ..catalogue.jobs import Job
from ..catalogue.load import Catalogue

KEPT = 512  # settled values one process keeps (a few hundred bytes each)


@dataclass(frozen=True)
class Settled:
    """What the fit and the second setting decided for a job."""

    font_pt: tuple[tuple[str, float], ...]                # slot (or "tabs"): size set
    scaled: tuple[tuple[str, tuple[float, float]], ...]   # slot: design, set (made smaller)
    endings: frozenset[str] = frozenset()                 # paragraph endings joined
    whole: frozenset[str] = frozenset()                   # words never hyphenated
    gain_pt: float = 0.0                                  # a headline band's gift to the body
    partner_lines: tuple[str, ...] = ()                   # the partner's lines it was set with
    # The partner's lines decided nothing (their slot kept its size and never showed a
    # runt, hyphens running or an early break): valid when only those lines differ.
    partner_free: bool = True

    def to_plain(self) -> dict[str, Any]:
        """As JSON-ready data (the batch manifest keeps it)."""
        return {"font_pt": [list(pair) for pair in self.font_pt],
                "scaled": [[name, list(sizes)] for name, sizes in self.scaled],
                "endings": sorted(self.endings), "whole": sorted(self.whole),
                "gain_pt": self.gain_pt, "partner_lines": list(self.partner_lines),
                "partner_free": self.partner_free}

    @classmethod
    def from_plain(cls, data: Any) -> Settled | None:
        """The value `to_plain` made, or None for anything else (an old or edited file)."""
        try:
            return cls(tuple((str(name), float(size)) for name, size in data["font_pt"]),
                       tuple((str(name), (float(design), float(size)))
                             for name, (design, size) in data["scaled"]),
                       frozenset(map(str, data["endings"])), frozenset(map(str, data["whole"])),
                       float(data["gain_pt"]), tuple(map(str, data["partner_lines"])),
                       bool(data["partner_free"]))
        except (KeyError, TypeError, ValueError):
            return None


def partner_lines(job: Job) -> tuple[str, ...]:
    return job.partner.lines if job.partner is not None else ()


def without_partner_lines(job: Job) -> Job:
    """The job as a settled value is keyed: the partner's logo kept, their lines left out
    (whether each line is given stays: it adds a paragraph)."""
    if job.partner is None:
        return job
    partner = job.partner
    return replace(job, partner=replace(partner, name="", contact="" if partner.contact
                                        else None, website="" if partner.website else None))


# job without the partner's lines → (the catalogue it was set from, what was settled)
_lock = threading.Lock()
_kept: OrderedDict[Job, tuple[weakref.ref[Catalogue], Settled]] = OrderedDict()


def remember(catalogue: Catalogue, job: Job, settled: Settled) -> None:
    """Keep what setting `job` from `catalogue` decided, for the next render of it (or of
    it with other partner's lines) from the same catalogue in this process."""
    key = without_partner_lines(job)
    with _lock:  # a server may render on several threads
        _kept[key] = weakref.ref(catalogue), settled
        _kept.move_to_end(key)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)


def recall(catalogue: Catalogue, job: Job) -> Settled | None:
    """What an earlier render in this process settled for `job` or for it with other
    partner's lines, from this very catalogue (a catalogue loaded again, or made in a test,
    may say otherwise), or None."""
    with _lock:
        kept = _kept.get(without_partner_lines(job))
    if kept is None or kept[0]() is not catalogue:
        return None
    return kept[1]


def forget() -> None:
    """Drop every kept value (the next renders set every piece from scratch)."""
    with _lock:
        _kept.clear()
