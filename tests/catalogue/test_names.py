"""Names as people type them, and file names that never let one piece overwrite another."""

from __future__ import annotations

import pytest

from awareprint.catalogue.request import make_job, make_sheet_job
from awareprint.cli.main import main
from awareprint.errors import InputError


@pytest.mark.parametrize(("typed", "expected"), [
    (dict(layout="Poster", size="A4", language="ES"), "poster a4 [es]"),
    (dict(layout="poster", size="Letter", language="zh-hans"), "poster letter [zh-Hans]"),
    (dict(layout="POSTER", size="24X36", language="EN+AR"), "poster 24x36 [en+ar]"),
])
def test_names_are_matched_ignoring_case(catalogue, typed, expected):
    assert make_job(catalogue, **typed).label == expected


def test_a_sheet_name_ignoring_case(catalogue):
    job = make_sheet_job(catalogue, "wallet-card", None, ["en"], "Avery-5371")
    assert job.sheet == "avery-5371"


def test_an_unknown_name_suggests_the_closest(catalogue):
    with pytest.raises(InputError, match="unknown language 'vie'; did you mean 'vi'"):
        make_job(catalogue, "poster", language="vie")


def test_two_events_write_two_files(tmp_path, capsys):
    assert main(["tearoff", "--event", "Walk A", "--out", str(tmp_path)]) == 0
    assert main(["tearoff", "--event", "Gala B", "--out", str(tmp_path)]) == 0
    assert main(["tearoff", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["tearoff_letter_en.pdf", "tearoff_letter_en_gala-b.pdf",
                     "tearoff_letter_en_walk-a.pdf"]


@pytest.mark.parametrize(("first", "second"), [
    ("Walk A", "Walk A!"), ("مسيرة الحرية", "مسيرة السلام"), ("x" * 50, "x" * 50 + "y")])
def test_events_that_read_alike_in_plain_letters_still_get_their_own_file(catalogue, first,
                                                                         second):
    language = "ar" if not first.isascii() else "en"
    names = {make_job(catalogue, "tearoff", language=language, event=event).file_name
             for event in (first, second)}
    assert len(names) == 2
    assert all(name.isascii() and "/" not in name for name in names)
