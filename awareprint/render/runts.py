"""Found after layout, to set again: runts (a paragraph whose last line holds one word
alone) and hyphens on two lines running (the second word broken is then kept whole)."""

from __future__ import annotations

from typing import Any

from ..compose.typesetting import SHORTEST_PARAGRAPH

ENCLOSING = "()[]\u2066\u2067\u2068\u2069"  # brackets and isolates around a string's text


def runt_words(document: Any) -> frozenset[str]:
    """The words that stand alone on the last line of a paragraph of two lines or more
    and six words or more, without the brackets a template puts around a string."""
    found: set[str] = set()
    for page in document.pages:
        _visit(page._page_box, found)
    return frozenset(found)


def _visit(box: Any, found: set[str]) -> None:
    children = getattr(box, "children", None) or []
    lines = [child for child in children if type(child).__name__ == "LineBox"]
    if len(lines) >= 2:
        words = _text(lines[-1]).split()
        paragraph = " ".join(_text(line) for line in lines).split()
        if len(words) == 1 and len(paragraph) >= SHORTEST_PARAGRAPH:
            found.add(words[0].strip(ENCLOSING))
    for child in children:
        _visit(child, found)


def _text(box: Any) -> str:
    if type(box).__name__ == "TextBox":
        return str(box.text)
    return "".join(_text(child) for child in getattr(box, "children", None) or [])


AUTO_HYPHEN = "\u2010"  # what the engine adds where it breaks a word


def running_hyphen_words(document: Any) -> frozenset[str]:
    """The words broken at the second of two hyphenated lines running, whole."""
    found: set[str] = set()
    for page in document.pages:
        _visit_hyphens(page._page_box, found)
    return frozenset(found)


def _visit_hyphens(box: Any, found: set[str]) -> None:
    children = getattr(box, "children", None) or []
    lines = [_text(child).strip() for child in children if type(child).__name__ == "LineBox"]
    for first, second, following in zip(lines, lines[1:], lines[2:], strict=False):
        if first.endswith(AUTO_HYPHEN) and second.endswith(AUTO_HYPHEN) and following:
            head = second.split()[-1].removesuffix(AUTO_HYPHEN)
            found.add((head + following.split()[0]).strip(".,;:!?()"))
    for child in children:
        if type(child).__name__ != "LineBox":
            _visit_hyphens(child, found)


def slot_texts(document: Any) -> dict[str, str]:
    """Each slot's text as laid out (to tell which slot holds which string)."""
    texts: dict[str, list[str]] = {}
    for page in document.pages:
        _collect(page._page_box, None, texts)
    return {slot: " ".join(parts) for slot, parts in texts.items()}


def _collect(box: Any, slot: str | None, texts: dict[str, list[str]]) -> None:
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        slot = element.get("data-slot") or slot
    if type(box).__name__ == "TextBox" and slot is not None:
        texts.setdefault(slot, []).append(str(box.text))
        return
    for child in getattr(box, "children", None) or []:
        _collect(child, slot, texts)
