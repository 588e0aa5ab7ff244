"""Partner orders rendered as a batch: in parallel, every file whole, failures recorded."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import getpass
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from awareprint.cli.main import main
from awareprint.orders.batch import ItemResult
from awareprint.paths import PROJECT_ROOT
from awareprint.render.settled import forget
from tests.pdfread import text_of

EXAMPLES = PROJECT_ROOT / "examples/orders"
RENDER_PY = str(PROJECT_ROOT / "render.py")
# A partner's order in a language no person has reviewed prints on a staff decision.
BATCH = ("batch", "--print-unreviewed")
FIVE_ITEMS = ("partner: {name: Clinic}\nitems:\n  - layout: poster\n"
              "    sizes: [letter, a4, tabloid]\n  - layout: wallet-card\n  - layout: tearoff\n")
KEPT = "unchanged since the last run, not made again"  # what the summary says of reuse


@dataclass(frozen=True)
class ChurchRun:
    """The church order's first batch run: its order folder, output folder and what it
    printed."""

    order: Path
    out: Path
    code: int
    printed: str


@pytest.fixture(scope="session")
def church_run(tmp_path_factory) -> ChurchRun:
    """The church order (examples/orders/church.yaml and its logo, copied) run as a batch
    into a new folder on two workers, once per test session, by whichever pytest-xdist
    worker asks first: the tests that begin with that first run copy its output and carry
    on from it. Each session makes it anew (the session's own temporary folder)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the session's folder, above each worker's own
    folder = root / "church-batch"
    order, out = folder / "order", folder / "church"
    with open(root / "church-batch.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "code.txt").is_file():
            order.mkdir(parents=True)
            shutil.copy(EXAMPLES / "church.yaml", order)
            shutil.copy(EXAMPLES / "st-marks-logo.svg", order)
            forget()  # set from scratch, whatever this process's earlier tests settled
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                code = main([*BATCH, str(order / "church.yaml"), "--out", str(out),
                             "--workers", "2"])
            (folder / "printed.txt").write_text(printed.getvalue(), encoding="utf-8")
            (folder / "code.txt").write_text(str(code), encoding="utf-8")
    return ChurchRun(order, out, int((folder / "code.txt").read_text(encoding="utf-8")),
                     (folder / "printed.txt").read_text(encoding="utf-8"))


def _after_the_church_run(church_run: ChurchRun, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the church run's order folder and output (files' times kept): (the order
    file, the output folder)."""
    shutil.copytree(church_run.order, tmp_path / "order")
    shutil.copytree(church_run.out, tmp_path / "out")
    return tmp_path / "order" / "church.yaml", tmp_path / "out"


def test_an_order_renders_in_parallel_into_a_package(church_run):
    out = church_run.out
    assert church_run.code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["partner"] == "St. Mark's Parish" and manifest["failed"] == 0
    files = manifest["files"]
    assert [f["item"] for f in files] == [1, 2, 3, 4]
    assert [f["file"] for f in files] == [
        "poster_letter_en+es.pdf", "poster_tabloid_en+es.pdf", "tearoff_letter_en+es.pdf",
        "tearoff_letter_es.pdf"]
    for entry in files:
        pdf = (out / entry["file"]).read_bytes()
        assert hashlib.sha256(pdf).hexdigest() == entry["sha256"]
        text = text_of(pdf)
        assert "1-888-373-7888" in text and "St. Mark’s Parish" in text  # co-branded
        assert entry["previews"] == [entry["file"].replace(".pdf", "_p1.png")]
        with Image.open(out / entry["previews"][0]) as preview:
            width, height = preview.size
        assert max(width, height) <= 1200 and abs(width / height - 8.5 / 11) < 0.01 \
            if entry["size"] == "letter" else abs(width / height - 11 / 17) < 0.01
    assert files[0]["quantity"] == 12 and files[2]["quantity"] == 40
    ticket = "".join(text_of((out / "job-ticket.pdf").read_bytes()).split())  # names wrap
    for entry in files:
        assert entry["file"] in ticket
    with zipfile.ZipFile(out.with_name("church.zip")) as bundle:
        names = set(bundle.namelist())
        assert names == {f"church/{name}" for name in (
            "manifest.json", "job-ticket.pdf",
            *(n for e in files for n in (e["file"], *e["previews"])))}
        assert bundle.read("church/" + files[0]["file"]) == (out / files[0]["file"]).read_bytes()
    printed = church_run.printed
    # A first run reused nothing, and says nothing of it.
    assert f"wrote {out / 'manifest.json'}: 4 files, none failed" in printed.splitlines()
    assert "reused" not in printed and "unchanged" not in printed
    assert f"wrote {out.with_name('church.zip')}" in printed


@pytest.mark.parametrize(("made", "reused", "failed", "line"), [
    (4, 0, 0, "4 files, none failed"),
    (1, 0, 2, "1 file, 2 failed"),
    (4, 3, 1, f"4 files (3 {KEPT}), 1 failed"),
    (4, 4, 0, f"4 files (all {KEPT}), none failed"),
    (1, 1, 0, f"1 file ({KEPT}), none failed"),
])
def test_the_summary_reads_as_said_and_tells_reuse_only_when_there_was_some(
        made, reused, failed, line):
    from awareprint.cli.main import batch_summary

    assert batch_summary(made, reused, failed) == line


def test_a_rerun_reuses_what_did_not_change(church_run, tmp_path, capsys):
    assert church_run.code == 0, church_run.printed
    order, out = _after_the_church_run(church_run, tmp_path)  # a first run, on two workers
    folder = order.parent
    argv = [*BATCH, str(order), "--out", str(out), "--workers", "2"]

    def pieces() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in out.glob("*_*.pdf")}

    written = pieces()
    assert len(written) == 4
    ticket = (out / "job-ticket.pdf").stat().st_mtime_ns

    assert main(argv) == 0
    assert f"4 files (all {KEPT}), none failed" in capsys.readouterr().out
    assert pieces() == written  # not written again
    assert (out / "job-ticket.pdf").stat().st_mtime_ns == ticket  # nothing new to show
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reused"] == 4 and all(f["reused"] for f in manifest["files"])

    # A new quantity changes no file; a new language changes one item; the rest is reused.
    text = order.read_text(encoding="utf-8")
    order.write_text(text.replace("quantity: 40", "quantity: 45").replace(
        "languages: [en+es, es]", "languages: [en+es, fr]"), encoding="utf-8")
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert f"4 files (3 {KEPT}), none failed" in printed
    assert "wrote tearoff_letter_fr.pdf" in printed
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert [f["quantity"] for f in files] == [12, 12, 45, 45]
    ticket = " ".join(text_of((out / "job-ticket.pdf").read_bytes()).split())
    assert " 45 + 3 overs 48 " in ticket  # quantity, the house's overs, sheets
    assert not (out / "tearoff_letter_es.pdf").exists()  # no longer part of the order
    assert not (out / "tearoff_letter_es_p1.png").exists()

    # A changed logo changes every co-branded file.
    logo = folder / "st-marks-logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("#5b2a86", "#2a865b"),
                    encoding="utf-8")
    assert main(argv) == 0
    assert "4 files, none failed" in capsys.readouterr().out


def test_a_file_changed_since_the_last_run_is_rendered_again(church_run, tmp_path, capsys):
    assert church_run.code == 0, church_run.printed
    _, out = _after_the_church_run(church_run, tmp_path)  # a first run of the church order
    argv = [*BATCH, str(EXAMPLES / "church.yaml"), "--out", str(out), "--workers", "1"]
    (out / "poster_letter_en+es.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    assert main(argv) == 0
    assert f"4 files (3 {KEPT}), none failed" in capsys.readouterr().out
    assert (out / "poster_letter_en+es.pdf").read_bytes().startswith(b"%PDF-1.6") or \
        b"edited by hand" not in (out / "poster_letter_en+es.pdf").read_bytes()


def test_sheets_needed_follow_the_quantity(tmp_path):
    out = tmp_path / "event"
    assert main([*BATCH, str(EXAMPLES / "event.csv"), "--out", str(out),
                 "--workers", "1"]) == 0
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    cards = next(f for f in files if f["sheet"] == "avery-5371")
    assert cards["quantity"] == 200 and cards["overs"] == 10  # the house's 5 %
    assert cards["per_sheet"] == 10 and cards["sheets_needed"] == 21  # 10 cards a sheet
    flyer = next(f for f in files if f["layout"] == "tearoff")
    assert "OMAHA FREEDOM WALK" in text_of((out / flyer["file"]).read_bytes()).upper()


def test_a_failing_item_is_recorded_and_the_others_complete(tmp_path, capsys):
    order = tmp_path / "order.yaml"
    order.write_text(
        "partner:\n  name: Clinic\n"
        "  event: {name: '#EndHumanTraffickingOmahaNebraskaCommunityCoalitionAwarenessWalk"
        "2027AndInterfaithPrayerVigilDouglasCountyCourthouse'}\n"
        "items:\n  - layout: tearoff\n  - layout: poster\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(order), "--out", str(out), "--workers", "2"]) == 1
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    tearoff, poster = manifest["files"]
    assert tearoff["file"] is None and "the event name does not fit" in tearoff["error"]
    assert poster["error"] is None and (out / poster["file"]).is_file()
    assert manifest["failed"] == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "job-ticket.pdf", "manifest.json", "poster_letter_en.pdf", "poster_letter_en_p1.png"]
    assert "FAILED item 1" in capsys.readouterr().err
    ticket = "".join(text_of((out / "job-ticket.pdf").read_bytes()).split())
    assert "theeventnamedoesnotfitthetearoff" in ticket


def test_a_bad_order_renders_nothing(tmp_path, capsys):
    order = tmp_path / "order.yaml"
    order.write_text("partner: {name: X}\nitems:\n  - layout: postr\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([*BATCH, str(order), "--out", str(out)]) == 2
    assert "did you mean 'poster'?" in capsys.readouterr().err
    assert not out.exists()


def _result(number: int, reused: bool = False, error: str | None = None,
            warnings: tuple[str, ...] = ()) -> ItemResult:
    return ItemResult(number, None if error else f"poster_letter_{number}.pdf", "poster",
                      "letter", ["en"], "office", None, 1, 1, 1, None, error,
                      warnings=warnings, reused=reused)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_gets_a_bar_with_the_time_left():
    from awareprint.cli.progress import BatchProgress

    out, errors, clock = io.StringIO(), io.StringIO(), Clock()
    progress = BatchProgress(out, errors, terminal=True, clock=clock)
    progress(_result(1, reused=True), 1, 10)
    assert "1/10" in out.getvalue() and "left" not in out.getvalue()  # no pace known yet
    clock.now = 4.0
    progress(_result(2), 2, 10)  # one file rendered in 4 s: 8 more take 32 s
    assert out.getvalue().endswith("[#####-------------------] 2/10  0:32 left  "
                                   "poster_letter_2.pdf")
    progress(_result(3, error="it broke"), 3, 10)
    progress(_result(4, warnings=("logo prints at 120 dpi",)), 4, 10)
    assert "FAILED item 3: it broke\n" in errors.getvalue()
    assert "warning: item 4 (poster_letter_4.pdf): logo prints at 120 dpi" in errors.getvalue()
    assert out.getvalue().count("\r") >= 4


def test_a_log_gets_plain_lines():
    from awareprint.cli.progress import BatchProgress

    out, errors = io.StringIO(), io.StringIO()
    progress = BatchProgress(out, errors, terminal=False)
    progress(_result(1, reused=True), 1, 2)
    progress(_result(2), 2, 2)
    assert out.getvalue() == ("[1/2] reused poster_letter_1.pdf\n"
                              "[2/2] wrote poster_letter_2.pdf\n")
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_an_unexpected_error_costs_one_item_not_the_order(tmp_path, monkeypatch, capsys):
    from awareprint.render import pipeline

    real = pipeline.render_to_file

    def failing_for_posters(job, catalogue, path, read_back, settled=None):
        if job.layout == "poster":
            raise RuntimeError("simulated bug")
        return real(job, catalogue, path, read_back, settled)

    monkeypatch.setattr(pipeline, "render_to_file", failing_for_posters)
    order = tmp_path / "order.yaml"
    order.write_text("partner: {name: Clinic}\nitems:\n  - layout: poster\n"
                     "  - layout: wallet-card\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(order), "--out", str(out), "--workers", "1"]) == 1
    poster, card = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert poster["error"].startswith("internal error (RuntimeError: simulated bug)")
    assert card["error"] is None and (out / card["file"]).is_file()
    assert "FAILED item 1: internal error" in capsys.readouterr().err


def _state(pid: int) -> tuple[int, str] | None:
    """(parent pid, state letter) of a process, from /proc; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), fields[0]


def _alive(pid: int) -> bool:
    state = _state(pid)
    return state is not None and state[1] not in "ZX"  # a zombie has ended


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state = _state(int(entry.name))
            if state and state[0] == pid and state[1] not in "ZX":
                found.append(int(entry.name))
    return found


def _wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"waited {seconds} s in vain")


def _start_batch(order: Path, out: Path, workers: int) -> subprocess.Popen:
    """The batch command in a process of its own, its output in files beside the order
    (a pipe would stay open as long as any worker lived)."""
    logs = order.parent
    with (logs / "stdout.txt").open("w") as printed, (logs / "stderr.txt").open("w") as errors:
        return subprocess.Popen([sys.executable, RENDER_PY, "batch", str(order), "--out",
                                 str(out), "--workers", str(workers), "--print-unreviewed"],
                                stdout=printed, stderr=errors, text=True)


def _finish(batch: subprocess.Popen, seconds: float) -> tuple[str, str]:
    """Wait for the batch; what it printed and what it wrote on stderr."""
    batch.wait(timeout=seconds)
    order = Path(batch.args[3])
    return ((order.parent / "stdout.txt").read_text(encoding="utf-8"),
            (order.parent / "stderr.txt").read_text(encoding="utf-8"))


def _end(batch: subprocess.Popen, workers: list[int]) -> None:
    """Whatever happened in the test, leave no process of it behind."""
    for pid in [batch.pid, *workers]:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    batch.wait()


def test_a_dead_worker_costs_only_the_item_it_was_rendering(tmp_path):
    order, out = tmp_path / "order.yaml", tmp_path / "out"
    order.write_text(FIVE_ITEMS, encoding="utf-8")
    batch = _start_batch(order, out, workers=2)
    workers: list[int] = []
    try:
        workers = _wait_for(lambda: _children(batch.pid))
        os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
        _, errors = _finish(batch, 300)
    finally:
        _end(batch, workers)
    assert batch.returncode == 1, errors
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and len(manifest["files"]) == 5
    (failed,) = [entry for entry in manifest["files"] if entry["error"]]  # it had just begun
    assert failed["error"].startswith("the worker rendering it died (killed or out of memory")
    assert "the other items were rendered" in failed["error"]
    for entry in manifest["files"]:
        if entry is not failed:
            assert (out / entry["file"]).is_file() and entry["sha256"]
    assert f"FAILED item {failed['item']}: the worker rendering it died" in errors
    assert "BrokenProcessPool" not in errors and (tmp_path / "out.zip").is_file()


def test_workers_end_when_the_batch_is_killed(tmp_path):
    order, out = tmp_path / "order.yaml", tmp_path / "out"
    order.write_text(FIVE_ITEMS, encoding="utf-8")
    batch = _start_batch(order, out, workers=2)
    workers: list[int] = []
    try:
        workers = _wait_for(lambda: len(_children(batch.pid)) == 2 and _children(batch.pid))
        batch.kill()
        batch.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [pid for pid in workers if _alive(pid)]
    finally:
        _end(batch, workers)
    assert not left, "workers outlived the batch"
    assert not list(out.glob(".*.part"))  # each removed the file it was writing


def test_an_interrupted_batch_is_picked_up_where_it_stopped(tmp_path):
    order, out = tmp_path / "order.yaml", tmp_path / "out"
    shutil.copy(EXAMPLES / "church.yaml", order)
    shutil.copy(EXAMPLES / "st-marks-logo.svg", tmp_path)

    def recorded() -> list[dict]:
        try:
            manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [entry for entry in manifest["files"] if entry["error"] is None]

    batch = _start_batch(order, out, workers=1)
    try:
        _wait_for(recorded)
        assert batch.poll() is None, "the batch ended before it could be interrupted"
        batch.kill()
    finally:
        _end(batch, [])
    assert not json.loads((out / "manifest.json").read_text(encoding="utf-8"))["complete"]
    kept = {entry["file"]: (out / entry["file"]).read_bytes() for entry in recorded()}
    assert 1 <= len(kept) < 4
    (out / ".tearoff_letter_es.pdf.x1y2.part").write_bytes(b"%PDF-1.7 half")  # as if killed

    again = _start_batch(order, out, workers=1)
    printed, errors = _finish(again, 300)
    assert again.returncode == 0, errors
    assert f"4 files ({len(kept)} {KEPT}), none failed" in printed
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and "earlier_files" not in manifest
    for entry in manifest["files"]:
        assert entry["reused"] == (entry["file"] in kept)
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    for name, pdf in kept.items():
        assert (out / name).read_bytes() == pdf
    assert not list(out.glob(".*.part"))


def test_a_stopped_run_still_knows_the_files_of_the_run_before(tmp_path, capsys):
    """Stopped, a run records what it made and what the run before left: the next run
    still reuses the one and removes what the order no longer makes."""
    from awareprint.catalogue.load import load_catalogue
    from awareprint.orders.batch import run_batch
    from awareprint.orders.order_file import load_order

    order, out = tmp_path / "order.yaml", tmp_path / "out"
    order.write_text("partner: {name: Clinic}\nitems:\n  - layout: poster\n"
                     "  - layout: wallet-card\n", encoding="utf-8")
    assert main(["batch", str(order), "--out", str(out), "--workers", "1"]) == 0
    order.write_text("partner: {name: Clinic}\nitems:\n  - layout: tearoff\n"
                     "  - layout: poster\n", encoding="utf-8")

    def stop_after_the_first(result, done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(load_order(order, load_catalogue()), out, 1, stop_after_the_first)
    journal = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert not journal["complete"]
    assert [entry["file"] for entry in journal["files"]] == ["poster_letter_en.pdf"]
    assert [entry["file"] for entry in journal["earlier_files"]] == [
        "wallet-card_business-card_en.pdf"]
    capsys.readouterr()
    assert main(["batch", str(order), "--out", str(out), "--workers", "1"]) == 0
    assert f"2 files (1 {KEPT}), none failed" in capsys.readouterr().out
    assert not (out / "wallet-card_business-card_en.pdf").exists()


def test_draft_translations_are_warned_of_in_the_manifest_on_stderr_and_the_ticket(
        tmp_path, capsys, catalogue):
    from awareprint.catalogue.unreviewed import language_warnings

    (draft,) = [w for w in language_warnings(catalogue, "ar") if "not yet reviewed" in w]
    order, out = tmp_path / "order.yaml", tmp_path / "out"
    order.write_text("partner: {name: Clinic}\nitems:\n  - layout: wallet-card\n"
                     "    languages: [ar]\n  - layout: wallet-card\n    languages: [ar]\n"
                     "    sheet: avery-5371\n    quantity: 20\n", encoding="utf-8")
    assert main([*BATCH, str(order), "--out", str(out), "--workers", "1"]) == 0
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert [draft in entry["warnings"] for entry in files] == [True, True]
    errors = capsys.readouterr().err
    for entry in files:
        assert f"warning: item {entry['item']} ({entry['file']}): {draft}" in errors
    ticket = "".join(text_of((out / "job-ticket.pdf").read_bytes()).split())
    assert ticket.count("Warning:" + "".join(draft.split())) == 2
    assert "FILESWITHWARNINGS2" in ticket
    # The staff's decision to print it (--print-unreviewed): who, when, which languages
    decided = json.loads((out / "manifest.json").read_text(encoding="utf-8"))[
        "print_unreviewed"]
    assert decided["decided_by"] == getpass.getuser()
    assert decided["through"] == "--print-unreviewed"
    assert decided["languages"] == {"ar": draft}
    when = datetime.fromisoformat(decided["decided"])
    assert when.tzinfo and abs(datetime.now(UTC) - when) < timedelta(minutes=10)
    assert "NOTYETREVIEWEDBYAPERSON" in ticket
    shown = decided["decided"].replace("T", " ")[:16] + " UTC"
    assert "".join(f"Printed on the decision of {getpass.getuser()} ({shown})".split()) in ticket
    # Run again, the decision stands as it was taken: the same time, the ticket not remade
    made = (out / "job-ticket.pdf").stat().st_mtime_ns
    assert main([*BATCH, str(order), "--out", str(out), "--workers", "1"]) == 0
    again = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert again["print_unreviewed"] == decided
    assert (out / "job-ticket.pdf").stat().st_mtime_ns == made


def test_a_partner_order_in_an_unreviewed_language_is_refused_without_the_staffs_flag(
        tmp_path, capsys, catalogue):
    from awareprint.catalogue.unreviewed import language_warnings

    order, out = tmp_path / "order.yaml", tmp_path / "out"
    order.write_text("partner: {name: Clinic}\nitems:\n  - layout: poster\n"
                     "    languages: [en, en+es, fr]\n", encoding="utf-8")
    assert main(["batch", str(order), "--out", str(out), "--workers", "1"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    spanish, french = (language_warnings(catalogue, code)[0] for code in ("es", "fr"))
    assert line == (f"render.py: --print-unreviewed: {spanish}; {french}. A press job or a "
                    "partner's order prints such strings only on a staff decision: give this "
                    "flag to print them as they are")
    assert not out.exists() and not out.with_name("out.zip").exists()


def test_an_out_that_cannot_be_a_folder_is_one_line_and_nothing_is_written(tmp_path, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep me", encoding="utf-8")
    for out in (a_file, a_file / "church"):
        assert main([*BATCH, str(EXAMPLES / "church.yaml"), "--out", str(out)]) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"render.py: --out: {out}") and "is a file, not a folder" in line
        assert "give a folder" in line and "Traceback" not in line
    assert a_file.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_out_on_a_read_only_disk_is_one_line_and_nothing_is_written(
        tmp_path, capsys, monkeypatch):
    disk = tmp_path / "disk"
    (disk / "made-before").mkdir(parents=True)
    real_open, real_mkdir = os.open, os.mkdir

    def read_only(path) -> bool:
        path = Path(os.fsdecode(path))
        return path == disk or (path.parent == disk and path.name.startswith("tmp")) \
            or path.parent == disk / "new"

    def open_(path, *args, **kwargs):
        if read_only(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, *args, **kwargs)

    def mkdir(path, *args, **kwargs):
        if Path(os.fsdecode(path)).parent == disk:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "mkdir", mkdir)
    # A new folder on the disk; a folder there already, where the zip cannot go beside it.
    for out in (disk / "new", disk / "made-before"):
        assert main([*BATCH, str(EXAMPLES / "church.yaml"), "--out", str(out)]) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"render.py: --out: {out}: cannot write in {disk}")
        assert "(Read-only file system); give a folder you can write to" in line
    monkeypatch.undo()
    assert [p.name for p in disk.iterdir()] == ["made-before"]
    assert list((disk / "made-before").iterdir()) == []


def _task(number: int) -> int:
    if number == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    if number == 4:
        raise ValueError("bad input")
    return number * 10


def test_the_worker_pool_loses_only_the_task_of_a_dead_worker():
    from awareprint.workers import Lost, run_parallel

    answers = dict(run_parallel(_task, [(number,) for number in range(7)], workers=2))
    assert answers.pop(2) == Lost("signal SIGKILL", died=True)
    assert answers.pop(4) == Lost("ValueError: bad input", died=False)
    assert answers == {0: 0, 1: 10, 3: 30, 5: 50, 6: 60}


def test_the_inputs_hash_covers_the_program_in_every_stage(tmp_path, monkeypatch, catalogue):
    from awareprint.orders import fingerprint

    program = tmp_path / "awareprint"
    shutil.copytree(fingerprint.PROGRAM_DIR, program,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PROGRAM_DIR", program)

    def hashed() -> str:
        fingerprint._shared.cache_clear()
        return fingerprint.inputs_hash(catalogue, tmp_path)

    before = hashed()
    with (program / "render/pipeline.py").open("a", encoding="utf-8") as source:
        source.write("\n# a change to how pieces are drawn\n")
    try:
        assert hashed() != before
    finally:
        fingerprint._shared.cache_clear()


def test_a_rerun_with_other_partner_lines_sets_each_piece_from_what_it_settled(church_run,
                                                                               tmp_path):
    """The manifest keeps what setting each piece decided; the partner's contact line
    changed, every file is made again from it, and is the file made from scratch."""
    assert church_run.code == 0, church_run.printed
    order, out = _after_the_church_run(church_run, tmp_path)  # a first run of the order
    fresh = tmp_path / "fresh"
    first = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert all(f["settled_key"] and f["settled"]["font_pt"] is not None for f in first)
    text = order.read_text(encoding="utf-8")
    order.write_text(text.replace("Mon–Fri, 9–5", "weekdays 8–4"), encoding="utf-8")
    for where in (out, fresh):
        assert main([*BATCH, str(order), "--out", str(where),
                     "--workers", "1"]) == 0
    again, made = (json.loads((where / "manifest.json").read_text(encoding="utf-8"))["files"]
                   for where in (out, fresh))
    assert not any(f["reused"] for f in again)
    assert [f["settled_key"] for f in again] == [f["settled_key"] for f in first]
    assert [f["sha256"] for f in again] == [f["sha256"] for f in made]
    assert [f["settled"] for f in again] == [f["settled"] for f in made]


def test_settled_values_are_read_only_from_entries_that_hold_them():
    from awareprint.orders.manifest import earlier_settled

    settled = {"font_pt": [], "scaled": [], "endings": [], "whole": [], "gain_pt": 0.0,
               "partner_lines": [], "partner_free": True}
    manifest = {"files": [{"settled_key": "a", "settled": settled},
                          {"settled_key": "b", "settled": "edited"}, {"file": "old.pdf"}],
                "earlier_files": [{"settled_key": None, "settled": settled}]}
    assert earlier_settled(manifest) == {"a": settled}
    assert earlier_settled({"files": "nonsense"}) == {}


def test_marking_the_contact_line_safe_makes_the_victim_facing_pieces_again(tmp_path, capsys,
                                                                            catalogue):
    """A wallet card made without the partner's contact line is not reused once the order
    marks the line safe for victims; the poster, which prints it either way, stays the same
    file; the ticket says which the cards did."""
    from awareprint.documents.ticket_text import load_ticket_text

    order = tmp_path / "order.yaml"
    text = ("partner:\n  name: Clinic\n  contact: \"Victim services: 402-555-0143\"\n"
            "  contact_safe_for_victims: {safe}\nitems:\n  - layout: wallet-card\n"
            "  - layout: poster\n")
    out = tmp_path / "out"
    argv = ["batch", str(order), "--out", str(out), "--workers", "1"]
    labels = load_ticket_text(catalogue.content_dir)
    runs = []
    for safe in ("false", "true"):
        order.write_text(text.format(safe=safe), encoding="utf-8")
        assert main(argv) == 0
        capsys.readouterr()
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        files = {entry["layout"]: entry for entry in manifest["files"]}
        card, poster = (" ".join(text_of((out / files[name]["file"]).read_bytes()).split())
                        for name in ("wallet-card", "poster"))
        ticket = " ".join(text_of((out / "job-ticket.pdf").read_bytes()).split())
        runs.append(files)
        printed = safe == "true"
        assert ("Victim services: 402-555-0143" in card) == printed
        assert "Victim services: 402-555-0143" in poster
        said = labels.victim_contact.printed if printed else labels.victim_contact.left_off
        assert (f"{labels.fields.victim_contact.upper()} {said} "
                f"{catalogue.layouts['wallet-card'].title}") in ticket
    before, after = runs
    assert not after["wallet-card"]["reused"]
    assert after["wallet-card"]["settled_key"] != before["wallet-card"]["settled_key"]
    assert after["wallet-card"]["sha256"] != before["wallet-card"]["sha256"]
    assert after["poster"]["sha256"] == before["poster"]["sha256"]

