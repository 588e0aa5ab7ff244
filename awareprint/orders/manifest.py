"""manifest.json: what a batch made of each item of an order. It is written again after
every item, so a run that is stopped (killed, interrupted, the machine off) leaves a
record of the files it finished, and the next run reuses them."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from ..catalogue.unreviewed import Decision
from ..output import write_atomic
from .order_file import LoadedOrder, OrderItem
from .results import ItemResult

MANIFEST = "manifest.json"

Entry = dict[str, Any]


def read_manifest(out: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no usable manifest: render everything
    return manifest if isinstance(manifest, dict) else {}


def earlier_results(manifest: dict[str, Any]) -> dict[str, Entry]:
    """The good files an earlier run left in this folder, by the hash of their inputs:
    those it recorded and, if it was stopped, those of the run before it still there."""
    try:
        entries = [*manifest.get("files", []), *manifest.get("earlier_files", [])]
        return {entry["inputs"]: entry for entry in entries
                if entry.get("inputs") and entry.get("error") is None}
    except (AttributeError, KeyError, TypeError):
        return {}


def earlier_settled(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What setting each piece an earlier run made decided, by its settled key (the hash
    of what it holds for: batch.py): a piece set again lays out once."""
    try:
        entries = [*manifest.get("files", []), *manifest.get("earlier_files", [])]
        return {entry["settled_key"]: entry["settled"] for entry in entries
                if isinstance(entry, dict) and entry.get("settled_key")
                and isinstance(entry.get("settled"), dict)}
    except (AttributeError, KeyError, TypeError):
        return {}


def reusable(entry: Entry | None, item: OrderItem, out: Path) -> ItemResult | None:
    """The earlier result for the same inputs, if its files are still there unchanged."""
    if entry is None:
        return None
    try:
        pdf = (out / entry["file"]).read_bytes()
        if hashlib.sha256(pdf).hexdigest() != entry["sha256"]:
            return None
        if not all((out / name).is_file() for name in entry["previews"]):
            return None
        per_sheet = int(entry["per_sheet"])
        result = result_of(entry)
    except (OSError, KeyError, TypeError, ValueError):
        return None
    return replace(result, item=item.number, quantity=item.quantity, overs=item.overs,
                   reused=True, sheets_needed=math.ceil((item.quantity + item.overs) / per_sheet))


def result_of(entry: Entry) -> ItemResult:
    """A result as the manifest records it (TypeError, KeyError: not one)."""
    return ItemResult(**{**entry, "languages": list(entry["languages"]),
                         "previews": tuple(entry["previews"]),
                         "warnings": tuple(entry["warnings"])})


def file_names(results: Iterable[ItemResult]) -> set[str]:
    """Every file the results name: PDFs and their previews."""
    return {name for r in results if r.file for name in (r.file, *r.previews)}


def still_there(earlier: dict[str, Entry], results: list[ItemResult]) -> list[Entry]:
    """Earlier entries whose files this run has not (yet) made again or replaced."""
    made = file_names(results)
    return [entry for entry in earlier.values() if entry.get("file") not in made]


def remove_stale(earlier: dict[str, Entry], results: list[ItemResult], out: Path) -> None:
    """Files an earlier run wrote that this run did not make (the order changed, or the item
    failed this time): left in place they would pass for part of this order."""
    current = file_names(results)
    for entry in earlier.values():
        for name in (entry.get("file"), *entry.get("previews", ())):
            ours = (isinstance(name, str) and name == Path(name).name
                    and name.endswith((".pdf", ".png")))  # never a path a manifest made up
            if ours and name not in current:
                (out / name).unlink(missing_ok=True)


def write_manifest(order: LoadedOrder, results: list[ItemResult], path: Path,
                   ticket_inputs: str | None = None, unfinished: list[Entry] | None = None,
                   decision: Decision | None = None) -> None:
    """The manifest of a finished run or, with `unfinished` (the earlier entries not yet
    made again), of a run still going: what it has made so far; with `decision`, the staff
    decision to print strings no person has reviewed."""
    partner = order.order.partner
    results = sorted(results, key=lambda result: result.item)
    orderer = order.order.orderer
    manifest: dict[str, Any] = {
        "order": order.path.name,
        "partner": partner.name if partner else None,
        "orderer": orderer.model_dump() if orderer else None,
        "due": order.order.due.isoformat() if order.order.due else None,
        "issued": order.issue.date.isoformat() if order.issue else None,
        "complete": unfinished is None,
        "files": [asdict(result) for result in results],
        "failed": sum(not result.ok for result in results),
        "reused": sum(result.reused for result in results),
        "ticket_inputs": ticket_inputs,
        "print_unreviewed": decision.to_plain() if decision else None,
    }
    if unfinished is not None:
        manifest["earlier_files"] = unfinished
    write_atomic(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
