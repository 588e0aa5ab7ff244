"""The typesetting rules read back from the laid-out lines, as a print designer checks a
proof: no hyphen in display type, none on two lines running, in a paragraph's last word
or inside a hyphenated compound ("aware-/ness-raising"), no last line of one word (of
fewer than three characters in Chinese, of fewer than two words in Thai), no separator at
a line's start or end, no Thai line ending inside a word, and no line starting with a
mark that belongs to the word before it (Thai ๆ, Ethiopic ። ፣ ፤).
`check` reports every fault; a render warns."""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalogue.geometry import PlacedSlot
from ..compose.css import MAX_HYPHENATED_PT
from ..compose.thai_words import thai, word_starts, words
from ..compose.typesetting import HYPHENATED, KEPT_WORDS, REPETITION_MARK, SHORTEST_PARAGRAPH
from ..engine import boxes
from ..engine.boxes import PX_PER_PT
from .runts import AUTO_HYPHEN, paragraphs, running_hyphens, runt

if TYPE_CHECKING:
    from ..engine.boxes import Laid
    from ..engine.layout import Document

SEPARATOR = "·"
CHINESE_LAST_LINE = 3       # characters
CJK_START, CJK_END = "\u3400", "\u9fff"
HANGUL_START, HANGUL_END = "\uac00", "\ud7a3"
# Marks written after a word, without a space: a line never starts with one. Ethiopic
# wordspace, full stop, comma, semicolon, colon, preface colon, question mark, paragraph
# separator; Thai's repetition mark (after a space, bound to it by typesetting.py).
CLINGING_MARKS = "\u1361\u1362\u1363\u1364\u1365\u1366\u1367\u1368" + REPETITION_MARK
THAI_CONTEXT = 8  # characters each side of a line break looked up in the source


@dataclass(frozen=True)
class TypeFault:
    slot: str
    detail: str

    def __str__(self) -> str:
        return f"slot '{self.slot}': {self.detail}"


def type_faults(document: Document, slots: dict[str, PlacedSlot],
                as_given: Collection[str] = (), korean: Collection[str] = (),
                thai_texts: Collection[str] = ()) -> list[TypeFault]:
    """Every broken rule on every page, one entry per paragraph and rule; slots `as_given`
    print a user's text as it was typed (an event name, a partner's lines) and are left
    out. `korean` are the piece's Korean strings, to tell a break between two words from
    one inside a word (the engine drops the space at a break, so lines alone cannot);
    `thai_texts` its Thai strings, whose words are found in the whole paragraph."""
    faults: list[TypeFault] = []
    joined = [text.replace(" ", "") for text in korean]
    sources = [_plain(text) for text in thai_texts]
    for slot, lines in paragraphs(document):
        placed = slots.get(slot)
        if placed is not None and slot not in as_given:
            faults += _paragraph_faults(slot, lines, placed)
            faults += _korean_faults(slot, lines, korean, joined)
            faults += _thai_faults(slot, lines, sources)
    return faults


def _thai_faults(slot: str, lines: tuple[boxes.Line, ...], sources: list[str]
                 ) -> list[TypeFault]:
    """A line ending in Thai whose next line begins in Thai, where the source paragraph,
    read whole with libthai's dictionary, has no word boundary and no space between the
    two: a word broken."""
    texts = [_plain(line.text).strip() for line in lines]
    for line, following in itertools.pairwise(text for text in texts if text):
        if not (thai(line[-1]) and thai(following[0])):
            continue
        tail, head = line[-THAI_CONTEXT:], following[:THAI_CONTEXT]
        places = [(source, found + len(tail)) for source in sources
                  for found in _occurrences(source, tail + head)]
        if places and not any(place in word_starts(source) for source, place in places):
            return [TypeFault(slot, f"a Thai word broken ('{line[-8:]}' / "
                                    f"'{following[:8]}')")]
    return []


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def _occurrences(text: str, part: str) -> list[int]:
    found, start = [], text.find(part)
    while start >= 0:
        found.append(start)
        start = text.find(part, start + 1)
    return found


def _korean_faults(slot: str, lines: tuple[boxes.Line, ...], korean: Collection[str],
                   joined: list[str]) -> list[TypeFault]:
    """A line ending in Hangul whose next line begins in Hangul, where the source has no
    space between those two syllables: a word broken."""
    texts = [line.text.strip() for line in lines]
    for line, following in itertools.pairwise(text for text in texts if text):
        if not (_hangul(line[-1]) and _hangul(following[0])):
            continue
        tail, head = line.replace(" ", "")[-3:], following.replace(" ", "")[:3]
        for text, bare in zip(korean, joined, strict=True):
            if tail + head in bare and f"{tail[-1]} {head[0]}" not in text:
                return [TypeFault(slot, f"a Korean word broken ('{line[-6:]}' / "
                                        f"'{following[:6]}')")]
    return []


def _hangul(character: str) -> bool:
    return HANGUL_START <= character <= HANGUL_END


def _paragraph_faults(slot: str, laid: tuple[boxes.Line, ...], placed: PlacedSlot
                      ) -> list[TypeFault]:
    lines = [line.text.strip() for line in laid]
    lines = [line for line in lines if line]
    faults = []
    broken = [line.endswith(AUTO_HYPHEN) for line in lines]
    size = max((line.size_pt for line in laid), default=0.0)
    if any(broken) and size > MAX_HYPHENATED_PT:
        faults.append(TypeFault(slot, f"a word broken in {size:g} pt display type"))
    if any(a and b for a, b in itertools.pairwise(broken)):
        faults.append(TypeFault(slot, "hyphens on two lines running"))
    compound = broken_compound(lines)
    if compound:
        faults.append(TypeFault(slot, f"a hyphenated compound broken inside ('{compound}')"))
    words_in = words(" ".join(lines)) if thai(lines[-1]) else " ".join(lines).split()
    if len(lines) >= 2 and (len(words_in) >= SHORTEST_PARAGRAPH or _chinese(lines[-1])):
        last = lines[-1]
        if thai(last):
            if len(words(last)) < KEPT_WORDS:
                faults.append(TypeFault(slot, f"the last line holds one word ('{last}')"))
        elif broken[-2] and len(last.split()) == 1:
            faults.append(TypeFault(slot, f"the last word is broken ('{lines[-2][-12:]}' / "
                                          f"'{last}')"))
        elif _chinese(last) and len(last) < CHINESE_LAST_LINE:
            faults.append(TypeFault(slot, f"the last line holds {len(last)} character(s) "
                                          f"('{last}')"))
        elif not _chinese(last) and len(last.split()) == 1 and len(lines[-2].split()) > 1:
            faults.append(TypeFault(slot, f"the last line holds one word ('{last}')"))
    for line in lines:
        if line.startswith(SEPARATOR) or line.endswith(SEPARATOR):
            faults.append(TypeFault(slot, f"a separator at a line's end ('{line[-24:]}')"))
            break
    for line in lines[1:]:
        if line[0] in CLINGING_MARKS:
            faults.append(TypeFault(slot, f"a line starts with '{line[0]}', which belongs "
                                          f"to the word before it ('{line[:16]}')"))
            break
    early = _broken_early(laid)
    if early:
        faults.append(TypeFault(slot, f"a line holds one word though the next fits beside "
                                      f"it ('{early}')"))
    return faults


def broken_compound(lines: list[str]) -> str | None:
    """The first word joined by a hyphen ("awareness-raising") that a line's end breaks
    with a hyphen of its own, as 'head‐ / tail'; None where there is none."""
    for line, following in itertools.pairwise(lines):
        if not line.endswith(AUTO_HYPHEN) or not following.split():
            continue
        head, tail = line.split()[-1], following.split()[0]
        if HYPHENATED.search(head.removesuffix(AUTO_HYPHEN) + tail):
            return f"{head} / {tail}"
    return None


def early_breaks(document: Laid) -> dict[str, str]:
    """The slots with a line broken early (below), each with that paragraph's last word."""
    return {slot: lines[-1].text.split()[-1] for slot, lines in paragraphs(document)
            if _broken_early(lines)}


def found_in(document: Laid, slot: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """What a second setting reads from one slot's lines: the words standing alone on a
    last line (runts.py), the words broken at the second of two hyphens running, and
    whether a line is broken early."""
    laid = [lines for name, lines in paragraphs(document) if name == slot]
    return (frozenset(word for lines in laid if (word := runt(lines))),
            frozenset(word for lines in laid for word in running_hyphens(lines)),
            any(_broken_early(lines) for lines in laid))


def _broken_early(lines: tuple[boxes.Line, ...]) -> str | None:
    """A line of one word whose next line's first word would have fitted beside it: the
    engine breaks at a paragraph's first space when no break is allowed just before an
    element that does not fit (a no-break space before a span)."""
    shown = [line for line in lines if line.text.strip()]
    widest = max((line.width for line in shown), default=0.0)
    for line, following in itertools.pairwise(shown):
        text, after = line.text.strip(), following.text.strip()
        if _chinese(text) or thai(text) or len(text.split()) != 1:
            continue
        space = 0.3 * line.size_pt * PX_PER_PT
        if line.width + space + _first_word_width(following, after.split()[0]) < widest:
            return f"{text} / {after[:16]}"
    return None


def _first_word_width(line: boxes.Line, word: str) -> float:
    """About how wide `word`, the line's first, is: its share of the first text's width."""
    first = line.texts[0] if line.texts else None
    if first is None or not first.text:
        return 0.0
    return first.width * len(word) / len(first.text)


def _chinese(text: str) -> bool:
    return any(CJK_START <= character <= CJK_END for character in text)
