"""An order file read in bounded memory and time: its data, and the line (YAML) or row
(CSV) of every field for the messages.

A YAML alias repeats what its anchor names without copying the text, so a few hundred
bytes of nested aliases expand to gigabytes; an order has no use for them and they are
refused from the parser's events, before anything is built.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ..catalogue.schema import UniqueKeyLoader
from ..errors import ContentError, InputError
from .messages import capped, plain, quoted

MAX_ORDER_BYTES = 1024 * 1024
MAX_DEPTH = 12  # an order nests four deep (items, an item, its sizes); far more is an attack
MAX_VALUES = 50_000  # 500 items of a few fields and lists; far more is not an order
MAX_DIGITS = 1000  # Python reads no integer of over 4,300 digits; no order needs 20
INTEGER = re.compile(r"[-+]?[0-9_]+")
ALIASES = "YAML aliases (&name / *name) are not allowed in an order; write the values out"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

Loc = tuple[Any, ...]
Lines = dict[Loc, int]
Found = list[tuple[Loc, str]]


class OrderLoader(UniqueKeyLoader):  # type: ignore[misc,valid-type]
    """Dates stay text, for the order's model to read: a bad one (2027-13-40) is then
    reported at its line instead of failing the whole file."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
        for first, resolvers in UniqueKeyLoader.yaml_implicit_resolvers.items()}


def read_order(path: Path) -> tuple[Any, Lines, Found]:
    """The order's data, the line (or row) of every field, and problems found reading
    it that do not stop the rest being checked."""
    with path.open("rb") as file:
        data = file.read(MAX_ORDER_BYTES + 1)
    if len(data) > MAX_ORDER_BYTES:
        raise InputError(f"{path}: over {MAX_ORDER_BYTES // 2**20} MB, the most an order file "
                         "may be; split it into several orders")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8' (or YAML in UTF-8)"
                         ) from None
    if path.suffix.lower() == ".csv":
        return read_csv(path, text)
    data, lines = read_yaml(path, text)
    return data, lines, []


def read_yaml(path: Path, text: str) -> tuple[Any, Lines]:
    _scan(path, text)
    loader = OrderLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise _syntax(path, error) from None
    except ValueError as error:  # what _scan does not foresee still gets one clear line
        raise InputError(f"{path}: a value cannot be read ({plain(str(error), 60)}); "
                         "correct it") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise InputError(f"{path}: empty or not an order; it needs 'partner' and 'items'")
    return data, _index(node)


def _scan(path: Path, text: str) -> None:
    """Every anchor and alias, from the parser's events (which never expand them); and
    nesting or a number of values no order has, before anything is built of them."""
    lines: list[int] = []
    depth = 0
    try:
        for count, event in enumerate(yaml.parse(text, Loader=OrderLoader)):
            line = event.start_mark.line + 1
            if count > MAX_VALUES:
                raise InputError(f"{path} line {line}: over {MAX_VALUES:,} values; an order "
                                 "is a partner and at most a few hundred items: split it")
            if (isinstance(event, yaml.ScalarEvent) and event.implicit[0]
                    and len(event.value) > MAX_DIGITS and INTEGER.fullmatch(event.value)):
                raise InputError(f"{path} line {line}: a number of {len(event.value):,} "
                                 "digits; correct it")
            aliased = isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)
            if aliased and (not lines or lines[-1] != line):
                lines.append(line)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise InputError(f"{path} line {line}: nested more than {MAX_DEPTH} deep; "
                                     "an order is a partner and a list of items")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        if not lines:
            raise _syntax(path, error) from None
    if lines:
        raise ContentError(capped([f"{path} line {line}: {ALIASES}" for line in lines]))


def _syntax(path: Path, error: yaml.YAMLError) -> InputError:
    mark = getattr(error, "problem_mark", None)
    where = f" line {mark.line + 1}" if mark is not None else ""
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    return InputError(f"{path}{where}: YAML syntax: {plain(reason)}; fix the indentation or "
                      "quoting")


def _index(root: yaml.Node) -> Lines:
    """The line of every field (its key's line) and of every list element."""
    lines: Lines = {}
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    lines[(*loc, key.value)] = key.start_mark.line + 1
                    stack.append((value, (*loc, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((value, (*loc, index)) for index, value in enumerate(node.value))
    return lines


CSV_PARTNER = {"partner": "name", "contact": "contact",
               "contact_safe_for_victims": "contact_safe_for_victims", "website": "website",
               "logo": "logo"}
CSV_EVENT = {"event": "name", "event_date": "date"}
CSV_ORDERER = {"orderer": "name", "orderer_email": "email", "orderer_phone": "phone"}
CSV_ORDER = ("due", "issued", "job")
CSV_DELIVERY = {"deliver_to": "name", "deliver_to_address": "address"}
# The order's columns, not an item's: read from the first row.
CSV_FIRST_ROW = (*CSV_PARTNER, *CSV_EVENT, *CSV_ORDERER, *CSV_ORDER, *CSV_DELIVERY)
CSV_ITEM = ("layout", "sizes", "languages", "profile", "sheet", "quantity", "stock", "weight",
            "overs", "state", "notice")
CSV_COLUMNS = (*CSV_FIRST_ROW, *CSV_ITEM)
LIST_SEPARATORS = re.compile(r"[\s,;]+")


def read_csv(path: Path, text: str) -> tuple[Any, Lines, Found]:
    """An order kept in a spreadsheet: one item a row, the partner on the first row.

    The delimiter is the header's (a comma, or the semicolon of European spreadsheets);
    quoting is standard CSV, as Excel, LibreOffice and Google Sheets write it.
    """
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(f"{path}: not a readable CSV file ({plain(str(error), 80)}); save it "
                         "again as CSV from the spreadsheet") from None
    columns = _columns(path, records[0] if records else [])
    rows = [(number, record) for number, record in enumerate(records[1:], start=2)
            if any(cell.strip() for cell in record)]
    if not rows:
        raise InputError(f"{path}: no rows; the first row names the columns: partner, "
                         f"{', '.join(CSV_ITEM)}")
    found: Found = []
    partner_row, first = rows[0][0], _cells(columns, rows[0][1])
    partner: dict[str, Any] = {field: first[column] for column, field in CSV_PARTNER.items()
                               if first.get(column)}
    event = {field: first[column] for column, field in CSV_EVENT.items() if first.get(column)}
    if event:
        partner["event"] = event
    order: dict[str, Any] = {"partner": partner}
    orderer = {field: first[column] for column, field in CSV_ORDERER.items()
               if first.get(column)}
    if orderer:
        order["orderer"] = orderer
    order.update({column: first[column] for column in CSV_ORDER if first.get(column)})
    delivery = {field: first[column] for column, field in CSV_DELIVERY.items()
                if first.get(column)}
    if delivery.get("address"):  # the lines of one cell: on lines of their own, or " / "
        delivery["address"] = [line for part in delivery["address"].splitlines()
                               for line in part.split(" / ")]
    if delivery:
        order["deliver_to"] = delivery
    lines: Lines = {("partner",): partner_row, ("orderer",): partner_row, ("due",): partner_row,
                    ("issued",): partner_row, ("job",): partner_row,
                    ("deliver_to",): partner_row}
    items = []
    for index, (number, record) in enumerate(rows):
        cells = _cells(columns, record)
        if len(record) > len(columns) and any(cell.strip() for cell in record[len(columns):]):
            found.append((("items", index), "this row has more cells than the header has columns; "
                          f"put a value holding a '{delimiter}' in double quotes"))
        for column in CSV_FIRST_ROW:
            if index and cells.get(column) and cells[column] != first.get(column):
                found.append((("items", index), f"{column} {quoted(cells[column])} differs from "
                              f"row {partner_row}; the partner is read from the first row only, "
                              "so leave it empty here"))
        item: dict[str, Any] = {}
        for column in CSV_ITEM:
            value = cells.get(column, "")
            if value:
                item[column] = ([part for part in LIST_SEPARATORS.split(value) if part]
                                if column in ("sizes", "languages") else value)
        items.append(item)
        lines[("items", index)] = number
    return {**order, "items": items}, lines, found


def _columns(path: Path, header: list[str]) -> list[str]:
    """The header's column names; an unknown or repeated one stops the order here."""
    columns = [cell.strip().lower() for cell in header]
    named = sum(1 for column in columns if column)
    if named > 2 * len(CSV_COLUMNS):
        raise InputError(f"{path} row 1: {named:,} columns; an order's are: "
                         f"{', '.join(CSV_COLUMNS)}")
    problems = []
    for position, column in enumerate(columns):
        if not column:
            continue
        if column not in CSV_COLUMNS:
            guess = difflib.get_close_matches(column, CSV_COLUMNS, n=1)
            hint = (f"did you mean '{guess[0]}'?" if guess
                    else f"columns: {', '.join(CSV_COLUMNS)}")
            problems.append(f"{path} row 1: unknown column {quoted(header[position].strip())}; "
                            f"{hint}")
        elif column in columns[:position]:
            problems.append(f"{path} row 1: column '{column}' appears twice; keep one")
    if problems:
        raise ContentError(capped(problems))
    return columns


def _cells(columns: list[str], record: list[str]) -> dict[str, str]:
    """A row's cells by column; a short row's missing cells are empty."""
    return {column: cell.strip()
            for column, cell in zip(columns, record[:len(columns)], strict=False) if column}
