"""Partner orders rendered as a batch: in parallel, every file whole, failures recorded."""

from __future__ import annotations

import hashlib
import json

from awareprint.cli import main
from awareprint.paths import PROJECT_ROOT
from tests.pdfread import text_of

EXAMPLES = PROJECT_ROOT / "examples/orders"


def test_an_order_renders_in_parallel_with_a_manifest(tmp_path, capsys):
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
        assert "1-888-373-7888" in text_of(pdf)
    assert files[0]["quantity"] == 12 and files[2]["quantity"] == 40
    assert "4 files, 0 failed" in capsys.readouterr().out


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
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "poster_letter_en.pdf"]
    assert "FAILED item 1" in capsys.readouterr().err


def test_a_bad_order_renders_nothing(tmp_path, capsys):
    order = tmp_path / "order.yaml"
    order.write_text("partner: {name: X}\nitems:\n  - layout: postr\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(order), "--out", str(out)]) == 2
    assert "did you mean 'poster'?" in capsys.readouterr().err
    assert not out.exists()
