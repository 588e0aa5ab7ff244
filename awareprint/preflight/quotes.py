"""Straight quotes read back: a ' or " printed where a typesetter sets the language's own
marks (“Help”, « Help », 「Help」) and apostrophe (Can’t). Our content is set in them and
a user's text is converted to them (catalogue/quotes.py), so on our own files a straight
quote is a fault; on a file from elsewhere, a note for the proofreader."""

from __future__ import annotations

import re

from .text import PageText

STRAIGHT = re.compile("['\"]")
AROUND = 24  # characters each side, enough to find the words on the piece


def straight_quotes(pages: list[PageText]) -> list[str]:
    """Each straight quote with the text around it, by page."""
    found: list[str] = []
    for number, page in enumerate(pages, start=1):
        text = " ".join(page.text.split())
        for match in STRAIGHT.finditer(text):
            around = text[max(0, match.start() - AROUND):match.end() + AROUND]
            found.append(f"page {number}: a straight quote {match.group()} in “{around}”")
    return list(dict.fromkeys(found))
