"""A language for translators: the export, and a PO round trip, as a person runs them.

    python benchmarks/translations.py [--runs 3] [--lang es] [--format po]

In a scratch copy of the project (the import writes its language file), each run is a
fresh process of the real command line:
  export      `render.py translations export LANG [--format F]`: every string's
              note of where it prints and how long it may grow, each length measured by
              setting the string on every piece of the language (translations/room.py),
              on the cores the machine has; and again with --no-length, for comparison;
  round trip  the export, then `render.py translations import out/LANG.po`, the file
              holding one string changed from the language file's (the string that
              prints on the most pieces, set back one character shorter in the language
              file after the export): the import checks the file and renders every piece
              of the layouts that string prints on.
Reports medians of `--runs` runs: wall time (time.perf_counter) and processor time (user
and system, of the command and its workers): on a busy machine the wall time grows, and
the processor time over the cores is what an idle machine would take. Also the machine's
cores and load.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COPIED = ("awareprint", "layouts", "content", "fonts", "colour", "render.py")


def scratch_project(folder: Path) -> Path:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    return folder


def command(project: Path, *argv: str) -> tuple[float, float, str]:
    """Run render.py in `project`; its wall time, the processor time of it and its
    workers (user and system), and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "render.py", *argv], cwd=project, text=True,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(project)},
                          check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"render.py {' '.join(argv)} failed: {done.stderr.strip()}")
    processor = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, processor, done.stdout.strip()


def widest_string(code: str) -> tuple[str, str]:
    """The plain string of the language printed on the most pieces, and its text."""
    from awareprint.catalogue.load import load_catalogue
    from awareprint.translations.placements import TITLE, job_placements

    catalogue = load_catalogue()
    strings = catalogue.languages[code].strings
    pieces: dict[str, int] = {}
    for _, where in job_placements(catalogue, code):
        for name, slots in where.items():
            if slots - {TITLE} and isinstance(strings.get(name), str):
                pieces[name] = pieces.get(name, 0) + 1
    name = min(pieces, key=lambda name: (-pieces[name], name))
    return name, str(strings[name])


def set_shorter(project: Path, code: str, key: str, text: str) -> None:
    from awareprint.translations.language_file import rewrite

    path = project / "content" / f"{code}.yaml"
    path.write_text(rewrite(path.read_text(encoding="utf-8"), {key: text[:-1]}, {}, set()),
                    encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="es")
    parser.add_argument("--format", choices=["po", "xliff"], default="po")
    args = parser.parse_args()
    code, suffix = args.lang, "xlf" if args.format == "xliff" else "po"
    key, text = widest_string(code)
    print(f"{os.cpu_count()} cores; language {code}; the round trip changes '{key}'")
    with tempfile.TemporaryDirectory(prefix="awareprint-bench-") as scratch:
        project = scratch_project(Path(scratch))
        original = (project / "content" / f"{code}.yaml").read_bytes()
        export = ["translations", "export", code, "--format", args.format,
                  "--out", f"out/{code}.{suffix}"]
        times: dict[str, list[tuple[float, float]]] = {
            "export": [], "export --no-length": [], "round trip": [], "  of which import": []}
        for _ in range(args.runs):
            times["export --no-length"].append(command(project, *export, "--no-length")[:2])
            took, used, said = command(project, *export)
            times["export"].append((took, used))
            set_shorter(project, code, key, text)
            importing, importing_used, said = command(project, "translations", "import",
                                                      f"out/{code}.{suffix}")
            if "pieces fit" not in said:
                sys.exit(f"the import changed nothing: {said}")
            times["round trip"].append((took + importing, used + importing_used))
            times["  of which import"].append((importing, importing_used))
            (project / "content" / f"{code}.yaml").write_bytes(original)
        print(f"import: {said}")
        print(f"{'':20} {'wall':>8} {'processor':>10}   (medians; runs' wall times)")
        for name, runs in times.items():
            print(f"{name:20} {statistics.median(r[0] for r in runs):6.1f} s "
                  f"{statistics.median(r[1] for r in runs):8.1f} s   "
                  f"({', '.join(f'{r[0]:.1f}' for r in runs)})")
        print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")

if __name__ == "__main__":
    main()
