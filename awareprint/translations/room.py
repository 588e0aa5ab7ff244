"""How long each translation may grow before some piece can no longer hold it: measured by
setting it, not guessed from a ratio.

A string is lengthened with its own words (its own characters, in a script written
without spaces), placeholders left as they are, and set in the slots it prints in on each
piece of its language, those slots laid out alone (engine/layout.py: their lines are the
ones the whole page gives them) at the smallest size the fit may set them: it fits while
no slot overflows. The longest length that fits is found by bisection on the piece with
the smallest slots; every other piece is then laid out at that length, and where one does
not hold it, the bisection goes on there. Lengths count characters (code points) of the
string as the translator writes it, placeholders included, each with the language's other
strings as they are.

Some 800 layouts of a slot or two measure a language's 48 strings: the strings' searches
go on side by side, so that one layout of a piece answers several of them (measure), and
pieces alike where the string prints (a notice of two states) are laid out once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..catalogue.jobs import Job
from ..catalogue.language_checks import PLACEHOLDER
from ..catalogue.load import Catalogue, load_catalogue
from ..compose.piece import compose
from ..engine.layout import lay_out
from ..measure.fit import STRAY, TOO_SMALL, Misfit, find_misfits
from ..render.setting import SHRINK_STEP, side_by_side, size_groups, size_key, size_of
from ..workers import Lost, run_all
from .entries import entries_of, with_entries
from .placements import COPY, TITLE, job_placements

GROWTH = 3           # the longest length tried: this many times the string …
LEAST_TRIED = 150    # … or this many characters, whichever is more


@dataclass(frozen=True)
class Room:
    """The longest a string may be (in characters) and still fit every piece it prints
    on, and the piece and slots with the least room for it; `limit` None where it prints
    on no piece of ours, and `more` where it fits even at the longest length tried."""

    length: int
    limit: int | None = None
    job: Job | None = None
    slots: tuple[str, ...] = ()
    more: bool = False
    unfit: bool = False  # it does not fit its piece even now


def lengthened(text: str, steps: int) -> str:
    """`text` followed by `steps` more of its own words (characters, without spaces)."""
    filler = " ".join(PLACEHOLDER.sub(" ", text).split())
    spaced = " " in filler
    units = filler.split() if spaced else list(filler)
    if not units:
        return text
    return text + "".join((" " if spaced else "") + units[step % len(units)]
                          for step in range(steps))


@dataclass
class _Search:
    """Where the search for one string's room stands: the steps (words added) known to fit
    every piece verified so far, the pieces verified, and an open bisection on one piece
    (holds at `low`, not at `high`). Between bisections, every piece not yet verified is
    tried at `best` in one round; the first that does not hold it is bisected next."""

    text: str
    pieces: list[tuple[Job, frozenset[str]]]  # the smallest slots first
    best: int
    verified: set[int] = dataclasses.field(default_factory=set)  # indexes of `pieces`
    least: int | None = None       # the piece that set `best`
    on: int | None = None          # the piece being bisected
    low: int = 0
    high: int = 0
    zero: bool = False             # whether the text as it is was laid out on `on`
    unfit: bool = False
    refused: list[int] = dataclasses.field(default_factory=list)  # this round's, at `best`

    def requests(self) -> list[tuple[int, int]]:
        """This round's (piece, steps) to lay out; none: done."""
        if self.unfit:
            return []
        if self.on is not None:  # bisecting; at the end, the text as it is, if not known
            return [(self.on, (self.low + self.high) // 2 if self.high - self.low > 1
                     else 0)]
        return [(index, self.best) for index in range(len(self.pieces))
                if index not in self.verified]

    def answer(self, piece: int, steps: int, holds: bool) -> None:
        if self.on is None:
            if holds:
                self.verified.add(piece)
            else:
                self.refused.append(piece)
            return
        if steps == 0:
            self.zero, self.unfit = True, not holds
        elif holds:
            self.low = steps
        else:
            self.high = steps
        self._close()

    def end_round(self) -> None:
        if self.on is None and self.refused:
            self.on, self.low, self.high, self.zero = min(self.refused), 0, self.best, False
            self.refused = []
            self._close()

    def _close(self) -> None:
        if self.unfit or (self.high - self.low <= 1 and (self.low or self.zero)):
            if self.low < self.best:  # else it holds the longest tried: no least room yet
                self.best, self.least = self.low, self.on
            self.verified.add(self.on)  # type: ignore[arg-type]
            self.on = None


def _batches(requests: list[tuple[str, frozenset[str]]]) -> list[list[str]]:
    """Requests on one piece put together where their slots differ: one layout each."""
    batches: list[tuple[set[str], list[str]]] = []
    for name, slots in requests:
        batch = next((b for b in batches if not b[0] & slots), None)
        if batch is None:
            batches.append((set(slots), [name]))
        else:
            batch[0].update(slots)
            batch[1].append(name)
    return [names for _, names in batches]


def measure(catalogue: Catalogue, code: str,
            pieces: dict[str, Sequence[tuple[Job, frozenset[str]]]]) -> dict[str, Room]:
    """The room of each entry of `pieces` (entry name → the pieces it prints on, each
    with its slots there). The entries' searches go on side by side, in rounds: on each
    piece, what the bisections ask is laid out together where their slots differ, and
    what the verifications ask all at once (a slot that holds every string of it
    lengthened holds each one lengthened alone; where one does not, its strings are
    tried again apart)."""
    texts = entries_of(catalogue.languages[code].strings)
    searches: dict[str, _Search] = {}
    rooms_found: dict[str, Room] = {}
    for name, its in pieces.items():
        text = texts[name][1]
        if not its:
            rooms_found[name] = Room(len(text))
            continue
        most = 1
        while len(lengthened(text, most)) < max(GROWTH * len(text), LEAST_TRIED):
            most *= 2
        facts = {piece: _facts(catalogue, *piece) for piece in its}
        alike: dict[str, tuple[Job, frozenset[str]]] = {}
        for piece in sorted(its, key=lambda piece: facts[piece]):
            alike.setdefault(facts[piece][1], piece)
        # the piece with the smallest slots is bisected first, from the longest tried
        searches[name] = _Search(text, list(alike.values()), most, on=0, high=most + 1)
    steps: dict[Job, dict[str, list[float]]] = {}
    while True:
        asked: dict[Job, list[tuple[str, int, int]]] = {}
        for name, search in searches.items():
            for piece, count in search.requests():
                asked.setdefault(search.pieces[piece][0], []).append((name, piece, count))
        if not asked:
            break
        for job, requests in asked.items():
            asking = {name: (piece, count) for name, piece, count in requests}
            texts_asked = {name: (lengthened(searches[name].text, count),
                                  searches[name].pieces[piece][1])
                           for name, (piece, count) in asking.items()}

            def answer(name: str, holds: bool, asking: dict[str, tuple[int, int]] = asking
                       ) -> None:
                searches[name].answer(*asking[name], holds)

            def laid_out(names: list[str], job: Job = job,
                         texts_asked: dict[str, tuple[str, frozenset[str]]] = texts_asked
                         ) -> set[str] | None:
                return _misfit_slots(catalogue, code, job, steps,
                                     {name: texts_asked[name] for name in names})

            verifying = [name for name in asking if searches[name].on is None]
            apart = [name for name in asking if searches[name].on is not None]
            if verifying:
                bad = laid_out(verifying)
                for name in verifying:
                    if bad is None or texts_asked[name][1] & bad:
                        apart.append(name)
                    else:
                        answer(name, True)
            for batch in _batches([(name, texts_asked[name][1]) for name in apart]):
                bad = laid_out(batch)
                if bad is None and len(batch) > 1:  # no slot to blame: each alone
                    for name in batch:
                        answer(name, laid_out([name]) == set())
                    continue
                for name in batch:
                    answer(name, bad is not None and not bad & texts_asked[name][1])
        for search in searches.values():
            search.end_round()
    for name, search in searches.items():
        length = len(search.text)
        if search.least is None:
            rooms_found[name] = Room(length, len(lengthened(search.text, search.best)),
                                     more=True)
            continue
        job, slots = search.pieces[search.least]
        rooms_found[name] = Room(length, len(lengthened(search.text, search.best)), job,
                                 tuple(sorted(slots)), unfit=search.unfit)
    return {name: rooms_found[name] for name in pieces}


def _misfit_slots(catalogue: Catalogue, code: str, job: Job,
                  steps: dict[Job, dict[str, list[float]]],
                  texts: dict[str, tuple[str, frozenset[str]]]) -> set[str] | None:
    """The slots of the piece that do not hold the entries of `texts` (name → its text
    lengthened, its slots), laid out together (those slots alone) at the smallest sizes
    the fit may give them; None where a misfit is in no slot of theirs.

    The fit sets a slot (with its group) 7 % smaller a step, from its design size down to
    its minimum, but stops where part of a slot would be set below its minimum (a tab's
    smaller line): the smallest size is the last step short of that, found once a piece
    (`steps`: size key → the steps not yet ruled out, smallest last)."""
    language = catalogue.languages[code]
    entries = entries_of(language.strings)
    trial = dataclasses.replace(catalogue, languages={
        **catalogue.languages, code: language.model_copy(update={
            "strings": with_entries(language.strings, {
                entries[name][0]: text for name, (text, _) in texts.items()})})})
    slots = frozenset().union(*(its for _, its in texts.values()))
    groups = size_groups(catalogue, job)
    known = steps.setdefault(job, {})
    known.update({key: sizes for key, sizes in _steps(catalogue, job, slots).items()
                  if key not in known})
    while True:
        font_pt = {member: sizes[-1] for key, sizes in known.items()
                   for member in groups.get(key, [key])}
        misfits = _misfits(trial, job, slots, font_pt)
        small = {size_key(m.slot) for m in misfits if m.kind == TOO_SMALL} & known.keys()
        small = {key for key in small if len(known[key]) > 1}
        if not small:
            break
        for key in small:  # set below its minimum in part: not for the text's length
            known[key].pop()
    bad = {misfit.slot for misfit in misfits}
    return bad if bad <= slots else None


def _steps(catalogue: Catalogue, job: Job, slots: frozenset[str]) -> dict[str, list[float]]:
    """Size key → the sizes the fit tries, from the design size to the minimum."""
    geometry = compose(job, catalogue).geometry
    boxes = geometry.layout_boxes()
    steps: dict[str, list[float]] = {}
    for slot in sorted(slots & boxes.keys()):
        key = size_key(slot)
        if key not in steps:
            sizes = [size_of(key, geometry)]
            while sizes[-1] > boxes[slot].min_pt + 0.005:
                sizes.append(max(boxes[slot].min_pt, round(sizes[-1] * SHRINK_STEP, 2)))
            steps[key] = sizes
    return steps


def _misfits(catalogue: Catalogue, job: Job, slots: frozenset[str],
             font_pt: dict[str, float]) -> list[Misfit]:
    """The misfits of `slots` laid out alone at `font_pt` (the engine's warnings as one)."""
    groups = size_groups(catalogue, job)
    composed = compose(job, catalogue, font_pt)
    document, warnings = lay_out(composed.html, composed.base_url, composed.readable,
                                 side_by_side(groups, composed.geometry),
                                 composed.stylesheets, slots)
    misfits, _ = find_misfits(document, composed.geometry.layout_boxes())
    return misfits + [Misfit("", warning, STRAY) for warning in warnings]


def _facts(catalogue: Catalogue, job: Job, slots: frozenset[str]) -> tuple[float, str]:
    """The area of the slots (in pt²: the smallest are tried first), and what decides
    their lines: the layout, its style sheets (the geometry of every slot among them) and
    the slots' HTML. Pieces alike in that (a notice of two states, its statute's slot
    aside) hold a string alike: one of them is laid out."""
    composed = compose(job, catalogue)
    boxes = composed.geometry.layout_boxes()
    html = etree.fromstring(composed.html, etree.HTMLParser())
    parts = sorted(etree.tostring(element) for element in html.iter()
                   if element.get("data-slot") in slots)
    alike = hashlib.sha256(repr((job.layout, composed.stylesheets, parts)).encode())
    return (sum(boxes[slot].rect.w * boxes[slot].rect.h for slot in slots if slot in boxes),
            alike.hexdigest())


def rooms(catalogue: Catalogue, code: str, workers: int | None = None) -> dict[str, Room]:
    """Entry name → its room, every entry of the language, measured on `workers`
    processes (None: one per core), each taking a share of the entries."""
    folders = (catalogue.layouts_dir, catalogue.content_dir, catalogue.fonts_dir)
    names = list(entries_of(catalogue.languages[code].strings))
    shares = min(workers or os.cpu_count() or 1, len(names))
    pieces = _pieces(folders, code)
    # entries that print in one slot go to different workers (their layouts cannot be
    # shared); entries in different slots of one piece to the same (they can)
    ordered = sorted(names, key=lambda name: sorted(
        (piece[0].label, sorted(piece[1])) for piece in pieces.get(name, ()))[:1])
    tasks = [(folders, code, tuple(ordered[share::shares])) for share in range(shares)]

    def lost(index: int, why: Lost) -> dict[str, Room]:
        return _measure_task(*tasks[index])  # a worker lost: measured here

    found: dict[str, Room] = {}
    for _, measured in run_all(_measure_task, tasks, shares, lost):
        found.update(measured)
    return {name: found[name] for name in names}


def _measure_task(folders: tuple[Path, Path, Path], code: str, names: tuple[str, ...]
                  ) -> dict[str, Room]:
    pieces = _pieces(folders, code)
    return measure(load_catalogue(*folders), code, {name: pieces.get(name, ())
                                                    for name in names})


def room_of(catalogue: Catalogue, code: str, name: str,
            pieces: Sequence[tuple[Job, frozenset[str]]]) -> Room:
    """The room of one entry on `pieces` (each with the slots it prints in there)."""
    return measure(catalogue, code, {name: pieces})[name]


@lru_cache(maxsize=4)
def _pieces(folders: tuple[Path, Path, Path], code: str
            ) -> dict[str, tuple[tuple[Job, frozenset[str]], ...]]:
    """Entry name → each piece it prints on, with its slots there (the file's title
    aside: it is no slot)."""
    found: dict[str, list[tuple[Job, frozenset[str]]]] = {}
    for job, where in job_placements(load_catalogue(*folders), code):
        for name, slots in where.items():
            if slots - {TITLE}:
                found.setdefault(name, []).append((job, frozenset(slots - {TITLE})))
    return {name: tuple(pieces) for name, pieces in found.items()}


def room_note(room: Room) -> str:
    """The translator's note: how long the string may be, and where it is tightest."""
    assert room.limit is not None
    if room.unfit:
        return (f"length: does not fit the {room.job.label if room.job else 'piece'} even "
                f"now ({room.length} characters); shorten it")
    if room.more:
        return (f"length: fits every piece it prints on up to more than {room.limit} "
                f"characters (now {room.length}; measured)")
    assert room.job is not None
    slots = sorted({COPY.sub("", slot) for slot in room.slots})
    return (f"length: fits up to about {room.limit} characters (now {room.length}); the "
            f"least room is on the {room.job.label} ({', '.join(slots)}), measured by "
            "setting it there at the smallest size allowed")
