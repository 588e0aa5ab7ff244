"""The date every file is stamped with: reproducible, never the clock."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from ..errors import InputError


def document_date(content_date: date) -> datetime:
    """The date stamped in every PDF: SOURCE_DATE_EPOCH when set (reproducible builds),
    else the day the hotline facts were last checked. Never the clock: same input, same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a time in seconds since "
                             "1970; unset it or give a valid number") from None
    return datetime(content_date.year, content_date.month, content_date.day, tzinfo=UTC)
