"""Label files of the documents that are not pieces (job ticket, proof): loaded whole,
their `{placeholders}` checked against the names each label may use."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, StringConstraints

from .language_checks import PLACEHOLDER
from .schema import ProblemsByFile, load

Labels = TypeVar("Labels", bound=BaseModel)
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]  # one label


def unknown_placeholders(labels: BaseModel, allowed: Mapping[str, set[str]]) -> None:
    """Raise ValueError for the first label (dotted key) that uses a name it may not."""
    for key, names in allowed.items():
        value: object = labels
        for part in key.split("."):
            value = getattr(value, part)
        unknown = set(PLACEHOLDER.findall(str(value))) - names
        if unknown:
            raise ValueError(f"{key} has {{{', '.join(sorted(unknown))}}}; it may use "
                             f"{', '.join(f'{{{name}}}' for name in sorted(names))}")


def load_labels(model: type[Labels], path: Path) -> Labels:
    """A label file, or a ContentError naming every problem."""
    problems = ProblemsByFile()
    labels = load(model, path, problems)
    problems.raise_if_any()
    assert labels is not None
    return labels
