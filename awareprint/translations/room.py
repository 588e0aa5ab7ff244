"""How long each translation may grow before some piece can no longer hold it: measured by
setting it, not guessed from a ratio.

A string is lengthened with its own words (its own characters, in a script written
without spaces), placeholders left as they are, and set in the slots it prints in on each
piece of its language, those slots laid out alone (engine/layout.py: their lines are the
ones the whole page gives them) at the smallest size the fit may set them: it fits while
no slot overflows. The longest length that fits is found by bisection on the piece with
least room; every other piece is then laid out once at that length, and where one does
not hold it, the bisection goes on there. Lengths count characters (code points) of the
string as the translator writes it, placeholders included.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


def fits(catalogue: Catalogue, code: str, name: str, text: str, job: Job,
         slots: frozenset[str], sizes: dict[str, list[float]] | None = None) -> bool:
    """Whether the piece holds entry `name` of language `code` written as `text`, in its
    `slots` set at the smallest size the fit may give them.

    The fit sets a slot (with its group) 7 % smaller a step, from its design size down to
    its minimum, but stops where part of a slot would be set below its minimum (a tab's
    smaller line): the smallest size is the last step short of that. `sizes` (size key →
    the steps not yet ruled out, smallest last; found on the first call and kept by the
    caller for the piece's next calls) holds where that search stands."""
    language = catalogue.languages[code]
    where, _ = entries_of(language.strings)[name]
    trial = dataclasses.replace(catalogue, languages={
        **catalogue.languages, code: language.model_copy(update={
            "strings": with_entries(language.strings, {where: text})})})
    groups = size_groups(catalogue, job)
    steps = _steps(catalogue, job, slots) if sizes is None else sizes
    while True:
        font_pt = {member: sizes[-1] for key, sizes in steps.items()
                   for member in groups.get(key, [key])}
        misfits = _misfits(trial, job, slots, font_pt)
        small = {size_key(m.slot) for m in misfits if m.kind == TOO_SMALL} & steps.keys()
        small = {key for key in small if len(steps[key]) > 1}
        if not small:
            return not misfits
        for key in small:  # set below its minimum in part: not the text's length
            steps[key].pop()


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


def room_of(catalogue: Catalogue, code: str, name: str,
            pieces: Sequence[tuple[Job, frozenset[str]]]) -> Room:
    """The room entry `name` of language `code` has on `pieces` (each with the slots it
    prints in there)."""
    text = entries_of(catalogue.languages[code].strings)[name][1]
    if not pieces:
        return Room(len(text))
    most = 1
    while len(lengthened(text, most)) < max(GROWTH * len(text), LEAST_TRIED):
        most *= 2
    best, least = most, None  # the steps that fit every piece tried so far, and where
    for job, slots in sorted(pieces, key=lambda piece: _area(catalogue, *piece)):
        sizes = _steps(catalogue, job, slots)

        def holds(steps: int, job: Job = job, slots: frozenset[str] = slots,
                  sizes: dict[str, list[float]] = sizes) -> bool:
            return fits(catalogue, code, name, lengthened(text, steps), job, slots, sizes)

        if holds(best):
            continue
        if not holds(0):
            return Room(len(text), len(text), job, tuple(sorted(slots)), unfit=True)
        low, high = 0, best  # holds(low), not holds(high)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if holds(middle) else (low, middle)
        best, least = low, (job, tuple(sorted(slots)))
    if least is None:
        return Room(len(text), len(lengthened(text, best)), more=True)
    return Room(len(text), len(lengthened(text, best)), least[0], least[1])


def _area(catalogue: Catalogue, job: Job, slots: frozenset[str]) -> float:
    """The area of the slots (in pt²): the smallest are tried first."""
    boxes = compose(job, catalogue).geometry.layout_boxes()
    return sum(boxes[slot].rect.w * boxes[slot].rect.h for slot in slots if slot in boxes)


def rooms(catalogue: Catalogue, code: str, workers: int | None = None) -> dict[str, Room]:
    """Entry name → its room, every entry of the language (in parallel, a task an entry)."""
    folders = (catalogue.layouts_dir, catalogue.content_dir, catalogue.fonts_dir)
    names = list(entries_of(catalogue.languages[code].strings))

    def lost(index: int, why: Lost) -> Room | None:
        return None

    found = dict(run_all(_room_task, [(folders, code, name) for name in names], workers, lost))
    measured = {names[index]: room for index, room in found.items() if room is not None}
    missing = [name for name in names if name not in measured]
    for name in missing:  # a worker lost: measured here
        measured[name] = _room_task(folders, code, name)
    return {name: measured[name] for name in names}


def _room_task(folders: tuple[Path, Path, Path], code: str, name: str) -> Room:
    catalogue = load_catalogue(*folders)
    return room_of(catalogue, code, name, _pieces(folders, code).get(name, ()))


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
