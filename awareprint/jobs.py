"""A Job: one piece to make, as a frozen value checked against the catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue
from .coverage import covered_codepoints, describe_chars, uncovered
from .errors import InputError
from .profiles import OFFICE, PROFILES

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

    @property
    def file_name(self) -> str:
        suffix = "" if self.profile == OFFICE else f"_{self.profile}"
        return f"{self.layout}_{self.size}_{'+'.join(self.languages)}{suffix}.pdf"

    @property
    def label(self) -> str:
        press = "" if self.profile == OFFICE else f" {self.profile}"
        return f"{self.layout} {self.size} [{'+'.join(self.languages)}]{press}"


def make_job(
    catalogue: Catalogue,
    layout: str,
    size: str | None = None,
    language: str = "en",
    event: str | None = None,
    tabs: int | None = None,
    profile: str = OFFICE,
) -> Job:
    """Check a request against the catalogue; every mistake names the valid choices."""
    if layout not in catalogue.layouts:
        raise InputError(f"unknown layout '{layout}'; choose from: "
                         f"{', '.join(catalogue.layouts)}")
    spec = catalogue.layouts[layout]
    size = size or spec.default_size
    if size not in spec.sizes:
        raise InputError(f"{layout} has no size '{size}'; choose from: {', '.join(spec.sizes)}")
    languages = tuple(language.split("+"))
    for code in languages:
        if code not in catalogue.languages:
            raise InputError(f"unknown language '{code}'; choose from: "
                             f"{', '.join(catalogue.languages)}")
    if len(languages) > 2 or len(set(languages)) != len(languages):
        raise InputError(f"'{language}': a piece carries one language or two different "
                         "ones (en+es)")
    if len(languages) == 2 and spec.bilingual is None:
        with_two = [name for name, s in catalogue.layouts.items() if s.bilingual]
        raise InputError(f"{layout} has no two-language version; en+es works with: "
                         f"{', '.join(with_two)}")
    if event is not None:
        event = " ".join(event.split())
        if not spec.event:
            with_event = [name for name, s in catalogue.layouts.items() if s.event]
            raise InputError(f"{layout} has no event line; --event works with: "
                             f"{', '.join(with_event)}")
        if not event or len(event) > MAX_EVENT_CHARS:
            raise InputError(f"--event must be 1 to {MAX_EVENT_CHARS} characters")
        script = catalogue.languages[languages[0]].language.script
        missing = uncovered(event, covered_codepoints(catalogue.house, script,
                                                      catalogue.fonts_dir))
        if missing:
            raise InputError(f"--event has {describe_chars(missing)}, which no bundled font "
                             "can print; leave it out")
    if tabs is not None:
        if spec.tabs is None:
            raise InputError(f"{layout} has no tear-off tabs; --tabs works with: "
                             f"{', '.join(n for n, s in catalogue.layouts.items() if s.tabs)}")
        if not spec.tabs.min <= tabs <= spec.tabs.max:
            raise InputError(f"--tabs must be between {spec.tabs.min} and {spec.tabs.max}")
    if profile not in PROFILES:
        raise InputError(f"unknown profile '{profile}'; choose from: {', '.join(PROFILES)}")
    return Job(layout=layout, size=size, languages=languages, profile=profile, event=event,
               tabs=tabs)


def is_file_target(out: Path) -> bool:
    """Whether --out names a PDF file rather than a folder."""
    return out.suffix.lower() == ".pdf"


def output_path(job: Job, out: Path) -> Path:
    """Where a job's PDF goes: `out` itself when it names a .pdf file, else inside it."""
    return out if is_file_target(out) else out / job.file_name
