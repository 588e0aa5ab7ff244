"""A request: what a person asks for (a layout, its size, languages, an event line...) in
the library's own words, and the one check that turns it into jobs or into every problem
it has, each tagged with the request's field it concerns.

The command line, the order file and the web form all build a Request and map a
problem's field to their own vocabulary (a flag, a YAML line, a form field); no message
here names any of them, and none is routed by its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from typing import TypeVar

from ..errors import InputError, Problem, RequestError
from .coverage import covered_codepoints
from .issue import Issue, issued_date, job_number
from .jobs import Job, SheetJob, imposition_for
from .load import Catalogue
from .names import canonical
from .notices import NoticeRef, choose_notice, notice_languages, notice_sizes, size_problem
from .profiles import DIGITAL, OFFICE, PRESS, PROFILES, checked_intent
from .quotes import typographic
from .sheets import FLIPS
from .user_text import PartnerMark, quoted, text_problems, tidy

MAX_EVENT_CHARS = 120
MAX_SHEETS = 500
LENGTH_UNITS = {"in": 72.0, "mm": 72 / 25.4, "pt": 1.0}
BARE_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")
DEFAULT_FLIP = "long"
# The partner's mark that its contact line is safe for victims: a problem's field of its own
SAFE_CONTACT = "partner.contact_safe_for_victims"
T = TypeVar("T")


@dataclass(frozen=True)
class Request:
    """What a person asks for, unchecked, in the library's words.

    `languages`: codes or pairs ("en+es"), one piece each (none: English, or for a state's
    notice the languages its law asks for). `sheet` puts the pieces on sheets; `flip`,
    `gutter`, `fill` and `alignment` apply to sheets only. `issued` and `job` are printed
    where a print shop reads them (a press file's slug line); office pieces carry neither.
    A `partner`'s contact line prints on a victim-facing piece only when the partner marks
    it safe for victims.
    """

    layout: str
    size: str | None = None
    languages: tuple[str, ...] = ()
    profile: str = OFFICE
    intent: str | None = None     # a press printing condition other than the size's default
    event: str | None = None
    tabs: int | None = None
    partner: PartnerMark | None = None
    state: str | None = None      # the state whose required notice to print
    notice: str | None = None     # which of its notices, where it has several
    sheet: str | None = None
    flip: str = DEFAULT_FLIP
    gutter: str | None = None     # a length as typed: 0.25in, 6mm, 18pt, 0
    fill: str | None = None       # how many of each language on the sheets: es:6,en:4
    alignment: bool = False
    issued: str | None = None     # the date of issue, year-month-day, a press slug prints
    job: str | None = None        # the job number a press slug prints


FIELDS = tuple(field.name for field in fields(Request))


@dataclass(frozen=True)
class Checked:
    """A checked request: its jobs (pieces, one per language) or its sheet job, or every
    problem it has."""

    jobs: tuple[Job, ...] = ()
    sheet_job: SheetJob | None = None
    problems: tuple[Problem, ...] = ()

    def or_raise(self) -> Checked:
        """Itself, or a RequestError carrying every problem."""
        if self.problems:
            raise RequestError(self.problems)
        return self


class _Problems:
    """Problems as they are found, each once, in the order found."""

    def __init__(self) -> None:
        self.found: dict[Problem, None] = {}

    def add(self, field: str, message: str) -> None:
        self.found.setdefault(Problem(field, message))

    def caught(self, field: str, check: Callable[..., T], *args: object) -> T | None:
        """What `check` returns, or None with its InputError taken down as a problem of
        `field` (or of the field the error names)."""
        try:
            return check(*args)
        except RequestError as error:
            for problem in error.problems:
                self.found.setdefault(problem)
        except InputError as error:
            self.add(error.field or field, str(error))
        return None


def check_request(request: Request, catalogue: Catalogue) -> Checked:
    """Check a request against the catalogue: its jobs, or every problem it has, each with
    the field it concerns and the fix in neutral words."""
    found = _Problems()
    layout = found.caught("layout", canonical, request.layout, catalogue.layouts,
                          "unknown layout")
    notice = _notice(catalogue, request, layout, found)
    sheet = _sheet(catalogue, request, found)
    profile = _profile(catalogue, request, sheet, found)
    size = _size(catalogue, request, layout, notice, sheet, found)
    counts = _fill(request.fill, found) if sheet and request.fill else None
    asked = ([code for code, _ in counts] if counts else list(request.languages)
             or default_languages(catalogue, notice))
    pieces = {entry: _languages(catalogue, layout, notice, entry, found)
              for entry in dict.fromkeys(asked)}
    event = _event(catalogue, request.event, layout,
                   tuple(dict.fromkeys(code for codes in pieces.values() if codes
                                       for code in codes)), found)
    _two_languages_fit(catalogue, layout, size, pieces.values(), found)
    _tabs(catalogue, request.tabs, layout, found)
    _partner(catalogue, request.partner, layout, pieces.values(), found)
    intent = None
    if size is not None and profile is not None:
        intent = found.caught("intent", checked_intent, catalogue.house, catalogue.sizes[size],
                              request.intent, profile)
    gutter_pt = None
    if sheet and catalogue.sheets[sheet].kind == "press" and request.gutter is not None:
        gutter_pt = _gutter(request.gutter, found)
    issue = _issue(request, catalogue, found)
    if found.found or layout is None or size is None or profile is None:
        return Checked(problems=tuple(found.found))
    if profile != PRESS:
        issue = None  # printed nowhere: an office file stays the same whatever the day
    if sheet is None:
        jobs = tuple(_job(catalogue, layout, size, languages, profile, event, request,
                          intent, notice, issue)
                     for languages in pieces.values() if languages)
        return Checked(jobs=jobs)
    named = {entry: "+".join(languages or ()) for entry, languages in pieces.items()}
    counts = [(named[code], count) for code, count in counts] if counts else None
    first = next((languages[0] for languages in pieces.values() if languages), None)
    event, partner = (_in_marks_of(catalogue, first, event, request.partner) if first
                      else (event, request.partner))
    sheet_job = _sheet_job(catalogue, SheetJob(
        layout, size, profile, sheet, tuple(named.values()), request.flip, gutter_pt,
        request.alignment, event, request.tabs, partner, notice, issue), counts, found)
    return Checked(sheet_job=sheet_job, problems=tuple(found.found))


def make_job(
    catalogue: Catalogue,
    layout: str,
    size: str | None = None,
    language: str = "en",
    event: str | None = None,
    tabs: int | None = None,
    profile: str = OFFICE,
    partner: PartnerMark | None = None,
    intent: str | None = None,
    notice: NoticeRef | None = None,
) -> Job:
    """One piece, checked (check_request); a RequestError carries every problem."""
    request = Request(layout, size, (language,), profile, intent, event, tabs, partner,
                      notice.state if notice else None, notice.notice if notice else None)
    return check_request(request, catalogue).or_raise().jobs[0]


def make_sheet_job(
    catalogue: Catalogue,
    layout: str,
    size: str | None,
    languages: list[str],
    sheet_name: str,
    flip: str = DEFAULT_FLIP,
    gutter: str | None = None,
    fill: str | None = None,
    alignment: bool = False,
    press: bool = False,
    event: str | None = None,
    tabs: int | None = None,
    partner: PartnerMark | None = None,
    notice: NoticeRef | None = None,
    issue: Issue | None = None,
) -> SheetJob:
    """Pieces on sheets, checked (check_request); a RequestError carries every problem."""
    request = Request(layout, size, tuple(languages), PRESS if press else OFFICE, None, event,
                      tabs, partner, notice.state if notice else None,
                      notice.notice if notice else None, sheet_name, flip, gutter, fill,
                      alignment, issue.date.isoformat() if issue else None,
                      issue.job if issue else None)
    checked = check_request(request, catalogue).or_raise()
    assert checked.sheet_job is not None  # a request with a sheet and no problem has one
    return checked.sheet_job


def _notice(catalogue: Catalogue, request: Request, layout: str | None,
            found: _Problems) -> NoticeRef | None:
    """The state's notice asked for, where the layout prints one."""
    if request.state is None:
        if request.notice is not None:
            found.add("notice", "which of a state's notices needs the state too; choose it "
                      "(e.g. FL)")
        if layout is not None and catalogue.layouts[layout].state_notice:
            found.add("state", f"the {layout} prints a state's required notice; choose the "
                      f"state: one of {', '.join(sorted(catalogue.notices))}")
        return None
    if layout is not None and not catalogue.layouts[layout].state_notice:
        with_state = [name for name, spec in catalogue.layouts.items() if spec.state_notice]
        found.add("state", f"the {layout} prints no state's notice; a state goes with: "
                  f"{', '.join(with_state)}")
        return None
    return found.caught("state", choose_notice, catalogue.notices, request.state,
                        request.notice)


def _sheet(catalogue: Catalogue, request: Request, found: _Problems) -> str | None:
    """The sheet asked for, checked with the options only a sheet takes."""
    if request.sheet is None:
        for field, given, what in (("flip", request.flip != DEFAULT_FLIP, "turning the sheet"),
                                   ("gutter", request.gutter is not None, "a gutter"),
                                   ("fill", request.fill is not None,
                                    "quantities by language"),
                                   ("alignment", request.alignment, "an alignment page")):
            if given:
                found.add(field, f"{what} is for pieces on a sheet; choose a sheet or leave "
                          "it out")
        return None
    if request.flip not in FLIPS:
        found.add("flip", f"{quoted(request.flip)} is no edge to turn a sheet on; choose "
                  f"from: {', '.join(FLIPS)}")
    sheet = found.caught("sheet", canonical, request.sheet, catalogue.sheets, "unknown sheet")
    if sheet is not None and catalogue.sheets[sheet].kind == "label" and request.gutter:
        found.add("gutter", f"{sheet} has fixed positions; a gutter is for press sheets: "
                  "leave it out")
    return sheet


def _profile(catalogue: Catalogue, request: Request, sheet: str | None,
             found: _Problems) -> str | None:
    """The output profile: as asked; on a sheet, the sheet's (press for a press sheet)."""
    if request.profile not in PROFILES:
        found.add("profile", f"unknown profile {quoted(request.profile)}; choose from: "
                  f"{', '.join(PROFILES)}")
        return None
    if request.sheet is not None and request.profile == DIGITAL:
        found.add("profile", "a digital piece is a file to post online; it does not go on a "
                  "sheet")
        return None
    if sheet is None:
        return request.profile
    if catalogue.sheets[sheet].kind == "press":
        if request.intent is not None:
            found.add("intent", f"the {sheet} sheet is printed for its size's default "
                      "condition; leave the press printing condition out")
        return PRESS
    if request.profile == PRESS:
        presses = [name for name, s in catalogue.sheets.items() if s.kind == "press"]
        found.add("profile", f"{sheet} is a label sheet for office printers; ask for office "
                  f"output or choose a press sheet: {', '.join(presses)}")
        return None
    return OFFICE


def _size(catalogue: Catalogue, request: Request, layout: str | None,
          notice: NoticeRef | None, sheet: str | None, found: _Problems) -> str | None:
    """The size asked for, or the default: the label sheet's, the smallest a notice's law
    allows, the layout's own."""
    if layout is None:
        return None
    spec = catalogue.layouts[layout]
    size = None
    if sheet is not None and catalogue.sheets[sheet].kind == "label":
        size = catalogue.sheets[sheet].piece
        if size not in spec.sizes:
            found.add("sheet", f"{sheet} holds {size} pieces; the {layout} comes in: "
                      f"{', '.join(spec.sizes)}")
            return None
        if request.size is not None and request.size != size:
            found.add("size", f"{sheet} holds {size} pieces; choose {size} or leave the size "
                      "out")
            return None
    elif request.size is not None:
        size = found.caught("size", canonical, request.size, spec.sizes,
                            f"{layout} has no size")
        if size is None:
            return None
    if notice is None:
        return size or (None if spec.state_notice else spec.default_size)
    law = catalogue.notices[notice.state].notices[notice.notice]
    fitting = notice_sizes(law, spec.sizes, catalogue.sizes)
    if size is None:
        return fitting[0]
    problem = size_problem(law, catalogue.sizes[size].width_pt, catalogue.sizes[size].height_pt)
    if problem:
        found.add("size", f"{size} is too small for the {notice} notice: {problem}; choose "
                  f"{' or '.join(fitting)}")
        return None
    return size


def default_languages(catalogue: Catalogue, notice: NoticeRef | None) -> list[str]:
    """English; for a state's notice, every language its law requires."""
    if notice is None:
        return ["en"]
    return notice_languages(catalogue.notices[notice.state].notices[notice.notice])


def _two_languages_fit(catalogue: Catalogue, layout: str | None, size: str | None,
                       pieces: Iterable[tuple[str, ...] | None], found: _Problems) -> None:
    """A two-language piece only at the sizes that hold two languages legibly."""
    if layout is None or size is None:
        return
    spec = catalogue.layouts[layout]
    if spec.bilingual is None or spec.takes_two_languages(size):
        return
    if any(languages and len(languages) == 2 for languages in pieces):
        found.add("size", f"a {layout} of size {size} holds one language at its reading "
                  f"size; for two, choose {' or '.join(spec.bilingual.sizes or [])}")


def _languages(catalogue: Catalogue, layout: str | None, notice: NoticeRef | None,
               entry: str, found: _Problems) -> tuple[str, ...] | None:
    """One piece's language or pair, checked against the layout and the notice."""
    codes = [found.caught("languages", canonical, code, catalogue.languages,
                          "unknown language") for code in entry.split("+")]
    languages = tuple(code for code in codes if code is not None)
    if len(codes) > 2 or len(set(languages)) != len(languages):
        found.add("languages", f"{quoted(entry)}: a piece carries one language or two "
                  "different ones (en+es)")
        return None
    if len(languages) != len(codes) or layout is None:
        return None
    if len(languages) == 2 and catalogue.layouts[layout].bilingual is None:
        with_two = [name for name, s in catalogue.layouts.items() if s.bilingual]
        found.add("languages", f"the {layout} has no two-language version; en+es works "
                  f"with: {', '.join(with_two)}")
        return None
    if notice is None:
        return languages
    law = catalogue.notices[notice.state].notices[notice.notice]
    missing = [code for code in languages if code not in law.wording]
    for code in missing:
        found.add("languages", f"the {notice} notice has no wording in '{code}'; it has: "
                  f"{', '.join(law.wording)}")
    together = law.rules.languages
    if law.rules.sheets == "together" and not set(together) <= set(languages):
        found.add("languages", f"the {notice} notice's law wants {' and '.join(together)} "
                  f"on one sheet: ask for {'+'.join(together)}")
        return None
    return None if missing else languages


def _event(catalogue: Catalogue, given: str | None, layout: str | None,
           languages: tuple[str, ...] | None, found: _Problems) -> str | None:
    """The event line, tidied; it must fit the layout, its length and its fonts."""
    if given is None:
        return None
    event = tidy(given)
    if layout is not None and not catalogue.layouts[layout].event:
        with_event = [name for name, s in catalogue.layouts.items() if s.event]
        found.add("event", f"the {layout} has no event line; an event line is printed on: "
                  f"{', '.join(with_event)}")
        return None
    if not event:
        found.add("event", f"the event name is empty; give 1 to {MAX_EVENT_CHARS} characters")
        return None
    if len(event) > MAX_EVENT_CHARS:
        found.add("event", f"the event name is {len(event)} characters; {MAX_EVENT_CHARS} "
                  "at most")
        return None
    said: set[str] = set()
    for script in dict.fromkeys(catalogue.languages[code].language.script
                                for code in languages or ()):
        covered = covered_codepoints(catalogue.house, script, catalogue.fonts_dir)
        for problem in text_problems(event, catalogue, covered, own_numbers=False):
            if problem not in said:  # the same number is one problem in every script
                said.add(problem)
                found.add("event", f"the event name {quoted(event)}: {problem}")
    return event


def _job(catalogue: Catalogue, layout: str, size: str, languages: tuple[str, ...],
         profile: str, event: str | None, request: Request, intent: str | None,
         notice: NoticeRef | None, issue: Issue | None) -> Job:
    event, partner = _in_marks_of(catalogue, languages[0], event, request.partner)
    return Job(layout, size, languages, profile, event, request.tabs, partner=partner,
               intent=intent, notice=notice, issue=issue)


def _in_marks_of(catalogue: Catalogue, language: str, event: str | None,
                 partner: PartnerMark | None) -> tuple[str | None, PartnerMark | None]:
    """The event and the partner's name and contact line with their straight quotes set
    in the marks of the piece's first language (a sheet's first piece's): “Help” in
    English, « Help » in French, 「Help」 in Traditional Chinese."""
    quotes = catalogue.languages[language].language.quotes
    if event is not None:
        event = typographic(event, quotes)
    if partner is not None:
        partner = replace(partner, name=typographic(partner.name, quotes),
                          contact=partner.contact and typographic(partner.contact, quotes))
    return event, partner


def _tabs(catalogue: Catalogue, tabs: int | None, layout: str | None,
          found: _Problems) -> None:
    if tabs is None or layout is None:
        return
    spec = catalogue.layouts[layout]
    if spec.tabs is None:
        with_tabs = [name for name, s in catalogue.layouts.items() if s.tabs]
        found.add("tabs", f"the {layout} has no tear-off tabs; tabs are on: "
                  f"{', '.join(with_tabs)}")
    elif not spec.tabs.min <= tabs <= spec.tabs.max:
        found.add("tabs", f"{tabs} tabs asked for; choose from {spec.tabs.min} to "
                  f"{spec.tabs.max}")


def _partner(catalogue: Catalogue, partner: PartnerMark | None, layout: str | None,
             pieces: Iterable[tuple[str, ...] | None], found: _Problems) -> None:
    if partner is None:
        return
    if partner.contact_safe_for_victims and not partner.contact:
        found.add(SAFE_CONTACT, "the contact line is marked safe for victims, but there is "
                  "no contact line; give the line or take the mark off")
    if layout is None:
        return
    spec = catalogue.layouts[layout]
    for count in sorted({len(languages) for languages in pieces if languages}):
        if spec.partner_place(count) is None:
            found.add("partner", f"the {layout} has no place for a partner's logo and lines"
                      f"{' in two languages' if count == 2 else ''}; order it without a "
                      "partner or choose another layout")


def _issue(request: Request, catalogue: Catalogue, found: _Problems) -> Issue | None:
    """The date of issue and job number, checked; None without a date."""
    issued = (found.caught("issued", issued_date, request.issued)
              if request.issued is not None else None)
    job = (found.caught("job", job_number, request.job, catalogue) if request.job is not None
           else None)
    if request.job is not None and request.issued is None:
        found.add("issued", "a job number goes with its date of issue; give the date "
                  "(year-month-day)")
    return Issue(issued, job) if issued is not None else None


def _fill(fill: str, found: _Problems) -> list[tuple[str, int]] | None:
    """'es:6,en:4' → [('es', 6), ('en', 4)]."""
    parts = []
    for item in fill.split(","):
        code, _, count = item.strip().partition(":")
        if not code or not count.strip().isdigit() or int(count) < 1:
            found.add("fill", f"the quantities {quoted(fill)}: write them as "
                      "LANG:COUNT,LANG:COUNT (e.g. es:6,en:4)")
            return None
        parts.append((code.strip(), int(count)))
    return parts


def _gutter(text: str, found: _Problems) -> float | None:
    """'0.25in', '6mm', '18pt' or a bare '0' → points."""
    value = text.strip().lower()
    if BARE_NUMBER.fullmatch(value):
        if float(value) == 0:  # zero is zero in every unit
            return 0.0
        *first, last = LENGTH_UNITS
        found.add("gutter", f"the gutter {quoted(text)} has no unit: write "
                  f"{', '.join(first)} or {last} after the number (such as 0.25in, 6mm or "
                  "18pt); only 0 needs none")
        return None
    for unit, points in LENGTH_UNITS.items():
        if value.endswith(unit):
            number = value[: -len(unit)].strip()
            try:
                length = float(number)
            except ValueError:
                break
            if 0 <= length * points <= 144:
                return length * points
            break
    found.add("gutter", f"the gutter {quoted(text)}: give a length from 0 to 2 in, such as "
              "0.25in, 6mm or 18pt")
    return None


def _sheet_job(catalogue: Catalogue, probe: SheetJob,
               counts: list[tuple[str, int]] | None, found: _Problems) -> SheetJob | None:
    """The pieces at each position, sheet after sheet: as the quantities say, or the
    languages in turn on one sheet."""
    per_sheet = len(imposition_for(probe, catalogue).fronts)
    if per_sheet == 0:
        found.add("sheet", f"the {probe.layout} in size {probe.size} does not fit on the "
                  f"{probe.sheet} sheet with its bleed and marks; choose a larger sheet")
        return None
    if counts is None:
        codes = probe.pieces
        pieces = tuple(codes[index % len(codes)] for index in range(per_sheet))
        return _with_pieces(probe, pieces)
    pieces = tuple(code for code, count in counts for _ in range(count))
    if len(pieces) % per_sheet:
        asked = ",".join(f"{code}:{count}" for code, count in counts)
        title = catalogue.sheets[probe.sheet].title
        # The title leads, so that no article has to agree with it.
        found.add("fill", f"{title}: {per_sheet} pieces to a sheet, but the quantities "
                  f"{asked} make {len(pieces)}; give quantities that add up to whole sheets "
                  f"({per_sheet}, {2 * per_sheet}, ...)")
        return None
    if len(pieces) // per_sheet > MAX_SHEETS:
        found.add("fill", f"the quantities ask for more than {MAX_SHEETS} sheets; split the "
                  "order")
        return None
    return _with_pieces(probe, pieces)


def _with_pieces(probe: SheetJob, pieces: tuple[str, ...]) -> SheetJob:
    return SheetJob(probe.layout, probe.size, probe.profile, probe.sheet, pieces, probe.flip,
                    probe.gutter_pt, probe.alignment, probe.event, probe.tabs, probe.partner,
                    probe.notice, probe.issue)
