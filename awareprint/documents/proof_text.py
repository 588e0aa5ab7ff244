"""The contact sheet's labels (content/proof/en.yaml): every word `render.py proof` prints
that is not a name from the catalogue, checked when it loads."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import model_validator

from ..catalogue.labels import Label, load_labels, unknown_placeholders
from ..catalogue.schema import Strict

PROOF_FOLDER = "proof"       # content/proof/ (labels) and layouts/proof/ (template, no layout)
PROOF_LANGUAGE = "en"


class Fields(Strict):
    pieces: Label
    pages: Label
    scaled: Label
    draft: Label
    stale: Label
    failed: Label


class Rows(Strict):
    one: Label
    two: Label             # {source}


class Markers(Strict):
    scaled: Label          # {percent}
    draft: Label
    stale: Label
    failed: Label


class Legend(Strict):
    scaled: Label
    draft: Label
    stale: Label
    failed: Label


class StringStates(Strict):
    """The line of each translation's strings by state (draft, reviewed, approved, stale)."""

    heading: Label
    draft: Label
    reviewed: Label
    approved: Label
    stale: Label


class ProofText(Strict):
    """Every label of the contact sheet."""

    title: Label
    document_title: Label  # {pieces}
    made: Label            # {version}, {date}
    intro: Label
    fields: Fields
    rows: Rows
    page: Label            # {page}, {pages}
    markers: Markers
    legend: Legend
    string_states: StringStates
    shown_at: Label        # {percent}: the share of its real size a block is shown at

    @model_validator(mode="after")
    def _known_placeholders(self) -> ProofText:
        unknown_placeholders(self, {"document_title": {"pieces"}, "made": {"version", "date"},
                             "page": {"page", "pages"}, "rows.two": {"source"},
                             "markers.scaled": {"percent"}, "shown_at": {"percent"}})
        return self


@cache
def load_proof_text(content_dir: Path) -> ProofText:
    """The contact sheet's labels, or a ContentError naming every problem."""
    return load_labels(ProofText, content_dir / PROOF_FOLDER / f"{PROOF_LANGUAGE}.yaml")
