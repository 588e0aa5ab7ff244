"""An order's job ticket: the order and its results told in the ticket's terms (a row per
file: ticket_rows.py), then set by documents/ticket_pdf.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..catalogue.load import Catalogue
from ..catalogue.unreviewed import (
    Decision,
    load_unreviewed_text,
    note,
    shown_time,
    unreviewed_languages,
)
from ..documents.ticket import Delivery, Partner, Person, Ticket, Unreviewed
from ..documents.ticket_pdf import job_ticket_pdf, preview_uri
from ..documents.ticket_text import load_ticket_text
from .order_file import LoadedOrder
from .results import ItemResult
from .shop import load_shop
from .ticket_rows import thumbnail_path, ticket_row


def order_ticket(order: LoadedOrder, results: Sequence[ItemResult],
                 thumbnails: Mapping[str, Path], catalogue: Catalogue,
                 decision: Decision | None = None) -> Ticket:
    """The ticket of an order: its people and dates, and a row for each result."""
    text = load_ticket_text(catalogue.content_dir)
    shop = load_shop(catalogue.layouts_dir)
    items = {item.number: item for item in order.items}
    rows = []
    for result in results:
        preview = thumbnail_path(result, thumbnails)
        rows.append(ticket_row(result, items.get(result.item),
                               preview_uri(preview) if preview else None, catalogue, shop, text))
    orderer, partner = order.order.orderer, order.order.partner
    delivery = order.order.deliver_to
    event = partner.event if partner else None
    return Ticket(
        order=order.path.name,
        rows=tuple(rows),
        orderer=Person(orderer.name, orderer.email, orderer.phone) if orderer else None,
        partner=Partner(partner.name, partner.contact, partner.website,
                        event.name if event else None,
                        event.date.isoformat() if event and event.date else None,
                        _victim_facing(order, catalogue), partner.contact_safe_for_victims)
        if partner else None,
        due=order.order.due.isoformat() if order.order.due else None,
        issued=order.issue.date.isoformat() if order.issue else None,
        job=order.issue.job if order.issue else None,
        deliver_to=Delivery(delivery.name, tuple(delivery.address))
        if delivery and delivery.name else None,
        unreviewed=_unreviewed(order, catalogue, decision),
    )


def _unreviewed(order: LoadedOrder, catalogue: Catalogue, decision: Decision | None
                ) -> Unreviewed | None:
    """The order's languages no person has reviewed, and who decided to print them."""
    languages = unreviewed_languages(catalogue, (code for item in order.items
                                                 for code in item.job.languages))
    if not languages:
        return None
    text = load_unreviewed_text(catalogue.content_dir).ticket
    decided = (text.decided.format(by=decision.by, when=shown_time(decision.when)) if decision
               else text.undecided)
    return Unreviewed(text.heading, tuple(note(catalogue, found) for found in languages),
                      decided)


def _victim_facing(order: LoadedOrder, catalogue: Catalogue) -> tuple[str, ...]:
    """The titles of the order's pieces a victim keeps or reads."""
    layouts = dict.fromkeys(item.job.layout for item in order.items)
    return tuple(catalogue.layouts[name].title for name in layouts
                 if catalogue.layouts[name].victim_facing)


def order_ticket_pdf(order: LoadedOrder, results: Sequence[ItemResult],
                     thumbnails: Mapping[str, Path], catalogue: Catalogue,
                     decision: Decision | None = None) -> bytes:
    """The job ticket of a batch as PDF bytes."""
    return job_ticket_pdf(order_ticket(order, results, thumbnails, catalogue, decision),
                          catalogue)
