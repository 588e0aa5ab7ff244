"""Partner orders: a YAML or CSV file naming the partner and the items to make.

Everything is checked before anything is rendered, and every problem is reported at once
with its file, line (YAML) or row (CSV), field and the fix. Files an order names (a logo)
resolve relative to the order's folder and may not leave it.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, StringConstraints, ValidationError

from ..catalogue.jobs import Job, PartnerMark, make_job
from ..catalogue.load import Catalogue
from ..catalogue.schema import Strict, UniqueKeyLoader
from ..catalogue.user_text import partner_problems
from ..errors import ContentError, InputError

MAX_QUANTITY = 100_000
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Event(Strict):
    name: Text
    date: datetime.date | None = None


class Partner(Strict):
    name: Text
    contact: Text | None = None
    website: Text | None = None
    logo: Text | None = None
    event: Event | None = None


class Item(Strict):
    layout: Text
    sizes: list[Text] = Field(default_factory=list)
    languages: Annotated[list[Text], Field(min_length=1)] = Field(
        default_factory=lambda: ["en"])
    profile: Literal["office", "press"] = "office"
    sheet: Text | None = None
    quantity: Annotated[int, Field(ge=1, le=MAX_QUANTITY)] = 1


class Order(Strict):
    partner: Partner
    items: Annotated[list[Item], Field(min_length=1)]


@dataclass(frozen=True)
class OrderItem:
    """One file to make for an order: the job, how many copies, and where it came from."""

    number: int
    job: Job
    quantity: int
    sheet: str | None


@dataclass(frozen=True)
class LoadedOrder:
    path: Path
    order: Order
    items: tuple[OrderItem, ...]
    logo: Path | None


def load_order(path: Path, catalogue: Catalogue) -> LoadedOrder:
    """Read, validate and expand an order; a ContentError lists every problem."""
    if not path.is_file():
        raise InputError(f"{path}: no such order file")
    data, lines = _read(path)
    problems: list[str] = []
    for key in data:
        if key not in Order.model_fields:
            guess = difflib.get_close_matches(str(key), list(Order.model_fields), n=1)
            problems.append(_problem(path, lines, (key,), "unknown field; " + (
                f"did you mean '{guess[0]}'?" if guess else "an order has partner and items")))
    partner = _validated(Partner, data.get("partner"), ("partner",), path, lines, problems)
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(_problem(path, lines, ("items",),
                                 "missing or empty; list at least one item"))
        raw_items = []
    valid = [(index, item) for index, raw in enumerate(raw_items)
             if (item := _validated(Item, raw, ("items", index), path, lines, problems))]
    order = Order.model_construct(partner=partner, items=[item for _, item in valid])
    logo = _logo(path, order, lines, problems) if partner else None
    mark = None
    if partner is not None:
        mark = PartnerMark(partner.name, partner.contact, partner.website, logo)
        for field, problem in partner_problems(mark, catalogue):
            problems.append(_problem(path, lines, ("partner", field), problem))
    items = _items(path, order, valid, lines, catalogue, mark, problems)
    if problems:
        raise ContentError(problems)
    return LoadedOrder(path, order, tuple(items), logo)


def _validated(model: type[Partner] | type[Item], data: Any, prefix: tuple[Any, ...],
               path: Path, lines: dict, problems: list[str]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for issue in error.errors():
            problems.append(_problem(path, lines, (*prefix, *issue["loc"]),
                                     _explain(issue, model)))
        return None


def _read(path: Path) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """The order's data, and the line (or CSV row) of every field."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8' (or YAML in UTF-8)"
                         ) from None
    if path.suffix.lower() == ".csv":
        return _read_csv(path, text)
    try:
        node = yaml.compose(text, Loader=UniqueKeyLoader)
        data = yaml.load(text, Loader=UniqueKeyLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputError(f"{path}{where}: YAML syntax: {reason}; fix the indentation or "
                         "quoting") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: empty or not an order; it needs 'partner' and 'items'")
    lines: dict[tuple[Any, ...], int] = {}
    _index(node, (), lines)
    return data, lines


def _index(node: yaml.Node | None, loc: tuple[Any, ...], lines: dict) -> None:
    if node is None:
        return
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(*loc, key.value)] = key.start_mark.line + 1
            _index(value, (*loc, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _index(value, (*loc, index), lines)


CSV_PARTNER = {"partner": "name", "contact": "contact", "website": "website", "logo": "logo"}
CSV_ITEM = ("layout", "sizes", "languages", "profile", "sheet", "quantity")


def _read_csv(path: Path, text: str) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """An order kept in a spreadsheet: one item a row; partner columns on the first row."""
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    if not rows:
        raise InputError(f"{path}: no rows; the first row names the columns: partner, "
                         f"{', '.join(CSV_ITEM)}")
    known = {*CSV_PARTNER, "event", "event_date", *CSV_ITEM}
    for column in rows[0]:
        if column and column.strip().lower() not in known:
            guess = difflib.get_close_matches(column.strip().lower(), sorted(known), n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"columns: {', '.join(known)}"
            raise InputError(f"{path} row 1: unknown column '{column}'; {hint}")
    first = {k.strip().lower(): (v or "").strip() for k, v in rows[0].items() if k}
    partner: dict[str, Any] = {field: first[column] for column, field in CSV_PARTNER.items()
                               if first.get(column)}
    if first.get("event"):
        partner["event"] = {"name": first["event"], **(
            {"date": first["event_date"]} if first.get("event_date") else {})}
    items = []
    lines: dict[tuple[Any, ...], int] = {("partner",): 2}
    for number, row in enumerate(rows):
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        item: dict[str, Any] = {}
        for column in CSV_ITEM:
            value = cells.get(column, "")
            if not value:
                continue
            item[column] = value.split() if column in ("sizes", "languages") else value
        items.append(item)
        lines[("items", number)] = number + 2  # row 1 is the header
    return {"partner": partner, "items": items}, lines


def _problem(path: Path, lines: dict, loc: tuple[Any, ...], message: str) -> str:
    where = ""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            unit = "row" if path.suffix.lower() == ".csv" else "line"
            where = f" {unit} {lines[loc[:end]]}"
            break
    field = ".".join(str(part) for part in loc)
    return f"{path}{where}: {field}: {message}"


def _explain(issue: Any, model: type[Partner] | type[Item]) -> str:
    kind, loc = issue["type"], issue["loc"]
    if kind == "missing":
        return "missing; add it"
    if kind == "extra_forbidden":
        fields = Event.model_fields if "event" in loc[:-1] else model.model_fields
        guess = difflib.get_close_matches(str(loc[-1]), list(fields), n=1)
        return (f"unknown field; did you mean '{guess[0]}'?" if guess
                else f"unknown field; fields: {', '.join(fields)}")
    if loc and loc[-1] == "quantity" and kind in ("less_than_equal", "greater_than_equal"):
        return f"{issue.get('input')!r} is not a sane quantity; give 1 to {MAX_QUANTITY:,}"
    return f"{issue['msg']}; got {issue.get('input')!r}"


def _logo(path: Path, order: Order, lines: dict, problems: list[str]) -> Path | None:
    from .logo_file import check_logo

    name = order.partner.logo
    if name is None:
        return None
    loc = ("partner", "logo")
    if "://" in name:
        problems.append(_problem(path, lines, loc, f"'{name}' is a URL; give a file next to "
                                 "the order instead"))
        return None
    folder = path.parent.resolve()
    logo = (folder / name).resolve()
    if not logo.is_relative_to(folder):
        problems.append(_problem(path, lines, loc, f"'{name}' leaves the order's folder; put "
                                 "the logo beside the order"))
        return None
    reason = check_logo(logo)
    if reason:
        problems.append(_problem(path, lines, loc, reason))
        return None
    return logo


def _items(path: Path, order: Order, valid: list[tuple[int, Item]], lines: dict,
           catalogue: Catalogue, mark: PartnerMark | None, problems: list[str]
           ) -> list[OrderItem]:
    items: list[OrderItem] = []
    partner = order.partner
    event = partner.event.name if partner is not None and partner.event else None
    seen: dict[tuple[Job, str | None], int] = {}
    for index, item in valid:
        loc = ("items", index)
        spec = catalogue.layouts.get(item.layout)
        if spec is None:
            guess = difflib.get_close_matches(item.layout, list(catalogue.layouts), n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else \
                f"choose from: {', '.join(catalogue.layouts)}"
            problems.append(_problem(path, lines, (*loc, "layout"),
                                     f"unknown layout '{item.layout}'; {hint}"))
            continue
        if item.sheet is not None and item.sheet not in catalogue.sheets:
            problems.append(_problem(path, lines, (*loc, "sheet"),
                                     f"unknown sheet '{item.sheet}'; choose from: "
                                     f"{', '.join(catalogue.sheets)}"))
            continue
        for size in item.sizes or [spec.default_size]:
            for language in item.languages:
                try:
                    job = make_job(catalogue, item.layout, size, language,
                                   event if spec.event else None, None, item.profile, mark)
                except InputError as error:
                    problems.append(_problem(path, lines, loc, str(error)))
                    continue
                first = seen.setdefault((job, item.sheet), index)
                if first != index:
                    problems.append(_problem(path, lines, loc, f"{job.label} is also in item "
                                             f"{first + 1}; give it once with the quantities "
                                             "added together"))
                    continue
                items.append(OrderItem(len(items) + 1, job, item.quantity, item.sheet))
    return items
