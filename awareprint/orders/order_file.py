"""Partner orders: a YAML or CSV file naming the partner and the items to make.

Everything is checked before anything is rendered, and every problem is reported at once,
in file order, with its file, line (YAML) or row (CSV), field and the fix. A field that
fails its check is left out and the rest of its item is still checked, so one mistake
does not hide another. Files an order names (a logo) resolve relative to the order's
folder and may not leave it.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError, field_validator

from ..catalogue.dates import document_date
from ..catalogue.issue import Issue, derived_job_number, job_number
from ..catalogue.jobs import Job, PartnerMark
from ..catalogue.load import Catalogue
from ..catalogue.names import matched, suggestion
from ..catalogue.notices import (
    NoticeRef,
    choose_notice,
    choose_state,
    notice_languages,
    notice_sizes,
)
from ..catalogue.profiles import OFFICE
from ..catalogue.request import SAFE_CONTACT, Request, check_request
from ..catalogue.schema import Strict
from ..catalogue.user_text import partner_problems
from ..errors import ContentError, InputError
from .messages import capped, quoted
from .order_read import Found, Lines, Loc, read_order
from .orderer import (
    DeliverTo,
    Due,
    Issued,
    Orderer,
    delivery_problems,
    orderer_problems,
    stock_problems,
    tidied,
)
from .shop import load_shop, overs_for

MAX_QUANTITY = 100_000
MAX_FILES = 500  # files one order makes; more is several orders (or a mistake)
MAX_LIST = 30    # sizes or languages in one item: more than the catalogue has is a mistake
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
StockText = Annotated[str, StringConstraints(min_length=1, max_length=60)]


class Event(Strict):
    name: Text
    date: datetime.date | None = None

    @property
    def text(self) -> str:
        """As the event line prints it: the date in ISO form, which reads the same in
        every language."""
        return f"{self.name} · {self.date.isoformat()}" if self.date else self.name


class Partner(Strict):
    name: Text
    contact: Text | None = None
    # Whether victim-facing pieces (wallet and discreet cards) print the contact line too
    contact_safe_for_victims: bool = False
    website: Text | None = None
    logo: Text | None = None
    event: Event | None = None


class Item(Strict):
    layout: Text
    sizes: Annotated[list[Text], Field(max_length=MAX_LIST)] = Field(default_factory=list)
    languages: Annotated[list[Text], Field(min_length=1, max_length=MAX_LIST)] = Field(
        default_factory=lambda: ["en"])
    profile: Literal["office", "press"] = "office"
    sheet: Text | None = None
    state: Text | None = None     # a state's required notice (layout: notice)
    notice: Text | None = None    # which of its notices, where it has several
    quantity: Annotated[int, Field(ge=1, le=MAX_QUANTITY)] = 1
    stock: StockText | None = None    # the house's for the layout when not given
    weight: StockText | None = None
    overs: Annotated[int, Field(ge=0, le=MAX_QUANTITY)] | None = None

    _tidy = field_validator("stock", "weight", mode="before")(tidied)

    @field_validator("profile", mode="before")
    @classmethod
    def _any_case(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


class Order(Strict):
    orderer: Orderer | None = None
    due: datetime.date | None = None
    issued: datetime.date | None = None   # the date of issue; else the day it is run
    job: Text | None = None               # the job number; else one made from the order
    deliver_to: DeliverTo | None = None
    partner: Partner
    items: Annotated[list[Item], Field(min_length=1)]


@dataclass(frozen=True)
class OrderItem:
    """One file to make for an order: the job, how many copies, and where it came from."""

    number: int
    job: Job
    quantity: int
    sheet: str | None
    overs: int = 0                 # printed beyond the quantity, for spoilage
    stock: str | None = None       # as the order gives it; the house's when None
    weight: str | None = None


@dataclass(frozen=True)
class LoadedOrder:
    path: Path
    order: Order
    items: tuple[OrderItem, ...]
    logo: Path | None
    issue: Issue | None = None  # the date of issue and job number, as given or made


class OrderProblems(ContentError):
    """An order's problems as lines for a person (file, line, field, fix) and, for a form,
    each field's own messages (`fields`: dotted field name, message)."""

    def __init__(self, lines: list[str], fields: list[tuple[str, str]]) -> None:
        self.fields = fields
        super().__init__(lines)


class ProblemsByLine:
    """Every problem of one order with its line, listed in file order, each once."""

    def __init__(self, path: Path, lines: Lines) -> None:
        self.path, self.lines = path, lines
        self.found: dict[tuple[str, str], int] = {}
        self.unit = "row" if path.suffix.lower() == ".csv" else "line"

    def add(self, loc: Loc, message: str) -> None:
        line = next((self.lines[loc[:end]] for end in range(len(loc), -1, -1)
                     if loc[:end] in self.lines), 0)
        self.found.setdefault((_field(loc), message), line)

    def raise_if_any(self) -> None:
        if not self.found:
            return
        ordered = sorted(self.found, key=self.found.__getitem__)
        raise OrderProblems(capped([self._line(field, message) for field, message in ordered]),
                            ordered)

    def _line(self, field: str, message: str) -> str:
        line = self.found[field, message]
        where = f" {self.unit} {line}" if line else ""
        return f"{self.path}{where}: {field}: {message}"


def load_order(path: Path, catalogue: Catalogue,
               issued: datetime.date | None = None) -> LoadedOrder:
    """Read, validate and expand an order file; OrderProblems lists every problem.
    `issued` is the date of issue when the order gives none (the front end's today)."""
    if not path.is_file():
        raise InputError(f"{path}: no such order file")
    data, lines, found = read_order(path)
    return check_order(data, path, catalogue, lines, found, issued)


def order_partner(path: Path, catalogue: Catalogue) -> PartnerMark:
    """The partner's co-branding of an order file (read and checked whole, as a batch
    reads it), to set on other pieces."""
    loaded = load_order(path, catalogue)
    partner = loaded.order.partner
    return PartnerMark(partner.name, partner.contact, partner.website, loaded.logo)


def check_order(data: Any, path: Path, catalogue: Catalogue, lines: Lines | None = None,
                found: Found | None = None,
                issued: datetime.date | None = None) -> LoadedOrder:
    """Validate and expand an order's data as read from `path` (a logo it names is looked
    for beside it); OrderProblems lists every problem. The date of issue is the order's,
    else `issued`, else (no front end said) the day the hotline's facts were checked, so
    that the same call gives the same files."""
    problems = ProblemsByLine(path, lines or {})
    for loc, message in found or ():
        problems.add(loc, message)
    for key in data:
        if key not in Order.model_fields:
            guess = difflib.get_close_matches(str(key), list(Order.model_fields), n=1)
            problems.add((key,), "unknown field; " + (
                f"did you mean '{guess[0]}'?" if guess else
                f"an order has {', '.join(Order.model_fields)}"))
    orderer = None
    if "orderer" in data:
        orderer, _ = _validated(Orderer, data["orderer"], ("orderer",), problems)
        for field, problem in orderer_problems(orderer, catalogue) if orderer else ():
            problems.add(("orderer", field), problem)
    due = None
    if "due" in data:
        checked_due, _ = _validated(Due, {"due": data["due"]}, (), problems)
        due = checked_due.due if checked_due else None
    issue = _issue(data, catalogue, problems, issued)
    deliver_to = None
    if "deliver_to" in data:
        deliver_to, _ = _validated(DeliverTo, data["deliver_to"], ("deliver_to",), problems)
        for field, problem in delivery_problems(deliver_to, catalogue) if deliver_to else ():
            problems.add(("deliver_to", *(field if isinstance(field, tuple) else (field,))),
                         problem)
    partner = None
    if "partner" in data:
        partner, _ = _validated(Partner, data["partner"], ("partner",), problems)
    else:
        problems.add(("partner",), "missing; add the partner's name (partner: {name: ...})")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.add(("items",), "missing or empty; list at least one item")
        raw_items = []
    elif len(raw_items) > MAX_FILES:
        problems.add(("items",), f"{len(raw_items):,} items; one order makes at most "
                     f"{MAX_FILES} files: split it")
        raw_items = []
    checked = [(index, *_validated(Item, raw, ("items", index), problems))
               for index, raw in enumerate(raw_items)]
    entries = [(index, item, whole) for index, item, whole in checked if item is not None]
    for index, item, _whole in entries:
        for field in ("stock", "weight"):
            text = getattr(item, field)
            for problem in stock_problems(text, catalogue) if text else ():
                problems.add(("items", index, field), problem)
    logo = _logo(path, partner.logo, problems) if partner and partner.logo else None
    mark = None
    if partner is not None and partner.name is not None:
        mark = PartnerMark(partner.name, partner.contact, partner.website, logo,
                           partner.contact_safe_for_victims)
        for field, problem in partner_problems(mark, catalogue):
            problems.add(("partner", field), problem)
    event = partner.event.text if partner is not None and partner.event else None
    items = _items(entries, catalogue, mark, event, issue, problems)
    problems.raise_if_any()
    order = Order.model_construct(orderer=orderer, due=due, partner=partner,
                                  issued=issue.date, job=issue.job, deliver_to=deliver_to,
                                  items=[item for _, item, _ in entries])
    return LoadedOrder(path, order, tuple(items), logo, issue)


def _issue(data: dict[str, Any], catalogue: Catalogue, problems: ProblemsByLine,
           default: datetime.date | None) -> Issue:
    """The order's date of issue and job number: as it gives them, else the front end's
    date and a number made from the order's content and that date (derived_job_number)."""
    issued = default or document_date(catalogue.hotline.checked).date()
    if "issued" in data:
        checked, _ = _validated(Issued, {"issued": data["issued"]}, (), problems)
        issued = checked.issued if checked and checked.issued else issued
    if "job" in data:
        try:
            return Issue(issued, job_number(str(data["job"]), catalogue))
        except InputError as error:
            problems.add(("job",), str(error))
    content = json.dumps({key: value for key, value in data.items()
                          if key not in ("issued", "job")}, sort_keys=True, default=str)
    return Issue(issued, derived_job_number(content.encode(), issued))


Model = type[Partner] | type[Item] | type[Orderer] | type[Due] | type[Issued] | type[DeliverTo]


def _validated(model: Model, data: Any, prefix: Loc,
               problems: ProblemsByLine) -> tuple[Any, bool]:
    """The model, and whether it is whole; when it is not, the fields that passed (a
    required one that failed is None) so that their own checks still run."""
    try:
        return model.model_validate(data), True
    except ValidationError as error:
        issues = error.errors()
    for issue in issues:
        problems.add((*prefix, *issue["loc"]), _explain(issue, model))
    if not isinstance(data, dict):
        return None, False
    failed = {issue["loc"][0] for issue in issues if issue["loc"]}
    kept = {key: value for key, value in data.items()
            if key in model.model_fields and key not in failed}
    absent = [name for name, field in model.model_fields.items()
              if field.is_required() and name not in kept]
    try:  # every required field is text: a stand-in passes, then is taken out again
        partial = model.model_validate({**kept, **dict.fromkeys(absent, "-")})
    except ValidationError:
        return None, False
    return partial.model_copy(update=dict.fromkeys(absent)), False


def _explain(issue: Any, model: Model) -> str:
    kind, loc = issue["type"], issue["loc"]
    if kind == "missing":
        return "missing; add it"
    if kind == "extra_forbidden":
        fields = Event.model_fields if "event" in loc[:-1] else model.model_fields
        guess = difflib.get_close_matches(str(loc[-1]), list(fields), n=1)
        return (f"unknown field; did you mean '{guess[0]}'?" if guess
                else f"unknown field; fields: {', '.join(fields)}")
    if loc and loc[-1] == "quantity" and kind in ("less_than_equal", "greater_than_equal"):
        return f"{quoted(issue.get('input'))} is not a sane quantity; give 1 to {MAX_QUANTITY:,}"
    if kind in ("bool_parsing", "bool_type"):
        return f"not yes or no; write true or false; got {quoted(issue.get('input'))}"
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"not a whole number; give one such as 250; got {quoted(issue.get('input'))}"
    if loc[-2:] == ("event", "date") or loc[-1:] in (("due",), ("issued",)):
        return f"not a date; write it year-month-day (2027-03-14); got {quoted(issue.get('input'))}"
    if kind == "too_long" and isinstance(issue.get("input"), list):
        if loc[-1:] == ("address",):
            return (f"{len(issue['input']):,} lines; an address has at most "
                    f"{issue.get('ctx', {}).get('max_length')}")
        return f"{len(issue['input']):,} entries; give each once, at most {MAX_LIST}"
    if kind == "string_too_long" and isinstance(issue.get("input"), str):
        return (f"{len(issue['input']):,} characters; shorten it to "
                f"{issue.get('ctx', {}).get('max_length')}; got {quoted(issue['input'])}")
    if kind == "value_error":
        return str(issue["msg"]).removeprefix("Value error, ")
    if kind in ("model_type", "dict_type"):
        return f"expected fields beneath it; got {quoted(issue.get('input'))}"
    return f"{issue['msg']}; got {quoted(issue.get('input'))}"


def _field(loc: Loc) -> str:
    return ".".join(str(part) if re.fullmatch(r"[\w-]{1,40}", str(part)) else quoted(part)
                    for part in loc)


def _logo(path: Path, name: str, problems: ProblemsByLine) -> Path | None:
    from .logo_file import check_logo  # Pillow, only for an order that has a logo

    loc = ("partner", "logo")
    if "://" in name:
        problems.add(loc, f"{quoted(name)} is a URL; give a file next to the order instead")
        return None
    folder = path.parent.resolve()
    logo = (folder / name).resolve()
    if not logo.is_relative_to(folder):
        problems.add(loc, f"{quoted(name)} leaves the order's folder; put the logo beside "
                     "the order")
        return None
    reason = check_logo(logo)
    if reason:
        problems.add(loc, reason)
        return None
    return logo


@dataclass(frozen=True)
class ItemPlan:
    """One item's names as the catalogue spells them, with the list position each came
    from (layout empty when unknown); `whole` when every field passed and the item can be
    made."""

    index: int
    item: Item
    layout: str
    sizes: tuple[str, ...]
    languages: tuple[tuple[int, str], ...]
    sheet: str | None
    whole: bool
    notice: NoticeRef | None = None
    state_fits: bool = True         # the item's state (or none) fits its layout

    @property
    def files(self) -> int:
        return len(self.sizes) * len(self.languages)


def _items(entries: list[tuple[int, Item, bool]], catalogue: Catalogue,
           mark: PartnerMark | None, event: str | None, issue: Issue,
           problems: ProblemsByLine) -> list[OrderItem]:
    plans = [_plan(index, item, whole, catalogue, problems) for index, item, whole in entries]
    total = sum(plan.files for plan in plans)
    if total > MAX_FILES:
        problems.add(("items",), f"the order makes {total:,} files (sizes × languages of "
                     f"every item); one order makes at most {MAX_FILES}: split it")
        return []
    items: list[OrderItem] = []
    seen: dict[tuple[Job, str | None], int] = {}
    for plan in plans:
        if not plan.layout or not plan.state_fits or (plan.item.state is not None
                                                      and plan.notice is None):
            continue
        spec = catalogue.layouts[plan.layout]
        loc = ("items", plan.index)
        for size in plan.sizes:
            for position, language in plan.languages:
                request = Request(plan.layout, size, (language,), plan.item.profile,
                                  event=event if spec.event else None, partner=mark,
                                  state=plan.notice.state if plan.notice else None,
                                  notice=plan.notice.notice if plan.notice else None,
                                  issued=issue.date.isoformat(), job=issue.job)
                checked = check_request(request, catalogue)
                if not checked.problems and plan.sheet is not None:
                    # As the batch makes it: on the sheet, in the sheet's profile.
                    on_sheet = replace(request, profile=OFFICE, sheet=plan.sheet)
                    checked = replace(checked,
                                      problems=check_request(on_sheet, catalogue).problems)
                for problem in checked.problems:
                    problems.add(_order_loc(problem.field, loc, position), problem.message)
                if checked.problems:
                    continue
                job = checked.jobs[0]
                if not plan.whole:
                    continue  # checked for its own mistakes; made only once all are mended
                first = seen.setdefault((job, plan.sheet), plan.index)
                if first != plan.index:
                    problems.add(loc, f"{job.label} is also in item {first + 1}; give it "
                                 "once with the quantities added together")
                    continue
                items.append(_order_item(len(items) + 1, job, plan, catalogue))
    return items


# Where a request's field is in an order: the partner's lines and event are the order's,
# the rest the item's.
ORDER_FIELDS: dict[str, Loc] = {"event": ("partner", "event", "name"), "partner": ("partner",),
                                SAFE_CONTACT: ("partner", "contact_safe_for_victims"),
                                "issued": ("issued",), "job": ("job",)}
ITEM_FIELDS = {"size": "sizes", "profile": "profile", "state": "state", "notice": "notice",
               "layout": "layout", "sheet": "sheet"}


def _order_loc(field: str, item: Loc, language_position: int) -> Loc:
    """The place in the order of a problem with a request's field, for one language of an
    item (at `language_position` in its list)."""
    if field in ORDER_FIELDS:
        return ORDER_FIELDS[field]
    if field == "languages":
        return (*item, "languages", language_position)
    return (*item, ITEM_FIELDS[field]) if field in ITEM_FIELDS else item


def _order_item(number: int, job: Job, plan: ItemPlan, catalogue: Catalogue) -> OrderItem:
    item = plan.item
    overs = item.overs if item.overs is not None else overs_for(
        load_shop(catalogue.layouts_dir), item.quantity)
    return OrderItem(number, job, item.quantity, plan.sheet, overs, item.stock, item.weight)


def _plan(index: int, item: Item, whole: bool, catalogue: Catalogue,
          problems: ProblemsByLine) -> ItemPlan:
    """The item's layout, sizes, languages and sheet checked one by one, each mistake at
    its own line."""
    loc = ("items", index)
    layout = None
    if item.layout is not None:
        layout = matched(item.layout, catalogue.layouts)
        if layout is None:
            problems.add((*loc, "layout"), f"unknown layout {quoted(item.layout)}; "
                         f"{suggestion(item.layout, catalogue.layouts)}")
    sheet = item.sheet
    if item.sheet is not None:
        sheet = matched(item.sheet, catalogue.sheets)
        if sheet is None:
            problems.add((*loc, "sheet"), f"unknown sheet {quoted(item.sheet)}; "
                         f"{suggestion(item.sheet, catalogue.sheets)}")
    notice = _notice(item, loc, catalogue, problems)
    state_fits = _state_fits(item, layout, catalogue, loc, problems)
    sizes: list[str] = []
    if layout is not None:
        spec = catalogue.layouts[layout]
        for position, raw in enumerate(item.sizes):
            size = matched(raw, spec.sizes)
            if size is None:
                problems.add((*loc, "sizes", position), f"{layout} has no size {quoted(raw)}; "
                             f"{suggestion(raw, spec.sizes)}")
            elif size in sizes:
                problems.add((*loc, "sizes", position), f"size {size} is given twice; give "
                             "it once")
            else:
                sizes.append(size)
        if not item.sizes:
            sizes.append(spec.default_size if notice is None or not spec.state_notice
                         else _notice_size(catalogue, layout, notice))
    asked = item.languages
    if notice is not None and "languages" not in item.model_fields_set:
        asked = notice_languages(catalogue.notices[notice.state].notices[notice.notice])
    languages: list[tuple[int, str]] = []
    for position, raw in enumerate(asked):
        parts = [part.strip() for part in raw.split("+")]
        codes = [matched(part, catalogue.languages) for part in parts]
        for part, code in zip(parts, codes, strict=True):
            if code is None:
                problems.add((*loc, "languages", position), f"unknown language "
                             f"{quoted(part)}; {suggestion(part, catalogue.languages)}")
        if None in codes:
            continue
        language = "+".join(code for code in codes if code)
        if language in (known for _, known in languages):
            problems.add((*loc, "languages", position), f"{language} is given twice; give it "
                         "once")
        else:
            languages.append((position, language))
    named = (layout is not None and len(sizes) == max(1, len(item.sizes))
             and len(languages) == len(asked)
             and (item.sheet is None or sheet is not None)
             and (item.state is None or notice is not None) and state_fits)
    return ItemPlan(index, item, layout or "", tuple(sizes), tuple(languages), sheet,
                whole and named, notice, state_fits)


def _state_fits(item: Item, layout: str | None, catalogue: Catalogue, loc: Loc,
                problems: ProblemsByLine) -> bool:
    """Whether the item's state (or its lack) fits its layout: a state's notice is the
    notice layout's alone, and that layout prints nothing without one."""
    if layout is None:
        return True
    takes_state = catalogue.layouts[layout].state_notice
    if item.state is not None and not takes_state:
        with_state = [name for name, spec in catalogue.layouts.items() if spec.state_notice]
        problems.add((*loc, "state"), f"{layout} prints no state's notice; leave the state "
                     f"out, or choose {' or '.join(with_state)}")
        return False
    if item.state is None and takes_state:
        problems.add((*loc, "state"), f"{layout} prints a state's required notice: give the "
                     f"state, one of {', '.join(sorted(catalogue.notices))}")
        return False
    return True


def _notice_size(catalogue: Catalogue, layout: str, notice: NoticeRef) -> str:
    """The size a state's notice is made in when an item names none."""
    return notice_sizes(catalogue.notices[notice.state].notices[notice.notice],
                        catalogue.layouts[layout].sizes, catalogue.sizes)[0]


def _notice(item: Item, loc: tuple[Any, ...], catalogue: Catalogue,
            problems: ProblemsByLine) -> NoticeRef | None:
    """The state's notice an item names, checked (check_request says if its layout takes
    one)."""
    if item.state is None:
        if item.notice is not None:
            problems.add((*loc, "notice"), "a notice needs its state: add state (e.g. FL)")
        return None
    try:
        state = choose_state(catalogue.notices, item.state)
    except InputError as error:
        problems.add((*loc, "state"), str(error))
        return None
    try:
        return choose_notice(catalogue.notices, state.state, item.notice)
    except InputError as error:
        problems.add((*loc, "notice"), str(error))
        return None
