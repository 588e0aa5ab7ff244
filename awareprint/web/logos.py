"""Uploaded logos: read with a size limit, checked as an order's logo file is, and kept
under the name of their content's hash. The partner's file name is only shown, never used
as a path."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import Protocol

from starlette.concurrency import run_in_threadpool

from ..orders.logo_file import MAX_BYTES, check_logo
from ..orders.messages import quoted

LOGOS = "logos"
SUFFIXES = {"png": ".png", "jpg": ".jpg", "jpeg": ".jpg", "svg": ".svg"}
CHUNK = 64 * 1024
KEEP_SECONDS = 24 * 3600   # a placed order has its own copy; an unused upload goes in a day


class Upload(Protocol):
    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


class LogoProblem(Exception):
    """Why an uploaded logo cannot be used, with the fix."""


def logos_folder(data: Path) -> Path:
    return data / LOGOS


async def keep_logo(upload: Upload, data: Path) -> tuple[str, str]:
    """The kept logo's id (its file name under logos/) and the name to show for it."""
    shown = quoted((upload.filename or "logo")[:80])
    suffix = SUFFIXES.get((upload.filename or "").rpartition(".")[2].lower())
    if suffix is None:
        raise LogoProblem(f"{shown}: give a PNG, JPEG or SVG logo (.png, .jpg, .svg)")
    folder = logos_folder(data)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".upload.", suffix=suffix, dir=folder)
    path = Path(temporary)
    try:
        digest, size = hashlib.sha256(), 0
        with os.fdopen(handle, "wb") as stream:
            while chunk := await upload.read(CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise LogoProblem(f"{shown} is over {MAX_BYTES // 2**20} MB; export a "
                                      "smaller file")
                digest.update(chunk)
                stream.write(chunk)
        if size == 0:
            raise LogoProblem(f"{shown} is empty; choose the logo file again")
        reason = await run_in_threadpool(check_logo, path)  # a full decode: off the loop
        if reason:
            raise LogoProblem(reason.replace(quoted(path.name), shown))
        logo_id = digest.hexdigest() + suffix
        os.replace(path, folder / logo_id)
        return logo_id, (upload.filename or "logo")[:80]
    finally:
        path.unlink(missing_ok=True)


def kept_logo(data: Path, logo_id: str | None) -> Path | None:
    """A kept logo by its id (already matched against the id's pattern), if it is there."""
    if logo_id is None:
        return None
    path = logos_folder(data) / logo_id
    return path if path.is_file() else None


def prune_logos(data: Path, now: float | None = None) -> int:
    """Remove uploads (and partial ones) older than a day; how many went."""
    folder = logos_folder(data)
    cutoff = (time.time() if now is None else now) - KEEP_SECONDS
    removed = 0
    for path in folder.iterdir() if folder.is_dir() else ():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # taken by another pruning or a new upload's rename
            continue
    return removed
