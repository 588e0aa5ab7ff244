"""Render timings against WeasyPrint alone, and cold command-line runs.

    python benchmarks/render_times.py [--runs 5] [--check-runs 0] [--no-cold]

Warm, one process: for each piece (every layout at its default size, a CJK and an Arabic
poster, a two-language poster, a press poster and card, an Arabic digital poster: tagged,
its bare run untagged), after one warm-up render, `runs` times, interleaved:
  bare     WeasyPrint alone writing the piece's final HTML, with the same
           FontConfiguration: its layout and PDF writing, nothing of ours;
  first    the whole render set from scratch: compose, lay out, fit, second setting, PDF,
           finish, read back (nothing kept from an earlier render);
  settled  the same render given what the first one settled (render/settled.py): a
           re-render, a batch's second item of the piece, a preview shown again;
  partner  the piece co-branded, given what setting it with another partner's lines
           settled ("only the partner's lines differ"), against bare on its own HTML.
Reports the medians and their ratios to bare (the issue's targets: a first render ≤ 1.5×,
a piece already set with only the partner's lines differing ≤ 1.2×), and how many layouts
a first render asks of the engine: of the whole page, and of slots alone (the fit tries
smaller sizes on the overflowing slots alone).

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
from dataclasses import dataclass, field
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


PARTNERS = (("St. Mark's Parish", "Parish office: 402-555-0143", "stmarks.example.org"),
            ("Lincoln Community Services", "402-555-0199", "lincoln.example.org"))


@dataclass
class Row:
    label: str
    times: dict[str, list[float]] = field(default_factory=dict)
    layouts: dict[str, int] = field(default_factory=dict)  # a first render's: whole, alone

    def add(self, column: str, seconds: float) -> None:
        self.times.setdefault(column, []).append(seconds)

    def median(self, column: str) -> float:
        return statistics.median(self.times[column])


def warm(runs: int) -> list[Row]:
    from awareprint.catalogue.request import make_job
    from awareprint.catalogue.user_text import PartnerMark
    from awareprint.preflight.read_back import read_back
    from awareprint.render.pipeline import render
    from awareprint.render.settled import forget

    catalogue, jobs = pieces()
    rows = []
    for job in jobs:
        marks = [PartnerMark(*lines) for lines in PARTNERS]
        # through the request, as an order gives them: quotes set in the piece's marks
        partnered = [make_job(catalogue, job.layout, job.size, "+".join(job.languages),
                              profile=job.profile, partner=mark, intent=job.intent,
                              notice=job.notice) for mark in marks]
        forget()
        settled = render(job, catalogue, read_back).settled  # warm-up: fonts, caches
        forget()
        sibling = render(partnered[0], catalogue, read_back).settled
        forget()
        bare = _bare(job, catalogue, settled)
        bare_partner = _bare(partnered[1], catalogue,
                             render(partnered[1], catalogue, read_back).settled)
        bare(), bare_partner()
        row = Row(job.label, layouts=_layouts_of(lambda job=job: render(job, catalogue,
                                                                         read_back)))
        for _ in range(runs):
            forget()  # each timed render given what it is given, nothing kept between
            row.add("bare", _timed(bare))
            row.add("first", _timed(lambda job=job: render(job, catalogue, read_back)))
            forget()
            row.add("settled", _timed(lambda job=job, kept=settled: render(
                job, catalogue, read_back, kept)))
            forget()
            row.add("bare partner", _timed(bare_partner))
            row.add("partner", _timed(lambda job=partnered[1], kept=sibling: render(
                job, catalogue, read_back, kept)))
        rows.append(row)
    return rows


def _layouts_of(call) -> dict[str, int]:
    """The layouts `call` asks of the engine, of the whole page and of slots alone."""
    from awareprint.engine import layout as engine
    from awareprint.render import pipeline, set_again
    from awareprint.render.settled import forget

    count = {"whole": 0, "alone": 0}
    lay_out = engine.lay_out

    def counted(*args, **kwargs):
        only = kwargs.get("only", args[5] if len(args) > 5 else None)
        count["alone" if only else "whole"] += 1
        return lay_out(*args, **kwargs)

    forget()
    pipeline.lay_out = set_again.lay_out = counted
    try:
        call()
    finally:
        pipeline.lay_out = set_again.lay_out = lay_out
    forget()
    return count


def _bare(job, catalogue, settled):
    """WeasyPrint alone laying out and writing the HTML the render printed, parsing its
    stylesheets each time as WeasyPrint does (the render keeps them parsed)."""
    import weasyprint

    from awareprint.catalogue.profiles import drawn_as, output_intent
    from awareprint.compose.logo import logo_uri
    from awareprint.compose.piece import compose
    from awareprint.engine import layout as engine

    icc = output_intent(catalogue.house, catalogue.sizes[job.size], job.intent).profile_path
    composed = compose(job, catalogue, dict(settled.font_pt),
                       logo_uri(job.partner, drawn_as(job.profile), icc), settled.endings,
                       masthead_gain_pt=settled.gain_pt, whole=settled.whole)
    fonts = engine._FONT_CONFIG

    def bare() -> None:
        sheets = [weasyprint.CSS(url=source.as_uri(), font_config=fonts)
                  if isinstance(source, Path) else
                  weasyprint.CSS(string=source, base_url=composed.base_url, font_config=fonts)
                  for source in composed.stylesheets]
        document = weasyprint.HTML(string=composed.html, base_url=composed.base_url).render(
            font_config=fonts, stylesheets=sheets)
        engine.write_pdf(document)

    return bare


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


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
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-cold", action="store_true", help="the warm renders only")
    parser.add_argument("--check-runs", type=int, default=0,
                        help="also time `render.py check` this many times (a minute each)")
    options = parser.parse_args()
    print(f"{os.cpu_count()} cores")
    print(f"warm render, one process, medians of {options.runs} interleaved runs (ms):")
    print(f"  {'piece':<38} {'bare':>6} {'first':>6} {'×':>5} {'settled':>7} {'×':>5}"
          f" {'bare+p':>6} {'partner':>7} {'×':>5}  layouts (whole+alone)")
    for row in warm(options.runs):
        ms = {column: row.median(column) * 1000 for column in row.times}
        print(f"  {row.label:<38} {ms['bare']:6.0f} {ms['first']:6.0f}"
              f" {ms['first'] / ms['bare']:5.2f} {ms['settled']:7.0f}"
              f" {ms['settled'] / ms['bare']:5.2f} {ms['bare partner']:6.0f}"
              f" {ms['partner']:7.0f} {ms['partner'] / ms['bare partner']:5.2f}"
              f"  {row.layouts['whole']}+{row.layouts['alone']}")
    if options.no_cold:
        return
    print("cold command line, fresh process each run:")
    print("  " + report("python render.py   (starter set, 3 PDFs)", cold(options.runs)))
    print("  " + report("python render.py list", cold(options.runs, "list")))
    if options.check_runs:
        print("  " + report("python render.py check", cold(options.check_runs, "check")))


if __name__ == "__main__":
    main()
