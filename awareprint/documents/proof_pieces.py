"""The pieces of a proof: each rendered by the real pipeline on a worker process, its pages
rasterised small (JPEG thumbnails, a few tens of kB each) before they leave the worker, so
no full-size page is ever held by the process that collects them. A piece that fails
gives its error instead, and the others go on."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..catalogue.jobs import Job
from ..catalogue.load import Catalogue, load_catalogue
from ..errors import AwareprintError
from ..preflight.preview import page_images
from ..preflight.read_back import read_back
from ..render import pipeline
from ..render.outcome import FAIL, PASS, SCALED
from ..workers import Lost, run_all
from .proof_grid import THUMBNAIL_PX, thumbnail_px

JPEG_QUALITY = 88


@dataclass(frozen=True)
class ProofPiece:
    """One piece as the proof shows it: a thumbnail per page, or the error."""

    job: Job
    thumbnails: tuple[bytes, ...] = ()   # JPEG, one per page
    scaled: dict[str, tuple[float, float]] = field(default_factory=dict)  # slot: design, set
    error: str | None = None

    @property
    def outcome(self) -> str:
        return FAIL if self.error is not None else SCALED if self.scaled else PASS


def proof_piece(job: Job, scale: float | None = None) -> ProofPiece:
    """Render one piece and make its thumbnails (in a worker process), sharp at `scale`
    of its real size (None: the overview's)."""
    catalogue = load_catalogue()
    try:
        rendered = pipeline.render(job, catalogue, read_back)
        longest = thumbnail_px(catalogue.sizes[job.size], scale)
        return ProofPiece(job, thumbnails(rendered.pdf, job, catalogue, longest),
                          rendered.scaled)
    except AwareprintError as error:
        return ProofPiece(job, error=str(error).removeprefix(f"{job.label}: "))


def thumbnails(pdf: bytes, job: Job, catalogue: Catalogue,
               longest_px: int = THUMBNAIL_PX) -> tuple[bytes, ...]:
    """Every page of a finished piece as a JPEG at most `longest_px` on its longest side."""
    size = catalogue.sizes[job.size]
    dpi = longest_px / (max(size.width_pt, size.height_pt) / 72)
    images = []
    for image in page_images(pdf, dpi, trimmed=True):
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
        images.append(buffer.getvalue())
    return tuple(images)


def proof_pieces(jobs: list[Job], workers: int | None = None,
                 make_piece: Callable[[Job], ProofPiece] = proof_piece
                 ) -> Iterator[tuple[int, ProofPiece]]:
    """(index of the job, its piece) as each finishes, on `workers` processes (default: one
    per core), each made by `make_piece` (by default rendered anew). A worker that dies costs
    only the piece it held; a bug in one piece is shown as that piece's error."""
    yield from run_all(make_piece, [(job,) for job in jobs], workers,
                       lambda index, why: _lost(jobs[index], why))


def _lost(job: Job, lost: Lost) -> ProofPiece:
    how = ("the worker rendering it died (killed or out of memory; " if lost.died
           else "internal error (")
    return ProofPiece(job, error=f"{how}{lost.reason}); please report this")
