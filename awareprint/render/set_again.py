"""A piece set again from what an earlier setting of it settled (render/settled.py): laid
out once, or where only the partner's lines differ, the partner's slot fitted on its own
with the rest as settled. None wherever that would not be the file a setting from scratch
makes: the caller then fits the piece from scratch."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..catalogue.geometry import Geometry
from ..catalogue.jobs import Job
from ..catalogue.layouts import PARTNER_LINES
from ..catalogue.load import Catalogue
from ..compose.piece import Composed, compose, endings_of, job_strings
from ..engine.graft import grafted
from ..engine.layout import lay_out
from ..errors import RenderError
from ..measure.fit import OVERFLOW, Misfit, find_misfits
from ..measure.type_rules import found_in
from .setting import (
    SHRINK_STEP,
    changed_slots,
    check_slots_and_pages,
    side_by_side,
    size_groups,
)
from .settled import Settled, partner_lines

if TYPE_CHECKING:
    from ..engine.boxes import Laid
    from ..engine.layout import Document

PARTNER_LABEL = "partnership_label"  # the string before the partner's name (partner.html.j2)
ALONE = frozenset({PARTNER_LINES})    # the partner's slot tried at other sizes on its own

Setting = tuple[Composed, "Document", list[Misfit], set[str]]


def set_again(job: Job, catalogue: Catalogue, logo: str | None, kept: Settled
              ) -> tuple[Composed, Document, Settled] | None:
    """The job laid out as `kept` says, or None where that does not stand: it does not
    fit, or the partner's lines differ from those it was set with and either took part in
    a decision other than their own slot's size."""
    lines = partner_lines(job)
    if kept.partner_lines == lines:
        setting = _setting(job, catalogue, logo, kept)
        return None if setting is None or setting[2] else (setting[0], setting[1], kept)
    if not kept.partner_free:
        return None
    longer = len(lines) != len(kept.partner_lines) or any(
        len(line) > len(before) for line, before in zip(lines, kept.partner_lines, strict=True))
    return _partner_fitted(job, catalogue, logo, replace(kept, partner_lines=lines), longer)


def _partner_fitted(job: Job, catalogue: Catalogue, logo: str | None, kept: Settled,
                    longer: bool) -> tuple[Composed, Document, Settled] | None:
    """The partner's slot fitted as the fit would: the first of its sizes (from its design
    size 7 % smaller each step) at which it does not overflow where the fit tries them,
    before a short headline's band gives the body its height; then laid out as kept.

    The sizes are tried on the partner's slot laid out alone, from the size `kept` gives
    it, and the page laid out whole once at the size found. Where the band gave nothing
    and none of the lines is `longer` than the one it replaces (they most likely fit
    where those did), the page is laid out whole first, at that size, and stands for that try.
    The other slots, set as kept, must fit and the partner's lines show nothing to set
    anew, where the fit tried them and where they are set."""
    sizes = dict(kept.font_pt)
    trying = replace(kept, gain_pt=0.0) if kept.gain_pt else kept  # where the fit tries
    tried: dict[float, Setting | None] = {}

    def at_size(settled: Settled, size: float) -> Settled:
        return replace(settled, font_pt=tuple(sorted({**sizes, PARTNER_LINES: size}.items())))

    def fits(size: float) -> bool | None:
        """Whether the partner's lines fit at `size` (None: something else misfits)."""
        if size not in tried:
            tried[size] = _setting(job, catalogue, logo, at_size(trying, size), ALONE)
        setting = tried[size]
        if setting is None or any(m.slot != PARTNER_LINES or m.kind != OVERFLOW
                                  for m in setting[2]):
            return None
        return not setting[2]

    whole_first = not (kept.gain_pt or longer)
    first = _setting(job, catalogue, logo, kept, None if whole_first else ALONE)
    if first is None:
        return None
    steps = _steps(first[0].geometry, dict(kept.scaled).get(PARTNER_LINES))
    at = sizes.get(PARTNER_LINES, steps[0])
    if at not in steps:
        return None
    if not kept.gain_pt:
        tried[at] = first
    index = steps.index(at)
    verdict = fits(at)
    while verdict is False and index + 1 < len(steps):  # longer lines: smaller
        index += 1
        verdict = fits(steps[index])
    if not verdict:
        return None
    while index > 0 and (larger := fits(steps[index - 1])) is not False:  # shorter lines
        if larger is None:
            return None
        index -= 1
    groups = size_groups(catalogue, job)
    if whole_first and steps[index] == at:
        composed, document = first[0], first[1]
    elif whole_first and (drawn := _grafted(first, tried[steps[index]], groups)):
        composed, document = drawn
    else:
        whole = _setting(job, catalogue, logo, at_size(kept, steps[index]))
        if whole is None or whole[2]:
            return None
        composed, document = whole[0], whole[1]
    set_first = tried[steps[index]]
    if _partner_decides(catalogue, job, document) or (
            set_first is not None and _partner_decides(catalogue, job, set_first[1])):
        return None
    design = steps[0]
    font_pt = {**sizes, PARTNER_LINES: steps[index]} if index else {
        name: size for name, size in sizes.items() if name != PARTNER_LINES}
    scaled = {**dict(kept.scaled), PARTNER_LINES: (design, steps[index])} if index else {
        name: pair for name, pair in kept.scaled if name != PARTNER_LINES}
    return composed, document, replace(kept, font_pt=tuple(sorted(font_pt.items())),
                                       scaled=tuple(sorted(scaled.items())))


def _grafted(whole: Setting, alone: Setting | None, groups: dict[str, list[str]]
             ) -> tuple[Composed, Document] | None:
    """The page laid out `whole`, drawn with the partner's slot from its layout `alone`
    (engine/graft.py), where nothing else differs between the two; else None."""
    changed = None if alone is None else changed_slots(whole[0], alone[0], groups)
    if alone is None or changed is None or not changed <= ALONE:
        return None
    document = grafted(whole[1], {PARTNER_LINES: alone[1]},
                       side_by_side(groups, alone[0].geometry))
    return None if document is None else (alone[0], document)


def _steps(geometry: Geometry, scaled: tuple[float, float] | None) -> list[float]:
    """The partner's slot's sizes as the fit tries them: its design size, then 7 % smaller
    each step, down to its minimum."""
    box = geometry.layout_boxes()[PARTNER_LINES]
    size = scaled[0] if scaled else box.font_pt
    steps = [size]
    while size > box.min_pt + 0.005:
        size = max(box.min_pt, round(size * SHRINK_STEP, 2))
        steps.append(size)
    return steps


def _setting(job: Job, catalogue: Catalogue, logo: str | None, kept: Settled,
             only: frozenset[str] | None = None) -> Setting | None:
    """The job composed and laid out as `kept` says (`only` those slots, engine/layout.py),
    with its misfits; None where the engine ignored part of the design or (the page laid
    out whole) a slot or page is missing."""
    groups = size_groups(catalogue, job)
    composed = compose(job, catalogue, dict(kept.font_pt), logo, kept.endings,
                       masthead_gain_pt=kept.gain_pt, whole=kept.whole)
    document, warnings = lay_out(composed.html, composed.base_url, composed.readable,
                                 side_by_side(groups, composed.geometry), composed.stylesheets,
                                 only)
    if warnings:
        return None
    misfits, found = find_misfits(document, composed.geometry.layout_boxes())
    try:
        if only is None:
            check_slots_and_pages(job, catalogue, composed, document, found)
    except RenderError:
        return None
    return composed, document, misfits, found


def partner_shows(catalogue: Catalogue, job: Job, document: Laid, misfits: list[Misfit],
                  fitting: bool = False) -> bool:
    """Whether the partner's slot, in one setting, took part in a decision: misfits (while
    `fitting`, other than by overflowing: its own size is fitted again for other lines) or
    shows what a second setting acts on."""
    if job.partner is None:
        return False
    if fitting:
        return any(m.slot == PARTNER_LINES and m.kind != OVERFLOW for m in misfits)
    return (any(misfit.slot == PARTNER_LINES for misfit in misfits)
            or _partner_decides(catalogue, job, document))


def _partner_decides(catalogue: Catalogue, job: Job, document: Laid) -> bool:
    """Whether the partner's lines show what the second setting acts on: a line broken
    early (their slot is set a step smaller), a word alone on a last line that also ends
    one of our paragraphs (that ending would be joined), a word broken twice running that
    one of our paragraphs holds (it would be kept whole there)."""
    runts, broken, early = found_in(document, PARTNER_LINES)
    texts = job_strings(catalogue, job).values()
    return (early or bool(runts and endings_of(catalogue, job, runts))
            or any(word in text for word in broken for text in texts))


def partner_set_alone(job: Job, catalogue: Catalogue, groups: dict[str, list[str]],
                      endings: frozenset[str], whole: frozenset[str], geometry: Geometry
                      ) -> bool:
    """Whether the partner's slot was the same in every setting but for its own size and
    place: set alone (in no group), the label before the partner's name (a string of
    ours, which endings joined or words kept whole would set otherwise) unchanged. Then,
    its lines having shown nothing, another partner's lines showing nothing either, where
    the fit tried them and where they are set, leave the rest settled the same."""
    if job.partner is None:
        return True
    labels = [str(catalogue.languages[code].strings.get(PARTNER_LABEL, ""))
              for code in job.languages]
    return (groups.get(PARTNER_LINES, [PARTNER_LINES]) == [PARTNER_LINES]
            and PARTNER_LINES in geometry.layout_boxes()
            and not any(f"{code}.{PARTNER_LABEL}" in endings for code in job.languages)
            and not any(word in label for word in whole for label in labels))
