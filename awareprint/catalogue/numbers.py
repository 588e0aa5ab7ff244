"""Phone numbers in printed text: found, reduced to their digits, and compared with the
hotline's. A number that is, or nearly is, a hotline number but is not printed as the
hotline would be a wrong number beside the right one."""

from __future__ import annotations

import re

from .jobs import PartnerMark
from .load import Catalogue

PHONE_LIKE = re.compile(r"\+?\d[\d\s().-]{3,}\d")  # 5 or more digits (text short codes)


def phone_numbers(text: str) -> list[str]:
    """The digits of every phone-like number in `text`."""
    return [digits for match in PHONE_LIKE.findall(text)
            if len(digits := re.sub(r"\D", "", match)) >= 5]


def partner_numbers(partner: PartnerMark | None) -> tuple[str, ...]:
    """The digits of every phone number a partner's lines print."""
    if partner is None:
        return ()
    return tuple(dict.fromkeys(n for text in partner.lines for n in phone_numbers(text)))


def near_hotline(digits: str, catalogue: Catalogue) -> str | None:
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
               if abs(len(a) - len(b)) <= 2 and min(len(a), len(b)) >= 5)


def _edits(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
