"""One Job through the whole chain: compose → lay out → check fit → PDF → finish → preflight."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import engine
from .catalogue import Catalogue
from .compose import Composed, compose
from .errors import FitError, InputError, RenderError
from .finish import Metadata, PressFinish, document_date, finish
from .fit import OUTSIDE, find_misfits
from .jobs import Job
from .output import write_atomic
from .profiles import OFFICE

USER_TEXT_SLOTS = {"event": "--event"}  # slots that print what the user typed


@dataclass(frozen=True)
class Rendered:
    job: Job
    pdf: bytes
    pages: int


def render(job: Job, catalogue: Catalogue) -> Rendered:
    """The finished PDF of one job, or an error naming what would print wrong."""
    composed = compose(job, catalogue)
    document, engine_warnings = engine.lay_out(composed.html, composed.base_url,
                                               composed.readable)
    if engine_warnings:
        raise RenderError(f"{job.label}: the layout engine ignored part of the design: "
                          f"{engine_warnings[0]}")
    _verify_layout(job, catalogue, composed, document)
    press = None
    if job.profile != OFFICE:
        press = PressFinish(composed.geometry.trim, composed.geometry.frame.bleed,
                            catalogue.house.press.output_intent)
    pdf = finish(engine.write_pdf(document), _metadata(job, catalogue),
                 document_date(catalogue.hotline.checked), press)
    if press is not None:
        _preflight_press(job, catalogue, pdf)
    return Rendered(job, pdf, len(document.pages))


def render_to_file(job: Job, catalogue: Catalogue, path: Path) -> Rendered:
    """Render and write atomically; on any error nothing is written."""
    rendered = render(job, catalogue)
    write_atomic(path, rendered.pdf)
    return rendered


def _verify_layout(job: Job, catalogue: Catalogue, composed: Composed, document: object) -> None:
    slots = composed.geometry.layout_boxes()
    misfits, found = find_misfits(document, slots)
    for misfit in misfits:
        option = USER_TEXT_SLOTS.get(misfit.slot)
        if option:
            raise InputError(f"{option} does not fit the {job.layout} at size {job.size} "
                             f"({misfit.detail}); shorten it")
    if misfits:
        first = misfits[0]
        hint = (f"put it in a slot of layouts/{job.layout}/layout.yaml"
                if first.slot == OUTSIDE else None)
        raise FitError(job.layout, job.size, "+".join(job.languages), first.slot, first.detail,
                       hint)
    missing = sorted(name for name, slot in slots.items()
                     if not slot.optional and name not in found)
    if missing:
        raise RenderError(f"{job.label}: the template never fills slot(s) {', '.join(missing)}")
    pages = len(document.pages)  # type: ignore[attr-defined]
    expected = len(catalogue.layouts[job.layout].pages)
    if pages != expected:
        raise RenderError(f"{job.label}: laid out {pages} pages, the layout has {expected}")


def _metadata(job: Job, catalogue: Catalogue) -> Metadata:
    language = catalogue.languages[job.languages[0]]
    strings = language.strings
    spec = catalogue.layouts[job.layout]
    hotline = catalogue.hotline
    return Metadata(
        title=f"{strings['headline']} — {spec.title} ({catalogue.sizes[job.size].title})",
        author=catalogue.branding.publisher.name,
        subject=f"{strings['hotline_name']}: {hotline.call.display}, {hotline.text.display}",
        language=language.language.code,
        keywords=", ".join([job.layout, job.size, *job.languages, job.profile]),
    )


def _preflight_press(job: Job, catalogue: Catalogue, pdf: bytes) -> None:
    from .preflight import preflight

    report = preflight(pdf, catalogue, press=True, source=job.file_name)
    if report.faults:
        raise RenderError(f"{job.label}: preflight refused the press file: "
                          + "; ".join(report.faults))
