"""`render.py batch ORDER`: every item of a partner order, rendered in parallel.

Each file is written whole or not at all; an item that fails is reported and recorded in
the manifest while the others complete. A file whose inputs have not changed since the
last run into the same folder is reused, not rendered again. The folder ends up holding
the PDFs, their PNG previews, manifest.json and the job ticket, and is zipped beside it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from ..catalogue.jobs import make_sheet_job, output_path_for
from ..catalogue.layouts import TICKET_FOLDER
from ..catalogue.load import Catalogue, load_catalogue
from ..errors import AwareprintError
from ..output import write_atomic
from .fingerprint import inputs_hash
from .order_file import LoadedOrder, OrderItem
from .package import write_zip
from .results import BatchRun, ItemResult

MANIFEST = "manifest.json"
JOB_TICKET = "job-ticket.pdf"
PREVIEW_LONG_SIDE_PX = 1200


Progress = Callable[[ItemResult, int, int], None]


def render_item(item: OrderItem, out: Path, inputs: str) -> ItemResult:
    """Render one order item into `out` (in a worker process) and describe the file."""
    from ..render.pipeline import render_to_file
    from ..render.preview import write_previews
    from ..sheets.impose import render_sheets_to_file

    catalogue = load_catalogue()
    job = item.job
    try:
        if item.sheet is None:
            path = output_path_for(job.file_name, out)
            rendered = render_to_file(job, catalogue, path)
            pages, pdf, per_sheet, warnings = rendered.pages, rendered.pdf, 1, rendered.warnings
        else:
            sheet_job = make_sheet_job(catalogue, job.layout, job.size,
                                       ["+".join(job.languages)], item.sheet, event=job.event,
                                       partner=job.partner)
            path = output_path_for(sheet_job.file_name, out)
            sheet = render_sheets_to_file(sheet_job, catalogue, path)
            pages, pdf, per_sheet, warnings = sheet.pages, sheet.pdf, sheet.per_sheet, \
                sheet.warnings
        previews = write_previews(pdf, path, max_px=PREVIEW_LONG_SIDE_PX)
    except AwareprintError as error:
        return _result(item, None, 0, 1, None, str(error), inputs=inputs)
    except Exception as error:  # a bug must cost one item, not the order's other files
        return _result(item, None, 0, 1, None, _internal(error), inputs=inputs)
    return _result(item, path.name, pages, per_sheet, hashlib.sha256(pdf).hexdigest(), None,
                   tuple(p.name for p in previews), warnings, inputs)


def _result(item: OrderItem, file: str | None, pages: int, per_sheet: int,
            digest: str | None, error: str | None, previews: tuple[str, ...] = (),
            warnings: tuple[str, ...] = (), inputs: str | None = None) -> ItemResult:
    job = item.job
    sheets = math.ceil(item.quantity / per_sheet) if file else 0
    return ItemResult(item.number, file, job.layout, job.size, list(job.languages),
                      job.profile, item.sheet, pages, item.quantity, sheets, digest, error,
                      previews, tuple(warnings), False, inputs, per_sheet)


def run_batch(order: LoadedOrder, out: Path, workers: int | None = None,
              progress: Progress | None = None) -> BatchRun:
    """Render (or reuse) every item on `workers` processes; write the manifest, the job
    ticket and the zip of it all."""
    out.mkdir(parents=True, exist_ok=True)
    catalogue = load_catalogue()
    workers = workers or os.cpu_count() or 1
    earlier_manifest = _read_manifest(out)
    earlier = _earlier_results(earlier_manifest)
    results: list[ItemResult] = []
    to_render: list[tuple[OrderItem, str]] = []
    total = len(order.items)
    for item in order.items:
        inputs = inputs_hash(catalogue, catalogue.layouts[item.job.layout].folder, item.job,
                             item.sheet)
        reused = _reusable(earlier.get(inputs), item, out)
        if reused is None:
            to_render.append((item, inputs))
            continue
        results.append(reused)
        if progress:
            progress(reused, len(results), total)
    for result in _render_all(to_render, out, workers):
        results.append(result)
        if progress:
            progress(result, len(results), total)
    results.sort(key=lambda result: result.item)
    _remove_stale(earlier, results, out)
    ticket_inputs = _ticket_inputs(order, results, catalogue)
    ticket_error = None
    if earlier_manifest.get("ticket_inputs") != ticket_inputs or not (out / JOB_TICKET).is_file():
        try:
            _write_ticket(order, results, out, catalogue)
        except Exception as error:  # the files are made: the manifest and zip still are
            ticket_error = str(error) if isinstance(error, AwareprintError) else \
                _internal(error)
            ticket_inputs = None
            (out / JOB_TICKET).unlink(missing_ok=True)
    write_manifest(order, results, out / MANIFEST, ticket_inputs)
    names = [MANIFEST, *(name for r in results if r.file for name in (r.file, *r.previews))]
    if ticket_error is None:
        names.append(JOB_TICKET)
    archive = out.with_name(out.name + ".zip")
    write_zip(out, archive, names)
    return BatchRun(results, archive, ticket_error)


def _render_all(items: list[tuple[OrderItem, str]], out: Path, workers: int
                ) -> Iterator[ItemResult]:
    if workers == 1 or len(items) <= 1:
        for item, inputs in items:
            yield render_item(item, out, inputs)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(items))) as pool:
        futures = {pool.submit(render_item, item, out, inputs): (item, inputs)
                   for item, inputs in items}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as error:  # the worker died (out of memory, killed)
                item, inputs = futures[future]
                yield _result(item, None, 0, 1, None, _internal(error), inputs=inputs)


def _internal(error: Exception) -> str:
    return (f"internal error ({type(error).__name__}: {error}); the other items are not "
            "affected; please report this with the order file")


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no usable manifest: render everything
    return manifest if isinstance(manifest, dict) else {}


def _earlier_results(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The last run's good files in this folder, by the hash of their inputs."""
    try:
        return {entry["inputs"]: entry for entry in manifest.get("files", [])
                if entry.get("inputs") and entry.get("error") is None}
    except (AttributeError, KeyError, TypeError):
        return {}


def _ticket_inputs(order: LoadedOrder, results: list[ItemResult],
                   catalogue: Catalogue) -> str:
    """What the job ticket shows: unchanged, the ticket is not made again (a big order's
    thumbnails take seconds)."""
    rows = [{**asdict(result), "reused": None} for result in results]
    partner = order.order.partner
    return inputs_hash(catalogue, catalogue.layouts_dir / TICKET_FOLDER, order.path.name,
                       rows, partner.model_dump(mode="json") if partner else None)


def _reusable(entry: dict[str, Any] | None, item: OrderItem, out: Path) -> ItemResult | None:
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
        result = ItemResult(**{**entry, "languages": list(entry["languages"]),
                               "previews": tuple(entry["previews"]),
                               "warnings": tuple(entry["warnings"])})
    except (OSError, KeyError, TypeError, ValueError):
        return None
    return replace(result, item=item.number, quantity=item.quantity, reused=True,
                   sheets_needed=math.ceil(item.quantity / per_sheet))


def _remove_stale(earlier: dict[str, dict[str, Any]], results: list[ItemResult],
                  out: Path) -> None:
    """Files the last run wrote that this run did not make (the order changed, or the item
    failed this time): left in place they would pass for part of this order."""
    current = {name for r in results if r.file for name in (r.file, *r.previews)}
    for entry in earlier.values():
        for name in (entry.get("file"), *entry.get("previews", ())):
            ours = (isinstance(name, str) and name == Path(name).name
                    and name.endswith((".pdf", ".png")))  # never a path a manifest made up
            if ours and name not in current:
                (out / name).unlink(missing_ok=True)


def _write_ticket(order: LoadedOrder, results: list[ItemResult], out: Path,
                  catalogue: Catalogue) -> None:
    from .ticket import job_ticket_pdf  # WeasyPrint: imported only when a ticket is made

    thumbnails = {result.file: out / result.previews[0] for result in results
                  if result.file and result.previews}
    write_atomic(out / JOB_TICKET, job_ticket_pdf(order, results, thumbnails, catalogue))


def write_manifest(order: LoadedOrder, results: list[ItemResult], path: Path,
                   ticket_inputs: str | None = None) -> None:
    partner = order.order.partner
    manifest = {
        "order": order.path.name,
        "partner": partner.name if partner else None,
        "files": [asdict(result) for result in results],
        "failed": sum(not result.ok for result in results),
        "reused": sum(result.reused for result in results),
        "ticket_inputs": ticket_inputs,
    }
    write_atomic(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
