"""The one Jinja set-up, for every template: a piece's, the proof's and the job ticket's.

Autoescaped (every string is text, not HTML, unless a filter says otherwise) and strict
(a label missing from content/ is an error, not an empty line), with the filters the
templates use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from . import digital
from .filters import (
    direction,
    distinct,
    fill,
    isolated,
    kept_name,
    labels,
    left_to_right,
    left_to_right_words,
)


@cache
def template_environment(*folders: Path) -> Environment:
    """Templates found in `folders`, the first that has a name winning (a layout's own
    folder, then layouts/ for the parts every layout includes)."""
    environment = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["fill"] = fill
    environment.filters["ltr"] = left_to_right
    environment.filters["ltr_words"] = left_to_right_words
    environment.filters["isolate"] = isolated
    environment.filters["distinct"] = distinct
    environment.filters["labels"] = labels
    environment.filters["name"] = kept_name
    environment.filters["direction"] = direction
    for name in ("link", "web_url", "decorative"):
        environment.filters[name] = getattr(digital, name)
    return environment
