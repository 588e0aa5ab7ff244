"""What a draft may do. A language whose strings are not all reviewed by a person (a
draft, or a string whose English changed since: `string_states`) says so wherever a person
decides to print a piece in it, in the words of content/unreviewed/en.yaml; and a press job
or a partner's order in it is printed only on a staff decision, which is recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import model_validator

from .jobs import Job, SheetJob
from .labels import Label, load_labels, unknown_placeholders
from .language_checks import DRAFT, STALE, source_language, string_states
from .load import Catalogue
from .schema import Strict

UNREVIEWED_FOLDER = "unreviewed"  # content/unreviewed/en.yaml
UNREVIEWED_LANGUAGE = "en"
COUNTS = {"unreviewed", "total"}


class WebText(Strict):
    heading: Label
    form_hint: Label
    confirm: Label
    confirm_needed: Label
    decided: Label         # {by}, {when}


class TicketText(Strict):
    heading: Label
    decided: Label         # {by}, {when}
    undecided: Label


class UnreviewedText(Strict):
    """Every sentence that tells of strings not yet reviewed by a person."""

    note: Label            # {language}, {unreviewed}, {total}
    changed: Label         # the same, and {changed}: how many changed in English since
    short: Label           # {unreviewed}, {total}: beside the language's own name
    refused: Label         # {notes}: the notes of the languages that need a decision
    web: WebText
    ticket: TicketText

    @model_validator(mode="after")
    def _known_placeholders(self) -> UnreviewedText:
        decided = {"by", "when"}
        unknown_placeholders(self, {"note": {"language", *COUNTS},
                                    "changed": {"language", "changed", *COUNTS},
                                    "short": COUNTS, "refused": {"notes"},
                                    "web.heading": set(), "web.form_hint": set(),
                                    "web.confirm": set(),
                                    "web.confirm_needed": set(), "web.decided": decided,
                                    "ticket.heading": set(), "ticket.decided": decided,
                                    "ticket.undecided": set()})
        return self


@cache
def load_unreviewed_text(content_dir: Path) -> UnreviewedText:
    """The sentences, or a ContentError naming every problem."""
    return load_labels(UnreviewedText,
                       content_dir / UNREVIEWED_FOLDER / f"{UNREVIEWED_LANGUAGE}.yaml")


@dataclass(frozen=True)
class Unreviewed:
    """A language with strings no person has reviewed: how many of how many, and how many
    of those changed in English since they were translated or reviewed."""

    code: str
    name: str
    unreviewed: int
    changed: int
    total: int


def unreviewed_languages(catalogue: Catalogue, codes: Iterable[str]) -> list[Unreviewed]:
    """The languages among `codes` (a pair's `en+es` counts as both) with strings not yet
    reviewed by a person, each once, in the order given."""
    source = source_language(catalogue.languages)
    found = []
    for code in dict.fromkeys(part for entry in codes for part in entry.split("+")):
        language = catalogue.languages[code]
        states = list(string_states(language, source).values())
        changed = states.count(STALE)
        if states.count(DRAFT) + changed:
            found.append(Unreviewed(code, language.language.name,
                                    states.count(DRAFT) + changed, changed, len(states)))
    return found


def note(catalogue: Catalogue, language: Unreviewed) -> str:
    """'Spanish: 38 of 40 strings not yet reviewed by a person'."""
    text = load_unreviewed_text(catalogue.content_dir)
    template = text.changed if language.changed else text.note
    return template.format(language=language.name, unreviewed=language.unreviewed,
                           total=language.total, changed=language.changed)


def short_note(catalogue: Catalogue, language: Unreviewed) -> str:
    """'38 of 40 strings not yet reviewed by a person', beside the language's name."""
    return load_unreviewed_text(catalogue.content_dir).short.format(
        unreviewed=language.unreviewed, total=language.total)


def language_warnings(catalogue: Catalogue, code: str) -> list[str]:
    """What a person printing this language should know (nothing for a language every
    string of which a person has reviewed)."""
    return [note(catalogue, found) for found in unreviewed_languages(catalogue, [code])]


def needs_decision(job: Job | SheetJob) -> bool:
    """A press job or a partner's piece goes to print shops and partners in numbers: its
    unreviewed strings print only on a staff decision. An office piece without a partner
    (a volunteer's stack for an event) prints with the warning alone."""
    return job.profile == "press" or job.partner is not None


def refusal(catalogue: Catalogue, languages: Iterable[Unreviewed]) -> str:
    """Why a press job or a partner's order waits for a staff decision, without the way a
    front end takes it (a flag, a box to tick), which the front end names."""
    notes = "; ".join(note(catalogue, language) for language in languages)
    return load_unreviewed_text(catalogue.content_dir).refused.format(notes=notes)


@dataclass(frozen=True)
class Decision:
    """A staff decision to print strings no person has reviewed: who (a staff account, or
    the user of the command line), through what (the flag, the web's approval), when (UTC,
    ISO 8601) and which languages, each with the note it was decided on."""

    by: str
    through: str
    when: str
    languages: tuple[tuple[str, str], ...]   # (code, note)

    def to_plain(self) -> dict[str, Any]:
        return {"decided_by": self.by, "through": self.through, "decided": self.when,
                "languages": dict(self.languages)}

    def standing(self, earlier: object) -> Decision:
        """This decision, or the same one as recorded earlier (`to_plain`: the same person,
        way and languages, with the same notes), which stands with its own time: running
        an order again does not decide it again."""
        if not isinstance(earlier, dict) or not isinstance(earlier.get("decided"), str):
            return self
        same = {**self.to_plain(), "decided": earlier["decided"]}
        return replace(self, when=earlier["decided"]) if earlier == same else self


def shown_time(iso: str) -> str:
    """A decision's UTC time (ISO 8601) as a person reads it: '2026-12-07 23:59 UTC'."""
    return iso.replace("T", " ")[:16] + " UTC"


def decision_for(catalogue: Catalogue, languages: Iterable[Unreviewed], by: str,
                 through: str, when: str) -> Decision:
    return Decision(by, through, when,
                    tuple((language.code, note(catalogue, language)) for language in languages))
