"""A language as an XLIFF 2 file, and read back through the PO file's checks: the round
trip, the file's structure as XLIFF 2.0 core requires it, and every kind of bad file
refused in one line naming the file, the unit's line and the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from awareprint.catalogue.language_checks import fingerprint
from awareprint.catalogue.load import load_catalogue
from awareprint.cli.main import main
from awareprint.translations.entries import entries_of
from awareprint.translations.importing import import_po
from awareprint.translations.xliff import export_xliff

NS = "urn:oasis:names:tc:xliff:document:2.0"
X = f"{{{NS}}}"
STATES = {"initial", "translated", "reviewed", "final"}


def edited(catalogue, code: str, path: Path, changes: dict[str, str],
           root: dict[str, str] | None = None) -> dict[str, int]:
    """Export `code` as XLIFF, set the target of each unit of `changes`, save it at
    `path`; the line of each changed unit."""
    tree = etree.fromstring(export_xliff(catalogue, code).encode("utf-8"))
    for unit in tree.iter(f"{X}unit"):
        if unit.get("id") in changes:
            unit.find(f"{X}segment/{X}target").text = changes[unit.get("id")]
    for name, value in (root or {}).items():
        tree.set(name, value)
    text = etree.tostring(tree, xml_declaration=True, encoding="UTF-8").decode("utf-8")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return {name: next(number for number, line in enumerate(lines, 1)
                       if f'<unit id="{name}"' in line) for name in changes}


def test_the_file_is_xliff_2_core_with_one_unit_a_string(catalogue):
    tree = etree.fromstring(export_xliff(catalogue, "zh-Hant").encode("utf-8"))
    assert tree.tag == f"{X}xliff" and tree.nsmap == {None: NS}
    assert (tree.get("version"), tree.get("srcLang"), tree.get("trgLang")) == (
        "2.0", "en", "zh-Hant")
    (file,) = tree
    assert file.tag == f"{X}file" and file.get("id")
    # nothing outside the XLIFF namespace, and every element where the core puts it
    assert {element.tag.split("}")[0][1:] for element in tree.iter()} == {NS}
    allowed = {"xliff": {"file"}, "file": {"notes", "unit"}, "unit": {"notes", "segment"},
               "notes": {"note"}, "segment": {"source", "target"}, "note": set(),
               "source": set(), "target": set()}
    for element in tree.iter():
        assert {etree.QName(child).localname for child in element} <= allowed[
            etree.QName(element).localname], etree.QName(element).localname
    units = list(file.iter(f"{X}unit"))
    ids = [unit.get("id") for unit in units]
    english = entries_of(catalogue.languages["en"].strings)
    chinese = entries_of(catalogue.languages["zh-Hant"].strings)
    assert ids == list(english) and len(set(ids)) == len(ids)
    for unit in units:
        (segment,) = unit.findall(f"{X}segment")
        assert segment.get("state") in STATES
        assert segment.get("subState") in (None, "awareprint:draft", "awareprint:stale")
        assert segment.findtext(f"{X}source") == english[unit.get("id")][1]
        assert segment.findtext(f"{X}target") == chinese[unit.get("id")][1]
        assert all(note.get("category") for note in unit.iter(f"{X}note"))
    emergency = file.find(f"{X}unit[@id='emergency_line']")
    notes = {note.get("category"): note.text for note in emergency.iter(f"{X}note")}
    assert notes["state"] == "draft" and notes["placeholders"] == "keep: {emergency}"
    assert "wallet-card (emergency, questions)" in notes["location"]
    # a placeholder stays plain text, as in the PO file
    assert "{emergency}" in emergency.findtext(f"{X}segment/{X}target")


def test_states_map_to_xliff_segment_states(data):
    english = load_catalogue(data / "layouts", data / "content").languages["en"]
    load_catalogue.cache_clear()
    path = data / "content/es.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\nreview:\n"
        f"  headline: {{state: reviewed, by: Ana Ruiz, date: 2026-12-01, "
        f"against: '{fingerprint(english.strings['headline'])}'}}\n"
        f"  get_help: {{state: approved, by: Ana Ruiz, date: 2026-12-02, "
        f"against: '{fingerprint(english.strings['get_help'])}'}}\n"), encoding="utf-8")
    catalogue = load_catalogue(data / "layouts", data / "content")
    tree = etree.fromstring(export_xliff(catalogue, "es").encode("utf-8"))
    states = {unit.get("id"): (unit.find(f"{X}segment").get("state"),
                               unit.find(f"{X}segment").get("subState"))
              for unit in tree.iter(f"{X}unit")}
    assert states["headline"] == ("reviewed", None)
    assert states["get_help"] == ("final", None)
    assert states["minors"] == ("initial", "awareprint:draft")


@pytest.mark.parametrize("code", ["es", "ar"])
def test_export_then_import_unchanged_leaves_the_file_byte_for_byte(tmp_path, capsys, code):
    language_file = Path(load_catalogue().content_dir) / f"{code}.yaml"
    before = language_file.read_bytes()
    xliff = tmp_path / f"{code}.xlf"
    assert main(["translations", "export", code, "--format", "xliff", "--out", str(xliff),
                 "--no-length"]) == 0
    assert f"wrote {xliff} (48 entries" in capsys.readouterr().out
    assert main(["translations", "import", str(xliff)]) == 0
    assert "left as it was" in capsys.readouterr().out
    assert language_file.read_bytes() == before


def test_an_edited_unit_lands_in_the_file_as_the_same_string(data, tmp_path):
    catalogue = load_catalogue(data / "layouts", data / "content")
    new = "¿Puede usted dejar su trabajo cuando quiera?"
    edited(catalogue, "es", tmp_path / "es.xlf", {"victim_questions.0": new})
    imported = import_po(tmp_path / "es.xlf", catalogue, workers=2)
    assert imported.written and imported.changed == ("victim_questions.0",)
    load_catalogue.cache_clear()
    again = load_catalogue(data / "layouts", data / "content")
    assert again.languages["es"].strings["victim_questions"][0] == new
    before, after = (entries_of(c.languages["es"].strings) for c in (catalogue, again))
    assert {name for name in before if before[name] != after[name]} == {"victim_questions.0"}


def _refused(capsys, path: Path, *words: str) -> str:
    language_file = Path(load_catalogue().content_dir) / "es.yaml"
    before = language_file.read_bytes()
    assert main(["translations", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith(f"render.py: {path}: "), err
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
    ({"get_help": "Pida\u202e ayuda"},
     ["(get_help): U+202E RIGHT-TO-LEFT OVERRIDE", "delete it"]),
])
def test_a_bad_unit_is_refused_at_its_line(capsys, tmp_path, catalogue, changes, words):
    (line,) = edited(catalogue, "es", tmp_path / "es.xlf", changes).values()
    _refused(capsys, tmp_path / "es.xlf", f"line {line} ", *words)


def test_a_string_that_overflows_a_card_is_refused_naming_the_piece(capsys, tmp_path,
                                                                   catalogue):
    long = " ".join(["Hable con alguien de manera confidencial, de día o de noche."] * 6)
    (line,) = edited(catalogue, "es", tmp_path / "es.xlf", {"discreet_line": long}).values()
    language_file = Path(load_catalogue().content_dir) / "es.yaml"
    before = language_file.read_bytes()
    assert main(["translations", "import", str(tmp_path / "es.xlf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"render.py: {tmp_path / 'es.xlf'}: line {line} (discreet_line): "
                          "does not fit its slot 'line' on discreet-card"), err
    assert "shorten the translation" in err and language_file.read_bytes() == before


def test_a_wrong_target_language_is_refused(capsys, tmp_path, catalogue):
    edited(catalogue, "es", tmp_path / "es.xlf", {}, root={"trgLang": "fr"})
    _refused(capsys, tmp_path / "es.xlf", "line 2: trgLang 'fr', but the file was exported "
             "for 'es'; set trgLang back to es")
    edited(catalogue, "es", tmp_path / "xx.xlf", {}, root={"trgLang": "xx"})
    _refused(capsys, tmp_path / "xx.xlf", "trgLang 'xx' is no language of the catalogue")


def test_an_unknown_unit_is_refused_at_its_line(capsys, tmp_path, catalogue):
    path = tmp_path / "es.xlf"
    (line,) = edited(catalogue, "es", path, {"get_help": "Pida ayuda"}).values()
    path.write_text(path.read_text(encoding="utf-8").replace(
        '<unit id="get_help"', '<unit id="get_hepl"'), encoding="utf-8")
    _refused(capsys, path, f"line {line} (get_hepl): no such string; did you mean "
             "'get_help'?")


def test_a_file_not_in_utf8_is_refused_at_its_line(capsys, tmp_path, catalogue):
    path = tmp_path / "es.xlf"
    (line,) = edited(catalogue, "es", path, {"get_help": "Pida ayuda"}).values()
    text = path.read_text(encoding="utf-8")
    target = next(number for number, row in enumerate(text.splitlines(), 1)
                  if "<target>Pida ayuda" in row)
    assert target > line
    path.write_bytes(text.encode("utf-8").replace(b"Pida ayuda", "Pída".encode("latin-1")))
    _refused(capsys, path, f"line {target}: not UTF-8 (byte 0xED); save the file as UTF-8")
    path.write_text(text.replace("encoding='UTF-8'", "encoding='ISO-8859-1'"),
                    encoding="utf-8")
    _refused(capsys, path, "line 1: the XML declaration says encoding='ISO-8859-1'; save "
             "the file as UTF-8")


def test_a_50_mb_file_is_refused_without_reading_it(capsys, tmp_path):
    path = tmp_path / "big.xlf"
    with path.open("wb") as stream:
        stream.truncate(50 * 2**20)
    _refused(capsys, path, "50 MB", "at most 2 MB")


@pytest.mark.parametrize(("damage", "words"), [
    (lambda text: text.replace("</source>", "</sourc>", 1),
     [r"line \d+: not well-formed XML \(.*\); fix the markup there or export again"]),
    (lambda text: text.replace("<xliff ", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/'
                               'passwd">]>\n<xliff ', 1),
     [r"line 2: a <!DOCTYPE> declaration, which XLIFF never needs and which is refused",
      "delete it or export again"]),
    (lambda text: text.replace("document:2.0", "document:1.2").replace(
        'version="2.0"', 'version="1.2"'),
     [r"line 2: XLIFF 1.2; save it as XLIFF 2.0 or export it again as XLIFF 2"]),
    (lambda text: text.replace("<target>Pida ayuda</target>",
                               '<target>Pida <ph id="1"/> ayuda</target>'),
     [r"line \d+ \(get_help\): inline markup <ph> in its target; write the text alone"]),
    (lambda text: text.replace("<target>Pida ayuda</target>",
                               "<target>Pida <!-- ayuda? --> ayuda</target>"),
     [r"line \d+ \(get_help\): an XML comment in its target"]),
    (lambda text: text.replace('srcLang="en"', 'srcLang="es"'),
     [r"line 2: srcLang 'es'; the English is the source of every translation"]),
])
def test_a_broken_or_hostile_file_is_refused_in_one_line(capsys, tmp_path, catalogue,
                                                         damage, words):
    path = tmp_path / "es.xlf"
    edited(catalogue, "es", path, {"get_help": "Pida ayuda"})
    text = path.read_text(encoding="utf-8")
    broken = damage(text)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    err = _refused(capsys, path)
    for pattern in words:
        assert re.search(pattern, err), err
    assert "root:x:0" not in err  # no entity expanded, no file read
