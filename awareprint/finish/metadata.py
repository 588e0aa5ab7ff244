"""The document information every file carries, and the keys that tell preflight what a
file is (a sheet, a state's notice, a partner's own numbers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pikepdf

from .. import __version__

PARTNER_NUMBERS = "/PartnerNumbers"  # Info key: the co-branding partner's own numbers
STATE_NOTICE = "/StateNotice"  # Info key: the state's notice a file is ("CA general en es")
IMPOSITION = "/Imposition"  # Info key: the sheet a file's pieces are placed on


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


def describe(document: pikepdf.Pdf, metadata: Metadata, stamped: datetime) -> None:
    """Title, author, subject, keywords, creator and dates; the language; a viewer shows
    the title."""
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


def note_for_preflight(document: pikepdf.Pdf, metadata: Metadata) -> None:
    """The keys preflight reads to hold the file to the right rules."""
    info = document.docinfo
    if metadata.imposition:
        info[pikepdf.Name(IMPOSITION)] = metadata.imposition
    if metadata.notice:  # so preflight checks the file against the law's rules
        info[pikepdf.Name(STATE_NOTICE)] = metadata.notice
    if metadata.partner_numbers:  # so preflight knows them from the hotline's
        info[pikepdf.Name(PARTNER_NUMBERS)] = " ".join(metadata.partner_numbers)
