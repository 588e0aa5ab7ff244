"""A language's strings as a translator's entries: one per string, one per item of a list
(`victim_questions.0`, as the typesetter names a list's paragraphs)."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue.content import Strings


@dataclass(frozen=True)
class EntryKey:
    """Where an entry's text lives in the language file: its key, and its place in a list."""

    key: str
    index: int | None = None

    @property
    def name(self) -> str:
        return self.key if self.index is None else f"{self.key}.{self.index}"


def entries_of(strings: Strings) -> dict[str, tuple[EntryKey, str]]:
    """Entry name → (where it lives, its text), in the file's order."""
    found: dict[str, tuple[EntryKey, str]] = {}
    for key, value in strings.items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                entry = EntryKey(key, index)
                found[entry.name] = (entry, item)
        else:
            found[key] = (EntryKey(key), value)
    return found


def with_entries(strings: Strings, texts: dict[EntryKey, str]) -> dict[str, str | list[str]]:
    """The strings with the entries' texts put in their places."""
    result: dict[str, str | list[str]] = {}
    for key, value in strings.items():
        if isinstance(value, list):
            result[key] = [texts.get(EntryKey(key, index), item)
                           for index, item in enumerate(value)]
        else:
            result[key] = texts.get(EntryKey(key), value)
    return result
