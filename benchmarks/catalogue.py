"""The whole catalogue as one batch: 1 worker against 2, a cached re-run, and memory.

    python benchmarks/catalogue.py [--runs 3] [--renders 500]

The catalogue is every layout × size × language, and every two-language piece with
English (what `render.py check` renders): each item is rendered, read back, written with
its PNG preview, then the manifest, job ticket and zip are written, as `render.py batch`
does. Each timed run starts from an empty folder, except the cached re-run, which runs
again into the folder of the 2-worker run (nothing changed: every file is reused).

Memory: one worker process renders `--renders` pieces (the catalogue over and over), and
its resident memory (from /proc/self/statm) is read after render 50 and after the last.
Reports medians of `--runs` runs (wall time, time.perf_counter).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def catalogue_order():  # -> LoadedOrder
    from awareprint.catalogue.all_jobs import catalogue_jobs
    from awareprint.catalogue.load import load_catalogue
    from awareprint.orders.order_file import LoadedOrder, Order, OrderItem, Partner

    catalogue = load_catalogue()
    items = tuple(OrderItem(number, job, 1, None)
                  for number, job in enumerate(catalogue_jobs(catalogue), start=1))
    order = Order.model_construct(partner=Partner(name="Catalogue benchmark"), items=[])
    return LoadedOrder(ROOT / "catalogue.yaml", order, items, None)


def timed_batch(order, out: Path, workers: int) -> tuple[float, int, int]:
    from awareprint.orders.batch import run_batch

    start = time.perf_counter()
    run = run_batch(order, out, workers)
    elapsed = time.perf_counter() - start
    return elapsed, run.reused, run.failed


def resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_over_renders(renders: int) -> tuple[float, float]:
    """Resident memory (MB) after render 50 and after render `renders`, in this process."""
    from awareprint.catalogue.all_jobs import catalogue_jobs
    from awareprint.catalogue.load import load_catalogue
    from awareprint.preflight.read_back import read_back
    from awareprint.render.pipeline import render

    catalogue = load_catalogue()
    jobs = catalogue_jobs(catalogue)
    at_50 = 0.0
    for number in range(1, renders + 1):
        render(jobs[(number - 1) % len(jobs)], catalogue, read_back)
        if number == 50:
            at_50 = resident_mb()
    return at_50, resident_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--renders", type=int, default=500)
    args = parser.parse_args()
    order = catalogue_order()
    print(f"catalogue: {len(order.items)} pieces, {os.cpu_count()} cores")
    times: dict[str, list[float]] = {"1 worker": [], "2 workers": [], "cached re-run": []}
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs):
            for workers in (1, 2):
                out = Path(scratch) / f"w{workers}"
                shutil.rmtree(out, ignore_errors=True)
                elapsed, reused, failed = timed_batch(order, out, workers)
                assert reused == 0 and failed == 0, (reused, failed)
                times[f"{workers} worker{'s' if workers > 1 else ''}"].append(elapsed)
            elapsed, reused, failed = timed_batch(order, Path(scratch) / "w2", 2)
            assert reused == len(order.items) and failed == 0, (reused, failed)
            times["cached re-run"].append(elapsed)
            print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()),
                  flush=True)
    median = {name: statistics.median(samples) for name, samples in times.items()}
    for name, samples in times.items():
        print(f"{name:14} median {median[name]:7.2f} s  (runs: "
              f"{', '.join(f'{s:.2f}' for s in samples)})")
    print(f"speed-up with 2 workers: {median['1 worker'] / median['2 workers']:.2f}×")
    print(f"cached re-run: {100 * median['cached re-run'] / median['2 workers']:.1f} % of the "
          "2-worker run")
    with ProcessPoolExecutor(max_workers=1) as pool:  # a fresh worker, as batch uses
        at_50, at_end = pool.submit(memory_over_renders, args.renders).result()
    print(f"memory in one worker: {at_50:.0f} MB after 50 renders, {at_end:.0f} MB after "
          f"{args.renders} ({100 * (at_end - at_50) / at_50:+.1f} %)")


if __name__ == "__main__":
    main()
