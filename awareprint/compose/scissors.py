"""The scissors drawn on a tear-off's tear line: where to cut, understood in any language.

Drawn as vector strokes, not a font glyph (few fonts carry U+2702), in any CSS colour so
that press output can use device-cmyk().
"""

from __future__ import annotations

from functools import cache


@cache
def scissors_svg(colour: str) -> str:
    """Two finger rings on the left, two blades crossing towards the right (the cut's
    direction along the line), sized by its container."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 16">'
        f'<g fill="none" stroke="{colour}" stroke-width="1.5" stroke-linecap="round">'
        '<circle cx="4.5" cy="4" r="3"/><circle cx="4.5" cy="12" r="3"/>'
        '<path d="M7.2 5.6 L23 13.2 M7.2 10.4 L23 2.8"/></g></svg>'
    )
