"""A language's strings marked up for the line breaker, as a typesetter would set them.

- A "·" separator is bound to the words on both sides (no-break spaces): it never starts
  or ends a line.
- A paragraph's last line never holds one word alone: where a laid-out paragraph ends
  in a single word, the render stage sets it again with its last two words joined by a
  no-break space (measure/runts.py). Only then: joined everywhere, they cost narrow slots
  their fit. A Chinese paragraph's last line always holds three characters or more, and
  the words its language file lists as `unbroken` are never split across lines.
- Thai, written without spaces between words, breaks between words only, as the layout
  engine finds them in libthai's dictionary (thai_words.py); a paragraph's last two words
  are always kept together, as are the words its language file lists as `unbroken` (the
  dictionary splits compounds: การค้ามนุษย์ is never set as การค้า / มนุษย์); the space
  before ๆ (the repetition mark, which repeats the word before it) never breaks.
- A paragraph's last word is never hyphenated: its second half alone would end the
  paragraph as a runt.
- Korean breaks between words only, never inside one (CSS `word-break: keep-all`, which
  the layout engine lacks): each word is kept whole.
- A hyphenated compound ("awareness-raising") is never hyphenated inside its parts: a
  line may end at its own hyphen, as a typesetter breaks it, and nowhere else in it.
- A compound written in several words that the language file lists as `unbroken` ("mua
  bán" in Vietnamese) keeps its words on one line.
- Words in Latin letters inside right-to-left text (a name: "Innocence Freed") are set
  apart in their own direction (embedded_runs.py), and read back in their order.

Everything is escaped here; the result is Markup, filled and placed like any string. A
placeholder is never kept whole: the text it stands for may be long.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .embedded_runs import marked_runs, runs_set_apart
from .thai_words import word_spans

NO_BREAK_SPACE = "\u00a0"
HYPHENATED = re.compile(r"[^\W\d_][-\u2011][^\W\d_]")  # a hyphen between letters
SEPARATOR = " · "
KEPT_CHARACTERS = 3     # a Chinese paragraph's last line holds at least three
SHORTEST_PARAGRAPH = 6  # words: shorter paragraphs (labels, headlines) break where they must
WORDS_BY_SPACES = {"Kore"}   # scripts that break only between words
CHARACTER_SCRIPTS = {"Hans", "Hant", "Jpan"}  # scripts set without spaces
DICTIONARY_SCRIPTS = {"Thai"}  # scripts without spaces between words, found in a dictionary
REPETITION_MARK = "\u0e46"     # Thai ๆ: written after a space, never starts a line
KEPT_WORDS = 2                 # a Thai paragraph's last line holds two words or more
# Placeholders filled with a short number (content/hotline.yaml): a paragraph's last two
# words may be kept together around one, as around any word; other values may be long.
SHORT_PLACEHOLDERS = ("{emergency}",)


def typeset(text: str, script: str, joined: bool = False,
            whole: frozenset[str] = frozenset()) -> Markup:
    """`text` as Markup for a language written in `script`; `joined` keeps its last two
    words on one line (the render stage asks for it where a paragraph of six words or
    more ended in one word alone, whatever this string's own length); the `whole` words
    are never broken (the second of two hyphenations running, found after layout; the
    language's unbroken terms, a phrase of several words among them)."""
    text = text.replace(SEPARATOR, f"{NO_BREAK_SPACE}·{NO_BREAK_SPACE}")
    if script in CHARACTER_SCRIPTS:
        return _characters(text, whole)
    if script in DICTIONARY_SCRIPTS:
        return _dictionary_words(text, whole)
    text = _phrases_bound(text, [phrase for phrase in whole if " " in phrase])
    text = marked_runs(text)
    words = text.split(" ")
    marked = [_kept(word) if (script in WORDS_BY_SPACES and len(word) > 1
                              and not _long_placeholder(word))
              or word.strip(".,;:!?()") in whole else
              _compound(word) if _hyphenated(word) else escape(word) for word in words]
    placeholder = _long_placeholder(" ".join(words[-2:]))
    # A number that ends a paragraph keeps the word before it ("Call 911."). Joined here,
    # inside the span that keeps the last word: a no-break space before that span makes
    # the engine break the line at its first space instead of its last.
    joined = joined or any(short in words[-1] for short in SHORT_PLACEHOLDERS)
    if joined and len(words) >= 2 and not placeholder:
        marked = [*marked[:-2], Markup(NO_BREAK_SPACE).join(marked[-2:])]
    if len(words) >= SHORTEST_PARAGRAPH and not placeholder and script not in WORDS_BY_SPACES:
        marked[-1] = _kept(marked[-1])  # (a Korean word is kept already)
    return runs_set_apart(Markup(" ").join(marked))


def _phrases_bound(text: str, phrases: list[str]) -> str:
    """`text` with the spaces inside each of `phrases` (matched whatever their case)
    made no-break spaces."""
    for phrase in sorted(phrases, key=len, reverse=True):
        text = re.sub(re.escape(phrase), lambda found: found[0].replace(" ", NO_BREAK_SPACE),
                      text, flags=re.IGNORECASE)
    return text


def _hyphenated(word: str) -> bool:
    """A compound joined by a hyphen between two letters ("awareness-raising")."""
    return any(HYPHENATED.search(part) for part in word.split(NO_BREAK_SPACE))


def _compound(word: str) -> Markup:
    return Markup('<span class="compound">{}</span>').format(word)


def _long_placeholder(text: str) -> bool:
    for short in SHORT_PLACEHOLDERS:
        text = text.replace(short, "")
    return "{" in text


def _characters(text: str, words: frozenset[str]) -> Markup:
    """Chinese: each of `words` kept whole where it occurs, and the paragraph's last three
    characters kept together (a placeholder, whose value may be long, never is)."""
    kept = _whole_words(text, words)
    if len(text) >= 2 * KEPT_CHARACTERS and "}" not in text[-KEPT_CHARACTERS:]:
        kept.append((len(text) - KEPT_CHARACTERS, len(text)))
    return _kept_runs(text, kept)


def _dictionary_words(text: str, words: frozenset[str]) -> Markup:
    """Thai: each of `words` kept whole where it occurs, the space before ๆ bound, and the
    paragraph's last two words kept together in a paragraph of six words or more (not
    where a placeholder whose value may be long is one of them; "โทร {emergency}" is)."""
    text = text.replace(f" {REPETITION_MARK}", f"{NO_BREAK_SPACE}{REPETITION_MARK}")
    kept = _whole_words(text, words)
    spans = word_spans(text)
    if len(spans) >= SHORTEST_PARAGRAPH:
        start = spans[-KEPT_WORDS][0]
        if "{" in text[start:] and not _long_placeholder(text[start:]):
            # a placeholder is never inside a kept span: bound by a no-break space
            text = text[:start] + text[start:].replace(" ", NO_BREAK_SPACE)
        elif not _long_placeholder(text[start:]):
            kept.append((start, len(text)))
    return _kept_runs(text, kept)


def _whole_words(text: str, words: frozenset[str]) -> list[tuple[int, int]]:
    return [(start, start + len(word)) for word in sorted(words, key=len, reverse=True)
            for start in _occurrences(text, word)]


def _kept_runs(text: str, kept: list[tuple[int, int]]) -> Markup:
    """`text` escaped, each of the `kept` runs (start, end) in a span kept on one line;
    overlapping runs merged, and a run that holds part of a placeholder left out."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(kept):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    parts, position = [], 0
    for start, end in merged:
        if "{" in text[start:end] or "}" in text[start:end]:
            continue
        parts += [escape(text[position:start]), _kept(text[start:end])]
        position = end
    return Markup("").join([*parts, escape(text[position:])])


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + len(word))
    return found


def aside(text: object, script: str) -> Markup:
    """A parenthesis after a word: full-width brackets, which carry their own space, in
    Chinese; a space and ASCII brackets elsewhere."""
    if script in CHARACTER_SCRIPTS:
        return Markup("\uff08{}\uff09").format(text)
    return Markup(" ({})").format(text)


def address(parts: list[str]) -> Markup:
    """A name and address on one line, broken only between its parts ("Innocence Freed,
    P.O. Box 45056, Omaha, NE 68145"): each part kept whole by no-break spaces (the
    engine breaks no better between no-wrap spans inside right-to-left text), commas
    between."""
    return Markup(", ").join(escape(part.replace(" ", NO_BREAK_SPACE)) for part in parts)


def _kept(text: str | Markup) -> Markup:
    return Markup('<span class="kept">{}</span>').format(text)

