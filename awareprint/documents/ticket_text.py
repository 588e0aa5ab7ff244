"""The job ticket's labels (content/job-ticket/en.yaml), checked when first read."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import model_validator

from ..catalogue.labels import Label, load_labels, unknown_placeholders
from ..catalogue.layouts import TICKET_FOLDER
from ..catalogue.schema import Strict

TICKET_LANGUAGE = "en"


class Fields(Strict):
    order: Label
    date: Label        # the date of issue
    job: Label
    deliver_to: Label
    due: Label
    orderer: Label
    email: Label
    phone: Label
    partner: Label
    contact: Label
    victim_contact: Label  # the contact line on the order's victim-facing pieces
    website: Label
    event: Label
    files: Label
    failed: Label
    warnings: Label


class Approval(Strict):
    """The print shop's sign-off of the proof, written in by hand."""

    by: Label
    date: Label


class VictimContact(Strict):
    """Whether the victim-facing pieces print the partner's contact line."""

    printed: Label
    left_off: Label


class Columns(Strict):
    preview: Label
    file: Label
    piece: Label
    profile: Label
    sides: Label
    stock: Label
    finishing: Label
    pages: Label
    quantity: Label
    sheets: Label
    paper: Label


class Profiles(Strict):
    office: Label
    press: Label


class Sides(Strict):
    one: Label
    two: Label


class Turn(Strict):
    """How the sheet is turned for its back: not at all, a two-page file, a sheet."""

    none: Label
    pages: Label
    long: Label
    short: Label


class Finishing(Strict):
    none: Label
    trim: Label    # {trim}
    cut: Label     # {up}, {trim}
    labels: Label
    tabs: Label    # {tabs}


PLACEHOLDERS = {
    "document_title": {"order"}, "page": {"page", "pages"}, "one_a_page": {"paper"},
    "finishing.trim": {"trim"}, "finishing.cut": {"up", "trim"}, "finishing.tabs": {"tabs"},
    "overs": {"overs"}, "up": {"up"}, "file_size": {"size"},
}


class TicketText(Strict):
    """Every label of the ticket (content/job-ticket/en.yaml)."""

    title: Label
    document_title: Label  # {order}
    page: Label            # {page}, {pages}
    fields: Fields
    approval: Approval
    victim_contact: VictimContact
    columns: Columns
    profiles: Profiles
    sides: Sides
    turn: Turn
    finishing: Finishing
    overs: Label           # {overs}
    up: Label              # {up}
    file_size: Label       # {size}
    one_a_page: Label      # {paper}
    no_paper: Label
    not_given: Label
    failed: Label
    warning: Label         # before each warning on a file's row
    no_preview: Label
    none: Label

    @model_validator(mode="after")
    def _known_placeholders(self) -> TicketText:
        unknown_placeholders(self, PLACEHOLDERS)
        return self


@cache
def load_ticket_text(content_dir: Path) -> TicketText:
    """The ticket's labels, or a ContentError naming every problem."""
    return load_labels(TicketText, content_dir / TICKET_FOLDER / f"{TICKET_LANGUAGE}.yaml")
