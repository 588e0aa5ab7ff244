"""A previewer for the web tests that are not about the preview's picture: it answers at
once with a one-pixel PNG and keeps the jobs it was asked for, so a test of forms,
sign-in or orders does not lay out a piece it never looks at."""

from __future__ import annotations

import io

from PIL import Image

from awareprint.catalogue.jobs import Job
from awareprint.web.previewer import Preview, Shown


def _one_pixel() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(buffer, format="PNG")
    return buffer.getvalue()


class RecordingPreviewer:
    """Answers every preview with one white pixel; `asked` holds the jobs, in order, and
    `shown` what the reviewer's page had them show (None for the order form's)."""

    def __init__(self) -> None:
        self.asked: list[tuple[Job, int]] = []
        self.shown: list[Shown | None] = []
        self._png = _one_pixel()

    def preview(self, job: Job, page: int = 0, shown: Shown | None = None) -> Preview:
        self.asked.append((job, page))
        self.shown.append(shown)
        return Preview(self._png, 1)

    def close(self) -> None:
        pass
