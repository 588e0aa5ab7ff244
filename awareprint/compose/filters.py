"""The filters templates use: placeholders filled, and text kept in its direction."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape

from ..catalogue.language_checks import PLACEHOLDER
from ..errors import RenderError
from .embedded_runs import left_to_right_runs, right_to_left


def isolated(text: str) -> Markup:
    """Text of either direction set apart from its neighbours (a Unicode first-strong
    isolate), for labels of two languages on one line."""
    return Markup("\u2068{}\u2069").format(text)


def distinct(items: Iterable[object]) -> list[object]:
    """Each item once, by the text it prints, markup and case aside: a label two
    languages share ("TTY") printed once, though one language typesets it as a kept word
    (Korean keeps each word in a span)."""
    seen: set[str] = set()
    kept: list[object] = []
    for item in items:
        text = item.striptags() if isinstance(item, Markup) else str(item)
        key = " ".join(text.split()).casefold()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def labels(items: Iterable[object]) -> Markup:
    """The labels of a piece's languages on one line ("Call / Llame"), each isolated, a
    label the languages share printed once ("TTY", not "TTY / TTY")."""
    return Markup(" / ").join(isolated(item) for item in distinct(items))


# A name this long or shorter is never broken between its words (a longer one must wrap:
# the narrowest lockup, a wallet card's, holds about twenty characters a line).
NAME_KEPT_WHOLE = 20


def kept_name(text: str) -> Markup:
    """A partner's name as a name: its words kept on one line, where it is short enough
    to be ("St. Mark’s / Parish" reads as two things); escaped, as all user text. Kept by
    a no-wrap span, so that its text reads back with its own spaces."""
    if len(text) > NAME_KEPT_WHOLE:
        return escape(text)
    return Markup('<span class="kept">{}</span>').format(text)


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


SHORT_VALUE = 12  # characters: a number, not an address
# A space before a placeholder, where no sentence ends (after a tag that closes a word too).
BOUND_PLACEHOLDER = re.compile(r"(?<![.?!。？！؟])(?<![.?!。？！؟]</span>) (\{([a-z_]+)\})")


def fill(text: str, **values: str) -> Markup:
    """A content string with its {name} placeholders filled in, everything escaped.

    Translations put placeholders where their grammar wants them ("Published by
    {publisher}"); a placeholder without a value is an error, never printed raw. A short
    value (a number) is never the first thing on a line: the space before it does not
    break ("Call 911."), unless a sentence ends there. In right-to-left text, a value of
    several words in Latin letters (a name) keeps its order (embedded_runs.py).
    """
    set_apart = right_to_left(Markup(text).striptags())

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise RenderError(f"string {text!r} has placeholder {{{name}}} "
                              "that this layout does not fill")
        shown = values[name]
        if (set_apart and not isinstance(shown, Markup) and not right_to_left(str(shown))
                and left_to_right_runs(str(shown))):
            return str(left_to_right_words(str(shown)))
        return str(escape(shown))

    def bind(match: re.Match[str]) -> str:
        shown = values.get(match.group(2), "")
        short = len(Markup(str(escape(shown))).striptags()) <= SHORT_VALUE
        return ("\u00a0" if short else " ") + match.group(1)

    bound = BOUND_PLACEHOLDER.sub(bind, str(escape(text)))
    return Markup(PLACEHOLDER.sub(value, bound))


def left_to_right_words(text: str) -> Markup:
    """Left-to-right text of several words that may wrap (an address) inside text of
    either direction: an element of its own direction, since an isolate does not carry
    over a line break in the engine and the second line would be read right to left."""
    return Markup('<span dir="ltr">{}</span>').format(left_to_right(text))
