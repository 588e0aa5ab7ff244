"""What a draft may do on the web: an order in a language with strings no person has
reviewed is released only when staff confirm it as they approve it, and that decision is
recorded in the order's manifest and job ticket (the zip given to the print shop)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..catalogue.load import Catalogue
from ..catalogue.unreviewed import Unreviewed, decision_for, note, unreviewed_languages
from ..orders.batch import record_decision
from ..orders.manifest import read_manifest
from ..orders.order_file import load_order
from .order_files import ORDER_FILE, order_folder, output_folder
from .store import OrderRecord

THROUGH = "web: approved with the box ticked"  # how the manifest says it was decided
CONFIRM_FIELD = "print_unreviewed"


def unreviewed_in(catalogue: Catalogue, record: OrderRecord) -> list[Unreviewed]:
    """The order's languages with strings no person has reviewed (every web order is a
    partner's: each needs the decision)."""
    return unreviewed_languages(catalogue, (code for result in record.results
                                            for code in result.get("languages") or ()
                                            if code in catalogue.languages))


def unreviewed_notes(catalogue: Catalogue, record: OrderRecord) -> list[str]:
    return [note(catalogue, language) for language in unreviewed_in(catalogue, record)]


def record_approval(data: Path, record: OrderRecord, catalogue: Catalogue) -> None:
    """The staff's decision, as the store recorded it (who, when), written into the
    order's manifest, job ticket and zip."""
    languages = unreviewed_in(catalogue, record)
    if not languages or record.decided_by is None or record.decided is None:
        return
    out = output_folder(data, record)
    issued = read_manifest(out).get("issued")  # the files' date of issue, not today's
    order = load_order(order_folder(data, record.folder) / ORDER_FILE, catalogue,
                       date.fromisoformat(issued) if isinstance(issued, str) else None)
    decision = decision_for(catalogue, languages, record.decided_by, THROUGH, record.decided)
    record_decision(order, out, decision)
