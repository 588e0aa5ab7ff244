"""One render per job, shared by the pytest-xdist workers and kept from one test run to
the next while nothing it is made from changes.

Keyed by the Job itself (a frozen value: the same piece asked for two ways is one key),
with a partner's logo by its bytes rather than its path (each test writes its own copy),
in a folder named for everything else a piece is made from: the program, the data, the
fonts and colour profiles (the batch's own fingerprint, orders/fingerprint.py) and the
versions of the libraries that draw. A change to any of them starts a new folder, and
folders of other states left for an hour are removed. So the slow run after the default
one (CI) makes only what the default run did not.

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
import shutil
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from awareprint.catalogue.jobs import Job
from awareprint.catalogue.load import Catalogue
from awareprint.orders.fingerprint import inputs_hash
from awareprint.paths import CONTENT_DIR, FONTS_DIR, LAYOUTS_DIR
from awareprint.render.pipeline import Rendered
from tests.pieces import render

PROJECT_DATA = (LAYOUTS_DIR, CONTENT_DIR, FONTS_DIR)
KEPT = Path(tempfile.gettempdir()) / "awareprint-test-renders"
STALE_SECONDS = 3600
DRAWING_LIBRARIES = ("weasyprint", "pikepdf", "pypdfium2", "uharfbuzz", "fonttools", "segno",
                     "pillow", "pydantic", "jinja2")


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


def kept_folder(catalogue: Catalogue) -> Path:
    """The folder of the pieces made from the program and data as they are now; folders of
    other states, untouched for an hour, are removed."""
    state = inputs_hash(catalogue, LAYOUTS_DIR,
                        {name: version(name) for name in DRAWING_LIBRARIES})
    folder = KEPT / state[:24]
    if folder.is_dir():  # in use: not stale to a run of another state meanwhile
        os.utime(folder)
    if KEPT.is_dir():
        for other in KEPT.iterdir():
            if other != folder and time.time() - other.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(other, ignore_errors=True)
    return folder
