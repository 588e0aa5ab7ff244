"""finish: pikepdf post-processing of the engine's PDF.

Office: metadata and a reproducible file. Press: also the page boxes (TrimBox = the
finished piece, BleedBox = trim + bleed), the CMYK output intent and the PDF/X-4
identification (pdfx.py). Digital: a tagged PDF completed for reading on screen (pdfua.py).
Office and press: right-to-left words with a ligature carry their text (ligature_words.py),
as the digital file's do.
"""

from __future__ import annotations

import hashlib
import io
from datetime import datetime

import pikepdf

from ..engine.tag_notes import TagNotes
from .boxes import set_page_boxes
from .ligature_words import mark_ligature_words
from .metadata import Metadata, describe, note_for_preflight
from .pdfua import finish_accessible
from .pdfx import PDFX_PDF_VERSION, PressFinish, identify_pdfx


def finish(pdf: bytes, metadata: Metadata, stamped: datetime,
           press: PressFinish | None = None, tagged: TagNotes | None = None) -> bytes:
    """Set metadata (and for press the boxes, intent and PDF/X keys; for a tagged PDF, with
    the notes taken while it was written, what reading on screen needs); save
    reproducibly."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        describe(document, metadata, stamped)
        if press is not None:
            set_page_boxes(document, press.trim, press.bleed)
            identify_pdfx(document, press.output_intent, stamped,
                          hashlib.sha256(pdf).hexdigest())
        if tagged is not None:
            finish_accessible(document, tagged, stamped)
        else:
            mark_ligature_words(document)
        note_for_preflight(document, metadata)
        return save_reproducibly(document, PDFX_PDF_VERSION if press else "")


def save_reproducibly(document: pikepdf.Pdf, version: str = "") -> bytes:
    """The document's bytes, the same for the same content: its /ID is a digest of it
    (pikepdf's default is random), streams compressed."""
    out = io.BytesIO()
    document.save(out, deterministic_id=True, compress_streams=True,
                  object_stream_mode=pikepdf.ObjectStreamMode.generate,
                  force_version=version)
    return out.getvalue()
