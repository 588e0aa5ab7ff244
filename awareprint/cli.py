"""The command line: parse, call the library, turn its errors into one clear line each.

Holds no logic of its own. Importing it never imports the layout engine: `--help` and
`list` answer at once; only commands that render load WeasyPrint.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .errors import AwareprintError, InputError
from .layouts import layout_names
from .paths import DEFAULT_OUT_DIR

PROGRAM = "render.py"
STARTER_SET = (("poster", "letter"), ("wallet-card", "business-card"), ("tearoff", "letter"))


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one line naming the fix, exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise InputError(f"{message} (see: python {PROGRAM} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROGRAM,
        description="Print-ready anti-trafficking awareness materials. "
        "With no command, renders the starter set into out/.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     parser_class=_Parser)
    commands.add_parser("list", help="layouts, sizes and languages")
    for name in layout_names():
        layout = commands.add_parser(name, help=f"render the {name}")
        layout.add_argument("--size", help="a size of this layout (see list)")
        layout.add_argument("--lang", action="append", metavar="L",
                            help="language code; repeat for one file per language")
        layout.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR,
                            help="output folder, or a .pdf file name (default out/)")
        layout.add_argument("--event", metavar="TEXT", help="event name (tearoff)")
        layout.add_argument("--tabs", type=int, metavar="N", help="number of tear-off tabs")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            return _render_starter_set()
        if args.command == "list":
            return _list()
        return _render_layout(args)
    except AwareprintError as error:
        for line in error.lines():
            print(f"{PROGRAM}: {line}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"{PROGRAM}: interrupted; no partial files were left", file=sys.stderr)
        return 130


def _list() -> int:
    from .catalogue import load_catalogue
    from .listing import describe

    print(describe(load_catalogue()))
    return 0


def _render_layout(args: argparse.Namespace) -> int:
    from .catalogue import load_catalogue
    from .jobs import make_job

    catalogue = load_catalogue()
    languages = args.lang or ["en"]
    if len(languages) > 1 and args.out.suffix.lower() == ".pdf":
        raise InputError("--out names one .pdf file but several --lang were given; "
                         "give a folder instead")
    jobs = [make_job(catalogue, args.command, args.size, language, args.event, args.tabs)
            for language in languages]
    return _render_jobs(jobs, args.out)


def _render_starter_set() -> int:
    from .catalogue import load_catalogue
    from .jobs import make_job

    catalogue = load_catalogue()
    jobs = [make_job(catalogue, layout, size) for layout, size in STARTER_SET]
    return _render_jobs(jobs, DEFAULT_OUT_DIR)


def _render_jobs(jobs: list, out: Path) -> int:
    """Render each job; a failed job is reported and the others still complete."""
    from . import engine
    from .catalogue import load_catalogue
    from .jobs import output_path
    from .pipeline import render_to_file

    catalogue = load_catalogue()
    notice = engine.subsetter_warning()
    if notice:
        print(f"{PROGRAM}: warning: {notice}", file=sys.stderr)
    for code in sorted({code for job in jobs for code in job.languages}):
        status = catalogue.languages[code].language.status
        if status == "draft":
            print(f"{PROGRAM}: warning: the {code} translation is a draft, not yet reviewed",
                  file=sys.stderr)
    failures = 0
    for job in jobs:
        path = output_path(job, out)
        try:
            rendered = render_to_file(job, catalogue, path)
        except AwareprintError as error:
            failures += 1
            for line in error.lines():
                print(f"{PROGRAM}: {line}", file=sys.stderr)
            continue
        print(f"wrote {path} ({rendered.pages} page{'s' if rendered.pages > 1 else ''})")
    return 1 if failures else 0
