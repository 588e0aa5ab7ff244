"""Names a person types (a layout, a size, a language, a sheet) matched to the catalogue's:
exactly, or ignoring case where that is unambiguous; otherwise the closest is suggested."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..errors import InputError


def canonical(given: str, choices: Iterable[str], unknown: str) -> str:
    """The catalogue's spelling of `given` (A4 → a4, zh-hans → zh-Hans), or an InputError
    that starts with `unknown` ("unknown language") and names the closest choice and all."""
    names = list(choices)
    if given in names:
        return given
    folded = [name for name in names if name.casefold() == given.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    guess = difflib.get_close_matches(given.strip().casefold(),
                                      [name.casefold() for name in names], n=1)
    hint = ""
    if guess:
        hint = f"did you mean '{next(n for n in names if n.casefold() == guess[0])}'? "
    shown = given if len(given) <= 40 else given[:40] + "…"
    raise InputError(f"{unknown} '{shown}'; {hint}choose from: {', '.join(names)}")
