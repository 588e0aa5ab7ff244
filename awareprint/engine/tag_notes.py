"""What the layout engine noted of each marked-content sequence of a tagged PDF (taken by
tagging.py while it writes, used by finishing): plain values, no engine needed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Glyphs of a right-to-left word that stand for its characters (/ActualText)."""

    start: int                   # its first glyph, counted among those the box draws
    count: int
    text: str                    # its characters in drawn order (tagging.py says why)


@dataclass(frozen=True)
class MarkedContent:
    """One marked-content sequence as the layout engine drew it."""

    language: str                # the box's language (its `lang`, inherited), "" if none
    artifact: bool = False       # nothing to read: decoration, or text drawn as nothing
    logical: str | None = None   # right-to-left text: its characters in reading order
    glyphs: tuple[int | None, ...] = ()  # right-to-left text: the glyphs it draws, in order
    spans: tuple[Span, ...] = ()


TagNotes = list[dict[int, MarkedContent]]  # per page: marked-content id → what it holds
