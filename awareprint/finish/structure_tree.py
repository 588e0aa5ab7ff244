"""Reading a tagged PDF's structure tree, for finishing it and for reading it back."""

from __future__ import annotations

import pikepdf


def kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    """A structure element's kids, one or many."""
    found = element.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]
