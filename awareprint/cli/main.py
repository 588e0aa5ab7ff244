"""The command line: parse, call the library, turn its errors into one clear line each.

Holds no logic of its own. Importing it never imports the layout engine: `--help` and
`list` answer at once; only commands that render load WeasyPrint.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ..catalogue.layouts import LayoutSpec, layout_names, load_layouts
from ..errors import AwareprintError, InputError
from ..paths import DEFAULT_OUT_DIR
from .flags import FLAGS, error_lines

if TYPE_CHECKING:  # only for annotations: importing the catalogue here would slow --help
    from ..catalogue.jobs import Job, SheetJob
    from ..catalogue.load import Catalogue
    from ..catalogue.notices import NoticeRef
    from ..catalogue.sheets import Sheet
    from ..catalogue.unreviewed import Decision

PROGRAM = "render.py"
PRINT_UNREVIEWED_HELP = ("a staff decision: print a press job or a partner's order although "
                         "some of its languages' strings are not yet reviewed by a person "
                         "(recorded in the manifest)")
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
    check = commands.add_parser("check", help="render every layout × size × language "
                                "(and two-language pairs) in parallel; exit 1 if any fails")
    check.add_argument("--workers", type=int, metavar="N", help="processes (default: cores)")
    check.add_argument("--press", action="store_true", help="check press output instead")
    check.add_argument("--layout", action="append", metavar="NAME",
                       help="check this layout only; repeat for more")
    check.add_argument("--partner", type=Path, metavar="ORDER",
                       help="check every piece co-branded with the partner of this order "
                       "file (name, lines, logo)")
    proof = commands.add_parser("proof", help="one contact-sheet PDF of the catalogue: every "
                                "page of every piece small and labelled, for review")
    proof.add_argument("--layout", action="append", metavar="NAME",
                       help="only this layout; repeat for more")
    proof.add_argument("--size", action="append", metavar="SIZE",
                       help="only this size; repeat for more")
    proof.add_argument("--lang", action="append", metavar="L",
                       help="only pieces in these languages (repeat; en+es: that pair)")
    proof.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR / "proof.pdf",
                       help="a .pdf file name, or a folder (default out/proof.pdf)")
    proof.add_argument("--png", action="store_true",
                       help="also write a PNG of each contact-sheet page next to the PDF")
    proof.add_argument("--workers", type=int, metavar="N", help="processes (default: cores)")
    proof.add_argument("--scale", type=float, metavar="S",
                       help="show every page at this share of its real size, to read it "
                       "(1: as printed; default: small, the whole catalogue at a glance)")
    batch = commands.add_parser("batch", help="render every item of a partner order "
                                "(YAML or CSV) in parallel, with a manifest")
    batch.add_argument("order", type=Path, metavar="ORDER")
    batch.add_argument("--out", type=Path, help="output folder (default out/ORDER-NAME)")
    batch.add_argument("--workers", type=int, metavar="N", help="processes (default: cores)")
    batch.add_argument("--print-unreviewed", action="store_true", help=PRINT_UNREVIEWED_HELP)
    stamp = commands.add_parser("stamp", help="record that translations match the current "
                                "English (after translating the stale strings)")
    stamp.add_argument("codes", nargs="+", metavar="LANG")
    translations = commands.add_parser("translations", help="a language as a PO or XLIFF "
                                       "file for translators (export), read back (import), "
                                       "and the reviewer's page's strings written back "
                                       "(apply)")
    translation_commands = translations.add_subparsers(dest="translations_command",
                                                       metavar="SUBCOMMAND", required=True,
                                                       parser_class=_Parser)
    export = translation_commands.add_parser("export", help="write a translation as a "
                                             "gettext PO file (Poedit, Weblate) or XLIFF 2")
    export.add_argument("code", metavar="LANG")
    export.add_argument("--format", choices=["po", "xliff"], default="po",
                        help="po (the default) or xliff (XLIFF 2.0)")
    export.add_argument("--out", type=Path, metavar="FILE",
                        help="the file to write (default out/LANG.po or out/LANG.xlf)")
    export.add_argument("--no-length", action="store_true",
                        help="leave out the note of how long each string may grow (measured "
                        "by setting it on every piece: some 20 s a language on 2 cores)")
    export.add_argument("--workers", type=int, metavar="N",
                        help="processes measuring the lengths (default: cores)")
    import_po = translation_commands.add_parser("import", help="check a translator's PO "
                                                "or XLIFF file (placeholders, numbers, the fit of "
                                                "every piece) and write its changed strings "
                                                "into content/LANG.yaml as drafts")
    import_po.add_argument("file", type=Path, metavar="FILE")
    import_po.add_argument("--workers", type=int, metavar="N",
                           help="processes for the fit check (default: cores)")
    apply = translation_commands.add_parser("apply", help="write the strings reviewed or "
                                            "approved on the web's reviewer page into "
                                            "content/LANG.yaml (checked and fitted first)")
    apply.add_argument("codes", nargs="*", metavar="LANG",
                       help="languages to write (default: every one with changes)")
    apply.add_argument("--data", type=Path, default=Path("web-data"),
                       help="the web's data folder, as given to serve (default web-data/)")
    apply.add_argument("--workers", type=int, metavar="N",
                       help="processes for the fit check (default: cores)")
    preflight = commands.add_parser("preflight", help="read finished PDFs back and report; "
                                "exit 1 on faults")
    preflight.add_argument("files", nargs="+", type=Path, metavar="FILE")
    preflight.add_argument("--press", action="store_true",
                           help="apply press rules even to files that do not claim to be "
                           "press files")
    preflight.add_argument("--state", metavar="XX",
                           help="hold the files to this state's notice (any PDF: another "
                           "publisher's, a proof); see list")
    preflight.add_argument("--notice", metavar="ID", help="which of the state's notices")
    preflight.add_argument("--lang", action="append", metavar="L",
                           help="the notice's languages in the files (default: its law's)")
    serve = commands.add_parser("serve", help="the web page where partners order, staff "
                                "approve and reviewers read translations (add-user NAME: "
                                "an account)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--data", type=Path, default=Path("web-data"),
                       help="folder of the database, logos and orders (default web-data/)")
    serve.add_argument("--workers", type=int, metavar="N",
                       help="processes rendering orders (default: cores)")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address partners use when a proxy serves it (e.g. "
                       "https://print.example.org): its host is answered, and with https "
                       "cookies are sent over HTTPS only")
    serve_commands = serve.add_subparsers(dest="serve_command", metavar="SUBCOMMAND",
                                          parser_class=_Parser)
    add_user = serve_commands.add_parser("add-user", help="create a staff account (or with "
                                         "--reviewer a reviewer's), or set its password "
                                         "(read from the terminal or stdin)")
    add_user.add_argument("name", metavar="NAME")
    add_user.add_argument("--reviewer", action="append", metavar="LANG",
                          help="a reviewer of this language only, who sees and edits its "
                          "strings on the reviewer's page and cannot see orders; repeat "
                          "for more languages")
    sheets, specs = _sheets_and_layouts()
    for name in layout_names():
        sizes = specs[name].sizes if name in specs else []
        layout = commands.add_parser(name, help=f"render the {name}")
        layout.add_argument("--size", help="a size of this layout (see list)")
        layout.add_argument("--lang", action="append", metavar="L",
                            help="language code; repeat for one file per language")
        layout.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR,
                            help="output folder, or a .pdf file name (default out/)")
        layout.add_argument("--event", metavar="TEXT", help="event name (tearoff)")
        layout.add_argument("--tabs", type=int, metavar="N", help="number of tear-off tabs")
        layout.add_argument("--press", action="store_true",
                            help="for a print shop: bleed, crop marks, CMYK, PDF/X-4")
        layout.add_argument("--digital", action="store_true",
                            help="to post online: tagged PDF/UA-1 for screen readers, the web "
                            "address and QR code as links (not with --press or --sheet)")
        layout.add_argument("--press-profile", metavar="NAME",
                            help="press printing condition (gracol, fogra39; implies --press; "
                            "default: gracol for inch sizes, fogra39 for mm sizes)")
        layout.add_argument("--preview", action="store_true",
                            help="also write a PNG of each page, trimmed, next to the PDF")
        layout.add_argument("--sheet", metavar="NAME", help=sheet_help(sizes, sheets))
        layout.add_argument("--flip", default="long", metavar="EDGE",
                            help="duplex: backs for turning the sheet on its long (default) or "
                            "short edge")
        layout.add_argument("--gutter", metavar="LENGTH",
                            help="space between pieces on a press sheet (0.25in, 6mm; 0 for none)")
        layout.add_argument("--fill", metavar="LANG:N,...",
                            help="how many of each language on the sheets (es:6,en:4)")
        layout.add_argument("--state", metavar="XX",
                            help="the state whose required notice to print (notice; see list)")
        layout.add_argument("--notice", metavar="ID",
                            help="which of the state's notices, where it has several "
                            "(lodging; default: its general notice)")
        layout.add_argument("--alignment", action="store_true",
                            help="add a page with a cross at each piece's centre, both sides")
        layout.add_argument("--issued", metavar="YYYY-MM-DD",
                            help="the date of issue a press file's slug line prints "
                            "(default: today)")
        layout.add_argument("--job", metavar="NUMBER",
                            help="a job number for the press file's slug line")
        layout.add_argument("--print-unreviewed", action="store_true",
                            help=PRINT_UNREVIEWED_HELP)
    return parser


def _sheets_and_layouts() -> tuple[dict[str, Sheet], dict[str, LayoutSpec]]:
    """The sheets and layouts that load (a broken file is reported when a command loads the
    catalogue, not by --help)."""
    from ..catalogue.schema import ProblemsByFile
    from ..catalogue.sheets import load_sheets

    return load_sheets(ProblemsByFile()), load_layouts(ProblemsByFile())


def sheet_help(sizes: Sequence[str], sheets: dict[str, Sheet]) -> str:
    """--sheet's help for a layout of these sizes: the label sheets that hold one of them,
    with the size each holds, and every press sheet."""
    labels = [f"{name} for {sheet.piece}" for name, sheet in sheets.items()
              if sheet.kind == "label" and sheet.piece in sizes]
    presses = [name for name, sheet in sheets.items() if sheet.kind == "press"]
    press = f"a press sheet ({', '.join(presses)}; implies --press)"
    if not labels:
        return f"many to a sheet: {press}; no label sheet holds this layout's sizes"
    return f"many to a sheet: a label sheet ({', '.join(labels)}) or {press}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    flags = FLAGS
    try:
        args = build_parser().parse_args(args_list)
        flags = _flags(args)
        if args.command is None:
            return _render_starter_set()
        if args.command == "list":
            return _list()
        if args.command == "preflight":
            return _preflight(args.files, args.press, args)
        if args.command == "stamp":
            return _stamp(args.codes)
        if args.command == "translations":
            return _translations(args)
        if args.command == "check":
            return _check(args.workers, args.press, args.layout, args.partner)
        if args.command == "proof":
            return _proof(args)
        if args.command == "batch":
            return _batch(args.order, args.out, args.workers, args.print_unreviewed)
        if args.command == "serve":
            return _serve(args)
        return _render_layout(args)
    except AwareprintError as error:
        for line in error_lines(error, flags):
            print(f"{PROGRAM}: {line}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"{PROGRAM}: interrupted; no partial files were left", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The reader of our output left (`render.py list | head`): stop quietly, as other
    command-line tools do. Output still buffered is sent nowhere, so that Python does not
    fail again on flushing it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141  # 128 + SIGPIPE, the code a shell gives a writer whose reader left


def _list() -> int:
    from ..catalogue.load import load_catalogue
    from .listing import describe

    print(describe(load_catalogue()))
    return 0


def _render_layout(args: argparse.Namespace) -> int:
    from ..catalogue.jobs import is_file_target
    from ..catalogue.load import load_catalogue
    from ..catalogue.request import Request, check_request

    if args.digital and (args.press or args.press_profile or args.sheet is not None):
        raise InputError("--digital is for files posted online; it does not go with --press, "
                         "--press-profile or --sheet")
    catalogue = load_catalogue()
    profile = ("digital" if args.digital else
               "press" if args.press or args.press_profile else "office")
    request = Request(args.command, args.size, tuple(args.lang or ()), profile,
                      args.press_profile, args.event, args.tabs, state=args.state,
                      notice=args.notice, sheet=args.sheet, flip=args.flip, gutter=args.gutter,
                      fill=args.fill, alignment=args.alignment,
                      issued=args.issued or date.today().isoformat(), job=args.job)
    checked = check_request(request, catalogue).or_raise()
    _decided(catalogue, [checked.sheet_job] if checked.sheet_job else list(checked.jobs),
             args.print_unreviewed)
    if checked.sheet_job is not None:
        return _render_sheet(catalogue, checked.sheet_job, args)
    if len(checked.jobs) > 1 and is_file_target(args.out):
        raise InputError("--out names one .pdf file but several --lang were given; "
                         "give a folder instead")
    return _render_jobs(list(checked.jobs), args.out, args.preview, _flags(args))


def _flags(args: argparse.Namespace) -> dict[str, str]:
    """The flag of each request field for this command: a layout command is its layout,
    and its profile is set by --digital or --press."""
    if args.command not in layout_names():
        return FLAGS
    return {**FLAGS, "layout": "", "profile": "--digital" if args.digital else "--press"}


def _chosen_notice(catalogue: Catalogue, args: argparse.Namespace) -> NoticeRef | None:
    """The state's notice asked for with --state (and --notice), checked."""
    from ..catalogue.notices import choose_notice

    if args.state is None:
        if args.notice is not None:
            raise InputError("--notice needs --state (e.g. --state FL --notice lodging)")
        return None
    return choose_notice(catalogue.notices, args.state, args.notice)


def _render_sheet(catalogue: Catalogue, job: SheetJob, args: argparse.Namespace) -> int:
    from ..catalogue.jobs import output_path_for
    from ..preflight.preview import write_previews
    from ..sheets.impose import render_sheets_to_file

    path = output_path_for(job.file_name, args.out)
    _warn(catalogue, [code for pieces in job.languages for code in pieces.split("+")])
    rendered = render_sheets_to_file(job, catalogue, path)
    for warning in rendered.warnings:
        print(f"{PROGRAM}: warning: {warning}", file=sys.stderr)
    print(f"wrote {path} ({rendered.sheets} sheet{'s' if rendered.sheets > 1 else ''}, "
          f"{rendered.per_sheet} up, {rendered.pages} pages)")
    if args.preview:
        for image in write_previews(rendered.pdf, path):
            print(f"wrote {image}")
    return 0


def _render_starter_set() -> int:
    from ..catalogue.load import load_catalogue
    from ..catalogue.request import make_job

    catalogue = load_catalogue()
    jobs = [make_job(catalogue, layout, size) for layout, size in STARTER_SET]
    return _render_jobs(jobs, DEFAULT_OUT_DIR, preview=False)


def _check(workers: int | None, press: bool, layouts: list[str] | None,
           partner_order: Path | None = None) -> int:
    from ..catalogue.all_jobs import catalogue_jobs
    from ..catalogue.load import load_catalogue
    from ..orders.order_file import order_partner
    from ..render.outcome import FAIL
    from .check import run_check, table
    from .progress import CheckProgress

    if workers is not None and workers < 1:
        raise InputError("--workers must be 1 or more")
    catalogue = load_catalogue()
    unknown = sorted(set(layouts or ()) - set(catalogue.layouts))
    if unknown:
        raise InputError(f"--layout {unknown[0]}: no such layout; choose from: "
                         f"{', '.join(catalogue.layouts)}")
    partner = order_partner(partner_order, catalogue) if partner_order else None
    jobs = [job for job in catalogue_jobs(catalogue, "press" if press else "office", partner)
            if not layouts or job.layout in layouts]
    print(f"checking {len(jobs)} pieces...", file=sys.stderr)
    progress = CheckProgress(sys.stderr, sys.stderr, sys.stderr.isatty())
    results = run_check(jobs, workers, progress)  # the table goes to stdout: bar to stderr
    progress.finish()
    for line in table(results):
        print(line)
    return 1 if any(result.outcome == FAIL for result in results) else 0


def _proof(args: argparse.Namespace) -> int:
    from ..catalogue.load import load_catalogue
    from ..documents.proof import check_scale, make_proof
    from ..documents.proof_select import proof_path, select_jobs
    from .progress import Progress

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be 1 or more")
    check_scale(args.scale)
    catalogue = load_catalogue()
    jobs = select_jobs(catalogue, args.layout or [], args.size or [], args.lang or [])
    path = proof_path(args.out)
    print(f"proofing {len(jobs)} pieces...", file=sys.stderr)
    progress = Progress(sys.stderr, sys.stderr, sys.stderr.isatty())
    proof = make_proof(jobs, catalogue, path, args.workers, args.png, lambda piece, done, total:
                       progress.step(piece.job.label, done, total,
                                     f"{piece.job.label}: {piece.outcome}"), scale=args.scale)
    progress.finish()
    for piece in proof.failed:
        print(f"{PROGRAM}: FAILED {piece.job.label}: {piece.error}", file=sys.stderr)
    counts = proof.summary
    print(f"wrote {path} ({proof.pages} sheet{'s' if proof.pages != 1 else ''}: "
          f"{counts.pieces} piece{'s' if counts.pieces != 1 else ''}, "
          f"{counts.pages} page{'s' if counts.pages != 1 else ''}, {counts.failed} failed)")
    for image in proof.images:
        print(f"wrote {image}")
    return 1 if proof.failed else 0


def _batch(order_path: Path, out: Path | None, workers: int | None,
           print_unreviewed: bool = False) -> int:
    from ..catalogue.load import load_catalogue
    from ..orders.batch import JOB_TICKET, MANIFEST, run_batch
    from ..orders.order_file import load_order
    from .progress import BatchProgress

    if workers is not None and workers < 1:
        raise InputError("--workers must be 1 or more")
    catalogue = load_catalogue()
    order = load_order(order_path, catalogue, date.today())
    decision = _decided(catalogue, [item.job for item in order.items], print_unreviewed)
    out = out or DEFAULT_OUT_DIR / order_path.stem
    progress = BatchProgress(sys.stdout, sys.stderr, sys.stdout.isatty())
    run = run_batch(order, out, workers, progress, decision)
    progress.finish()
    if run.ticket_error:
        print(f"FAILED {JOB_TICKET}: {run.ticket_error}", file=sys.stderr)
    made = len(run.results) - run.failed
    print(f"wrote {out / MANIFEST}: {batch_summary(made, run.reused, run.failed)}")
    print(f"wrote {run.archive}")
    return 1 if run.failed or run.ticket_error else 0


def _decided(catalogue: Catalogue, jobs: Sequence[Job | SheetJob], print_unreviewed: bool
             ) -> Decision | None:
    """The staff decision a press job or a partner's order in a language with strings no
    person has reviewed needs: --print-unreviewed, or the job is refused before anything
    is made. None when there is nothing to decide."""
    import getpass
    from datetime import UTC, datetime

    from ..catalogue.unreviewed import (
        decision_for,
        needs_decision,
        refusal,
        unreviewed_languages,
    )

    languages = unreviewed_languages(catalogue, (code for job in jobs if needs_decision(job)
                                                 for code in job.languages))
    if not languages:
        return None
    if not print_unreviewed:
        raise InputError(refusal(catalogue, languages), field="print_unreviewed")
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment (a container)
        user = "unknown"
    return decision_for(catalogue, languages, user, "--print-unreviewed",
                        datetime.now(UTC).isoformat(timespec="seconds"))


def batch_summary(made: int, reused: int, failed: int) -> str:
    """'4 files, none failed', '4 files (3 unchanged since the last run, not made again),
    1 failed': reuse is told only when there was some."""
    files = f"{made} file{'s' if made != 1 else ''}"
    if reused:
        how_many = "" if reused == made == 1 else "all " if reused == made else f"{reused} "
        files += f" ({how_many}unchanged since the last run, not made again)"
    return f"{files}, {failed or 'none'} failed"


def _serve(args: argparse.Namespace) -> int:
    from ..web.serve import add_staff, serve

    if args.serve_command == "add-user":
        if sys.stdin.isatty():
            import getpass

            password = getpass.getpass(f"password for {args.name}: ")
            if getpass.getpass("again: ") != password:
                raise InputError("serve add-user: the two passwords differ; try again")
        else:
            password = sys.stdin.readline().rstrip("\n")
        languages = tuple(args.reviewer or ())
        translations: tuple[str, ...] = ()
        if languages:
            from ..catalogue.language_checks import source_language
            from ..catalogue.load import load_catalogue

            catalogue = load_catalogue()
            source = source_language(catalogue.languages)
            translations = tuple(code for code, language in catalogue.languages.items()
                                 if language is not source)
        add_staff(args.data, args.name, password, languages, translations)
        kind = f"reviewer ({', '.join(languages)})" if languages else "staff"
        print(f"{kind} account {args.name} saved in {args.data}")
        return 0
    if not 0 < args.port < 65536:
        raise InputError(f"serve --port {args.port}: give a port from 1 to 65535")
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be 1 or more")
    serve(args.host, args.port, args.data, args.workers, args.public_url)
    return 0


def _stamp(codes: list[str]) -> int:
    from ..catalogue.load import load_catalogue
    from .stamp import stamp

    catalogue = load_catalogue()
    for code in codes:
        stale = stamp(catalogue, code)
        print(f"stamped {code}: {stale} string{'s' if stale != 1 else ''} had been stale")
    return 0


def _translations(args: argparse.Namespace) -> int:
    from ..catalogue.load import load_catalogue

    catalogue = load_catalogue()
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be 1 or more")
    if args.translations_command == "export":
        return _export_translation(catalogue, args)
    if args.translations_command == "apply":
        return _apply(catalogue, args)
    from ..translations.importing import import_po

    imported = import_po(args.file, catalogue, args.workers)
    if not imported.written:
        print(f"{args.file}: no string of {imported.code} changed; "
              f"{imported.language_file.name} left as it was")
        return 0
    count = len(imported.changed)
    print(f"wrote {imported.language_file}: {count} string{'s' if count != 1 else ''} "
          f"changed ({', '.join(imported.changed)}), now drafts; {imported.pieces} pieces "
          "fit")
    return 0


def _export_translation(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from ..output import write_atomic
    from ..translations.po import export_po, translation_of
    from ..translations.room import rooms
    from ..translations.xliff import export_xliff

    translation_of(catalogue, args.code)
    measured = None if args.no_length else rooms(catalogue, args.code, args.workers)
    if args.format == "xliff":
        text = export_xliff(catalogue, args.code, measured)
        entries, drafts = text.count("<unit "), text.count('state="initial"')
    else:
        text = export_po(catalogue, args.code, measured)
        entries, drafts = text.count("\nmsgctxt "), text.count("#, fuzzy")
    path = args.out or DEFAULT_OUT_DIR / f"{args.code}.{'xlf' if args.format == 'xliff' else 'po'}"
    write_atomic(path, text.encode("utf-8"))
    print(f"wrote {path} ({entries} entries, {drafts} draft or stale)")
    return 0


def _apply(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from ..web.review_apply import apply_changes

    applied = apply_changes(args.data, catalogue, args.codes or None, args.workers)
    if not applied:
        print(f"{args.data}: no change waiting on the reviewer's page")
    for done in applied:
        waiting = (f"; {len(done.waiting)} not yet reviewed stay on the page "
                   f"({', '.join(done.waiting)})" if done.waiting else "")
        if done.dropped:
            print(f"{done.code}: the file's text of {', '.join(done.dropped)} changed "
                  "under earlier changes made on the page; those are dropped (the history "
                  "keeps them): review the file's text on the page")
        if done.written:
            fit = f", {done.pieces} pieces fit" if done.pieces else ""
            print(f"wrote {done.file}: {len(done.written)} string"
                  f"{'s' if len(done.written) != 1 else ''} ({', '.join(done.written)})"
                  f"{fit}{waiting}")
        else:
            print(f"{done.code}: nothing reviewed or approved to write{waiting}")
    return 0


def _preflight(files: list[Path], press: bool, args: argparse.Namespace) -> int:
    from ..catalogue.load import load_catalogue
    from ..preflight.read_back import preflight_file
    from ..preflight.report import format_report
    from ..preflight.tagged import join_tagged

    catalogue = load_catalogue()
    label = _notice_to_check(catalogue, args)
    worst = 0
    for path in files:
        try:
            report = preflight_file(path, catalogue, press=press or None, notice=label)
        except AwareprintError as error:
            print(f"{PROGRAM}: {error}", file=sys.stderr)
            worst = max(worst, error.exit_code)
            continue
        tagged = join_tagged(report, path.read_bytes())  # a digital file's structure
        print("\n".join([format_report(report), *tagged]))
        if report.faults:
            worst = max(worst, 1)
    return worst


def _notice_to_check(catalogue: Catalogue, args: argparse.Namespace) -> str | None:
    """The notice `preflight --state` holds files to, named as files name it."""
    from ..catalogue.notices import notice_label
    from ..catalogue.request import default_languages

    notice = _chosen_notice(catalogue, args)
    if notice is None:
        if args.lang:
            raise InputError("--lang goes with --state: the notice whose languages they are")
        return None
    codes = tuple(code for entry in (args.lang or default_languages(catalogue, notice))
                  for code in entry.split("+"))
    wording = catalogue.notices[notice.state].notices[notice.notice].wording
    for code in codes:
        if code not in wording:
            raise InputError(f"--lang {code}: the {notice} notice has wording in "
                             f"{', '.join(wording)}")
    return notice_label(notice, codes)


def _render_jobs(jobs: list, out: Path, preview: bool,
                 flags: Mapping[str, str] = FLAGS) -> int:
    """Render each job; a failed job is reported and the others still complete."""
    from ..catalogue.jobs import output_path
    from ..catalogue.load import load_catalogue
    from ..preflight.preview import write_previews
    from ..preflight.read_back import read_back
    from ..render.pipeline import render_to_file

    catalogue = load_catalogue()
    _warn(catalogue, [code for job in jobs for code in job.languages])
    exit_code = 0
    for job in jobs:
        path = output_path(job, out)
        try:
            rendered = render_to_file(job, catalogue, path, read_back)
        except AwareprintError as error:
            exit_code = max(exit_code, error.exit_code)
            for line in error_lines(error, flags):
                print(f"{PROGRAM}: {line}", file=sys.stderr)
            continue
        print(f"wrote {path} ({rendered.pages} page{'s' if rendered.pages > 1 else ''})")
        if preview:
            for image in write_previews(rendered.pdf, path):
                print(f"wrote {image}")
    return exit_code


def _warn(catalogue: object, codes: list[str]) -> None:
    """What a person printing these languages should know, before rendering starts."""
    from ..catalogue.unreviewed import language_warnings

    for code in sorted(set(codes)):
        for warning in language_warnings(catalogue, code):
            print(f"{PROGRAM}: warning: {warning}", file=sys.stderr)
