"""finish: pikepdf post-processing of the engine's PDF: metadata and a reproducible file."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pikepdf

from . import __version__


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str
    keywords: str


def document_date(content_date: date) -> datetime:
    """The date stamped in every PDF: SOURCE_DATE_EPOCH when set (reproducible builds),
    else the day the hotline facts were last checked. Never the clock: same input, same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime(content_date.year, content_date.month, content_date.day, tzinfo=UTC)


def finish(pdf: bytes, metadata: Metadata, stamped: datetime) -> bytes:
    """Set the Info dictionary and catalog language; save with an ID derived from content."""
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
        out = io.BytesIO()
        document.save(out, deterministic_id=True, compress_streams=True,
                      object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
