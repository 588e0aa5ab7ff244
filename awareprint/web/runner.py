"""The order runner: a process of its own that renders queued orders one after another
with the batch engine (its workers, its reuse of unchanged files, its failure isolation),
recording progress in the store as each file is made.

An order it was rendering when it (or the server) stopped is queued again when it starts;
the batch engine's manifest then keeps every file already made, so a stop costs at most
the files being rendered at that moment.
"""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import asdict
from datetime import date
from pathlib import Path

from ..catalogue.load import load_catalogue
from ..errors import AwareprintError
from ..orders.batch import run_batch
from ..orders.order_file import load_order
from ..orders.results import ItemResult
from ..workers import end_with_parent
from .logos import prune_logos
from .order_files import ORDER_FILE, order_folder, output_folder
from .store import Store

POLL_SECONDS = 0.5
PRUNE_SECONDS = 3600.0
MAX_RUNS = 3            # an order that stopped the runner this often is failed, not retried
RETIRE_AFTER = 50       # orders one runner process renders before a fresh one takes over


def run_forever(data: Path, workers: int | None, parent: int) -> None:
    """The runner process's life: render queued orders until the server is gone, or until
    it has rendered RETIRE_AFTER (the server then starts a fresh one: the renderer's
    caches grow with every new logo)."""
    end_with_parent(parent)
    store = Store(data)
    store.requeue_unfinished()
    pruned, rendered = 0.0, 0
    while rendered < RETIRE_AFTER:
        if time.monotonic() - pruned > PRUNE_SECONDS:
            prune_logos(data)
            pruned = time.monotonic()
        done = run_queued(store, workers, RETIRE_AFTER - rendered)
        rendered += done
        if not done:
            time.sleep(POLL_SECONDS)


def run_queued(store: Store, workers: int | None = None, most: int | None = None) -> int:
    """Render the queued orders, oldest first (at most `most`); how many were taken."""
    count = 0
    while (most is None or count < most) and (order_id := store.claim_next()) is not None:
        run_order(store, order_id, workers)
        count += 1
    return count


def run_order(store: Store, order_id: int, workers: int | None = None) -> None:
    record = store.order(order_id)
    if record is None:
        return
    if record.runs > MAX_RUNS:
        store.finish(order_id, [], [], f"rendering it stopped the order runner {MAX_RUNS} "
                     "times (a crash, or no file made for too long); staff can run it "
                     "again once the cause is mended")
        return
    data = store.data
    made = failed = 0

    def progress(result: ItemResult, _number: int, _total: int) -> None:
        nonlocal made, failed
        made, failed = made + result.ok, failed + (not result.ok)
        store.progress(order_id, made, failed)

    try:
        order = load_order(order_folder(data, record.folder) / ORDER_FILE, load_catalogue(),
                           date.today())  # the date of issue: the day the files are made
        run = run_batch(order, output_folder(data, record), workers or os.cpu_count(),
                        progress)
    except AwareprintError as error:
        store.finish(order_id, [], [], str(error))
        return
    except Exception as error:  # a bug costs this order, not the runner or the queue
        traceback.print_exc()
        store.finish(order_id, [], [], f"internal error ({type(error).__name__}: {error}); "
                     "staff can run it again")
        return
    results = [_shown(result) for result in run.results]
    warnings = list(dict.fromkeys(w for result in run.results for w in result.warnings))
    store.finish(order_id, results, warnings, run.ticket_error)


def _shown(result: ItemResult) -> dict:
    values = asdict(result)
    values["previews"] = list(result.previews)
    values["warnings"] = list(result.warnings)
    return values
