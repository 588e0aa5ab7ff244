"""Where Thai words begin: Thai is written without spaces between words, and a line may
break only between two words, never inside one.

The words are found by libthai's dictionary (`th_brk`, through ctypes). It is the library
Pango's line breaker itself consults for Thai, and it is present wherever Pango is
(Debian's libpango-1.0-0 depends on libthai0), so finding it costs no new dependency.
Here it reads each paragraph whole, as the reader reads it, while the engine lays out a
paragraph a line and an inline box at a time: a line that ends where the whole
paragraph's words do not (a word cut where the engine saw only part of its context, a
break forced where nothing fitted, a character break of an engine without libthai) is
caught after layout (measure/type_rules.py).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

from ..errors import AwareprintError

THAI_START, THAI_END = "\u0e00", "\u0e7f"
LIBRARY = "thai"       # libthai.so.0
DEFAULT_DICTIONARY = None  # th_brk_new(NULL): the dictionary libthai was installed with


class ThaiWordsUnavailable(AwareprintError):
    """libthai cannot be loaded: Thai lines cannot be broken between words."""


def thai(text: str) -> bool:
    """Whether `text` holds a Thai character."""
    return any(THAI_START <= character <= THAI_END for character in text)


@cache
def _breaker() -> tuple[ctypes.CDLL, int]:
    name = ctypes.util.find_library(LIBRARY) or "libthai.so.0"
    try:
        library = ctypes.CDLL(name)
    except OSError as error:
        raise ThaiWordsUnavailable(
            f"libthai cannot be loaded ({error}); Thai lines are broken between words with "
            "its dictionary: install libthai0 (Debian) or libthai (other systems)") from error
    library.th_brk_new.restype = ctypes.c_void_p
    library.th_brk_new.argtypes = [ctypes.c_char_p]
    library.th_brk_wc_find_breaks.restype = ctypes.c_int
    library.th_brk_wc_find_breaks.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p,
                                              ctypes.POINTER(ctypes.c_int), ctypes.c_size_t]
    breaker = library.th_brk_new(DEFAULT_DICTIONARY)
    if not breaker:
        raise ThaiWordsUnavailable("libthai has no word dictionary (th_brk_new failed); "
                                   "install libthai-data")
    return library, breaker


@cache
def word_starts(text: str) -> frozenset[int]:
    """The indices of `text` where a Thai word begins after another word (a place the line
    may break), by libthai's dictionary, beside Thai only; spaces are not its concern."""
    if not thai(text):
        return frozenset()
    library, breaker = _breaker()
    positions = (ctypes.c_int * (len(text) + 1))()
    found = library.th_brk_wc_find_breaks(breaker, text, positions, len(text) + 1)
    # a break beside Thai only: libthai also cuts Latin text at its punctuation ("{")
    return frozenset(position for position in positions[:max(found, 0)]
                     if 0 < position < len(text)
                     and (thai(text[position - 1]) or thai(text[position])))


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text`: cut at spaces (a no-break space too), and
    between Thai words."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    starts = word_starts(text)
    for index, character in enumerate(text):
        if character.isspace():
            if start is not None:
                spans.append((start, index))
            start = None
            continue
        if start is not None and index in starts:
            spans.append((start, index))
            start = None
        if start is None:
            start = index
    if start is not None:
        spans.append((start, len(text)))
    return spans


def words(text: str) -> list[str]:
    """`text` cut into its words: at spaces, and between Thai words."""
    return [text[start:end] for start, end in word_spans(text)]
