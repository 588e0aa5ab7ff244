"""Names a person types (a layout, a size, a language, a sheet) matched to the catalogue's:
exactly, or ignoring case where that is unambiguous; otherwise the closest is suggested."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..errors import InputError


def matched(given: str, choices: Iterable[str]) -> str | None:
    """`given` as the catalogue spells it: exactly, or in another case when only one name
    matches (zh-hans is zh-Hans; A4 is a4); None when none does."""
    names = list(choices)
    if given in names:
        return given
    folded = [name for name in names if name.casefold() == given.strip().casefold()]
    return folded[0] if len(folded) == 1 else None


def suggestion(given: str, choices: Iterable[str]) -> str:
    """"did you mean 'x'?" for the closest name, else the list of names to choose from."""
    names = list(choices)
    by_case = {name.casefold(): name for name in names}
    guess = difflib.get_close_matches(given.strip().casefold(), list(by_case), n=1)
    return (f"did you mean '{by_case[guess[0]]}'?" if guess
            else f"choose from: {', '.join(names)}")


def canonical(given: str, choices: Iterable[str], unknown: str, field: str = "") -> str:
    """The catalogue's spelling of `given`, or an InputError about `field` that starts with
    `unknown` ("unknown language") and names the closest choice, and all of them."""
    names = list(choices)
    name = matched(given, names)
    if name is not None:
        return name
    shown = given if len(given) <= 40 else given[:40] + "…"
    hint = suggestion(given, names)
    listing = "" if hint.startswith("choose") else f" choose from: {', '.join(names)}"
    raise InputError(f"{unknown} '{shown}'; {hint}{listing}", field)
