"""A Job: one piece to make, as a frozen value checked against the catalogue."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .coverage import covered_codepoints
from .load import Catalogue
from .names import canonical
from .notices import GENERAL, NoticeRef, choose_notice, notice_sizes, size_problem
from .profiles import OFFICE, PROFILES, checked_intent
from .sheets import FLIPS, Imposition, impose
from .user_text import PartnerMark, quoted, text_problems, tidy

MAX_EVENT_CHARS = 120


@dataclass(frozen=True)
class Job:
    """Everything that decides the output; rendering is a pure function of it."""

    layout: str
    size: str
    languages: tuple[str, ...]
    profile: str = OFFICE
    event: str | None = None
    tabs: int | None = None
    on_sheet: bool = False  # a piece for a sheet: bleed but no marks of its own
    partner: PartnerMark | None = None
    intent: str | None = None  # a press printing condition other than the size's default
    notice: NoticeRef | None = None  # the state's notice a notice layout prints

    @property
    def file_name(self) -> str:
        suffix = "" if self.profile == OFFICE else f"_{self.profile}"
        suffix += f"-{self.intent}" if self.intent else ""
        return (f"{self.layout}{notice_suffix(self.notice)}_{self.size}_"
                f"{'+'.join(self.languages)}{event_suffix(self.event)}{suffix}.pdf")

    @property
    def label(self) -> str:
        press = "" if self.profile == OFFICE else f" {self.profile}"
        press += f" {self.intent}" if self.intent else ""
        notice = f" {self.notice}" if self.notice else ""
        return f"{self.layout}{notice} {self.size} [{'+'.join(self.languages)}]{press}"


@dataclass(frozen=True)
class SheetJob:
    """Pieces of one layout and size on sheets: `pieces` says which language (or pair)
    goes at each position, sheet after sheet."""

    layout: str
    size: str
    profile: str
    sheet: str
    pieces: tuple[str, ...]
    flip: str = "long"
    gutter_pt: float | None = None
    alignment: bool = False
    event: str | None = None
    tabs: int | None = None
    partner: PartnerMark | None = None
    notice: NoticeRef | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.pieces))

    @property
    def file_name(self) -> str:
        suffix = "" if self.profile == OFFICE else f"_{self.profile}"
        return (f"{self.layout}{notice_suffix(self.notice)}_{self.size}_"
                f"{'-'.join(self.languages)}_{self.sheet}{event_suffix(self.event)}{suffix}.pdf")

    def piece_job(self, languages: str) -> Job:
        return Job(self.layout, self.size, tuple(languages.split("+")), self.profile,
                   self.event, self.tabs, on_sheet=True, partner=self.partner,
                   notice=self.notice)


def notice_suffix(notice: NoticeRef | None) -> str:
    """The state (and which of its notices, when not its general one) in a file name."""
    if notice is None:
        return ""
    return f"-{notice.state}" + ("" if notice.notice == GENERAL else f"-{notice.notice}")


EVENT_NAME_CHARS = 40


def event_suffix(event: str | None) -> str:
    """The event in a file name, so that flyers for two events never overwrite each other:
    its words in plain letters and digits ("_omaha-freedom-walk"), and where those do not
    say it all (another script, punctuation, a long name) a short hash of the whole."""
    if event is None:
        return ""
    plain = unicodedata.normalize("NFKD", event).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    slug = "-".join(words)
    if " ".join(words) != event.lower() or len(slug) > EVENT_NAME_CHARS:
        slug = slug[:EVENT_NAME_CHARS].strip("-")
        digest = hashlib.sha256(event.encode("utf-8")).hexdigest()[:6]
        slug = f"{slug}-{digest}" if slug else digest
    return f"_{slug}"


MAX_SHEETS = 500
LENGTH_UNITS = {"in": 72.0, "mm": 72 / 25.4, "pt": 1.0}
BARE_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")


def make_sheet_job(
    catalogue: Catalogue,
    layout: str,
    size: str | None,
    languages: list[str],
    sheet_name: str,
    flip: str = "long",
    gutter: str | None = None,
    fill: str | None = None,
    alignment: bool = False,
    press: bool = False,
    event: str | None = None,
    tabs: int | None = None,
    partner: PartnerMark | None = None,
    notice: NoticeRef | None = None,
) -> SheetJob:
    """Check a request for pieces on sheets; every mistake names the fix."""
    sheets = catalogue.sheets
    sheet_name = canonical(sheet_name, sheets, "unknown sheet")
    sheet = sheets[sheet_name]
    if flip not in FLIPS:
        raise InputError(f"--flip must be one of: {', '.join(FLIPS)}")
    if sheet.kind == "label":
        if press:
            raise InputError(f"{sheet_name} is a label sheet for office printers; drop --press "
                             "or choose a press sheet: "
                             f"{', '.join(n for n, s in sheets.items() if s.kind == 'press')}")
        if gutter is not None:
            raise InputError(f"{sheet_name} has fixed positions; --gutter is for press sheets")
        if size is not None and size != sheet.piece:
            raise InputError(f"{sheet_name} holds {sheet.piece} pieces; use --size "
                             f"{sheet.piece} or leave --size out")
        size = sheet.piece
    profile = "press" if sheet.kind == "press" else OFFICE
    codes = [code for code, _ in _parse_fill(fill)] if fill else (languages or ["en"])
    for code in dict.fromkeys(codes):  # every language (or pair) checked like a single piece
        make_job(catalogue, layout, size, code, event, tabs, profile, partner,
                 notice=notice)
    size = size or catalogue.layouts[layout].default_size
    gutter_pt = _parse_length(gutter, "--gutter") if gutter is not None else None
    probe = SheetJob(layout, size, profile, sheet_name, tuple(codes), flip, gutter_pt,
                     alignment, event, tabs, partner, notice)
    per_sheet = len(imposition_for(probe, catalogue).fronts)
    if per_sheet == 0:
        raise InputError(f"the {layout} in size {size} does not fit on the {sheet_name} sheet "
                         "with its bleed and marks; choose a larger sheet")
    if fill:
        counts = _parse_fill(fill)
        pieces = tuple(code for code, count in counts for _ in range(count))
        if len(pieces) % per_sheet:
            asked = ",".join(f"{code}:{count}" for code, count in counts)
            # The title leads, so that no article has to agree with it.
            raise InputError(f"{sheet.title}: {per_sheet} pieces to a sheet, but --fill "
                             f"{asked} makes {len(pieces)}; give quantities that add up to "
                             f"whole sheets ({per_sheet}, {2 * per_sheet}, ...)")
        if len(pieces) // per_sheet > MAX_SHEETS:
            raise InputError(f"--fill asks for more than {MAX_SHEETS} sheets; split the order")
    else:
        pieces = tuple(codes[index % len(codes)] for index in range(per_sheet))
    return SheetJob(layout, size, profile, sheet_name, pieces, flip, gutter_pt, alignment,
                    event, tabs, partner, notice)


def _parse_fill(fill: str) -> list[tuple[str, int]]:
    """'es:6,en:4' → [('es', 6), ('en', 4)]."""
    parts = []
    for item in fill.split(","):
        code, _, count = item.strip().partition(":")
        if not code or not count.strip().isdigit() or int(count) < 1:
            raise InputError(f"--fill '{fill}': write it as LANG:COUNT,LANG:COUNT "
                             "(e.g. es:6,en:4)")
        parts.append((code.strip(), int(count)))
    return parts


def _parse_length(text: str, option: str) -> float:
    """'0.25in', '6mm', '18pt' or a bare '0' → points."""
    value = text.strip().lower()
    if BARE_NUMBER.fullmatch(value):
        if float(value) == 0:  # zero is zero in every unit
            return 0.0
        *first, last = LENGTH_UNITS
        raise InputError(f"{option} '{text}' has no unit: write {', '.join(first)} or {last} "
                         "after the number (such as 0.25in, 6mm or 18pt); only 0 needs none")
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
    raise InputError(f"{option} '{text}': give a length from 0 to 2 in, such as 0.25in, "
                     "6mm or 18pt")


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
    """Check a request against the catalogue; every mistake names the valid choices."""
    layout = canonical(layout, catalogue.layouts, "unknown layout")
    spec = catalogue.layouts[layout]
    size = canonical(size, spec.sizes, f"{layout} has no size") if size else None
    languages = tuple(canonical(code, catalogue.languages, "unknown language")
                      for code in language.split("+"))
    if spec.state_notice or notice is not None:
        notice, size = _checked_notice(catalogue, layout, notice, size, languages)
    size = size or spec.default_size
    if len(languages) > 2 or len(set(languages)) != len(languages):
        raise InputError(f"'{language}': a piece carries one language or two different "
                         "ones (en+es)")
    if len(languages) == 2 and spec.bilingual is None:
        with_two = [name for name, s in catalogue.layouts.items() if s.bilingual]
        raise InputError(f"{layout} has no two-language version; en+es works with: "
                         f"{', '.join(with_two)}")
    if event is not None:
        event = tidy(event)
        if not spec.event:
            with_event = [name for name, s in catalogue.layouts.items() if s.event]
            raise InputError(f"{layout} has no event line; --event works with: "
                             f"{', '.join(with_event)}")
        if not event or len(event) > MAX_EVENT_CHARS:
            raise InputError(f"the event name must be 1 to {MAX_EVENT_CHARS} characters; "
                             f"it has {len(event)}")
        script = catalogue.languages[languages[0]].language.script
        covered = covered_codepoints(catalogue.house, script, catalogue.fonts_dir)
        problems = text_problems(event, catalogue, covered, own_numbers=False)
        if problems:
            raise InputError(f"the event name {quoted(event)}: {problems[0]}")
    if tabs is not None:
        if spec.tabs is None:
            raise InputError(f"{layout} has no tear-off tabs; --tabs works with: "
                             f"{', '.join(n for n, s in catalogue.layouts.items() if s.tabs)}")
        if not spec.tabs.min <= tabs <= spec.tabs.max:
            raise InputError(f"--tabs must be between {spec.tabs.min} and {spec.tabs.max}")
    if profile not in PROFILES:
        raise InputError(f"unknown profile '{profile}'; choose from: {', '.join(PROFILES)}")
    if partner is not None and spec.partner_place(len(languages)) is None:
        raise InputError(f"{layout} has no place for a partner's logo and lines"
                         f"{' in two languages' if len(languages) == 2 else ''}; order it "
                         "without a partner or choose another layout")
    intent = checked_intent(catalogue.house, catalogue.sizes[size], intent, profile)
    return Job(layout=layout, size=size, languages=languages, profile=profile, event=event,
               tabs=tabs, partner=partner, intent=intent, notice=notice)


def _checked_notice(catalogue: Catalogue, layout: str, notice: NoticeRef | None,
                    size: str | None, languages: tuple[str, ...]) -> tuple[NoticeRef, str]:
    """The notice a notice layout prints: the state's, in a language the notice has
    wording for, on a page at least the size the law asks for (by default the first size
    the notice is made in)."""
    spec = catalogue.layouts[layout]
    if not spec.state_notice:
        with_state = [name for name, s in catalogue.layouts.items() if s.state_notice]
        raise InputError(f"{layout} is not a state's notice; --state works with: "
                         f"{', '.join(with_state)}")
    if notice is None:
        raise InputError(f"{layout} needs --state: one of "
                         f"{', '.join(sorted(catalogue.notices))}")
    notice = choose_notice(catalogue.notices, notice.state, notice.notice)
    wording = catalogue.notices[notice.state].notices[notice.notice].wording
    for code in languages:
        if code not in wording:
            raise InputError(f"the {notice} notice has no wording in '{code}'; it has: "
                             f"{', '.join(wording)}")
    law = catalogue.notices[notice.state].notices[notice.notice]
    together = law.rules.languages
    if law.rules.sheets == "together" and not set(together) <= set(languages):
        raise InputError(f"the {notice} notice's law wants {' and '.join(together)} on one "
                         f"sheet: --lang {'+'.join(together)}")
    fitting = notice_sizes(law, spec.sizes, catalogue.sizes)
    if size is None:
        return notice, fitting[0]
    problem = size_problem(law, catalogue.sizes[size].width_pt, catalogue.sizes[size].height_pt)
    if problem:
        raise InputError(f"{size} is too small for the {notice} notice: {problem}; "
                         f"choose --size {' or '.join(fitting)}")
    return notice, size


def is_file_target(out: Path) -> bool:
    """Whether --out names a PDF file rather than a folder."""
    return out.suffix.lower() == ".pdf"


def output_path(job: Job, out: Path) -> Path:
    """Where a job's PDF goes: `out` itself when it names a .pdf file, else inside it."""
    return output_path_for(job.file_name, out)


def output_path_for(file_name: str, out: Path) -> Path:
    return out if is_file_target(out) else out / file_name


def imposition_for(job: SheetJob, catalogue: Catalogue) -> Imposition:
    """Where each piece of a sheet job goes (no layout engine needed)."""
    sheet = catalogue.sheets[job.sheet]
    rules = catalogue.house.press
    paper, piece = catalogue.sizes[sheet.paper], catalogue.sizes[job.size]
    bleed = rules.bleed_pt(piece.unit) if sheet.kind == "press" else 0.0
    gutter = job.gutter_pt if job.gutter_pt is not None else rules.gutter_pt(paper.unit)
    return impose(sheet, paper, piece, bleed, gutter, rules)
