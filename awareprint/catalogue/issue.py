"""The date of issue and the job number a print shop quotes: printed on a press file's slug
line and on the job ticket. Both are inputs (the front end gives today's date, an order
file may fix its own), never the clock inside the library: same input, same bytes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from .numbers import PHONE_DIGITS, WithHotline, near_hotline, phone_numbers
from .user_text import quoted

JOB_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]{0,15}")
# Letters only, without I, L, O and U (Crockford's choice): read out over the phone, none
# is taken for a digit or another letter; and no digit joins the date's into a phone number.
JOB_LETTERS = "ABCDEFGHJKMNPQRSTVWXYZ"
DERIVED_CHARS = 4


@dataclass(frozen=True)
class Issue:
    """When a file was issued to the print shop, and under which job number."""

    date: date
    job: str | None = None


def issued_date(text: str) -> date:
    """A date of issue as typed, year-month-day."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"the date of issue {quoted(text)} is not a date; write it "
                         "year-month-day (2027-03-14)", field="issued") from None


def job_number(text: str, catalogue: WithHotline) -> str:
    """A job number as typed: letters, digits and . / - , up to 16 (the slug line of a
    business card holds no more), led by a letter or digit, and nothing in it that reads
    as a phone number (it is printed beside the pieces, where the only phone numbers are
    the hotline's)."""
    number = text.strip()
    if not JOB_NUMBER.fullmatch(number):
        raise InputError(f"the job number {quoted(text)}: give 1 to 16 letters and digits "
                         "(. / - may join them), such as PO-114", field="job")
    for digits in phone_numbers(number):
        if len(digits) >= PHONE_DIGITS or near_hotline(digits, catalogue):
            raise InputError(f"the job number {quoted(text)} reads as a phone number; "
                             "separate its digits with letters (such as PO-2027-A114)",
                             field="job")
    return number


def derived_job_number(content: bytes, issued: date) -> str:
    """A job number for an order that names none: the date of issue (YYMMDD) and four
    letters of the hash of the order's content. The same order issued the same day has
    the same number; any change to it, or another day, gives another."""
    digest = hashlib.sha256(issued.isoformat().encode() + b"\0" + content).digest()
    value, letters = int.from_bytes(digest[:8], "big"), []
    for _ in range(DERIVED_CHARS):
        value, index = divmod(value, len(JOB_LETTERS))
        letters.append(JOB_LETTERS[index])
    return f"{issued:%y%m%d}-{''.join(letters)}"


def slug_dates(issue: Issue | None, facts_checked: date) -> list[str]:
    """What a slug line says of when: the date of issue and job number, or (a file made
    for no issue: a check, a proof) the day the hotline's facts were checked, named so."""
    if issue is None:
        return [f"facts checked {facts_checked.isoformat()}"]
    return [f"issued {issue.date.isoformat()}", *([f"job {issue.job}"] if issue.job else [])]
