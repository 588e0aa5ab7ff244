"""Render timings: median warm render per layout, and cold command-line runs.

    python benchmarks/render_times.py [--runs 7]

Warm: one process, the catalogue loaded and one render done, then `runs` renders per
layout at its default size (compose → lay out → fit check → PDF → finish, no disk), and
of a few heavier pieces: a CJK and an Arabic poster, a bilingual poster, a press poster
(which adds preflight).
Cold: `python render.py` (the starter set, three files) and `python render.py list` as
fresh processes, `runs` times each, into a temporary folder. Reports medians and ranges.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def warm(runs: int) -> dict[str, list[float]]:
    from awareprint.catalogue import load_catalogue
    from awareprint.jobs import make_job
    from awareprint.pipeline import render

    catalogue = load_catalogue()
    times: dict[str, list[float]] = {}
    jobs = [make_job(catalogue, layout) for layout in catalogue.layouts]
    jobs += [make_job(catalogue, "poster", language=code) for code in ("zh-Hant", "ar")]
    jobs += [make_job(catalogue, "poster", language="en+es"),
             make_job(catalogue, "poster", profile="press")]
    for job in jobs:
        render(job, catalogue)  # warm-up: fonts loaded, caches filled
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            render(job, catalogue)
            samples.append(time.perf_counter() - start)
        times[job.label] = samples
    return times


def cold(runs: int, *args: str) -> list[float]:
    samples = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "render.py"), *args], cwd=folder,
                           check=True, capture_output=True)
            samples.append(time.perf_counter() - start)
    return samples


def report(name: str, samples: list[float]) -> str:
    return (f"{name:<40} median {statistics.median(samples) * 1000:7.0f} ms   "
            f"(min {min(samples) * 1000:.0f}, max {max(samples) * 1000:.0f}, n={len(samples)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    from awareprint import engine

    print(f"HarfBuzz subsetter: {'missing' if engine.subsetter_warning() else 'present'}")
    print("warm render, one process:")
    for name, samples in warm(runs).items():
        print("  " + report(name, samples))
    print("cold command line, fresh process each run:")
    print("  " + report("python render.py   (starter set, 3 PDFs)", cold(runs)))
    print("  " + report("python render.py list", cold(runs, "list")))


if __name__ == "__main__":
    main()
