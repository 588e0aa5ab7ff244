"""The job ticket as the print shop reads it, in its own terms: the order's name, who to
ask, when it is due, whose pieces they are, and a row for each file (orders/order_ticket.py
makes a Ticket from an order and its results; ticket_pdf.py sets it)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Row:
    """One file as the ticket prints it."""

    file: str | None
    error: str | None
    thumbnail: str | None  # data: URI
    layout: str
    size: str
    dimensions: str
    languages: list[str]
    profile: str
    condition: str | None  # the printing condition a press file is made for
    sides: str             # 4/0, 4/4
    turn: str              # how the back is printed
    stock: str
    weight: str
    finishing: list[Markup]
    pages: int
    quantity: int
    overs: int
    sheets: int
    paper: str
    paper_detail: list[str]
    warnings: tuple[str, ...] = ()  # what the partner should know before printing it

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Person:
    """Who the print shop asks about the order."""

    name: str | None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Partner:
    """Whose pieces these are, as the order gives them."""

    name: str
    contact: str | None = None
    website: str | None = None
    event: str | None = None
    event_date: str | None = None  # ISO
    # The order's victim-facing pieces (their titles), and whether they print the contact
    # line: only when the order marks it safe for victims.
    victim_facing: tuple[str, ...] = ()
    contact_safe_for_victims: bool = False


@dataclass(frozen=True)
class Delivery:
    """Where the printed pieces go."""

    name: str
    address: tuple[str, ...]


@dataclass(frozen=True)
class Unreviewed:
    """The order's languages with strings no person has reviewed, each in plain words, and
    whether the staff decided to print them (who, when) or no one has yet."""

    heading: str
    languages: tuple[str, ...]
    decision: str


@dataclass(frozen=True)
class Ticket:
    """An order as its job ticket tells it."""

    order: str                     # the order's file name
    rows: tuple[Row, ...]
    orderer: Person | None = None
    partner: Partner | None = None
    due: str | None = None         # ISO
    issued: str | None = None      # ISO: the date of issue (None: the hotline facts' date)
    job: str | None = None         # the job number the print shop quotes
    deliver_to: Delivery | None = None
    unreviewed: Unreviewed | None = None
