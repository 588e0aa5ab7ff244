"""`render.py batch ORDER`: every item of a partner order, rendered in parallel.

Each file is written whole or not at all; an item that fails is reported and recorded in
the manifest while the others complete.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from .catalogue import load_catalogue
from .errors import AwareprintError
from .jobs import make_sheet_job, output_path_for
from .orders import LoadedOrder, OrderItem
from .output import write_atomic

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ItemResult:
    item: int
    file: str | None
    layout: str
    size: str
    languages: list[str]
    profile: str
    sheet: str | None
    pages: int
    quantity: int
    sheets_needed: int
    sha256: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


def render_item(item: OrderItem, out: Path) -> ItemResult:
    """Render one order item into `out` (in a worker process) and describe the file."""
    from .pipeline import render_sheets_to_file, render_to_file

    catalogue = load_catalogue()
    job = item.job
    try:
        if item.sheet is None:
            path = output_path_for(job.file_name, out)
            rendered = render_to_file(job, catalogue, path)
            pages, pdf, sheets = rendered.pages, rendered.pdf, item.quantity
        else:
            sheet_job = make_sheet_job(catalogue, job.layout, job.size,
                                       ["+".join(job.languages)], item.sheet, event=job.event)
            path = output_path_for(sheet_job.file_name, out)
            sheet = render_sheets_to_file(sheet_job, catalogue, path)
            pages, pdf = sheet.pages, sheet.pdf
            sheets = math.ceil(item.quantity / sheet.per_sheet)
    except AwareprintError as error:
        return _result(item, None, 0, 0, None, str(error))
    return _result(item, path.name, pages, sheets, hashlib.sha256(pdf).hexdigest(), None)


def _result(item: OrderItem, file: str | None, pages: int, sheets: int, digest: str | None,
            error: str | None) -> ItemResult:
    job = item.job
    return ItemResult(item.number, file, job.layout, job.size, list(job.languages),
                      job.profile, item.sheet, pages, item.quantity, sheets, digest, error)


def run_batch(order: LoadedOrder, out: Path, workers: int | None = None,
              progress: Callable[[ItemResult, int, int], None] | None = None
              ) -> list[ItemResult]:
    """Render every item on `workers` processes, write the manifest, return the results."""
    out.mkdir(parents=True, exist_ok=True)
    workers = workers or os.cpu_count() or 1
    results: list[ItemResult] = []
    total = len(order.items)
    if workers == 1:
        for item in order.items:
            results.append(render_item(item, out))
            if progress:
                progress(results[-1], len(results), total)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(render_item, item, out) for item in order.items]
            for future in as_completed(futures):
                results.append(future.result())
                if progress:
                    progress(results[-1], len(results), total)
    results.sort(key=lambda result: result.item)
    write_manifest(order, results, out / MANIFEST)
    return results


def write_manifest(order: LoadedOrder, results: list[ItemResult], path: Path) -> None:
    partner = order.order.partner
    manifest = {
        "order": order.path.name,
        "partner": partner.name if partner else None,
        "files": [asdict(result) for result in results],
        "failed": sum(not result.ok for result in results),
    }
    write_atomic(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
