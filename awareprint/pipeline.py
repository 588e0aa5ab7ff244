"""One Job through the whole chain: compose → lay out → check fit → write PDF → finish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import engine
from .catalogue import Catalogue
from .compose import compose
from .errors import FitError, RenderError
from .finish import Metadata, document_date, finish
from .fit import find_overflows
from .jobs import Job
from .output import write_atomic


@dataclass(frozen=True)
class Rendered:
    job: Job
    pdf: bytes
    pages: int


def render(job: Job, catalogue: Catalogue) -> Rendered:
    """The finished PDF of one job, or an error naming what would print wrong."""
    composed = compose(job, catalogue)
    document, engine_warnings = engine.lay_out(composed.html, composed.base_url)
    if engine_warnings:
        raise RenderError(f"{job.label}: the layout engine ignored part of the design: "
                          f"{engine_warnings[0]}")
    overflows, found = find_overflows(document)
    if overflows:
        first = overflows[0]
        raise FitError(job.layout, job.size, "+".join(job.languages), first.slot, first.detail)
    expected = {slot.name for slot in composed.geometry.all_slots() if not slot.optional}
    missing = sorted(expected - found)
    if missing:
        raise RenderError(f"{job.label}: the template never fills slot(s) {', '.join(missing)}")
    spec = catalogue.layouts[job.layout]
    if len(document.pages) != len(spec.pages):
        raise RenderError(f"{job.label}: laid out {len(document.pages)} pages, "
                          f"the layout has {len(spec.pages)}")
    strings = catalogue.languages[job.languages[0]].strings
    metadata = Metadata(
        title=f"{strings.headline} — {spec.title} ({catalogue.sizes[job.size].title})",
        author=catalogue.branding.publisher.name,
        subject=f"{catalogue.hotline.name}: {strings.label_call} "
                f"{catalogue.hotline.call.display}, {strings.label_text} "
                f"{catalogue.hotline.text.display}",
        language=catalogue.languages[job.languages[0]].language.code,
        keywords=", ".join([job.layout, job.size, *job.languages, job.profile]),
    )
    pdf = finish(engine.write_pdf(document), metadata, document_date(catalogue.hotline.checked))
    return Rendered(job, pdf, len(document.pages))


def render_to_file(job: Job, catalogue: Catalogue, path: Path) -> Rendered:
    """Render and write atomically; on any error nothing is written."""
    rendered = render(job, catalogue)
    write_atomic(path, rendered.pdf)
    return rendered
