"""A private copy of layouts/ and content/ for a test to break, and what loading it says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from awareprint.catalogue.load import load_catalogue
from awareprint.errors import ContentError
from awareprint.paths import CONTENT_DIR, LAYOUTS_DIR


def copy_data(folder: Path) -> Path:
    shutil.copytree(LAYOUTS_DIR, folder / "layouts")
    shutil.copytree(CONTENT_DIR, folder / "content")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_problems(data: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalogue(data / "layouts", data / "content")
    return caught.value.problems
