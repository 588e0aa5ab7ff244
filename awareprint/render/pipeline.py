"""One Job through the whole chain: compose → lay out → fit (setting long text smaller,
down to each slot's minimum) → PDF → finish → read back (by the caller's `read_back`:
render reads nothing back itself, so it needs no PDF reader)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..catalogue.dates import document_date
from ..catalogue.geometry import Geometry
from ..catalogue.jobs import Job
from ..catalogue.layouts import PARTNER_LINES
from ..catalogue.load import Catalogue
from ..catalogue.notices import notice_label
from ..catalogue.numbers import partner_numbers
from ..catalogue.profiles import DIGITAL, PRESS, drawn_as, intent_name, output_intent
from ..compose.logo import logo_uri, logo_warnings
from ..compose.piece import (
    Composed,
    compose,
    ending_text,
    endings_of,
    first_sizes,
    job_strings,
    notice_of,
)
from ..engine.boxes import Spliced, page_count, spliced
from ..engine.graft import grafted
from ..engine.layout import lay_out, write_pdf, write_tagged_pdf
from ..errors import FitError, InputError, RenderError
from ..finish.finish import finish
from ..finish.metadata import Metadata
from ..finish.pdfx import PressFinish
from ..measure.columns import column_faults, column_rows
from ..measure.fit import OUTSIDE, OVERFLOW, Misfit, find_misfits
from ..measure.grow import band_gift, extents, growth
from ..measure.perforation import perforation_faults
from ..measure.piece_rules import PieceRules, piece_faults
from ..measure.runts import running_hyphen_words, runt_words, slot_texts
from ..measure.shared_lines import shared_line_faults
from ..measure.single_ink import small_type_in_safe_inks
from ..measure.type_rules import TypeFault, early_breaks, type_faults
from ..output import write_atomic
from .set_again import partner_set_alone, partner_shows, set_again
from .setting import (
    at_minimum,
    changed_slots,
    check_slots_and_pages,
    side_by_side,
    size_groups,
    size_key,
    size_of,
    smaller_sizes,
)
from .settled import Settled, partner_lines, recall, remember

if TYPE_CHECKING:
    from ..engine.boxes import Laid
    from ..engine.layout import Document

# Slots that print what the user gave: overflowing, they are the user's to shorten.
USER_TEXT_SLOTS = {"event": "the event name", PARTNER_LINES: "the partner's name, contact "
                   "line and website"}
MAX_TRIES = 25
REFINING_TRIES = 4                       # the second setting, and its retries when crowded
KOREAN = "Kore"                          # the script broken only between words
THAI = "Thai"                            # the script whose words a dictionary finds
# What a victim reads first, on every piece in each of its languages: "Get help", and that
# the hotline is not police or immigration (in its short or its long form).
VICTIM_LINES = (("get_help",), ("hotline_about_short", "hotline_about"))


@dataclass(frozen=True)
class Rendered:
    job: Job
    pdf: bytes
    pages: int
    scaled: dict[str, tuple[float, float]] = field(default_factory=dict)  # slot: design, set
    warnings: tuple[str, ...] = ()
    type_faults: tuple[str, ...] = ()  # typesetting rules the laid-out lines break (text
                                       # too near a tear-off's perforation, a shared line
                                       # printed twice, columns out of line)
    settled: Settled | None = None     # what setting it decided: to set it again at once


class ReadBack(Protocol):
    """Reads a finished file back before it is written (preflight.read_back.read_back):
    raises RenderError naming what would print wrong. `press` applies a print shop's rules,
    `tagged` checks the structure a screen reader meets."""

    def __call__(self, name: str, catalogue: Catalogue, pdf: bytes, press: bool,
                 tagged: bool = False) -> None: ...


def render(job: Job, catalogue: Catalogue, read_back: ReadBack,
           settled: Settled | None = None) -> Rendered:
    """The finished PDF of one job, read back by `read_back` (unless it is a piece for a
    sheet, read back with its sheet), or an error naming what would print wrong.

    `settled` (by default what an earlier render of the job in this process settled, see
    render/settled.py) is what an earlier setting of this job, or of it with other partner's
    lines, decided: the piece is then laid out once with it and, if that does not fit or
    the partner's lines would have decided otherwise, fitted from scratch. Either way the
    PDF is the same."""
    intent = output_intent(catalogue.house, catalogue.sizes[job.size], job.intent)
    icc = intent.profile_path
    logo = logo_uri(job.partner, drawn_as(job.profile), icc)
    kept = settled if settled is not None else recall(catalogue, job)
    laid_out = set_again(job, catalogue, logo, kept) if kept is not None else None
    composed, document, settled = laid_out or _lay_out_to_fit(job, catalogue, logo)
    remember(catalogue, job, settled)
    faults = tuple(str(fault) for fault in type_faults(
        document, composed.geometry.layout_boxes(), USER_TEXT_SLOTS,
        _strings_in(catalogue, job, KOREAN), _strings_in(catalogue, job, THAI))) + tuple(
        str(fault) for fault in piece_faults(
            document, _piece_rules(job, catalogue, composed.geometry)))
    faults += tuple(str(fault) for fault in perforation_faults(
        document, composed.geometry, catalogue.house.safe_margin_pt))
    faults += tuple(str(fault) for fault in _two_language_faults(document, composed, job))
    small_type_in_safe_inks(document, catalogue.house, job.profile)
    press = None
    if job.profile == PRESS:
        press = PressFinish(composed.geometry.trim, composed.geometry.frame.bleed, intent)
    pdf, tagged = (write_tagged_pdf(document) if job.profile == DIGITAL
                   else (write_pdf(document), None))
    pdf = finish(pdf, _metadata(job, catalogue), document_date(catalogue.hotline.checked),
                 press, tagged)
    if not job.on_sheet:  # a piece for a sheet is read back with its sheet
        read_back(job.file_name, catalogue, pdf, press is not None, tagged is not None)
    warnings = logo_warnings(job.partner, drawn_as(job.profile), icc, composed.geometry)
    return Rendered(job, pdf, page_count(document), dict(settled.scaled), tuple(warnings),
                    faults, settled)


def render_to_file(job: Job, catalogue: Catalogue, path: Path, read_back: ReadBack,
                   settled: Settled | None = None) -> Rendered:
    """Render (with what an earlier setting `settled`, as render does) and write
    atomically; on any error nothing is written."""
    rendered = render(job, catalogue, read_back, settled)
    write_atomic(path, rendered.pdf)
    return rendered


def _lay_out_to_fit(job: Job, catalogue: Catalogue, logo: str | None, alone: bool = True
                    ) -> tuple[Composed, Document, Settled]:
    """Lay out; while text overflows, set the overflowing slots (with their group) smaller,
    never below their minimum. Returns the fitting layout and what was settled.

    After the first layout of the whole page, the sizes of the slots that overflow are
    tried on those slots laid out `alone` (engine/layout.py): a slot's lines do not depend
    on the others. The second setting reads the page as spliced from those layouts, and
    the page is laid out whole again once its sizes and fixes are known; should that
    layout not fit after all, the piece is fitted again with every try laid out whole."""
    groups = size_groups(catalogue, job)
    shown: list[bool] = []  # whether the partner's slot showed anything to set anew
    first = first_sizes(job, catalogue)
    font_pt = {name: start for name, (_, start) in first.items()}
    design = {name: size for name, (size, start) in first.items() if start < size}
    trial: frozenset[str] | None = None  # the slots the next try lays out (None: all)
    alone_laid: dict[str, Document] = {}  # slot: its last layout alone
    for _ in range(MAX_TRIES):
        composed = compose(job, catalogue, font_pt, logo)
        columns = side_by_side(groups, composed.geometry)
        document, warnings = lay_out(composed.html, composed.base_url, composed.readable,
                                     columns, composed.stylesheets, trial)
        if warnings:
            raise RenderError(f"{job.label}: the layout engine ignored part of the design: "
                              f"{warnings[0]}")
        slots = composed.geometry.layout_boxes()
        misfits, found_now = find_misfits(document, slots)
        if trial is None:
            whole, found = document, found_now
        else:
            alone_laid.update(dict.fromkeys(trial, document))
        shown.append(partner_shows(catalogue, job, document, misfits, fitting=True))
        overflowing = [m for m in misfits if m.kind == OVERFLOW]
        if not overflowing or len(overflowing) != len(misfits):
            break
        smaller = smaller_sizes(overflowing, composed.geometry, groups)
        if not smaller:  # already at the minimum: that slot is what is reported
            misfits.sort(key=lambda misfit: not at_minimum(misfit, composed.geometry))
            break
        for name, size in smaller.items():
            design.setdefault(name, size_of(name, composed.geometry))
            font_pt[name] = size
        if alone:
            trial = frozenset(slot for slot in slots if size_key(slot) in smaller)
    _raise_misfits(job, misfits, font_pt)
    document = spliced(whole, alone_laid) if alone_laid else whole
    shown.append(partner_shows(catalogue, job, document, misfits))  # the setting refined from
    (composed, document, found), (endings, gain, kept_whole) = _refined(
        job, catalogue, logo, font_pt, design, groups, (composed, document, found), shown,
        alone)
    if isinstance(document, Spliced):  # the page drawn from its parts
        document = grafted(document.whole, document.parts,
                           side_by_side(groups, composed.geometry))
        if document is None:
            document, misfits, found = _whole(composed, groups)
            if misfits:
                return _lay_out_to_fit(job, catalogue, logo, alone=False)
    check_slots_and_pages(job, catalogue, composed, document, found)
    scaled = {name: (design[name], size) for name, size in font_pt.items() if name in design}
    free = not any(shown) and partner_set_alone(job, catalogue, groups, endings, kept_whole,
                                                composed.geometry)
    settled = Settled(tuple(sorted(font_pt.items())), tuple(sorted(scaled.items())), endings,
                      kept_whole, gain, partner_lines(job), free)
    return composed, document, settled


def _whole(composed: Composed, groups: dict[str, list[str]]
           ) -> tuple[Document, list[Misfit], set[str]]:
    document, _ = lay_out(composed.html, composed.base_url, composed.readable,
                          side_by_side(groups, composed.geometry), composed.stylesheets)
    misfits, found = find_misfits(document, composed.geometry.layout_boxes())
    return document, misfits, found


def _refined(job: Job, catalogue: Catalogue, logo: str | None, font_pt: dict[str, float],
             design: dict[str, float], groups: dict[str, list[str]],
             laid_out: tuple[Composed, Laid, set[str]], shown: list[bool], alone: bool = True
             ) -> tuple[tuple[Composed, Laid, set[str]],
                        tuple[frozenset[str], float, frozenset[str]]]:
    """One more setting, made from what the fitting one shows: short headlines set larger
    and their band's empty height given to the body (measure/grow.py); paragraphs ending in one
    word set with their last two words together, the second of two hyphens running kept
    whole (measure/runts.py). Where that crowds a slot, the headlines stay as they were and the
    crowded slot is set a step smaller (as the fit does) or, at its minimum, keeps its
    first setting; failing all that, the first setting stands. `font_pt` (and `design`,
    for what was made smaller) take the sizes kept; returned with the setting kept are the
    endings joined, the band's gift and the words kept whole it was composed with."""
    larger, gift = _growth(job, catalogue, groups, laid_out)
    endings = endings_of(catalogue, job, runt_words(laid_out[1]))
    whole = running_hyphen_words(laid_out[1])
    more, smaller = _early_fixes(catalogue, job, laid_out, groups, endings)
    endings |= more
    best = laid_out
    kept: tuple[frozenset[str], float, frozenset[str]] = frozenset(), 0.0, frozenset()
    for _ in range(REFINING_TRIES):
        if not (larger or gift or endings or whole or smaller):
            return best, kept
        composed = compose(job, catalogue, {**font_pt, **smaller, **larger}, logo, endings,
                           masthead_gain_pt=gift, whole=whole)
        document = _relaid(best[:2], composed, groups, alone)
        misfits, found = find_misfits(document, composed.geometry.layout_boxes())
        shown.append(partner_shows(catalogue, job, document, misfits))
        if not misfits:
            for name in smaller:
                design.setdefault(name, size_of(name, laid_out[0].geometry))
            font_pt.update({**smaller, **larger})
            best = composed, document, found
            kept = endings, gift, whole
            # type set smaller may end a paragraph in one word anew: set that too
            more = endings_of(catalogue, job, runt_words(document)) - endings
            running = running_hyphen_words(document) - whole
            joined, smaller = _early_fixes(catalogue, job, best, groups, endings | more)
            more |= joined
            if not (more or running or smaller):
                return best, kept
            endings, whole = endings | more, whole | running
            continue
        larger, gift = {}, 0.0
        stuck: set[str] = set()  # slots at their minimum
        boxes = composed.geometry.layout_boxes()
        for misfit in misfits:
            step = (smaller_sizes([misfit], composed.geometry, groups)
                    if misfit.kind == OVERFLOW and misfit.slot in boxes else {})
            if step:
                smaller.update(step)
            else:
                stuck.add(misfit.slot)
        crowded = " ".join(text for slot, text in slot_texts(laid_out[1]).items()
                           if slot in stuck)
        endings = frozenset(name for name in endings
                            if ending_text(catalogue, job, name).split()[-1] not in crowded)
        whole = frozenset(word for word in whole if word not in crowded)
    return best, kept


def _relaid(before: tuple[Composed, Laid], composed: Composed, groups: dict[str, list[str]],
            alone: bool = True) -> Laid:
    """The page as `composed` sets it: where only some slots differ from `before` (and
    slots may be laid out `alone`), those laid out alone and read in `before`'s page,
    else the whole page laid out."""
    changed = changed_slots(before[0], composed, groups) if alone else None
    if changed == frozenset():
        return before[1]
    document, _ = lay_out(composed.html, composed.base_url, composed.readable,
                          side_by_side(groups, composed.geometry), composed.stylesheets,
                          changed)
    return document if changed is None else spliced(before[1], dict.fromkeys(changed, document))


def _early_fixes(catalogue: Catalogue, job: Job, laid_out: tuple[Composed, Laid, set[str]],
                 groups: dict[str, list[str]], endings: frozenset[str]
                 ) -> tuple[frozenset[str], dict[str, float]]:
    """For paragraphs with a line broken at its first space (an engine fault, see
    measure/type_rules.py): their last two words kept together, which moves the break; where
    they are already, the slot set a step smaller (at another size the engine breaks
    right)."""
    composed, document, _ = laid_out
    joined: set[str] = set()
    stepped: list[Misfit] = []
    boxes = composed.geometry.layout_boxes()
    for slot, last_word in early_breaks(document).items():
        new = endings_of(catalogue, job, frozenset({last_word})) - endings
        if new:
            joined |= new
        elif slot in boxes:
            stepped.append(Misfit(slot, "a line broken early", OVERFLOW))
    return frozenset(joined), smaller_sizes(stepped, composed.geometry, groups)


def _growth(job: Job, catalogue: Catalogue, groups: dict[str, list[str]],
            laid_out: tuple[Composed, Laid, set[str]]) -> tuple[dict[str, float], float]:
    """The larger sizes short headlines may take (a group by the least any member may
    grow), and the height their band may give to the body (measure/grow.py)."""
    spec = catalogue.layouts[job.layout]
    boxes = laid_out[0].geometry.layout_boxes()
    growing = {name for name, slot in boxes.items() if slot.max_pt}
    masthead = spec.masthead if len(job.languages) == 1 else None
    if masthead is not None:
        growing.add(masthead.headline)
    if not growing:
        return {}, 0.0
    found = extents(laid_out[1], growing)
    factors = growth(boxes, found)
    larger = {}
    for name in factors:
        factor = min(factors.get(member, 1.0) for member in groups.get(name, [name]))
        if factor > 1.0:
            larger[name] = round(boxes[name].font_pt * factor, 1)
    gift = 0.0
    if masthead is not None:
        gift = band_gift(masthead, boxes, found, larger.get(masthead.headline, 0.0)
                         / boxes[masthead.headline].font_pt or 1.0,
                         laid_out[0].geometry.height)
    return larger, gift


def _piece_rules(job: Job, catalogue: Catalogue, geometry: Geometry) -> PieceRules:
    spec = catalogue.layouts[job.layout]
    victim = tuple(tuple(str(catalogue.languages[code].strings[key]) for key in forms)
                   for code in job.languages for forms in VICTIM_LINES)
    zones: dict[str, float] = {}
    if spec.tabs is not None and spec.tabs.least_type_pt is not None and geometry.tabs:
        zones = {tab.slot_name: spec.tabs.least_type_pt for tab in geometry.tabs.tabs}
    return PieceRules(spec.least_type_pt, frozenset(spec.display),
                      catalogue.hotline.call.display, victim, zones)


def _two_language_faults(document: Document, composed: Composed, job: Job) -> list[TypeFault]:
    """A line both languages share printed twice; columns of two languages that do not
    start at one height or leave their reading edge."""
    if len(job.languages) < 2:
        return []
    tabs = composed.geometry.tabs
    repeated = {tab.slot_name for tab in tabs.tabs} if tabs is not None else set()
    return (shared_line_faults(document, repeated)
            + column_faults(document, column_rows(composed.geometry)))


def _strings_in(catalogue: Catalogue, job: Job, script: str) -> list[str]:
    """Every paragraph of the job's languages written in `script`."""
    return [text for name, text in job_strings(catalogue, job).items()
            if catalogue.languages[name.split(".")[0]].language.script == script]


def _raise_misfits(job: Job, misfits: list[Misfit], font_pt: dict[str, float]) -> None:
    for misfit in misfits:
        given = USER_TEXT_SLOTS.get(misfit.slot)
        if given:
            raise InputError(f"{given} does not fit the {job.layout} at size {job.size} "
                             f"({misfit.detail}); shorten it")
    if not misfits:
        return
    first = misfits[0]
    detail = first.detail
    if size_key(first.slot) in font_pt:
        detail += f", even set smaller to {font_pt[size_key(first.slot)]:g} pt"
    hint = (f"put it in a slot of layouts/{job.layout}/layout.yaml"
            if first.slot == OUTSIDE else None)
    raise FitError(job.layout, job.size, "+".join(job.languages), first.slot, detail, hint)


def _metadata(job: Job, catalogue: Catalogue) -> Metadata:
    languages = [catalogue.languages[code] for code in job.languages]
    first = languages[0].strings
    spec = catalogue.layouts[job.layout]
    hotline = catalogue.hotline
    notice = notice_of(catalogue, job)
    title = (f"{notice.title}, {notice.citation}" if notice else
             " / ".join(str(lang.strings["headline"]) for lang in languages))
    return Metadata(
        title=f"{title} — {spec.title} ({catalogue.sizes[job.size].title})",
        author=catalogue.branding.publisher.name,
        subject=f"{first['hotline_name']}: {hotline.call.display}, {hotline.text.display}",
        language=languages[0].language.code,
        keywords=", ".join([job.layout, job.size, *job.languages, job.profile,
                            *_intent_keyword(job, catalogue)]),
        partner_numbers=partner_numbers(job.partner.printed_lines(
            spec.partner_place(len(job.languages))) if job.partner else ()),
        notice=notice_label(job.notice, job.languages),
    )


def _intent_keyword(job: Job, catalogue: Catalogue) -> list[str]:
    """A press file names its printing condition among its keywords."""
    if job.profile != PRESS:
        return []
    return [intent_name(catalogue.house, catalogue.sizes[job.size], job.intent)]
