"""Who placed an order and when it is due, and the stock an item asks for: order fields
for the print shop, never printed on a piece. They are user text like the partner's lines
(tidied, bounded, no control characters, printable in a bundled font); the orderer's phone
number is one number of 7 to 15 digits that is not, and is not a digit or two off, a
hotline number, so it can never be taken for the hotline."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..catalogue.coverage import all_covered
from ..catalogue.load import Catalogue
from ..catalogue.numbers import near_hotline, normalised, phone_numbers
from ..catalogue.schema import Strict
from ..catalogue.user_text import text_problems, tidy

MAX_NAME = 80
MAX_EMAIL = 254     # RFC 5321's longest address
MAX_PHONE = 40
MIN_PHONE_DIGITS = 7   # a local number
MAX_PHONE_DIGITS = 15  # ITU-T E.164's longest
EMAIL = re.compile(r"[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}")
PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()\-./]+")

Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]


def tidied(value: Any) -> Any:
    """Text with its white space runs made one space and composed (NFC); else as given."""
    return tidy(value) if isinstance(value, str) else value


class Orderer(Strict):
    """The person the print shop asks about the order: a name and an email or a phone."""

    name: Name
    email: Annotated[str, StringConstraints(min_length=3, max_length=MAX_EMAIL)] | None = None
    phone: Annotated[str, StringConstraints(min_length=1, max_length=MAX_PHONE)] | None = None

    _tidy = field_validator("name", "email", "phone", mode="before")(tidied)

    @model_validator(mode="after")
    def _reachable(self) -> Orderer:
        if self.email is None and self.phone is None:
            raise ValueError("give an email or a phone number for the print shop to reach "
                             "the orderer")
        return self


class Due(Strict):
    due: datetime.date


class Issued(Strict):
    issued: datetime.date


MAX_ADDRESS_LINES = 6
AddressLine = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]


class DeliverTo(Strict):
    """Where the print shop sends the printed pieces: a name and the address's lines."""

    name: Name
    address: Annotated[list[AddressLine], Field(min_length=1, max_length=MAX_ADDRESS_LINES)]

    _tidy = field_validator("name", mode="before")(tidied)

    @field_validator("address", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        """One line as text, or a list; each line tidied, empty ones left out."""
        lines = [value] if isinstance(value, str) else value
        if not isinstance(lines, list):
            return value
        return [tidied(line) for line in lines if not isinstance(line, str) or line.strip()]


def delivery_problems(deliver_to: DeliverTo, catalogue: Catalogue) -> list[tuple[Any, str]]:
    """What in the delivery address cannot be printed on the ticket: (field, problem).
    A street number, a ZIP code or a phone number for the driver may stand in it; a number
    that is, or is a digit or two off, the hotline's may not."""
    covered = all_covered(catalogue.house, catalogue.fonts_dir)
    texts: list[tuple[Any, str]] = [("name", deliver_to.name)] if deliver_to.name else []
    texts += [(("address", index), line) for index, line in enumerate(deliver_to.address or ())]
    return [(field, problem) for field, text in texts
            for problem in text_problems(text, catalogue, covered, own_numbers=True)]


def orderer_problems(orderer: Orderer, catalogue: Catalogue) -> list[tuple[str, str]]:
    """What in the orderer's fields cannot be used: (field, problem with the fix)."""
    covered = all_covered(catalogue.house, catalogue.fonts_dir)
    found = [("name", problem) for problem in (text_problems(
        orderer.name, catalogue, covered, own_numbers=False) if orderer.name else ())]
    if orderer.email is not None:
        if not EMAIL.fullmatch(orderer.email):
            found.append(("email", "not an email address; write it as name@example.org"))
        else:
            found += [("email", problem) for problem in text_problems(
                orderer.email, catalogue, covered, own_numbers=True)]
    if orderer.phone is not None:
        found += [("phone", problem) for problem in phone_problems(orderer.phone, catalogue)]
    return found


def phone_problems(phone: str, catalogue: Catalogue) -> list[str]:
    """A phone number: digits with the usual separators, one number, not the hotline's."""
    plain = normalised(phone)
    if not PHONE_CHARACTERS.fullmatch(plain):
        return ["write one phone number in digits, spaces, dashes, dots, brackets and a "
                "leading +, e.g. +1 402-555-0143"]
    digits = re.sub(r"\D", "", plain)
    for number in dict.fromkeys([*phone_numbers(plain), digits]):
        display = near_hotline(number, catalogue)
        if display:
            return [f"the number {number} is or looks like the hotline's {display}; give the "
                    "orderer's own number"]
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        return [f"{len(digits)} digits; a phone number has {MIN_PHONE_DIGITS} to "
                f"{MAX_PHONE_DIGITS}"]
    return []


def stock_problems(text: str, catalogue: Catalogue) -> list[str]:
    """What in an item's stock or weight cannot be printed on the ticket."""
    covered = all_covered(catalogue.house, catalogue.fonts_dir)
    return text_problems(text, catalogue, covered, own_numbers=False)
