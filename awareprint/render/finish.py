"""finish: pikepdf post-processing of the engine's PDF.

Office: metadata and a reproducible file. Press: also the page boxes (TrimBox = the
finished piece, BleedBox = trim + bleed), the CMYK output intent and the PDF/X-4
identification in the Info dictionary and in XMP metadata, kept consistent. Digital: a
tagged PDF completed for reading on screen (accessible.py).
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import pikepdf

from .. import __version__
from ..catalogue.geometry import Rect
from ..catalogue.house import OutputIntent
from ..engine.tag_notes import TagNotes
from ..preflight.structure import PARTNER_NUMBERS, STATE_NOTICE
from .accessible import finish_accessible

PDFX_VERSION = "PDF/X-4"
PDFX_PDF_VERSION = "1.6"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str
    keywords: str
    imposition: str | None = None  # the sheet name, for pieces placed many to a sheet
    partner_numbers: tuple[str, ...] = ()  # a co-branding partner's own phone numbers
    notice: str | None = None  # a state's notice: "CA general en es" (preflight checks it)


@dataclass(frozen=True)
class PressFinish:
    """What press output adds: where the trim and bleed are, and the printing condition."""

    trim: Rect            # in the engine's page, from its top-left corner
    bleed: float
    output_intent: OutputIntent


def finish(pdf: bytes, metadata: Metadata, stamped: datetime,
           press: PressFinish | None = None, tagged: TagNotes | None = None) -> bytes:
    """Set metadata (and for press the boxes, intent and PDF/X keys; for a tagged PDF, with
    the notes taken while it was written, what reading on screen needs); save
    reproducibly."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        info = document.docinfo
        info[pikepdf.Name.Title] = metadata.title
        info[pikepdf.Name.Author] = metadata.author
        info[pikepdf.Name.Subject] = metadata.subject
        info[pikepdf.Name.Keywords] = metadata.keywords
        info[pikepdf.Name.Creator] = f"awareprint {__version__}"
        pdf_date = stamped.strftime("D:%Y%m%d%H%M%SZ")
        info[pikepdf.Name.CreationDate] = pdf_date
        info[pikepdf.Name.ModDate] = pdf_date
        document.Root.Lang = pikepdf.String(metadata.language)
        document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        if press is not None:
            _finish_for_press(document, press, stamped, hashlib.sha256(pdf).hexdigest())
        if tagged is not None:
            finish_accessible(document, tagged, stamped)
        if metadata.imposition:
            info[pikepdf.Name("/Imposition")] = metadata.imposition
        if metadata.notice:  # so preflight checks the file against the law's rules
            info[pikepdf.Name(STATE_NOTICE)] = metadata.notice
        if metadata.partner_numbers:  # so preflight knows them from the hotline's
            info[pikepdf.Name(PARTNER_NUMBERS)] = " ".join(metadata.partner_numbers)
        out = io.BytesIO()
        document.save(out, deterministic_id=True, compress_streams=True,
                      object_stream_mode=pikepdf.ObjectStreamMode.generate,
                      force_version=PDFX_PDF_VERSION if press else "")
        return out.getvalue()


def _finish_for_press(document: pikepdf.Pdf, press: PressFinish, stamped: datetime,
                      digest: str) -> None:
    for page in document.pages:
        media = [float(v) for v in page.MediaBox]
        height = media[3] - media[1]
        page.TrimBox = _pdf_box(press.trim, height)
        b = press.bleed
        page.BleedBox = _pdf_box(press.trim.grown(b, b, b, b), height)
        for box in ("/CropBox", "/ArtBox"):
            if box in page.obj:
                del page.obj[box]
    intent = press.output_intent
    profile = pikepdf.Stream(document, _profile_bytes(intent.profile_path))
    profile.N = 4
    document.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=intent.condition,
        RegistryName=intent.registry,
        Info=intent.info,
        DestOutputProfile=document.make_indirect(profile),
    )])
    info = document.docinfo
    iso = stamped.isoformat()
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.load_from_docinfo(info)
        xmp["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
        xmp["pdf:Trapped"] = "False"
        xmp["xmp:CreateDate"] = iso
        xmp["xmp:ModifyDate"] = iso
        xmp["xmp:MetadataDate"] = iso
        xmp["xmpMM:DocumentID"] = f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, digest)}"
        xmp["xmpMM:VersionID"] = "1"
        xmp["xmpMM:RenditionClass"] = "default"
    # Keys with no XMP twin in pikepdf's mapping: set after the copy, by hand on both sides.
    info[pikepdf.Name.Trapped] = pikepdf.Name("/False")
    info[pikepdf.Name.GTS_PDFXVersion] = PDFX_VERSION


def _pdf_box(rect: Rect, page_height: float) -> pikepdf.Array:
    """A top-left-origin rectangle as a PDF box (bottom-left origin), rounded to 1/1000 pt."""
    return pikepdf.Array([round(rect.x, 3), round(page_height - rect.bottom, 3),
                          round(rect.right, 3), round(page_height - rect.y, 3)])


@cache
def _profile_bytes(path: Path) -> bytes:
    return path.read_bytes()
