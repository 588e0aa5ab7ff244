"""What a file was made from, as one hash: the job, the layout's files, the content, the
fonts, the colour profile and the program. Equal hashes, equal files: a batch re-run
reuses a file whose hash has not changed instead of rendering it again."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..catalogue.load import Catalogue
from ..paths import PROJECT_ROOT

PROGRAM_DIR = Path(__file__).resolve().parent.parent  # the whole package, every stage
PROGRAM_FILES = "**/*.py"
COLOUR_DIR = PROJECT_ROOT / "colour"


def inputs_hash(catalogue: Catalogue, folder: Path, *parts: Any) -> str:
    """The hash of everything a file is made from: what every file shares, the files of
    its own template `folder` (a layout's), and `parts` (the job, the sheet...)."""
    digest = hashlib.sha256()
    digest.update(_shared(catalogue.layouts_dir, catalogue.content_dir, catalogue.fonts_dir))
    digest.update(_tree(folder).encode())
    digest.update(json.dumps(_plain(list(parts)), sort_keys=True, default=str).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())  # stamped in the file
    return digest.hexdigest()


@cache
def _shared(layouts_dir: Path, content_dir: Path, fonts_dir: Path) -> bytes:
    """Everything every job depends on, hashed once a process (fonts are tens of MB)."""
    parts = [__version__, _tree(PROGRAM_DIR, PROGRAM_FILES), _tree(content_dir),
             _tree(fonts_dir), _tree(COLOUR_DIR),
             _tree(layouts_dir, "*.*")]  # layouts/: the shared files only
    return "\n".join(parts).encode()


def _tree(folder: Path, pattern: str = "**/*") -> str:
    """A hash of the names and bytes of the files under `folder` matching `pattern`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob(pattern) if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(_file_hash(path).encode())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    stat = path.stat()
    return _hash_of(path, stat.st_mtime_ns, stat.st_size)


@cache
def _hash_of(path: Path, _mtime: int, _size: int) -> str:
    """A file's sha256, read again only when the file changes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plain(value: Any) -> Any:
    """A job as plain data; a file it names (the partner's logo) by its bytes' hash."""
    if is_dataclass(value) and not isinstance(value, type):
        return {key: _plain(item) for key, item in asdict(value).items()}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Path):
        return _file_hash(value)
    return value
