"""The command line as a volunteer types it: clear one-line errors, exit codes, no tracebacks."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from awareprint.cli.main import main
from awareprint.paths import PROJECT_ROOT
from tests.pdfread import page_sizes, plumbed, text_of

RENDER_PY = str(PROJECT_ROOT / "render.py")


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, RENDER_PY, *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.mark.parametrize(("argv", "names"), [
    (["postr"], ["poster", "tearoff", "wallet-card", "list"]),
    (["poster", "--size", "a7"], ["letter", "a4", "tabloid", "a3", "18x24", "24x36"]),
    (["wallet-card", "--size", "letter"], ["business-card", "eu-card", "cr80"]),
    (["poster", "--lang", "xx"], ["choose from: am, ar, en, es"]),
    (["poster", "--lang", "en+es+fr"], ["one language or two"]),
    (["poster", "--lang", "en+en"], ["one language or two"]),
    (["tearoff", "--tabs", "20"], ["6", "14"]),
    (["poster", "--tabs", "8"], ["tearoff"]),
    (["wallet-card", "--event", "Walk"], ["tearoff"]),
    (["tearoff", "--tabs", "ten"], ["--tabs"]),
    (["poster", "--colour", "red"], ["--colour"]),
])
def test_a_bad_name_is_one_line_naming_the_choices(capsys, tmp_path, argv, names):
    code = main([*argv, "--out", str(tmp_path)] if argv[0] != "postr" else argv)
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    for name in names:
        assert name in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_no_traceback_for_a_user_mistake():
    result = _run("poster", "--size", "a7")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "choose from" in result.stderr


@pytest.mark.parametrize(("flags", "ours"), [
    (["-S"], False),        # no site-packages, as python3 outside the environment: a dependency
    (["-I", "-S"], True),   # isolated too, not even the project's folder: awareprint itself
])
def test_no_environment_is_one_line_saying_how_to_make_it(tmp_path, flags, ours):
    import render

    result = subprocess.run([sys.executable, *flags, RENDER_PY, "list"], capture_output=True,
                            text=True, cwd=tmp_path, timeout=60, env={})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    named = re.fullmatch(r"render\.py: Python cannot find the module '([\w.]+)': activate "
                         r"awareprint's environment \((.+)\) or, if there is none, create it "
                         r"\((.+)\)", line)
    assert named, line
    assert (named[1] == "awareprint") == ours
    assert (named[2], named[3]) == (render.ACTIVATE, render.CREATE)
    assert result.stdout == ""


def test_help_and_list_do_not_load_the_layout_engine():
    probe = (
        "import sys\n"
        "from awareprint.cli.main import main\n"
        "assert main(['list']) == 0\n"
        "try:\n    main(['--help'])\nexcept SystemExit as e:\n    assert e.code == 0\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "poster" in result.stdout and "English" in result.stdout


def test_list_shows_layouts_sizes_and_languages(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for word in ("poster", "wallet-card", "tearoff", "24x36", "cr80", "en", "English", "ltr"):
        assert word in out


def test_starter_set_is_written_to_out_and_is_reproducible(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for folder in (first, second):
        folder.mkdir()
        result = _run(cwd=folder)
        assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (first / "out").iterdir())
    assert names == ["poster_letter_en.pdf", "tearoff_letter_en.pdf",
                     "wallet-card_business-card_en.pdf"]
    for name in names:
        assert f"out/{name}" in result.stdout
        pdf = (first / "out" / name).read_bytes()
        assert "1-888-373-7888" in text_of(pdf)
        assert pdf == (second / "out" / name).read_bytes(), f"{name} differs between runs"


def test_out_names_a_file_and_a_repeated_language_is_one_piece(tmp_path, capsys):
    target = tmp_path / "my-poster.pdf"
    assert main(["poster", "--size", "tabloid", "--out", str(target)]) == 0
    width, height = page_sizes(target.read_bytes())[0]
    assert (round(width), round(height)) == (792, 1224)
    capsys.readouterr()
    # The same language twice is one piece, written once.
    assert main(["poster", "--lang", "en", "--lang", "en", "--out", str(target)]) == 0
    assert capsys.readouterr().out.count("wrote") == 1


def test_an_unwritable_out_is_one_line(capsys):
    assert main(["poster", "--out", "/proc/awareprint/poster.pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("render.py: --out: cannot write /proc/awareprint/poster.pdf")


def test_output_files_are_readable_by_others(tmp_path):
    import os

    previous = os.umask(0o022)
    try:
        assert main(["wallet-card", "--out", str(tmp_path)]) == 0
    finally:
        os.umask(previous)
    (pdf,) = tmp_path.iterdir()
    assert pdf.stat().st_mode & 0o777 == 0o644


def test_a_broken_source_date_is_one_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    assert main(["poster", "--out", str(tmp_path)]) == 2
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_event_no_font_can_print_is_refused(capsys, tmp_path):
    assert main(["tearoff", "--event", "Walk 🚶", "--out", str(tmp_path)]) == 2
    assert "U+1F6B6" in capsys.readouterr().err


def test_a_sheet_of_draft_translations_says_so(tmp_path, capsys, catalogue):
    from awareprint.catalogue.unreviewed import language_warnings

    (draft,) = [w for w in language_warnings(catalogue, "ar") if "not yet reviewed" in w]
    assert main(["wallet-card", "--sheet", "avery-5371", "--lang", "ar", "--lang", "en",
                 "--out", str(tmp_path)]) == 0
    assert f"render.py: warning: {draft}\n" in capsys.readouterr().err


def test_check_shows_its_progress(monkeypatch, capsys):
    from awareprint.catalogue import all_jobs
    from awareprint.cli import check

    real = all_jobs.catalogue_jobs
    monkeypatch.setattr(all_jobs, "catalogue_jobs",
                        lambda catalogue, profile, partner=None: real(catalogue, profile,
                                                                      partner)[:3])
    assert main(["check", "--workers", "2"]) == 0
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] for line in lines] == ["[1/3", "[2/3", "[3/3"]
    labels = {job.label for job in real(check.load_catalogue(), "office")[:3]}
    assert {line.split("] ")[1].rsplit(":", 1)[0] for line in lines} == labels
    assert "3 pieces:" in captured.out and "[1/3]" not in captured.out


def test_check_co_brands_every_piece_with_an_order_s_partner(monkeypatch, capsys):
    from awareprint.catalogue import all_jobs

    real, checked = all_jobs.catalogue_jobs, []

    def first_two(catalogue, profile, partner=None):
        jobs = real(catalogue, profile, partner)[:2]
        checked.extend(jobs)
        return jobs

    monkeypatch.setattr(all_jobs, "catalogue_jobs", first_two)
    order = PROJECT_ROOT / "examples/orders/church.yaml"
    assert main(["check", "--workers", "1", "--partner", str(order)]) == 0
    assert "2 pieces: " in capsys.readouterr().out
    assert len(checked) == 2
    for job in checked:  # the order's partner, its apostrophe set as the request sets it
        assert job.partner is not None and job.partner.name == "St. Mark’s Parish"
        assert job.partner.logo is not None and job.partner.logo.name == "st-marks-logo.svg"
    assert main(["check", "--partner", "no-such-order.yaml"]) == 2
    assert capsys.readouterr().err == "render.py: no-such-order.yaml: no such order file\n"


def test_check_progress_draws_a_bar_on_a_terminal():
    from awareprint.catalogue.load import load_catalogue
    from awareprint.catalogue.request import make_job
    from awareprint.cli.check import CheckResult
    from awareprint.cli.progress import CheckProgress
    from awareprint.render.outcome import PASS

    job = make_job(load_catalogue(), "poster", "letter", "en")
    stream, now = io.StringIO(), [0.0]
    progress = CheckProgress(stream, stream, terminal=True, clock=lambda: now[0])
    now[0] = 3.0
    progress(CheckResult(job, PASS, ""), 1, 4)  # 3 s a piece: 3 more take 9 s
    assert stream.getvalue().endswith(f"[######------------------] 1/4  0:09 left  {job.label}")
    plain = io.StringIO()
    CheckProgress(plain, plain, terminal=False)(CheckResult(job, PASS, ""), 1, 4)
    assert plain.getvalue() == f"[1/4] {job.label}: pass\n"


def test_a_reader_that_leaves_early_gets_no_traceback():
    """`render.py list | head -0`: the reader has closed the pipe before we write to it
    (Python starts long after the pipe is made); we stop quietly."""
    import os

    read, write = os.pipe()
    os.close(read)
    process = subprocess.Popen([sys.executable, RENDER_PY, "list"], stdout=write,
                               stderr=subprocess.PIPE, text=True)
    os.close(write)
    _, errors = process.communicate(timeout=60)
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
    assert process.returncode == 141


def _slug(pdf: bytes) -> str:
    """The press file's slug line: the line that names the program."""

    with plumbed(pdf) as document:
        lines = (document.pages[0].extract_text() or "").splitlines()
    (line,) = [line for line in lines if line.startswith("awareprint")]
    return line


def test_a_press_file_prints_its_date_of_issue_and_job_number(tmp_path):
    from datetime import date

    target = tmp_path / "card.pdf"
    longest = "PO-2027-A114-RSH"  # 16 characters, the most a job number has
    assert main(["wallet-card", "--press", "--issued", "2027-03-14", "--job", longest,
                 "--out", str(target)]) == 0
    slug = _slug(target.read_bytes())
    assert "issued 2027-03-14" in slug and f"job {longest}" in slug
    import pdfplumber

    with pdfplumber.open(str(target)) as document:  # on the smallest piece, on the page
        page = document.pages[0]
        small = [c for c in page.chars if c["size"] < 6 and c["top"] > page.height - 44]
        assert small and max(c["x1"] for c in small) <= page.width - 9
    today = tmp_path / "today.pdf"
    assert main(["wallet-card", "--press", "--out", str(today)]) == 0
    assert f"issued {date.today().isoformat()}" in _slug(today.read_bytes())


@pytest.mark.parametrize(("argv", "line"), [
    (["--issued", "14/03/2027"], "--issued: the date of issue '14/03/2027' is not a date"),
    (["--issued", "2027-03-14", "--job", "402-555-0143"],
     "--job: the job number '402-555-0143' reads as a phone number"),
])
def test_a_bad_date_of_issue_or_job_number_is_one_line(capsys, tmp_path, argv, line):
    assert main(["poster", "--press", *argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert line in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_list_counts_each_language_s_strings_by_state(capsys, data):
    from awareprint.catalogue.language_checks import fingerprint
    from awareprint.catalogue.load import load_catalogue
    from awareprint.cli.listing import describe

    english = load_catalogue(data / "layouts", data / "content").languages["en"]
    path = data / "content/es.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\nreview:\n"
        f"  headline: {{state: approved, by: Ana Ruiz, date: 2026-12-01, "
        f"against: '{fingerprint(english.strings['headline'])}'}}\n"
        "  get_help: {state: reviewed, by: Ana Ruiz, date: 2026-12-01, against: 'abcdef0123'}\n"),
        encoding="utf-8")
    load_catalogue.cache_clear()
    listed = describe(load_catalogue(data / "layouts", data / "content")).splitlines()
    total = len(english.strings)
    (es,) = [line for line in listed if line.startswith("  es ")]
    assert es.endswith(f"draft; strings: {total - 2} draft, 0 reviewed, 1 approved, 1 stale")
    (fr,) = [line for line in listed if line.startswith("  fr ")]
    assert fr.endswith(f"draft; strings: {total} draft, 0 reviewed, 0 approved, 0 stale")
    (en,) = [line for line in listed if line.startswith("  en ")]
    assert en.endswith("ltr, source")


def _unreviewed(catalogue, name: str) -> str:
    total = len(catalogue.languages["en"].strings)
    return f"{name}: {total} of {total} strings not yet reviewed by a person"


@pytest.mark.parametrize(("argv", "name"), [
    (["wallet-card", "--press", "--lang", "es"], "Spanish"),
    (["wallet-card", "--press-profile", "fogra39", "--lang", "en", "--lang", "ar"], "Arabic"),
    (["wallet-card", "--sheet", "sra3", "--lang", "en+es"], "Spanish"),   # a press sheet
])
def test_a_press_job_in_an_unreviewed_language_is_refused_without_the_staffs_flag(
        tmp_path, capsys, catalogue, argv, name):
    assert main([*argv, "--out", str(tmp_path)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (f"render.py: --print-unreviewed: {_unreviewed(catalogue, name)}. A press "
                    "job or a partner's order prints such strings only on a staff decision: "
                    "give this flag to print them as they are")
    assert list(tmp_path.iterdir()) == []


def test_with_the_staffs_flag_the_press_job_is_made_with_the_warning(tmp_path, capsys,
                                                                      catalogue):
    out = tmp_path / "card.pdf"
    assert main(["wallet-card", "--press", "--lang", "es", "--print-unreviewed",
                 "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"render.py: warning: {_unreviewed(catalogue, 'Spanish')}\n" in err
    assert "Llame al" in text_of(out.read_bytes())


def test_an_office_piece_without_a_partner_prints_with_the_warning_alone(tmp_path, capsys,
                                                                         catalogue):
    """Volunteers print drafts for events: no decision asked, the warning said."""
    assert main(["tearoff", "--lang", "vi", "--event", "Omaha Freedom Walk",
                 "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert err == f"render.py: warning: {_unreviewed(catalogue, 'Vietnamese')}\n"
