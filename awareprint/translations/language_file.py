"""A language file rewritten string by string: only the lines of a string that changed are
written again, so every comment, every other string and the file's layout stay as they
were (no YAML library here writes YAML back with its comments). The result is read back
and compared with what was meant before it is used."""

from __future__ import annotations

import re
import textwrap

import yaml

from ..errors import RenderError

WIDTH = 88                   # the language files' lines (a folded string's)
TOP = re.compile(r"^[^\s#]")  # a line that starts a top-level block
# A string's review record as the language file keeps it: state, by, date (ISO), against
# (the English's fingerprint) and comment, each optional but the state.
Record = dict[str, str | None]
RECORD_FIELDS = ("state", "by", "date", "against", "comment")


def rewrite(text: str, strings: dict[str, str | list[str]], stamped: dict[str, str],
            unsigned: set[str], records: dict[str, Record] | None = None) -> str:
    """`text` with the values of `strings` (only those given) written in, the English
    fingerprint of each key of `stamped` in `translated_from`, the review record of each
    key of `unsigned` taken out (the string is a draft again) and each of `records`
    written in the `review:` block (made at the end of the file if it has none)."""
    records = records or {}
    lines = text.splitlines(keepends=True)
    for key, value in strings.items():
        lines = _replace(lines, "strings", key, _emit(key, value))
    for key, mark in stamped.items():
        lines = _replace(lines, "translated_from", key, [f"  {key}: {_scalar(mark)}\n"])
    for key in unsigned:
        lines = _replace(lines, "review", key, [])
    if records and _block(lines, "review") is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines += ["\n", "review:\n"]
    for key, record in records.items():
        lines = _replace(lines, "review", key, [_record_line(key, record)])
    lines = _drop_empty_block(lines, "review")
    result = "".join(lines)
    _check(result, strings, stamped, unsigned, records)
    return result



def _record_line(key: str, record: Record) -> str:
    """One flow mapping on one line; names and comments double-quoted (whatever they say),
    the fingerprint single-quoted (digits only would read as a number)."""
    parts = []
    for name in RECORD_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if name in ("by", "comment"):
            value = _scalar(value, force=True)
        elif name == "against":
            value = f"'{value}'"
        parts.append(f"{name}: {value}")
    return f"  {key}: {{{', '.join(parts)}}}\n"


def _block(lines: list[str], name: str) -> tuple[int, int] | None:
    """The lines of a top-level block (after its `name:` line, up to the next block)."""
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{name}:")), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if TOP.match(lines[i])), len(lines))
    return start + 1, end


def _replace(lines: list[str], block: str, key: str, new: list[str]) -> list[str]:
    span = _block(lines, block)
    if span is None:
        if not new:
            return lines
        raise RenderError(f"the language file has no {block}: block; run stamp first")
    start, end = span
    head = re.compile(rf"^  {re.escape(key)}:(\s|$)")
    first = next((i for i in range(start, end) if head.match(lines[i])), None)
    if first is None:
        if not new:
            return lines
        last = end
        while last > start and not lines[last - 1].strip():
            last -= 1
        return lines[:last] + new + lines[last:]
    stop = first + 1
    while stop < end and (lines[stop].startswith("   ") or not lines[stop].strip()):
        stop += 1
    while stop > first + 1 and not lines[stop - 1].strip():
        stop -= 1  # blank lines after the value belong to the file's layout
    return lines[:first] + new + lines[stop:]


def _drop_empty_block(lines: list[str], block: str) -> list[str]:
    span = _block(lines, block)
    if span is None or any(line.strip() and not line.lstrip().startswith("#")
                           for line in lines[span[0]:span[1]]):
        return lines
    start = span[0] - 1
    if span[1] == len(lines):  # the file's last block: the blank lines before it go too
        while start > 0 and not lines[start - 1].strip():
            start -= 1
    return lines[:start] + lines[span[1]:]


def _emit(key: str, value: str | list[str]) -> list[str]:
    if isinstance(value, list):
        return [f"  {key}:\n", *(line for item in value for line in _item(item))]
    return _value(f"  {key}:", value, "    ")


def _item(text: str) -> list[str]:
    return _value("    -", text, "      ")


def _value(lead: str, text: str, indent: str) -> list[str]:
    """`lead` and the text: plain on its line when it reads back the same and fits, folded
    (>-) over lines of the file's width when it is long, or double-quoted."""
    plain = f"{lead} {text}\n"
    if len(plain) <= WIDTH + 1 and _reads(plain) == text:
        return [plain]
    wrapped = textwrap.wrap(text, WIDTH - len(indent), break_long_words=False,
                            break_on_hyphens=False)
    folded = [f"{lead} >-\n", *(f"{indent}{line}\n" for line in wrapped)]
    if _reads("".join(folded)) == text:
        return folded
    return [f"{lead} {_scalar(text, force=True)}\n"]


def _scalar(text: str, force: bool = False) -> str:
    if not force and _reads(f"k: {text}\n") == text:
        return text
    return yaml.safe_dump(text, default_style='"', allow_unicode=True,
                          width=float("inf")).strip()


def _reads(snippet: str) -> object:
    """What YAML reads `snippet` as (a key's value or a list's item), or None."""
    body = snippet.lstrip()
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return None
    if isinstance(data, list) and len(data) == 1:
        return data[0]
    if isinstance(data, dict) and len(data) == 1:
        return next(iter(data.values()))
    return None


def _check(result: str, strings: dict[str, str | list[str]], stamped: dict[str, str],
           unsigned: set[str], records: dict[str, Record]) -> None:
    """The rewritten file says what was meant, or nothing is written."""
    data = yaml.safe_load(result)
    wrong = [key for key, value in strings.items() if data["strings"].get(key) != value]
    wrong += [key for key, mark in stamped.items()
              if (data.get("translated_from") or {}).get(key) != mark]
    wrong += [key for key in unsigned if key in (data.get("review") or {})]
    written = data.get("review") or {}
    wrong += [key for key, record in records.items()
              if {name: str(value) for name, value in (written.get(key) or {}).items()}
              != {name: value for name, value in record.items() if value is not None}]
    if wrong:
        raise RenderError(f"rewriting the language file went wrong at {', '.join(wrong)}; "
                          "nothing was written (please report this)")
