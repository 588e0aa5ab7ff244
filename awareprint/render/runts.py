"""Found after layout, to set again: runts (a paragraph whose last line holds one word
alone) and hyphens on two lines running (the second word broken is then kept whole)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..compose.typesetting import SHORTEST_PARAGRAPH

ENCLOSING = "()[]\u2066\u2067\u2068\u2069"  # brackets and isolates around a string's text


AUTO_HYPHEN = "\u2010"  # what the engine adds where it breaks a word


def paragraphs(document: Any) -> Iterator[tuple[str, list[Any]]]:
    """(slot, its line boxes) for every block of lines inside a slot, on every page;
    printer's marks, guides and their scissors left out."""
    for page in document.pages:
        yield from _paragraphs(page._page_box, None)


def line_text(box: Any) -> str:
    if type(box).__name__ == "TextBox":
        return str(box.text)
    return "".join(line_text(child) for child in getattr(box, "children", None) or [])


def runt_words(document: Any) -> frozenset[str]:
    """The words that stand alone on the last line of a paragraph of two lines or more
    and six words or more, without the brackets a template puts around a string."""
    found: set[str] = set()
    for _, boxes in paragraphs(document):
        lines = [line_text(box) for box in boxes]
        words = lines[-1].split()
        if len(lines) >= 2 and len(words) == 1 and len(
                " ".join(lines).split()) >= SHORTEST_PARAGRAPH:
            found.add(words[0].strip(ENCLOSING))
    return frozenset(found)


def running_hyphen_words(document: Any) -> frozenset[str]:
    """The words broken at the second of two hyphenated lines running, whole."""
    found: set[str] = set()
    for _, boxes in paragraphs(document):
        lines = [line_text(box).strip() for box in boxes]
        for first, second, following in zip(lines, lines[1:], lines[2:], strict=False):
            if first.endswith(AUTO_HYPHEN) and second.endswith(AUTO_HYPHEN) and following:
                head = second.split()[-1].removesuffix(AUTO_HYPHEN)
                found.add((head + following.split()[0]).strip(".,;:!?()"))
    return frozenset(found)


def _paragraphs(box: Any, slot: str | None) -> Iterator[tuple[str, list[Any]]]:
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        if element.get("data-furniture") is not None or element.get("data-guide") is not None:
            return
        slot = element.get("data-slot") or slot
    children = getattr(box, "children", None) or []
    lines = [child for child in children if type(child).__name__ == "LineBox"]
    if lines and slot is not None:
        yield slot, lines
    for child in children:
        if type(child).__name__ != "LineBox":
            yield from _paragraphs(child, slot)


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
