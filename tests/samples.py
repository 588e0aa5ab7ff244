"""What the default run renders of the catalogue's languages, the slow run (`pytest -m
slow`, CI's last step) all of them: the default run keeps one language for each thing a
script asks of the code — Latin at its longest (Vietnamese), right to left (Arabic), Han
without spaces (Simplified Chinese), Hangul broken at spaces (Korean), Devanagari's
reordered vowels (Hindi) — and the pairs that combine them with English, the second
language in each direction. The slow run makes every other language from the same render
cache the catalogue matrix fills, so a test's full set costs CI no second render."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

LANGUAGES = frozenset({"en", "vi", "ar", "zh-Hans", "ko", "hi"})
PAIRS = frozenset({"en+es", "en+ar", "en+zh-Hant", "ar+en"})


def sampled(values: Iterable[object], kept: Callable[[object], bool] | None = None) -> list:
    """`values` as pytest parameters: those `kept` (by default: a sampled language or pair,
    or a tuple holding one) run every time, the others only in the slow run."""
    keep = kept or _sampled_language
    return [value if keep(value) else
            pytest.param(*(value if isinstance(value, tuple) else (value,)),
                         marks=pytest.mark.slow)
            for value in values]


def _sampled_language(value: object) -> bool:
    parts = value if isinstance(value, tuple) else (value,)
    return any(part in LANGUAGES or part in PAIRS for part in parts)
