"""How an order's problems show a partner's values: short, escaped, and not too many."""

from __future__ import annotations

from ..catalogue.user_text import quoted

MAX_SHOWN = 20     # problems listed; the rest are counted


def plain(text: str, limit: int = 100) -> str:
    """A sentence from a parser (which may hold part of the file) made safe to show."""
    return quoted(text, limit)[1:-1]


def capped(problems: list[str], limit: int = MAX_SHOWN) -> list[str]:
    """The first `limit` problems and how many more there are."""
    if len(problems) <= limit:
        return problems
    return [*problems[:limit], f"and {len(problems) - limit:,} more"]
