"""`render.py proof`: the whole catalogue (or the part a filter keeps) as one contact sheet
PDF, every page of every piece small and labelled, for a person to review in one sitting.

Pieces are rendered in parallel by the real pipeline and come back as small thumbnails,
kept in a temporary folder until the sheet is laid out (WeasyPrint, layouts/proof/, labels
from content/proof/); the sheet is written whole, and optionally a PNG of each of its pages.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pypdfium2

from .. import __version__
from ..catalogue.dates import document_date
from ..catalogue.jobs import Job
from ..catalogue.load import Catalogue
from ..engine.layout import name_images_by_content, write_pdf
from ..errors import InputError
from ..output import make_folder, write_atomic
from .proof_grid import Entry, Group, Summary, arrange, summarise
from .proof_pieces import ProofPiece, proof_piece, proof_pieces
from .proof_text import PROOF_FOLDER, PROOF_LANGUAGE, load_proof_text
from .setting import document_head, set_document

SHEET_PNG_DPI = 150           # a tabloid page: 2550 × 1650 pixels


@dataclass(frozen=True)
class Proof:
    path: Path
    pages: int                # pages of the contact sheet
    summary: Summary
    failed: tuple[ProofPiece, ...]
    images: tuple[Path, ...]  # the PNGs, with --png


def make_proof(jobs: list[Job], catalogue: Catalogue, path: Path, workers: int | None = None,
               png: bool = False,
               progress: Callable[[ProofPiece, int, int], None] | None = None,
               make_piece: Callable[[Job], ProofPiece] | None = None,
               scale: float | None = None) -> Proof:
    """Render `jobs`, lay their pages out on contact sheets and write them to `path`;
    `progress` is told of each piece with how many are done and the total. `make_piece`
    makes each piece's thumbnails (by default it renders it; a caller that has the
    files already may make them from those). With `scale`, every page is shown at that
    share of its real size (1: as printed, to read and measure) instead of small."""
    check_scale(scale)
    make_piece = make_piece or (partial(proof_piece, scale=scale) if scale else proof_piece)
    if not jobs:
        raise InputError("no piece to proof: none has the layouts, sizes and languages "
                         "chosen together; choose fewer of them")
    make_folder(path.parent)  # a bad --out is said before minutes of rendering
    entries: list[Entry | None] = [None] * len(jobs)
    failed = []
    with tempfile.TemporaryDirectory(prefix="awareprint-proof-") as scratch:
        folder = Path(scratch)
        for done, (index, piece) in enumerate(proof_pieces(jobs, workers, make_piece), start=1):
            entries[index] = _keep(index, piece, folder)
            if piece.error is not None:
                failed.append(piece)
            if progress:
                progress(piece, done, len(jobs))
        shown = [entry for entry in entries if entry is not None]
        summary = summarise(shown, catalogue)
        pdf = contact_sheet_pdf(arrange(shown, catalogue, scale), summary, catalogue, folder)
    write_atomic(path, pdf)
    images = write_sheet_pngs(pdf, path) if png else []
    order = {job: index for index, job in enumerate(jobs)}
    return Proof(path, _page_count(pdf), summary,
                 tuple(sorted(failed, key=lambda piece: order[piece.job])), tuple(images))


def check_scale(scale: float | None) -> None:
    """A scale to show the pieces at: 0.1 to 1 of their real size."""
    if scale is not None and not 0.1 <= scale <= 1:
        raise InputError(f"a proof's scale of {scale:g}: give 0.1 to 1 (1 shows every piece "
                         "at its real size)", field="scale")


def _keep(index: int, piece: ProofPiece, folder: Path) -> Entry:
    """The piece with its thumbnails moved out of memory into `folder`."""
    uris = []
    for number, image in enumerate(piece.thumbnails, start=1):
        target = folder / f"{index:04d}-{number}.jpg"
        target.write_bytes(image)
        uris.append(target.as_uri())
    return Entry(piece.job, tuple(uris), piece.scaled, piece.error)


def contact_sheet_pdf(groups: list[Group], summary: Summary, catalogue: Catalogue,
                      thumbnails: Path) -> bytes:
    """The contact sheets as PDF bytes (tabloid landscape, office colours, bundled fonts)."""
    text = load_proof_text(catalogue.content_dir)
    context = {
        "head": document_head(catalogue, PROOF_LANGUAGE),
        "lang": PROOF_LANGUAGE,
        "t": text,
        "version": __version__,
        "date": document_date(catalogue.hotline.checked).date().isoformat(),
        "summary": summary,
        "groups": groups,
    }
    document = set_document("proof", PROOF_FOLDER, catalogue, context, (thumbnails,))
    name_images_by_content(document)
    return write_pdf(document)


def write_sheet_pngs(pdf: bytes, pdf_path: Path, dpi: float = SHEET_PNG_DPI) -> list[Path]:
    """One PNG per contact-sheet page beside the PDF (NAME_p1.png, ...), one page in
    memory at a time."""
    written = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for number, page in enumerate(document, start=1):
            image = page.render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            del image
            target = pdf_path.with_name(f"{pdf_path.stem}_p{number}.png")
            write_atomic(target, buffer.getvalue())
            written.append(target)
    finally:
        document.close()
    return written


def _page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()
