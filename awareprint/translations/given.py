"""A translator's file as its format gives it (PO or XLIFF), before any of our checks:
read once by its format's reader, then checked by one path (importing.py) whatever the
format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Given:
    """One entry: its key (None where the file gave none), its English, its translation
    and the line it starts on."""

    name: str | None
    english: str
    text: str
    line: int
    plural: bool = False  # PO's msgid_plural: none of our strings has plural forms


@dataclass(frozen=True)
class TranslatorFile:
    """The language the file says it is for (and where it says so), the language it was
    exported for (None: not said), and its entries. `field` is how the format names its
    language, `set_to` how a person sets it back: the file's own words in a message."""

    language: str
    line: int
    exported: str | None
    entries: tuple[Given, ...]
    field: str
    set_to: str
