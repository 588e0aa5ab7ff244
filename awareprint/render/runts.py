"""Runts found after layout: a paragraph whose last line holds one word alone."""

from __future__ import annotations

from typing import Any


def runt_words(document: Any) -> frozenset[str]:
    """The words that stand alone on the last line of a paragraph of two lines or more."""
    found: set[str] = set()
    for page in document.pages:
        _visit(page._page_box, found)
    return frozenset(found)


def _visit(box: Any, found: set[str]) -> None:
    children = getattr(box, "children", None) or []
    lines = [child for child in children if type(child).__name__ == "LineBox"]
    if len(lines) >= 2:
        words = _text(lines[-1]).split()
        if len(words) == 1:
            found.add(words[0])
    for child in children:
        _visit(child, found)


def _text(box: Any) -> str:
    if type(box).__name__ == "TextBox":
        return str(box.text)
    return "".join(_text(child) for child in getattr(box, "children", None) or [])
