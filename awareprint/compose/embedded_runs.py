"""Left-to-right words inside right-to-left text: a name or address in Latin letters in an
Arabic sentence ("Innocence Freed", "P.O. Box 45056").

The layout engine draws such a run in its own order, but as a part of the Arabic line it
is one text object with the Arabic around it, and text extractors (pdfium, poppler) turn
its words round ("Freed Innocence"). Set apart in an element of its own direction, with
an isolate inside, it is drawn as a text object of its own and read in its order, as the
publisher's line always was (filters.left_to_right_words)."""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

TOKEN = re.compile(r"[^ \u00a0]+")  # words, between spaces and no-break spaces
RIGHT_TO_LEFT = ("R", "AL")
LEAST_WORDS = 2  # one word alone is never turned round
# Marks that stand for a run while a string is typeset (never in content: no bundled
# font draws the private use area, which the loader checks), replaced at the end.
# Its spaces are marked too, so that the typesetter takes the run for one word.
RUN_START, RUN_END, RUN_SPACE = "\ue000", "\ue001", "\ue002"


def right_to_left(text: str) -> bool:
    """Whether `text` is a right-to-left paragraph: its first letter with a direction is
    written right to left."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return False
        if kind in RIGHT_TO_LEFT:
            return True
    return False


def left_to_right_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of two words or more written left to right in `text`,
    from its first letter to its last letter or digit (the punctuation around it belongs
    to the sentence); placeholders are never part of one."""
    runs: list[tuple[int, int]] = []
    words: list[re.Match[str]] = []
    for token in [*TOKEN.finditer(text), None]:
        if token is not None and _continues(token[0], starts=not words):
            words.append(token)
            continue
        if len(words) >= LEAST_WORDS:
            runs.append(_trimmed(text, words[0].start(), words[-1].end()))
        words = [token] if token is not None and _continues(token[0], starts=True) else []
    return runs


def marked_runs(text: str) -> str:
    """`text` with each left-to-right run between RUN_START and RUN_END, its spaces
    RUN_SPACE, where `text` is a right-to-left paragraph (else as it is)."""
    if not right_to_left(text):
        return text
    for start, end in reversed(left_to_right_runs(text)):
        run = text[start:end].replace(" ", RUN_SPACE)
        text = f"{text[:start]}{RUN_START}{run}{RUN_END}{text[end:]}"
    return text


def runs_set_apart(markup: Markup) -> Markup:
    """Typeset markup with its marked runs set apart: an element of their own direction
    holding an isolate (filters.left_to_right_words)."""
    return Markup(str(markup).replace(RUN_START, '<span dir="ltr">\u2066')
                  .replace(RUN_END, "\u2069</span>").replace(RUN_SPACE, " "))


def _continues(word: str, starts: bool) -> bool:
    """A word of a left-to-right run: letters written left to right and none written right
    to left; a number too, after the first word ("Box 45056")."""
    if "{" in word or "}" in word:
        return False
    kinds = {unicodedata.bidirectional(character) for character in word}
    if kinds & set(RIGHT_TO_LEFT):
        return False
    return "L" in kinds or (not starts and "EN" in kinds)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while unicodedata.bidirectional(text[start]) != "L":
        start += 1
    while unicodedata.bidirectional(text[end - 1]) not in ("L", "EN"):
        end -= 1
    return start, end
