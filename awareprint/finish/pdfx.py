"""PDF/X-4 for press: the CMYK output intent and the identification, in the Info
dictionary and in XMP metadata, kept consistent."""

from __future__ import annotations

import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import pikepdf

from ..catalogue.geometry import Rect
from ..catalogue.house import OutputIntent

PDFX_VERSION = "PDF/X-4"
PDFX_PDF_VERSION = "1.6"


@dataclass(frozen=True)
class PressFinish:
    """What press output adds: where the trim and bleed are, and the printing condition."""

    trim: Rect            # in the engine's page, from its top-left corner
    bleed: float
    output_intent: OutputIntent


def identify_pdfx(document: pikepdf.Pdf, intent: OutputIntent, stamped: datetime,
                  digest: str) -> None:
    """The output intent, and the PDF/X keys in Info and XMP; `digest` (of the engine's
    file) makes the document ID."""
    profile = pikepdf.Stream(document, b"")
    profile.write(_profile_deflated(intent.profile_path), filter=pikepdf.Name.FlateDecode)
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


@cache
def _profile_deflated(path: Path) -> bytes:
    """The ICC profile compressed once per process (saving the file would compress it
    again for every piece: a tenth of a press piece's render)."""
    return zlib.compress(path.read_bytes())
