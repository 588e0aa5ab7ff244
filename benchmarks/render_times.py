"""Render timings against WeasyPrint alone, and cold command-line runs.

    python benchmarks/render_times.py [--runs 7] [--check-runs 0]

Warm, one process: for each piece (every layout at its default size, a CJK and an Arabic
poster, a two-language poster, a press poster and card, an Arabic digital poster: tagged,
its bare run untagged), after one warm-up render, `runs` times
alternately:
  ours  the whole render: compose, lay out, fit check, PDF, finish, read back;
  bare  WeasyPrint alone writing the same HTML (the fitted piece's), with the same
        FontConfiguration: its layout and PDF writing, nothing of ours.
Reports the medians and their ratio (the issue's targets: office ≤ 1.3, press ≤ 1.6).

Cold, a fresh process each run: `python render.py` (the starter set, three files) and
`python render.py list`, and with --check-runs N, `python render.py check` (the whole
catalogue, on every core). Python may cache bytecode in these runs, as it does on a
user's machine (PYTHONDONTWRITEBYTECODE is taken out of their environment).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pieces():
    from awareprint.catalogue.load import load_catalogue
    from awareprint.catalogue.notices import NoticeRef
    from awareprint.catalogue.request import make_job

    catalogue = load_catalogue()
    jobs = [make_job(catalogue, layout) for layout, spec in catalogue.layouts.items()
            if not spec.state_notice]
    jobs += [make_job(catalogue, "notice", language="en", notice=NoticeRef("CA")),
             make_job(catalogue, "notice", language="en+es", notice=NoticeRef("FL"))]
    jobs += [make_job(catalogue, "poster", language=code) for code in ("zh-Hans", "ar")]
    jobs += [make_job(catalogue, "poster", language="en+es"),
             make_job(catalogue, "poster", profile="press"),
             make_job(catalogue, "wallet-card", profile="press"),
             make_job(catalogue, "poster", language="ar", profile="digital")]
    return catalogue, jobs


def warm(runs: int) -> list[tuple[str, list[float], list[float]]]:
    from awareprint.compose.piece import compose
    from awareprint.engine import layout as engine
    from awareprint.preflight.read_back import read_back
    from awareprint.render.pipeline import render

    catalogue, jobs = pieces()
    rows = []
    for job in jobs:
        rendered = render(job, catalogue, read_back)  # warm-up: fonts loaded, caches filled
        fitted = {name: size for name, (_, size) in rendered.scaled.items()}
        composed = compose(job, catalogue, fitted)

        def bare(composed=composed) -> None:
            document, _ = engine.lay_out(composed.html, composed.base_url, composed.readable)
            engine.write_pdf(document)

        bare()
        ours_samples, bare_samples = [], []
        for _ in range(runs):
            start = time.perf_counter()
            render(job, catalogue, read_back)
            ours_samples.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare()
            bare_samples.append(time.perf_counter() - start)
        rows.append((job.label, ours_samples, bare_samples))
    return rows


def cold(runs: int, *args: str) -> list[float]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, str(ROOT / "render.py"), *args], cwd=folder,
                       capture_output=True, env=environment)  # bytecode cached, as for a user
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "render.py"), *args], cwd=folder,
                           capture_output=True, env=environment)
            samples.append(time.perf_counter() - start)
    return samples


def milliseconds(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.0f} ms"


def report(name: str, samples: list[float]) -> str:
    return (f"{name:<40} median {milliseconds(samples)}   "
            f"(min {min(samples) * 1000:.0f}, max {max(samples) * 1000:.0f}, n={len(samples)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--check-runs", type=int, default=0,
                        help="also time `render.py check` this many times (a minute each)")
    options = parser.parse_args()
    print(f"{os.cpu_count()} cores")
    print(f"warm render, one process, medians of {options.runs}:")
    print(f"  {'piece':<40} {'ours':>10} {'bare':>10}  ratio")
    for name, ours, bare in warm(options.runs):
        ratio = statistics.median(ours) / statistics.median(bare)
        print(f"  {name:<40} {milliseconds(ours)} {milliseconds(bare)}  {ratio:5.2f}")
    print("cold command line, fresh process each run:")
    print("  " + report("python render.py   (starter set, 3 PDFs)", cold(options.runs)))
    print("  " + report("python render.py list", cold(options.runs, "list")))
    if options.check_runs:
        print("  " + report("python render.py check", cold(options.check_runs, "check")))


if __name__ == "__main__":
    main()
