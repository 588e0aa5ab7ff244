"""Partner orders rendered as a batch: in parallel, every file whole, failures recorded."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile

from PIL import Image

from awareprint.cli.main import main
from awareprint.orders.batch import ItemResult
from awareprint.paths import PROJECT_ROOT
from tests.pdfread import text_of

EXAMPLES = PROJECT_ROOT / "examples/orders"


def test_an_order_renders_in_parallel_into_a_package(tmp_path, capsys):
    out = tmp_path / "church"
    assert main(["batch", str(EXAMPLES / "church.yaml"), "--out", str(out),
                 "--workers", "2"]) == 0
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
        assert "1-888-373-7888" in text and "St. Mark's Parish" in text  # co-branded
        assert entry["previews"] == [entry["file"].replace(".pdf", "_p1.png")]
        with Image.open(out / entry["previews"][0]) as preview:
            width, height = preview.size
        assert max(width, height) <= 1200 and abs(width / height - 8.5 / 11) < 0.01 \
            if entry["size"] == "letter" else abs(width / height - 11 / 17) < 0.01
    assert files[0]["quantity"] == 12 and files[2]["quantity"] == 40
    ticket = "".join(text_of((out / "job-ticket.pdf").read_bytes()).split())  # names wrap
    for entry in files:
        assert entry["file"] in ticket
    with zipfile.ZipFile(tmp_path / "church.zip") as bundle:
        names = set(bundle.namelist())
        assert names == {f"church/{name}" for name in (
            "manifest.json", "job-ticket.pdf",
            *(n for e in files for n in (e["file"], *e["previews"])))}
        assert bundle.read("church/" + files[0]["file"]) == (out / files[0]["file"]).read_bytes()
    printed = capsys.readouterr().out
    assert "4 files (0 reused, unchanged), 0 failed" in printed
    assert f"wrote {tmp_path / 'church.zip'}" in printed


def test_a_rerun_reuses_what_did_not_change(tmp_path, capsys):
    folder = tmp_path / "order"
    folder.mkdir()
    shutil.copy(EXAMPLES / "church.yaml", folder / "order.yaml")
    shutil.copy(EXAMPLES / "st-marks-logo.svg", folder)
    out = tmp_path / "out"
    argv = ["batch", str(folder / "order.yaml"), "--out", str(out), "--workers", "2"]
    assert main(argv) == 0
    def pieces() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in out.glob("*_*.pdf")}

    written = pieces()
    assert len(written) == 4
    ticket = (out / "job-ticket.pdf").stat().st_mtime_ns
    capsys.readouterr()

    assert main(argv) == 0
    assert "4 files (4 reused, unchanged), 0 failed" in capsys.readouterr().out
    assert pieces() == written  # not written again
    assert (out / "job-ticket.pdf").stat().st_mtime_ns == ticket  # nothing new to show
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reused"] == 4 and all(f["reused"] for f in manifest["files"])

    # A new quantity changes no file; a new language changes one item; the rest is reused.
    text = (folder / "order.yaml").read_text(encoding="utf-8")
    (folder / "order.yaml").write_text(text.replace("quantity: 40", "quantity: 45").replace(
        "languages: [en+es, es]", "languages: [en+es, fr]"), encoding="utf-8")
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "4 files (3 reused, unchanged), 0 failed" in printed
    assert "wrote tearoff_letter_fr.pdf" in printed
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert [f["quantity"] for f in files] == [12, 12, 45, 45]
    assert " 45 45 " in text_of((out / "job-ticket.pdf").read_bytes())  # quantity, sheets
    assert not (out / "tearoff_letter_es.pdf").exists()  # no longer part of the order
    assert not (out / "tearoff_letter_es_p1.png").exists()

    # A changed logo changes every co-branded file.
    logo = folder / "st-marks-logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("#5b2a86", "#2a865b"),
                    encoding="utf-8")
    assert main(argv) == 0
    assert "4 files (0 reused, unchanged), 0 failed" in capsys.readouterr().out


def test_a_file_changed_since_the_last_run_is_rendered_again(tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["batch", str(EXAMPLES / "church.yaml"), "--out", str(out), "--workers", "1"]
    assert main(argv) == 0
    (out / "poster_letter_en+es.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    capsys.readouterr()
    assert main(argv) == 0
    assert "4 files (3 reused, unchanged), 0 failed" in capsys.readouterr().out
    assert (out / "poster_letter_en+es.pdf").read_bytes().startswith(b"%PDF-1.6") or \
        b"edited by hand" not in (out / "poster_letter_en+es.pdf").read_bytes()


def test_sheets_needed_follow_the_quantity(tmp_path):
    out = tmp_path / "event"
    assert main(["batch", str(EXAMPLES / "event.csv"), "--out", str(out),
                 "--workers", "1"]) == 0
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    cards = next(f for f in files if f["sheet"] == "avery-5371")
    assert cards["quantity"] == 200 and cards["sheets_needed"] == 20  # 10 cards a sheet
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
    assert main(["batch", str(order), "--out", str(out)]) == 2
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

    def failing_for_posters(job, catalogue, path):
        if job.layout == "poster":
            raise RuntimeError("simulated bug")
        return real(job, catalogue, path)

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
