"""Found after layout, to set again: runts (a paragraph whose last line holds one word
alone) and hyphens on two lines running (the second word broken is then kept whole)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..compose.thai_words import thai
from ..compose.typesetting import SHORTEST_PARAGRAPH
from ..engine import boxes

if TYPE_CHECKING:
    from ..engine.boxes import Laid

ENCLOSING = "()[]\u2066\u2067\u2068\u2069"  # brackets and isolates around a string's text


AUTO_HYPHEN = "\u2010"  # what the engine adds where it breaks a word


def paragraphs(document: Laid) -> Iterator[tuple[str, tuple[boxes.Line, ...]]]:
    """(slot, its lines) for every block of lines inside a slot, on every page; printer's
    marks, guides and their scissors left out."""
    for page in boxes.pages(document):
        for paragraph in page.paragraphs:
            if paragraph.slot is not None and not paragraph.furniture:
                yield paragraph.slot, paragraph.lines


def runt_words(document: Laid) -> frozenset[str]:
    """The words that stand alone on the last line of a paragraph of two lines or more
    and six words or more, without the brackets a template puts around a string."""
    return frozenset(word for _, laid in paragraphs(document) if (word := runt(laid)))


def runt(laid: tuple[boxes.Line, ...]) -> str | None:
    """The word alone on the last line of one paragraph (see runt_words), or None. A Thai
    paragraph keeps its last two words together as it is set (typesetting.py): a Thai
    line's spaces end phrases, not words."""
    lines = [line.text for line in laid]
    words = lines[-1].split()
    if thai(lines[-1]):
        return None
    if len(lines) >= 2 and len(words) == 1 and len(
            " ".join(lines).split()) >= SHORTEST_PARAGRAPH:
        return words[0].strip(ENCLOSING)
    return None


def running_hyphen_words(document: Laid) -> frozenset[str]:
    """The words broken at the second of two hyphenated lines running, whole."""
    return frozenset(word for _, laid in paragraphs(document) for word in running_hyphens(laid))


def running_hyphens(laid: tuple[boxes.Line, ...]) -> set[str]:
    """The words of one paragraph broken at the second of two hyphenated lines running."""
    found: set[str] = set()
    lines = [line.text.strip() for line in laid]
    for first, second, following in zip(lines, lines[1:], lines[2:], strict=False):
        if first.endswith(AUTO_HYPHEN) and second.endswith(AUTO_HYPHEN) and following:
            head = second.split()[-1].removesuffix(AUTO_HYPHEN)
            found.add((head + following.split()[0]).strip(".,;:!?()"))
    return found


def slot_texts(document: Laid) -> dict[str, str]:
    """Each slot's text as laid out (to tell which slot holds which string)."""
    texts: dict[str, list[str]] = {}
    for page in boxes.pages(document):
        for slot, text in boxes.texts(page):
            if slot is not None:
                texts.setdefault(slot, []).append(text.text)
    return {slot: " ".join(parts) for slot, parts in texts.items()}
