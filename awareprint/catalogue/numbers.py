"""Phone numbers in text, however they are written, reduced to their digits and compared
with the hotline's.

A number near a hotline number (a digit or two off) printed beside the real one is the
worst mistake a piece can carry, so numbers are found in every form a person or a word
processor may give them: any Unicode dash, slash, dot, space or bracket between the digit
groups, full-width or other compatibility digits, and letters standing for keypad digits
in a vanity number (1-888-KEY-2-FREE).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

from .content import Hotline


class WithHotline(Protocol):
    """The catalogue, as far as this module needs it (the loader uses this module)."""

    @property
    def hotline(self) -> Hotline: ...

MIN_DIGITS = 5       # fewer: a year, a street number, "24/7", "TTY 711"
PHONE_DIGITS = 7     # this many and more: a phone number, whatever else it is near
# Written between the digit groups of a phone number. Not "·", which separates items.
SEPARATOR_CHARACTERS = {
    "-": "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u30fc",
    "/": "\u2044\u2215\u29f8\uff0f",
    ".": "\u2024\u3002\uff0e",
    "(": "\uff08\u2768\u276a\u27ee\u207d\u208d",
    ")": "\uff09\u2769\u276b\u27ef\u207e\u208e",
    "[": "\uff3b\u27e6",
    "]": "\uff3d\u27e7",
}
_TO_ASCII = {ord(char): ascii_char for ascii_char, chars in SEPARATOR_CHARACTERS.items()
             for char in chars}
NUMBER = re.compile(r"\+?\(?\d(?:[ \-./()\[\]]{0,3}\d)+")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # a date, as the press slug line prints it
VANITY = re.compile(r"(?<![\w-])\+?\d{1,4}(?:[-.][A-Za-z0-9]{1,7}){2,}(?![\w-])")
KEYPAD = {letter: digit for digit, letters in {
    "2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV",
    "9": "WXYZ"}.items() for letter in letters}


def normalised(text: str) -> str:
    """`text` with compatibility characters folded (NFKC: full-width digits become 0–9)
    and every dash, slash, dot, space and bracket a number may be written with made ASCII."""
    text = unicodedata.normalize("NFKC", text).translate(_TO_ASCII)
    return "".join(" " if unicodedata.category(char) == "Zs" else char for char in text)


def phone_numbers(text: str) -> list[str]:
    """The digits of every number of five or more digits in `text`, in any of the forms
    above, vanity numbers spelled out; each once, in order of appearance."""
    plain = normalised(text)
    found: list[str] = []
    for match in NUMBER.finditer(plain):
        if ISO_DATE.match(match.group().strip("(")):
            continue
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= MIN_DIGITS:
            found.append(digits)
    for match in VANITY.finditer(plain):
        if any(char.isalpha() for char in match.group()):
            spelled = "".join(KEYPAD.get(char.upper(), char) for char in match.group()
                              if char.isalnum())
            # A vanity number may run on past its last digit: a phone dials the first
            # ten (eleven with the country code 1) and ignores the rest.
            found.append(spelled[:11] if spelled.startswith("1") else spelled[:10])
    return list(dict.fromkeys(found))


def partner_numbers(lines: Iterable[str]) -> tuple[str, ...]:
    """The digits of every phone number in a partner's lines."""
    return tuple(dict.fromkeys(n for text in lines for n in phone_numbers(text)))


def near_hotline(digits: str, catalogue: WithHotline) -> str | None:
    """The hotline number `digits` is, or is within two digits of; None if none."""
    hotline = catalogue.hotline
    for line in (hotline.call, hotline.text, hotline.tty):
        if _near(digits, line.digits):
            return line.display
    return None


def _near(digits: str, known: str) -> bool:
    """Equal, or a digit or two (wrong, missing or extra) off a hotline number, with or
    without the country code; short codes must differ in more than one digit."""
    bare = [digits, digits.removeprefix("1")]
    return any(_edits(a, b) <= (2 if len(b) >= 10 else 1)
               for a in bare for b in (known, known.removeprefix("1"))
               if abs(len(a) - len(b)) <= 2 and min(len(a), len(b)) >= MIN_DIGITS)


def _edits(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
