"""The order form: its fields as the order file's data, and the order's problems back at
the fields they are about.

A form field is named for the order field it fills (`partner.event.date`,
`items.0.sizes`), so the order schema's message for `items.0.sizes.1` is shown beside
`items.0.sizes`. Values are bounded here before the schema sees them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from ..catalogue.load import Catalogue
from ..catalogue.unreviewed import load_unreviewed_text, short_note, unreviewed_languages

MAX_ITEMS = 20          # rows one form holds; a larger order is a file for `batch`
MAX_VALUE = 400         # characters in one field; the schema's own limits are lower
MAX_CHOICES = 40        # values of one multiple choice
TEXT_FIELDS = ("partner.name", "partner.contact", "partner.website", "partner.event.name",
               "partner.event.date", "orderer.name", "orderer.email", "orderer.phone", "due")
CHECK_FIELDS = ("partner.contact_safe_for_victims",)  # a ticked box is "1", unticked ""
ITEM_TEXT = ("layout", "profile", "sheet", "state", "notice", "quantity")
ITEM_CHOICES = ("sizes", "languages")
LOGO_ID = re.compile(r"[0-9a-f]{64}\.(?:png|jpg|svg)")
ITEM_FIELD = re.compile(r"items\.(\d{1,2})\.(\w+)")


@dataclass
class OrderForm:
    """What a partner typed, as the form shows it again."""

    values: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    items: int = 1
    logo_id: str | None = None
    logo_name: str | None = None

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def chosen(self, name: str) -> list[str]:
        return self.choices.get(name, [])


class Posted(Protocol):
    """A posted form (Starlette's FormData): one value or all values of a field."""

    def get(self, key: str) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


def read_form(form: Posted) -> OrderForm:
    """The form's fields, each bounded; unknown fields are ignored."""
    get_list = form.getlist
    items = _count(form.get("items"))
    values: dict[str, str] = {}
    choices: dict[str, list[str]] = {}
    for name in TEXT_FIELDS:
        values[name] = _text(form.get(name))
    for name in CHECK_FIELDS:
        values[name] = "1" if _text(form.get(name)) else ""
    for index in range(items):
        for name in ITEM_TEXT:
            values[f"items.{index}.{name}"] = _text(form.get(f"items.{index}.{name}"))
        for name in ITEM_CHOICES:
            chosen = [_text(value) for value in get_list(f"items.{index}.{name}")[:MAX_CHOICES]]
            choices[f"items.{index}.{name}"] = list(dict.fromkeys(v for v in chosen if v))
    logo_id = _text(form.get("logo_id"))
    logo_name = _text(form.get("logo_name"))[:120] or None
    return OrderForm(values, choices, items, logo_id if LOGO_ID.fullmatch(logo_id) else None,
                     logo_name if LOGO_ID.fullmatch(logo_id) else None)


def blank_form() -> OrderForm:
    return OrderForm(values={"items.0.quantity": "1", "items.0.profile": "office"})


def with_items(form: OrderForm, items: int) -> OrderForm:
    """The form with `items` rows (one more, one fewer), bounded."""
    form.items = max(1, min(items, MAX_ITEMS))
    form.values.setdefault(f"items.{form.items - 1}.quantity", "1")
    return form


def without_item(form: OrderForm, index: int) -> OrderForm:
    """The form with row `index` taken out and the rows after it moved up."""
    if not 0 <= index < form.items or form.items == 1:
        return form
    values, choices = dict(form.values), dict(form.choices)
    for row in range(index, form.items):
        for name in ITEM_TEXT:
            values[f"items.{row}.{name}"] = form.values.get(f"items.{row + 1}.{name}", "")
        for name in ITEM_CHOICES:
            choices[f"items.{row}.{name}"] = form.choices.get(f"items.{row + 1}.{name}", [])
    return OrderForm(values, choices, form.items - 1, form.logo_id, form.logo_name)


def order_data(form: OrderForm, logo: str | None, only_item: int | None = None
               ) -> dict[str, Any]:
    """The order as an order file holds it; `only_item` keeps one row, with its first size
    and language, as the preview renders it."""
    value = form.values.get
    partner: dict[str, Any] = _present({"name": value("partner.name"),
                                        "contact": value("partner.contact"),
                                        "website": value("partner.website"), "logo": logo})
    event = _present({"name": value("partner.event.name"), "date": value("partner.event.date")})
    if value("partner.contact_safe_for_victims"):
        partner["contact_safe_for_victims"] = True
    if event:
        partner["event"] = event
    data: dict[str, Any] = {"partner": partner}
    orderer = _present({"name": value("orderer.name"), "email": value("orderer.email"),
                        "phone": value("orderer.phone")})
    if orderer and only_item is None:
        data["orderer"] = orderer
    if value("due") and only_item is None:
        data["due"] = value("due")
    rows = range(form.items) if only_item is None else [only_item]
    data["items"] = [_item(form, row, only_item is not None) for row in rows]
    return data


def _item(form: OrderForm, row: int, preview: bool) -> dict[str, Any]:
    prefix = f"items.{row}."
    item: dict[str, Any] = _present({name: form.values.get(prefix + name, "")
                                     for name in ITEM_TEXT})
    for name in ITEM_CHOICES:
        chosen = form.choices.get(prefix + name, [])
        if chosen:
            item[name] = chosen[:1] if preview else chosen
    quantity = item.get("quantity")
    if isinstance(quantity, str) and quantity.isdigit() and len(quantity) <= 9:
        item["quantity"] = int(quantity)
    if preview:
        item.pop("sheet", None)
        item["quantity"], item["profile"] = 1, "office"
    return item


def field_messages(fields: Sequence[tuple[str, str]], only_item: int | None = None
                   ) -> dict[str, list[str]]:
    """The order's problems by the form field that shows them (`""` for the whole form);
    a preview's one row is numbered back to its place in the form."""
    shown: dict[str, list[str]] = {}
    for name, message in fields:
        if only_item is not None:
            name = re.sub(r"^items\.0\b", f"items.{only_item}", name)
        shown.setdefault(_form_field(name), []).append(message)
    return shown


def _form_field(name: str) -> str:
    if name in TEXT_FIELDS or name in CHECK_FIELDS or name == "partner.logo":
        return name
    if name in ("orderer", "partner", "partner.event"):
        return f"{name}.name"
    match = ITEM_FIELD.match(name)
    if match and match.group(2) in (*ITEM_TEXT, *ITEM_CHOICES):
        return f"items.{match.group(1)}.{match.group(2)}"
    match = re.match(r"items\.(\d{1,2})$", name)
    return f"items.{match.group(1)}" if match else ""


def _present(values: dict[str, str | None]) -> dict[str, Any]:
    return {key: text for key, text in values.items() if text}


def _text(value: Any) -> str:
    return value.strip()[:MAX_VALUE] if isinstance(value, str) else ""


def _count(value: Any) -> int:
    text = _text(value)
    return max(1, min(int(text), MAX_ITEMS)) if text.isdigit() and len(text) <= 3 else 1


class Choice(NamedTuple):
    value: str
    label: str
    layouts: tuple[str, ...] = ()   # the layouts a size belongs to
    note: str = ""                  # a language's strings not yet reviewed by a person


@dataclass(frozen=True)
class FormChoices:
    """The catalogue's names as the form offers them."""

    layouts: list[Choice]
    sizes: list[Choice]
    languages: list[Choice]
    pairs: list[Choice]
    sheets: list[Choice]
    states: list[Choice]
    notices: list[Choice]
    # Where a partner's contact line prints: pieces a victim keeps (only when marked safe
    # for victims) and pieces for staff or public areas (always)
    victim_facing: list[Choice]
    staff_areas: list[Choice]
    unreviewed_hint: str = ""       # said when a language offered is not all reviewed


def form_choices(catalogue: Catalogue) -> FormChoices:
    layouts = [Choice(name, spec.title) for name, spec in catalogue.layouts.items()]
    sizes = [Choice(name, size.title, tuple(layout for layout, spec in catalogue.layouts.items()
                                            if name in spec.sizes))
             for name, size in catalogue.sizes.items()]
    source = next((code for code, file in catalogue.languages.items()
                   if file.language.status == "source"), "en")
    # The source language first: an item's preview is of its first language ticked.
    names = {code: _language_name(file.language.name, file.language.native_name)
             for code, file in sorted(catalogue.languages.items(),
                                      key=lambda entry: entry[0] != source)}
    notes = {found.code: short_note(catalogue, found)
             for found in unreviewed_languages(catalogue, names)}
    pairs = [Choice(f"{first}+{second}", f"{names[first]} + {names[second]}",
                    note=notes.get(other, ""))
             for other in names if other != source
             for first, second in ((source, other), (other, source))]
    sheets = [Choice(name, sheet.title) for name, sheet in catalogue.sheets.items()]
    states = [Choice(code, f"{state.name} ({code})") for code, state in catalogue.notices.items()]
    notices = sorted({notice for state in catalogue.notices.values() for notice in state.notices})
    return FormChoices(layouts, [size for size in sizes if size.layouts],
                       [Choice(code, name, note=notes.get(code, ""))
                        for code, name in names.items()], pairs, sheets,
                       states, [Choice(notice, notice) for notice in notices],
                       [choice for choice in layouts
                        if catalogue.layouts[choice.value].victim_facing],
                       [choice for choice in layouts
                        if not catalogue.layouts[choice.value].victim_facing],
                       load_unreviewed_text(catalogue.content_dir).web.form_hint if notes
                       else "")


def _language_name(name: str, native: str) -> str:
    return name if name == native else f"{name} ({native})"
