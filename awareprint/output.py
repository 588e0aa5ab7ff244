"""Writing output files whole or not at all: a temporary file beside the target, renamed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError

PARTIAL_SUFFIX = ".part"


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The file gets the usual permissions (0666 less the umask), not mkstemp's private 0600:
    output is meant to be shared with a print shop.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.",
                                             suffix=PARTIAL_SUFFIX,
                                             dir=path.parent)
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror}; choose another place to "
                         "write", field="out") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), 0o666 & ~_umask())
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"cannot write {path}: {error.strerror}; "
                             "choose another place to write", field="out") from None
        raise


def make_folder(folder: Path, beside: bool = False) -> None:
    """Make `folder` (and its parents) for output, sure that files can be written in it
    and, with `beside`, next to it; or raise an InputError naming the path and the fix,
    having made nothing."""
    existing = next(p for p in (folder, *folder.parents) if p.exists() or p.is_symlink())
    if not existing.is_dir():
        where = "" if existing == folder else f" cannot be made: {existing}"
        raise InputError(f"{folder}{where} is a file, not a folder; give a folder "
                         "(it is made if it does not exist)", field="out")
    _probe(folder, existing)
    if beside and existing == folder:
        _probe(folder, folder.parent)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{folder}: cannot make this folder ({error.strerror}); "
                         "give a folder you can write to", field="out") from None


def remove_partial_files(folder: Path) -> None:
    """Remove what write_atomic left half-written in `folder` when its process was killed."""
    for path in folder.glob(f".*{PARTIAL_SUFFIX}"):
        path.unlink(missing_ok=True)


def _probe(folder: Path, directory: Path) -> None:
    try:
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        at = "" if directory == folder else f" in {directory}"
        raise InputError(f"{folder}: cannot write{at} ({error.strerror}); give a "
                         "folder you can write to", field="out") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
