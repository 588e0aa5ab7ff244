"""A Job: one piece to make, as a frozen value (request.py checks a request and makes it)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .issue import Issue
from .load import Catalogue
from .notices import GENERAL, NoticeRef
from .profiles import OFFICE
from .quotes import fold_quotes
from .sheets import Imposition, impose
from .user_text import PartnerMark


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
    issue: Issue | None = None  # the date of issue and job number its slug line prints

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
    issue: Issue | None = None  # the date of issue and job number a press sheet's slug prints

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
    # The user's quotes are set in each language's marks: one event, one name.
    event = fold_quotes(event)
    plain = unicodedata.normalize("NFKD", event).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    slug = "-".join(words)
    if " ".join(words) != event.lower() or len(slug) > EVENT_NAME_CHARS:
        slug = slug[:EVENT_NAME_CHARS].strip("-")
        digest = hashlib.sha256(event.encode("utf-8")).hexdigest()[:6]
        slug = f"{slug}-{digest}" if slug else digest
    return f"_{slug}"


def is_file_target(out: Path) -> bool:
    """Whether an output path names a PDF file rather than a folder."""
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
