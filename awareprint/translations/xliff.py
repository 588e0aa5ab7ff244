"""A language as an XLIFF 2 file (OASIS XLIFF Version 2.0 core, which 2.1 tools read), and
such a file read back as a translator's file (given.py), for importing.py's checks.

One <unit> per string, its key as the unit's id, one <segment> with the English as
<source> and the translation as <target>; notes for the translator say the string's
state, where it prints, how long it may grow and the placeholders it keeps.

Our states as XLIFF segment states (export only: reading back, a changed string is a
draft, whatever the file says, since a translator's edit is not a review):
    draft    → state="initial"  subState="awareprint:draft"  (no person has read it)
    stale    → state="initial"  subState="awareprint:stale"  (the English changed since)
    reviewed → state="reviewed"
    approved → state="final"    (the organisation signed it off)

Placeholders stay plain text ({emergency}), as in the PO file and the language file, not
<ph> elements: one check (importing.py) then holds them for both formats, and what a
translator sees is what the file keeps. Inline markup in a target is refused.

An uploaded file is hostile input: parsed by lxml without a DTD, entities, network or a
huge tree, and refused outright if it declares a DOCTYPE.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .. import __version__
from ..catalogue.language_checks import (
    APPROVED,
    DRAFT,
    PLACEHOLDER,
    REVIEWED,
    STALE,
    source_language,
    string_states,
)
from ..catalogue.load import Catalogue
from ..errors import ContentError, InputError
from .entries import entries_of
from .given import Given, TranslatorFile
from .placements import described, placements
from .po import state_line, translation_of
from .room import Room, room_note

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF_1 = "urn:oasis:names:tc:xliff:document:1.2"
SUB_STATE = "awareprint"  # the prefix of our subState values
STATES = {DRAFT: ("initial", f"{SUB_STATE}:{DRAFT}"), STALE: ("initial", f"{SUB_STATE}:{STALE}"),
          REVIEWED: ("reviewed", None), APPROVED: ("final", None)}
ORIGINAL = re.compile(r"^content/(.+)\.yaml$")
DECLARED = re.compile(r"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']""")
DOCTYPE = re.compile(r"<!(DOCTYPE|ENTITY)")


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def export_xliff(catalogue: Catalogue, code: str, rooms: dict[str, Room] | None = None
                 ) -> str:
    """The XLIFF 2 file of one translation; with `rooms`, each string's room as a note."""
    translation_of(catalogue, code)
    language = catalogue.languages[code]
    source = source_language(catalogue.languages)
    states = string_states(language, source)
    where = placements(catalogue, code)
    english = entries_of(source.strings)
    root = etree.Element(_tag("xliff"), nsmap={None: NAMESPACE}, version="2.0",
                         srcLang=source.language.code, trgLang=code)
    file = etree.SubElement(root, _tag("file"), id="f1", original=f"content/{code}.yaml",
                            canResegment="no")
    _notes(file, [("awareprint", f"{language.language.name} ({language.language.native_name})"
                   f" strings of awareprint {__version__}, from content/{code}.yaml. Read "
                   "back with: python render.py translations import FILE")])
    for name, (entry, text) in entries_of(language.strings).items():
        state = states[entry.key]
        notes = [("state", state_line(language, entry.key, state)),
                 ("location", f"prints on: {described(where.get(name, {}))}")]
        room = rooms.get(name) if rooms else None
        if room is not None and room.limit is not None:
            notes.append(("length", room_note(room)))
        kept = sorted(set(PLACEHOLDER.findall(english[name][1])))
        if kept:
            notes.append(("placeholders", "keep: " + " ".join(f"{{{p}}}" for p in kept)))
        unit = etree.SubElement(file, _tag("unit"), id=name)
        _notes(unit, notes)
        xliff_state, sub_state = STATES[state]
        segment = etree.SubElement(unit, _tag("segment"), state=xliff_state)
        if sub_state:
            segment.set("subState", sub_state)
        etree.SubElement(segment, _tag("source")).text = english[name][1]
        etree.SubElement(segment, _tag("target")).text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          pretty_print=True).decode("utf-8")


def _notes(parent: etree._Element, notes: list[tuple[str, str]]) -> None:
    holder = etree.SubElement(parent, _tag("notes"))
    for category, text in notes:
        etree.SubElement(holder, _tag("note"), category=category).text = text


def is_xliff(text: str) -> bool:
    """Whether a translator's file is XML (a PO file never starts with '<')."""
    return text.lstrip().startswith("<")


def read_xliff(path: Path, text: str) -> TranslatorFile:
    """The language and units of an XLIFF 2 file, or an error naming its line and the
    fix (a file's structure: every problem of its units at once)."""
    declared = DECLARED.match(text)
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise InputError(f"{path}: line 1: the XML declaration says encoding="
                         f"{declared.group(1)!r}; save the file as UTF-8")
    doctype = DOCTYPE.search(text)
    if doctype:
        raise InputError(f"{path}: line {text[:doctype.start()].count(chr(10)) + 1}: a "
                         f"<!{doctype.group(1)}> declaration, which XLIFF never needs and "
                         "which is refused (it can read files or expand without end); "
                         "delete it or export again")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_pis=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        line = f"line {error.lineno}: " if error.lineno else ""
        raise InputError(f"{path}: {line}not well-formed XML ({error.msg}); fix the markup "
                         "there or export again") from None
    if root.tag == f"{{{XLIFF_1}}}xliff":
        raise InputError(f"{path}: line {root.sourceline}: XLIFF 1.2; save it as XLIFF 2.0 "
                         "or export it again as XLIFF 2")
    if root.tag != _tag("xliff") or not root.get("version", "").startswith("2."):
        raise InputError(f"{path}: line {root.sourceline}: not an XLIFF 2 file (its root "
                         f"is <{etree.QName(root).localname}> in "
                         f"{etree.QName(root).namespace or 'no namespace'}); export again "
                         "as XLIFF 2")
    files = root.findall(_tag("file"))
    if len(files) != 1:
        raise InputError(f"{path}: line {root.sourceline}: {len(files)} <file> elements; "
                         "give one language's strings in one <file> as exported")
    source = root.get("srcLang", "")
    if source.lower() != "en":
        raise InputError(f"{path}: line {root.sourceline}: srcLang {source!r}; the English "
                         'is the source of every translation: set srcLang="en"')
    original = ORIGINAL.match(files[0].get("original", ""))
    problems: list[str] = []
    entries = tuple(entry for unit in files[0].iter(_tag("unit"))
                    if (entry := _unit(path, unit, problems)) is not None)
    if problems:
        raise ContentError(problems)
    return TranslatorFile(root.get("trgLang", ""), root.sourceline or 1,
                          original.group(1) if original else None, entries, "trgLang",
                          "trgLang")


def _unit(path: Path, unit: etree._Element, problems: list[str]) -> Given | None:
    """One unit's entry: the text of its segments (and ignorables) in order."""
    name = unit.get("id")
    line = unit.sourceline or 1
    where = f"{path}: line {line}" + (f" ({name})" if name else "")
    if not name:
        problems.append(f"{where}: a <unit> without an id; each unit's id is its key: "
                        "export again")
        return None
    parts = [child for child in unit if child.tag in (_tag("segment"), _tag("ignorable"))]
    texts: dict[str, list[str]] = {"source": [], "target": []}
    for part in parts:
        for side in texts:
            element = part.find(_tag(side))
            if element is None:
                continue
            inline = next(iter(element), None)
            if inline is not None:
                what = (f"inline markup <{etree.QName(inline).localname}>"
                        if isinstance(inline.tag, str) else "an XML comment")
                problems.append(f"{path}: line {inline.sourceline} ({name}): {what} in its "
                                f"{side}; write the text alone, placeholders as {{name}} "
                                "text as exported")
                return None
            texts[side].append(element.text or "")
    if not parts or not texts["source"]:
        problems.append(f"{where}: no <segment> with a <source>; export again")
        return None
    return Given(name, "".join(texts["source"]), "".join(texts["target"]), line)
