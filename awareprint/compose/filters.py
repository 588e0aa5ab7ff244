"""The filters templates use: placeholders filled, and text kept in its direction."""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

from ..catalogue.language_checks import PLACEHOLDER
from ..errors import RenderError


def isolated(text: str) -> Markup:
    """Text of either direction set apart from its neighbours (a Unicode first-strong
    isolate), for labels of two languages on one line."""
    return Markup("\u2068{}\u2069").format(text)


def direction(text: str) -> str:
    """"ltr" or "rtl": the direction of the first letter of `text` that has one (a label
    and its number, isolated together, then read in the label's order: "TTY 711" stays
    so inside Arabic text). Text without such a letter reads left to right."""
    for character in str(text):
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def left_to_right(text: str) -> Markup:
    """A number or address kept left to right inside any text: wrapped in a Unicode
    isolate, so right-to-left text never reorders its groups of digits."""
    return Markup("\u2066{}\u2069").format(text)


def fill(text: str, **values: str) -> Markup:
    """A content string with its {name} placeholders filled in, everything escaped.

    Translations put placeholders where their grammar wants them ("Published by
    {publisher}"); a placeholder without a value is an error, never printed raw.
    """
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise RenderError(f"string {text!r} has placeholder {{{name}}} "
                              "that this layout does not fill")
        return str(escape(values[name]))

    return Markup(PLACEHOLDER.sub(value, str(escape(text))))
