"""The zip a partner hands to the print shop: an order's folder in one file."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ..output import write_atomic

FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # the same files give the same zip, byte for byte


def write_zip(folder: Path, archive: Path, names: Iterable[str]) -> None:
    """Zip the named files of `folder` (under the folder's name) into `archive`,
    atomically: a reader never sees half a zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name in sorted(set(names)):
            info = zipfile.ZipInfo(f"{folder.name}/{name}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            # PDFs and PNGs are compressed already; deflating them again gains nothing.
            info.compress_type = (zipfile.ZIP_STORED if name.endswith((".pdf", ".png"))
                                  else zipfile.ZIP_DEFLATED)
            bundle.writestr(info, (folder / name).read_bytes())
    write_atomic(archive, buffer.getvalue())
