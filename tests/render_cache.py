"""One render per job for the whole test session, shared by the pytest-xdist workers.

Keyed by the Job itself (a frozen value: the same piece asked for two ways is one key),
with a partner's logo by its bytes rather than its path (each test writes its own copy).
Only pieces of the project's own content are kept: a test that edits a copy of the data
renders it itself. A piece is rendered by whichever worker asks first; another worker
asking for it meanwhile waits on the piece's lock file and then reads the result.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import os
import pickle
from pathlib import Path

from awareprint.catalogue.jobs import Job
from awareprint.catalogue.load import Catalogue
from awareprint.paths import CONTENT_DIR, FONTS_DIR, LAYOUTS_DIR
from awareprint.render.pipeline import Rendered
from tests.pieces import render

PROJECT_DATA = (LAYOUTS_DIR, CONTENT_DIR, FONTS_DIR)


class RenderCache:
    """`cache(job, catalogue)` is `render(job, catalogue)`, made once per session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._kept: dict[str, Rendered] = {}
        self.made = 0  # renders this process did itself (the rest came from the cache)

    def __call__(self, job: Job, catalogue: Catalogue) -> Rendered:
        if catalogue.data_dirs != PROJECT_DATA:
            return render(job, catalogue)
        key = job_key(job)
        if key not in self._kept:
            self._kept[key] = self._shared(key, job, catalogue)
        return self._kept[key]

    def _shared(self, key: str, job: Job, catalogue: Catalogue) -> Rendered:
        stored = self.folder / f"{key}.pickle"
        with open(self.folder / f"{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if stored.exists():
                return pickle.loads(stored.read_bytes())
            rendered = render(job, catalogue)
            self.made += 1
            partial = stored.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(pickle.dumps(rendered))
            partial.replace(stored)
            return rendered


def job_key(job: Job) -> str:
    """The job as a file name: its fields, with a logo stood for by its bytes."""
    partner = job.partner
    logo = b""
    if partner is not None and partner.logo is not None:
        logo = partner.logo.read_bytes()
        job = dataclasses.replace(job, partner=dataclasses.replace(partner, logo=None))
    digest = hashlib.sha256(repr(job).encode())
    digest.update(hashlib.sha256(logo).digest())
    return digest.hexdigest()[:32]


def shared_folder(base: Path) -> Path:
    """The session's cache folder: under xdist, each worker's temporary folder sits in
    one shared by the whole run."""
    run = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return run / "rendered"
