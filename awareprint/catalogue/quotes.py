"""Typographic quotation marks: a user's straight ' and " set as the language's own marks,
and every quotation mark folded back to a straight one where only the words count (the
fingerprint of an English string, which its translations record)."""

from __future__ import annotations

import re

from .content import Quotes

STRAIGHT = "'\""
# Quotation marks of the catalogue's languages (CLDR), folded to the straight mark of
# their family where only the words count.
SINGLE_MARKS = "‘’‚‛‹›"
DOUBLE_MARKS = "“”„‟«»「」『』"
FOLDED = str.maketrans({**dict.fromkeys(SINGLE_MARKS, "'"), **dict.fromkeys(DOUBLE_MARKS, '"')})
# A quote opens at the start of the text, after a space, a bracket, a dash or another
# opening mark; anywhere else it closes (or, for ', is an apostrophe).
OPENS_AFTER = re.compile(r"(?:^|[\s(\[{—–\-“‘„‚«‹「『])$")
SPACES = "\u202f\u00a0 "


def fold_quotes(text: str) -> str:
    """Every quotation mark as a straight ' or ", without the space French sets inside
    « »: "Can’t" and "Can't" fold alike."""
    folded = text.translate(FOLDED)
    return re.sub(r"(?<=\")[\u202f\u00a0]|[\u202f\u00a0](?=\")", "", folded)


def typographic(text: str, quotes: Quotes) -> str:
    """`text` with each straight quote set as the language's mark: ' after a letter as
    the apostrophe (unless it closes a quotation), " as the primary pair and any other '
    as the secondary pair; " opens and closes in turn, ' opens after a space, a bracket
    or a dash. A mark that carries its own space (French « ») takes the user's place."""
    out: list[str] = []
    single_open = double_open = False
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        if char not in STRAIGHT:
            out.append(char)
            continue
        before = "".join(out)
        opens = not double_open if char == '"' else OPENS_AFTER.search(before) is not None
        closes_single = single_open and not text[index:index + 1].isalpha()
        if char == "'" and not opens and before[-1:].isalnum() and not closes_single:
            out.append(quotes.apostrophe)
            continue
        pair = quotes.primary if char == '"' else quotes.secondary
        if opens:
            out.append(pair[0])
            while pair[0][-1] in SPACES and text[index:index + 1] == " ":
                index += 1
        else:
            while pair[1][0] in SPACES and out and out[-1] == " ":
                out.pop()
            out.append(pair[1])
        if char == "'":
            single_open = opens
        else:
            double_open = opens
    return "".join(out)
