"""A language as a PO file for translators, and read back: the round trip, an edit that
reaches the file and the printed piece, and every kind of bad file refused at its line."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from awareprint.catalogue.language_checks import fingerprint, string_states
from awareprint.catalogue.load import load_catalogue
from awareprint.catalogue.request import make_job
from awareprint.cli.main import main
from awareprint.errors import ContentError
from awareprint.preflight.read_back import read_back
from awareprint.render.pipeline import render
from awareprint.translations.importing import import_po
from awareprint.translations.placements import placements
from awareprint.translations.po import export_po
from tests.pdfread import lines_of, text_of


def edited(catalogue, code: str, path: Path, changes: dict[str, str],
           header: dict[str, str] | None = None) -> dict[str, int]:
    """Export `code`, set the msgstr of each entry of `changes`, save it at `path`; the line
    of each changed entry's msgctxt."""
    po = polib.pofile(export_po(catalogue, code))
    for entry in po:
        if entry.msgctxt in changes:
            entry.msgstr = changes[entry.msgctxt]
    po.metadata.update(header or {})
    text = str(po)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return {name: lines.index(f'msgctxt "{name}"') + 1 for name in changes}


def test_one_entry_per_string_with_its_key_english_state_and_where_it_prints(catalogue):
    po = polib.pofile(export_po(catalogue, "es"))
    assert po.metadata["Language"] == "es"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    english, spanish = catalogue.languages["en"], catalogue.languages["es"]
    by_key = {entry.msgctxt: entry for entry in po}
    expected = [key if isinstance(value, str) else f"{key}.{index}"
                for key, value in english.strings.items()
                for index in range(1 if isinstance(value, str) else len(value))]
    assert [entry.msgctxt for entry in po] == expected
    assert by_key["victim_questions.2"].msgid == english.strings["victim_questions"][2]
    assert by_key["victim_questions.2"].msgstr == spanish.strings["victim_questions"][2]
    assert all(not entry.msgid_plural for entry in po)
    # every translation is a draft: fuzzy, and the note says so
    assert all("fuzzy" in entry.flags and "state: draft" in entry.comment for entry in po)
    emergency = by_key["emergency_line"].comment
    assert "keep: {emergency}" in emergency
    assert "wallet-card (emergency, questions)" in emergency
    assert "prints on: discreet-card (greeting)" in by_key["discreet_headline"].comment
    assert "keep:" not in by_key["headline"].comment


def test_where_a_string_prints_is_read_from_the_composed_pieces(catalogue):
    where = placements(catalogue, "ko")
    assert where["discreet_line"] == {"discreet-card": {"line"}}
    assert where["hotline_short"].keys() == {"tearoff"}
    assert where["scan_prompt"]["wallet-card"] == {"qr"}


def test_a_reviewed_string_exports_without_fuzzy_and_with_who_read_it(data):
    english = load_catalogue(data / "layouts", data / "content").languages["en"]
    load_catalogue.cache_clear()
    _review(data, "es", "headline", english)
    catalogue = load_catalogue(data / "layouts", data / "content")
    (entry,) = [e for e in polib.pofile(export_po(catalogue, "es"))
                if e.msgctxt == "headline"]
    assert "fuzzy" not in entry.flags
    assert "state: reviewed by Ana Ruiz on 2026-12-01; comment: fits" in entry.comment


def _review(data, code, key, english):
    path = data / f"content/{code}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\nreview:\n"
        f"  {key}: {{state: reviewed, by: Ana Ruiz, date: 2026-12-01, "
        f"against: '{fingerprint(english.strings[key])}', comment: fits}}\n"),
        encoding="utf-8")


@pytest.mark.parametrize("code", ["es", "ar", "zh-Hant"])
def test_export_then_import_unchanged_leaves_the_file_byte_for_byte(tmp_path, capsys, code):
    language_file = Path(load_catalogue().content_dir) / f"{code}.yaml"
    before = language_file.read_bytes()
    po = tmp_path / f"{code}.po"
    assert main(["translations", "export", code, "--out", str(po), "--no-length"]) == 0
    assert main(["translations", "import", str(po)]) == 0
    assert "left as it was" in capsys.readouterr().out
    assert language_file.read_bytes() == before


def test_an_edited_entry_lands_in_the_file_as_a_draft_and_in_the_next_render(data, tmp_path):
    english = load_catalogue(data / "layouts", data / "content").languages["en"]
    load_catalogue.cache_clear()
    _review(data, "es", "victim_questions", english)
    language_file = data / "content/es.yaml"
    before = language_file.read_text(encoding="utf-8")
    catalogue = load_catalogue(data / "layouts", data / "content")
    assert string_states(catalogue.languages["es"], english)["victim_questions"] == "reviewed"
    new = "¿Puede usted dejar su trabajo cuando quiera?"
    edited(catalogue, "es", tmp_path / "es.po", {"victim_questions.0": new})
    imported = import_po(tmp_path / "es.po", catalogue, workers=2)
    assert imported.written and imported.changed == ("victim_questions.0",)
    after = language_file.read_text(encoding="utf-8")
    # only the item's line changed, and the review record went: a translator's edit is not
    # a review
    old = catalogue.languages["es"].strings["victim_questions"][0]
    assert after.replace(f"    - {new}\n", f"    - {old}\n") == before.split("\nreview:\n")[0]
    load_catalogue.cache_clear()
    again = load_catalogue(data / "layouts", data / "content")
    assert again.languages["es"].strings["victim_questions"][0] == new
    assert string_states(again.languages["es"], english)["victim_questions"] == "draft"
    pdf = render(make_job(again, "wallet-card", "business-card", "es"), again, read_back).pdf
    assert new in " ".join(lines_of(pdf).split())
    assert old not in " ".join(text_of(pdf).split())


def _refused(capsys, po: Path, *words: str) -> str:
    language_file = Path(load_catalogue().content_dir) / "es.yaml"
    before = language_file.read_bytes()
    assert main(["translations", "import", str(po)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith(f"render.py: {po}: ")
    for word in words:
        assert word in err, err
    assert language_file.read_bytes() == before
    return err


@pytest.mark.parametrize(("changes", "words"), [
    ({"emergency_line": "¿Está en peligro? Llame a la policía."},
     ["(emergency_line): placeholders differ from the English (lost {emergency})",
      "keep each {name}"]),
    ({"label_call": "Llame al 1-888-373-7888"},
     ["(label_call): 18883737888 is, or is a digit or two off, the hotline's",
      "leave them out"]),
    ({"label_text": "Envíe un texto al 402-555-0142"},
     ["(label_text): 4025550142 looks like a phone number"]),
    ({"get_help": "Pida\u202e ayuda"},
     ["(get_help): U+202E RIGHT-TO-LEFT OVERRIDE: an invisible control or direction",
      "delete it"]),
    ({"availability": "24/7 · Confidencial · 365 días"},
     ["(availability): numbers ['24', '365', '7'] differ from the English"]),
])
def test_a_bad_entry_is_refused_at_its_line(capsys, tmp_path, catalogue, changes, words):
    lines = edited(catalogue, "es", tmp_path / "es.po", changes)
    (line,) = lines.values()
    _refused(capsys, tmp_path / "es.po", f"line {line} ", *words)


def test_a_string_that_overflows_a_card_is_refused_naming_the_piece(capsys, tmp_path,
                                                                   catalogue):
    long = " ".join(["Hable con alguien de manera confidencial, de día o de noche."] * 6)
    (line,) = edited(catalogue, "es", tmp_path / "es.po", {"discreet_line": long}).values()
    err = _refused(capsys, tmp_path / "es.po", f"line {line} (discreet_line): does not fit "
                   "its slot 'line' on discreet-card", "shorten the translation")
    assert all(row.startswith(f"render.py: {tmp_path / 'es.po'}: line {line} ")
               for row in err.splitlines())


def test_a_wrong_language_header_is_refused(capsys, tmp_path, catalogue):
    edited(catalogue, "es", tmp_path / "es.po", {}, header={"Language": "fr"})
    line = tmp_path.joinpath("es.po").read_text(encoding="utf-8").splitlines().index(
        '"Language: fr\\n"') + 1
    _refused(capsys, tmp_path / "es.po", f"line {line}: Language 'fr', but the file was "
             "exported for 'es'; set the Language header back to es")
    edited(catalogue, "es", tmp_path / "xx.po", {}, header={"Language": "xx"})
    _refused(capsys, tmp_path / "xx.po", "Language 'xx' is no language of the catalogue")


def test_an_unknown_key_is_refused_at_its_line(capsys, tmp_path, catalogue):
    path = tmp_path / "es.po"
    edited(catalogue, "es", path, {})
    text = path.read_text(encoding="utf-8").replace('msgctxt "get_help"', 'msgctxt "get_hepl"')
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('msgctxt "get_hepl"') + 1
    _refused(capsys, path, f"line {line} (get_hepl): no such string; did you mean 'get_help'?")


def test_a_file_not_in_utf8_is_refused_at_its_line(capsys, tmp_path, catalogue):
    path = tmp_path / "es.po"
    edited(catalogue, "es", path, {})
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index('msgctxt "get_help"') + 2
    path.write_bytes(text.encode("utf-8").replace(b"Pida ayuda", "Pída".encode("latin-1")))
    _refused(capsys, path, f"line {line + 1}: not UTF-8 (byte 0xED); save the file as UTF-8")


def test_a_50_mb_file_is_refused_without_reading_it(capsys, tmp_path):
    path = tmp_path / "big.po"
    with path.open("wb") as stream:
        stream.truncate(50 * 2**20)
    _refused(capsys, path, "50 MB", "at most 2 MB")


def test_every_problem_of_a_file_is_told_at_once_and_nothing_written(data, tmp_path):
    catalogue = load_catalogue(data / "layouts", data / "content")
    before = (data / "content/es.yaml").read_bytes()
    lines = edited(catalogue, "es", tmp_path / "es.po", {
        "emergency_line": "Llame.", "label_call": "Llame al 911 o 1-888-373-7888"})
    with pytest.raises(ContentError) as caught:
        import_po(tmp_path / "es.po", catalogue)
    assert [re.search(r"line (\d+)", p).group(1) for p in caught.value.problems] == [
        str(lines["label_call"]), str(lines["emergency_line"])]
    assert (data / "content/es.yaml").read_bytes() == before


def test_a_stale_string_translated_again_is_stamped_with_the_english_it_now_translates(
        data, tmp_path):
    # a string one piece prints (the discreet card's): the import fits each piece that
    # prints a changed string
    english_file = data / "content/en.yaml"
    english_file.write_text(english_file.read_text(encoding="utf-8").replace(
        "discreet_headline: Need help?", "discreet_headline: Need help now?"),
        encoding="utf-8")
    catalogue = load_catalogue(data / "layouts", data / "content")
    english = catalogue.languages["en"]
    assert string_states(catalogue.languages["es"], english)["discreet_headline"] == "stale"
    (entry,) = [e for e in polib.pofile(export_po(catalogue, "es"))
                if e.msgctxt == "discreet_headline"]
    assert "fuzzy" in entry.flags and entry.comment.startswith("state: stale")
    edited(catalogue, "es", tmp_path / "es.po", {"discreet_headline": "¿Necesita ayuda ya?"})
    assert import_po(tmp_path / "es.po", catalogue, workers=2).written
    text = (data / "content/es.yaml").read_text(encoding="utf-8")
    assert "  discreet_headline: ¿Necesita ayuda ya?\n" in text
    assert f"  discreet_headline: {fingerprint('Need help now?')}" in text
    load_catalogue.cache_clear()
    again = load_catalogue(data / "layouts", data / "content")
    assert string_states(again.languages["es"], english)["discreet_headline"] == "draft"


@pytest.mark.parametrize(("argv", "words"), [
    (["translations", "export", "en"], "'en' is the source language"),
    (["translations", "export", "xx"], "unknown language 'xx'; choose from: am, ar, en"),
    (["translations", "export", "es", "--format", "mo"], "invalid choice: 'mo'"),
    (["translations"], "the following arguments are required"),
])
def test_a_bad_export_is_one_line(capsys, tmp_path, argv, words):
    assert main([*argv, *(["--out", str(tmp_path / "x.po")] if len(argv) == 3 else [])]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
