"""Where each printed statement comes from: content/sources.yaml, checked against the keys
of the source language so that no string is printed without a source (or without being
declared mere wording: a heading, a label, a prompt)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .content import LanguageFile, StringKey, Text
from .schema import ProblemsByFile, Strict, load

SOURCES_FILE = "sources.yaml"
WORDING = "wording"  # a key that states no fact

SourceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Source(Strict):
    title: Text
    publisher: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    file: Text | None = None
    quote: Text
    read_via: Text | None = None
    checked: date

    @model_validator(mode="after")
    def _can_be_found(self) -> Source:
        if (self.url is None) == (self.file is None):
            raise ValueError("give either url (a public page) or file (in this repository)")
        return self


class LanguageChoice(Strict):
    """Why a language is printed: the people it is for, and the data that says so."""

    why: Text
    sources: Annotated[list[SourceId], Field(min_length=1)]


class Sources(Strict):
    sources: dict[SourceId, Source]
    keys: dict[StringKey, Literal["wording"] | list[SourceId]]
    languages: dict[str, LanguageChoice] = Field(default_factory=dict)


def load_sources(problems: ProblemsByFile, content_dir: Path) -> Sources | None:
    return load(Sources, content_dir / SOURCES_FILE, problems)


def check_sources(sources: Sources, english: LanguageFile, content_dir: Path,
                  problems: ProblemsByFile) -> None:
    """Every key of the source language has an entry; every entry is a key; every id is a
    source; every file a source names exists."""
    path = content_dir / SOURCES_FILE
    for key in english.strings:
        if key not in sources.keys:
            problems.add(path, f"keys.{key}", "missing; name the sources this string rests on, "
                         f"or '{WORDING}' if it states no fact")
    for key, cited in sources.keys.items():
        if key not in english.strings:
            problems.add(path, f"keys.{key}", "not a key of the source language; remove it")
        if cited == WORDING:
            continue
        if not cited:
            problems.add(path, f"keys.{key}", f"no source; name one or write '{WORDING}'")
        for source_id in cited:
            if source_id not in sources.sources:
                problems.add(path, f"keys.{key}", f"unknown source '{source_id}'; "
                             f"known: {', '.join(sources.sources)}")
    for code, choice in sources.languages.items():
        for source_id in choice.sources:
            if source_id not in sources.sources:
                problems.add(path, f"languages.{code}", f"unknown source '{source_id}'; "
                             f"known: {', '.join(sources.sources)}")
    for source_id, source in sources.sources.items():
        if source.file is not None and not (content_dir / source.file).is_file():
            problems.add(path, f"sources.{source_id}.file",
                         f"'{source.file}' not found; give a path under {content_dir.name}/")
