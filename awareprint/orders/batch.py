"""`render.py batch ORDER`: every item of a partner order, rendered in parallel.

Each file is written whole or not at all; an item that fails is reported and recorded in
the manifest while the others complete. A file whose inputs have not changed since the
last run into the same folder is reused, not rendered again. The folder ends up holding
the PDFs, their PNG previews, manifest.json and the job ticket, and is zipped beside it.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from ..catalogue.jobs import output_path_for
from ..catalogue.layouts import TICKET_FOLDER
from ..catalogue.load import Catalogue, load_catalogue
from ..catalogue.request import make_sheet_job
from ..catalogue.unreviewed import Decision, language_warnings
from ..errors import AwareprintError, InputError
from ..output import make_folder, remove_partial_files, write_atomic
from ..render.settled import without_partner_lines
from ..workers import Lost, run_all
from .fingerprint import inputs_hash
from .manifest import (
    MANIFEST,
    earlier_results,
    earlier_settled,
    file_names,
    read_manifest,
    remove_stale,
    result_of,
    reusable,
    still_there,
    write_manifest,
)
from .order_file import LoadedOrder, OrderItem
from .package import write_zip
from .results import BatchRun, ItemResult

__all__ = ["JOB_TICKET", "MANIFEST", "ItemResult", "render_item", "run_batch"]

JOB_TICKET = "job-ticket.pdf"
PREVIEW_LONG_SIDE_PX = 1200
SETTLED = "settled"  # hashed with the job to key what setting it decided


Progress = Callable[[ItemResult, int, int], None]


def render_item(item: OrderItem, out: Path, inputs: str,
                settled: tuple[str, dict[str, Any] | None] | None = None) -> ItemResult:
    """Render one order item into `out` (in a worker process) and describe the file;
    `settled` is the piece's settled key and what an earlier run settled for it, if any
    (render/settled.py)."""
    from ..preflight.preview import write_previews
    from ..preflight.read_back import read_back
    from ..render.pipeline import render_to_file
    from ..render.settled import Settled
    from ..sheets.impose import render_sheets_to_file

    catalogue = load_catalogue()
    job = item.job
    key, kept = settled or (None, None)
    set_now = None
    try:
        if item.sheet is None:
            path = output_path_for(job.file_name, out)
            rendered = render_to_file(job, catalogue, path, read_back,
                                      Settled.from_plain(kept) if kept else None)
            pages, pdf, per_sheet, warnings = rendered.pages, rendered.pdf, 1, rendered.warnings
            set_now = rendered.settled.to_plain() if rendered.settled else None
        else:
            sheet_job = make_sheet_job(catalogue, job.layout, job.size,
                                       ["+".join(job.languages)], item.sheet, event=job.event,
                                       partner=job.partner, notice=job.notice,
                                       issue=job.issue)
            path = output_path_for(sheet_job.file_name, out)
            sheet = render_sheets_to_file(sheet_job, catalogue, path)
            pages, pdf, per_sheet, warnings = sheet.pages, sheet.pdf, sheet.per_sheet, \
                sheet.warnings
        previews = write_previews(pdf, path, max_px=PREVIEW_LONG_SIDE_PX)
    except AwareprintError as error:
        return _result(item, None, 0, 1, None, str(error), inputs=inputs)
    except Exception as error:  # a bug must cost one item, not the order's other files
        return _result(item, None, 0, 1, None, _internal(error), inputs=inputs)
    notes = [note for code in job.languages for note in language_warnings(catalogue, code)]
    result = _result(item, path.name, pages, per_sheet, hashlib.sha256(pdf).hexdigest(),
                     None, tuple(p.name for p in previews),
                     tuple(dict.fromkeys([*notes, *warnings])), inputs)
    return replace(result, settled_key=key, settled=set_now) if set_now else result


def _result(item: OrderItem, file: str | None, pages: int, per_sheet: int,
            digest: str | None, error: str | None, previews: tuple[str, ...] = (),
            warnings: tuple[str, ...] = (), inputs: str | None = None) -> ItemResult:
    job = item.job
    sheets = math.ceil((item.quantity + item.overs) / per_sheet) if file else 0
    return ItemResult(item.number, file, job.layout, job.size, list(job.languages),
                      job.profile, item.sheet, pages, item.quantity, sheets, digest, error,
                      previews, tuple(warnings), False, inputs, per_sheet, item.overs)


def run_batch(order: LoadedOrder, out: Path, workers: int | None = None,
              progress: Progress | None = None, decision: Decision | None = None
              ) -> BatchRun:
    """Render (or reuse) every item on `workers` processes; write the manifest (after every
    item), the job ticket and the zip of it all. `decision` is the staff's to print strings
    no person has reviewed, recorded in the manifest and on the ticket (the front end asks
    for it: the library only records it)."""
    archive = out.with_name(out.name + ".zip")
    _make_out(out, archive)
    catalogue = load_catalogue()
    workers = workers or os.cpu_count() or 1
    earlier_manifest = read_manifest(out)
    if decision is not None:
        decision = decision.standing(earlier_manifest.get("print_unreviewed"))
    earlier = earlier_results(earlier_manifest)
    settled = earlier_settled(earlier_manifest)
    results: list[ItemResult] = []
    to_render: list[tuple[OrderItem, str, tuple[str, dict[str, Any] | None] | None]] = []
    for item in order.items:
        folder = catalogue.layouts[item.job.layout].folder
        inputs = inputs_hash(catalogue, folder, item.job, item.sheet)
        reused = reusable(earlier.get(inputs), item, out)
        if reused is None:
            key = (inputs_hash(catalogue, folder, without_partner_lines(item.job), SETTLED)
                   if item.sheet is None else None)
            to_render.append((item, inputs, (key, settled.get(key)) if key else None))
        else:
            results.append(reused)

    total = len(order.items)
    _journal(order, results, out, earlier, decision)
    for number, result in enumerate(results, start=1):
        if progress:
            progress(result, number, total)
    for result in _render_all(to_render, out, workers):
        results.append(result)
        _journal(order, results, out, earlier, decision)
        if progress:
            progress(result, len(results), total)
    results.sort(key=lambda result: result.item)
    remove_stale(earlier, results, out)
    return _finish(order, results, out, catalogue, earlier_manifest, decision)


def record_decision(order: LoadedOrder, out: Path, decision: Decision) -> BatchRun:
    """A staff decision to print strings no person has reviewed, taken after the run (the
    web's approval): the manifest records it, the job ticket is made again to say so, and
    the zip holds both."""
    manifest = read_manifest(out)
    try:
        results = [result_of(entry) for entry in manifest["files"]]
    except (KeyError, TypeError) as error:
        raise InputError(f"{out / MANIFEST}: not a finished batch's manifest ({error}); "
                         "run the order again") from None
    return _finish(order, results, out, load_catalogue(), manifest, decision)


def _finish(order: LoadedOrder, results: list[ItemResult], out: Path, catalogue: Catalogue,
            earlier_manifest: dict[str, Any], decision: Decision | None) -> BatchRun:
    """The job ticket (unless unchanged), the manifest and the zip of a finished run."""
    archive = out.with_name(out.name + ".zip")
    ticket_inputs = _ticket_inputs(order, results, catalogue, decision)
    ticket_error = None
    if earlier_manifest.get("ticket_inputs") != ticket_inputs or not (out / JOB_TICKET).is_file():
        try:
            _write_ticket(order, results, out, catalogue, decision)
        except Exception as error:  # the files are made: the manifest and zip still are
            ticket_error = str(error) if isinstance(error, AwareprintError) else \
                _internal(error)
            ticket_inputs = None
            (out / JOB_TICKET).unlink(missing_ok=True)
    write_manifest(order, results, out / MANIFEST, ticket_inputs, decision=decision)
    names = [MANIFEST, *file_names(results)]
    if ticket_error is None:
        names.append(JOB_TICKET)
    write_zip(out, archive, names)
    return BatchRun(results, archive, ticket_error)


def _journal(order: LoadedOrder, results: list[ItemResult], out: Path,
             earlier: dict[str, dict], decision: Decision | None) -> None:
    """The manifest of the run so far: if it is stopped now, the next run starts from
    here."""
    write_manifest(order, results, out / MANIFEST, unfinished=still_there(earlier, results),
                   decision=decision)


def _make_out(out: Path, archive: Path) -> None:
    """The output folder, made and writable, before anything is rendered; the partial
    files a killed run left in it removed."""
    if archive.exists() and not archive.is_file():
        raise InputError(f"{archive}: is a folder, where the order's zip goes; move it or "
                         "give another folder", field="out")
    make_folder(out, beside=True)
    remove_partial_files(out)


def _render_all(items: list[tuple[OrderItem, str, tuple[str, dict[str, Any] | None] | None]],
                out: Path, workers: int) -> Iterator[ItemResult]:
    def lost(index: int, why: Lost) -> ItemResult:
        item, inputs, _ = items[index]
        error = _died(why) if why.died else _internal(why.reason)
        return _result(item, None, 0, 1, None, error, inputs=inputs)

    tasks = [(item, out, inputs, settled) for item, inputs, settled in items]
    for _, result in run_all(render_item, tasks, workers, lost):
        yield result


def _died(lost: Lost) -> str:
    return (f"the worker rendering it died (killed or out of memory; {lost.reason}); the "
            "other items were rendered; run the order again to render this one")


def _internal(error: Exception | str) -> str:
    what = f"{type(error).__name__}: {error}" if isinstance(error, Exception) else error
    return (f"internal error ({what}); the other items are not affected; please report "
            "this with the order file")


def _ticket_inputs(order: LoadedOrder, results: list[ItemResult],
                   catalogue: Catalogue, decision: Decision | None = None) -> str:
    """What the job ticket shows: unchanged, the ticket is not made again (a big order's
    thumbnails take seconds)."""
    rows = [{**asdict(result), "reused": None} for result in results]
    return inputs_hash(catalogue, catalogue.layouts_dir / TICKET_FOLDER, order.path.name,
                       rows, order.order.model_dump(mode="json"), order.issue,
                       decision.to_plain() if decision else None)


def _write_ticket(order: LoadedOrder, results: list[ItemResult], out: Path,
                  catalogue: Catalogue, decision: Decision | None = None) -> None:
    from .order_ticket import order_ticket_pdf  # WeasyPrint: only when a ticket is made

    thumbnails = {result.file: out / result.previews[0] for result in results
                  if result.file and result.previews}
    write_atomic(out / JOB_TICKET, order_ticket_pdf(order, results, thumbnails, catalogue,
                                                    decision))
