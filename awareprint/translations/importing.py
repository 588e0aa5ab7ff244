"""A translator's file (gettext PO or XLIFF 2) read back into its language file.

Each format's reader (here for PO, xliff.py for XLIFF) gives the file's language and
entries (given.py); from there one path checks them, whatever the format.
Nothing is written until everything is checked: the file (UTF-8, of a sensible size, for
a language of the catalogue), each entry (an existing key, the current English, the
placeholders kept, no phone number, no control or direction character), the language's
own checks as the catalogue makes them, and the fit of every piece the changed strings
print on. A string that changed becomes a draft (a translator's edit is not a review)
and is stamped with the English it translates. Every problem names the PO file, the
entry's line and the fix.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib

from ..catalogue.content import language_files
from ..catalogue.language_checks import PLACEHOLDER, fingerprint, source_language
from ..catalogue.load import Catalogue
from ..catalogue.numbers import near_hotline, phone_numbers
from ..catalogue.user_text import JOINERS, REFUSED_CATEGORIES
from ..errors import ContentError, InputError
from ..output import write_atomic
from .entries import EntryKey, entries_of, with_entries
from .fit import Unfit, trial_unfit
from .given import Given, TranslatorFile
from .language_file import rewrite
from .placements import placements
from .po import LANGUAGE_FILE_HEADER, po_language, translation_of
from .xliff import is_xliff, read_xliff

MAX_BYTES = 2 * 1024 * 1024  # a language's PO file is some 20 KB, its XLIFF some 40 KB
STRING_PROBLEM = re.compile(r": strings\.([a-z][a-z0-9_]*)(?:\[(\d+)\])?: (.*)$")


@dataclass(frozen=True)
class Imported:
    code: str
    language_file: Path
    changed: tuple[str, ...]   # the entries whose translation changed
    pieces: int                # the pieces rendered to check their fit
    written: bool


@dataclass(frozen=True)
class _Entry:
    name: str
    where: EntryKey
    text: str
    line: int


def import_po(path: Path, catalogue: Catalogue, workers: int | None = None) -> Imported:
    """Check the translator's file (PO or XLIFF 2) at `path` and write its changed strings
    into their language file, or raise a ContentError naming every problem (nothing
    written)."""
    text = _read(path)
    parsed = read_xliff(path, text) if is_xliff(text) else _po_file(path, text)
    code = _language(path, parsed, catalogue)
    entries = _entries(path, parsed, catalogue, code)
    language = catalogue.languages[code]
    current = entries_of(language.strings)
    changed = [entry for entry in entries if current[entry.name][1] != entry.text]
    file = language_files(catalogue.content_dir)[code]
    if not changed:
        return Imported(code, file, (), 0, False)
    strings = with_entries(language.strings, {entry.where: entry.text for entry in changed})
    keys = sorted({entry.where.key for entry in changed})
    source = source_language(catalogue.languages)
    # A key is stamped with the English it now translates only when the file gave every
    # item of it, each checked against the current English.
    given = {entry.name for entry in entries}
    whole = [key for key in keys if all(name in given for name, (where, _) in current.items()
                                        if where.key == key)]
    new_text = rewrite(file.read_text(encoding="utf-8"), {key: strings[key] for key in keys},
                       {key: fingerprint(source.strings[key]) for key in whole},
                       {key for key in keys if key in language.review})
    lines = {entry.name: entry.line for entry in entries}
    where = placements(catalogue, code)
    layouts = {layout for entry in changed for layout in where.get(entry.name, {})}
    try:
        unfit, pieces = trial_unfit(catalogue, code, file.name, new_text, layouts, workers)
    except ContentError as error:
        raise ContentError([_at_entry(path, problem, lines)
                            for problem in error.problems]) from None
    if unfit:
        raise ContentError([_unfit_line(path, piece, changed, where) for piece in unfit])
    write_atomic(file, new_text.encode("utf-8"))
    return Imported(code, file, tuple(entry.name for entry in changed), pieces, True)


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size / 2**20:.0f} MB; a language's PO or XLIFF "
                             f"file is some 20 to 40 KB and at most {MAX_BYTES // 2**20} MB "
                             "here: give the file of one language")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; give the PO or XLIFF file to read") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a folder; give the PO or XLIFF file to read") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise InputError(f"{path}: line {line}: not UTF-8 (byte 0x{raw[error.start]:02X}); "
                         "save the file as UTF-8 (Poedit and Weblate do)") from None


def _parse(path: Path, text: str) -> polib.POFile:
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        found = re.search(r"line (\d+)", str(error))
        where = f"line {found.group(1)}: " if found else ""
        raise InputError(f"{path}: {where}not a PO file the way gettext writes one "
                         f"({error}); fix the entry's quoting or export again") from None


def _header_line(text: str, field: str) -> int:
    found = re.search(rf'^"{field}:', text, re.MULTILINE)
    return text[:found.start()].count("\n") + 1 if found else 1


def _po_file(path: Path, text: str) -> TranslatorFile:
    """A PO file's language and entries (refusing a charset other than UTF-8)."""
    po = _parse(path, text)
    charset = po.metadata.get("Content-Type", "")
    if "charset=" in charset and charset.split("charset=")[-1].strip().lower() not in (
            "utf-8", "utf8"):
        raise InputError(f"{path}: line {_header_line(text, 'Content-Type')}: the header "
                         f"says {charset!r}; save the file as UTF-8 (charset=UTF-8)")
    lines = text.splitlines()
    entries = tuple(Given(entry.msgctxt or None, entry.msgid, entry.msgstr,
                          _context_line(lines, entry.linenum), bool(entry.msgid_plural))
                    for entry in po if not entry.obsolete)
    return TranslatorFile(po.metadata.get("Language", "").strip(),
                          _header_line(text, "Language"),
                          po.metadata.get(LANGUAGE_FILE_HEADER, "").strip() or None,
                          entries, "Language", "the Language header")


def _language(path: Path, given: TranslatorFile, catalogue: Catalogue) -> str:
    line = given.line
    codes = {code.lower(): code for code in catalogue.languages}
    code = codes.get(given.language.replace("_", "-").lower())
    if code is None:
        raise InputError(f"{path}: line {line}: {given.field} {given.language!r} is no "
                         f"language of the catalogue; set {given.set_to} to one of "
                         f"{', '.join(catalogue.languages)}")
    exported = given.exported
    if exported and exported != code:
        shown = po_language(exported) if given.field == "Language" else exported
        raise InputError(f"{path}: line {line}: {given.field} {given.language!r}, but the "
                         f"file was exported for {exported!r}; set {given.set_to} back to "
                         f"{shown}")
    translation_of(catalogue, code)
    return code


def _entries(path: Path, given: TranslatorFile, catalogue: Catalogue,
             code: str) -> list[_Entry]:
    english = entries_of(source_language(catalogue.languages).strings)
    problems: list[str] = []
    found: dict[str, _Entry] = {}
    for entry in given.entries:
        line = entry.line
        where = f"{path}: line {line}"

        def refuse(message: str, where: str = where, name: str | None = entry.name) -> None:
            problems.append(f"{where} ({name}): {message}" if name else f"{where}: {message}")

        name = entry.name
        if not name:
            refuse("no msgctxt; each entry's context is its key: export again")
            continue
        if name not in english:
            guess = difflib.get_close_matches(name, list(english), n=1)
            refuse("no such string" + (f"; did you mean '{guess[0]}'?" if guess else
                                       "; delete the entry or export again"))
            continue
        if name in found:
            refuse(f"given twice (also line {found[name].line}); keep one")
            continue
        if entry.plural:
            refuse("has plural forms; these strings have none: delete msgid_plural")
            continue
        if entry.english != english[name][1]:
            refuse("its English is not the current English; export again and carry the "
                   "translation over")
            continue
        translated = entry.text.strip()
        problem = text_problem(translated, english[name][1], catalogue)
        if problem:
            refuse(problem)
            continue
        found[name] = _Entry(name, english[name][0], translated, line)
    if problems:
        raise ContentError(problems)
    return list(found.values())


def _context_line(lines: list[str], start: int) -> int:
    """The line of an entry's msgctxt (or msgid), from the line its entry starts on."""
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].startswith(("msgctxt", "msgid")):
            return number
    return start


def text_problem(text: str, english: str, catalogue: Catalogue) -> str | None:
    """What is wrong with a translation of `english` before any piece is set with it
    (None: nothing): empty, an invisible control or direction character, placeholders
    lost or added, a phone number or one that looks like the hotline."""
    if not text:
        return "no translation; translate it, or delete the entry to keep the current one"
    hidden = sorted({char for char in text if unicodedata.category(char) in REFUSED_CATEGORIES
                     and char not in JOINERS})
    if hidden:
        named = ", ".join(f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"
                          for char in hidden)  # not the character: it would reorder the line
        return (f"{named}: an invisible control or direction character; delete it (the "
                "layout sets each language's direction)")
    wanted, got = set(PLACEHOLDER.findall(english)), set(PLACEHOLDER.findall(text))
    if wanted != got:
        lost, extra = sorted(wanted - got), sorted(got - wanted)
        parts = ([f"lost {', '.join('{' + p + '}' for p in lost)}"] if lost else []) + (
            [f"added {', '.join('{' + p + '}' for p in extra)}"] if extra else [])
        return (f"placeholders differ from the English ({'; '.join(parts)}); keep each "
                "{name} exactly as in the English")
    for digits in phone_numbers(text):
        hotline = near_hotline(digits, catalogue)
        if hotline:
            return (f"{digits} is, or is a digit or two off, the hotline's {hotline}; "
                    "numbers print from hotline.yaml: leave them out of the translation")
        return (f"{digits} looks like a phone number; numbers print from hotline.yaml: "
                "leave them out of the translation")
    return None


def _at_entry(po_path: Path, problem: str, lines: dict[str, int]) -> str:
    """A problem of the trial language file, told at the PO entry it comes from."""
    found = STRING_PROBLEM.search(problem)
    if found is None:
        return f"{po_path}: {problem}"
    key, index, message = found.groups()
    name = key if index is None else f"{key}.{index}"
    line = lines.get(name) or next((n for entry, n in lines.items()
                                    if entry.split(".")[0] == key), None)
    where = f"line {line} " if line else ""
    return f"{po_path}: {where}({name}): {message}"


def _unfit_line(po_path: Path, piece: Unfit, changed: list[_Entry],
                where: dict[str, dict[str, set[str]]]) -> str:
    """The changed entry that most likely made a piece overflow: one printed in the slot
    that overflows, else one printed on the piece."""
    layout = piece.job.layout
    on_piece = [entry for entry in changed if layout in where.get(entry.name, {})]
    in_slot = [entry for entry in on_piece if piece.slot in where[entry.name][layout]]
    entry = (in_slot or on_piece or changed)[0]
    fix = "shorten the translation" if piece.slot else "reword the translation"
    return f"{po_path}: line {entry.line} ({entry.name}): {piece.problem}; {fix}"

