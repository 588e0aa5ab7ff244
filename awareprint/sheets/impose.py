"""impose: many pieces on one sheet, each side of the piece placed as one reusable Form
XObject (pikepdf), with crop marks and a slug line for press sheets, backs aligned for
duplex printing, and an optional alignment page to test a printer's duplex offset."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from markupsafe import Markup

from .. import __version__
from ..catalogue.dates import document_date
from ..catalogue.geometry import Rect
from ..catalogue.issue import slug_dates
from ..catalogue.jobs import SheetJob, imposition_for
from ..catalogue.load import Catalogue
from ..catalogue.notices import notice_label
from ..catalogue.numbers import partner_numbers
from ..catalogue.profiles import OFFICE, output_intent
from ..catalogue.sheets import Imposition, Placement, Sheet
from ..compose.css import box_css, house_css
from ..engine.layout import lay_out, write_pdf
from ..errors import RenderError
from ..finish.finish import finish, save_reproducibly
from ..finish.metadata import Metadata
from ..finish.pdfx import PressFinish
from ..output import write_atomic
from ..preflight.read_back import read_back
from ..render.pipeline import render


@dataclass(frozen=True)
class Side:
    """One side of the sheet: where the pieces go, the crop marks and the slug line."""

    placements: tuple[Placement, ...]
    marks: tuple[Rect, ...]
    slug: Rect | None


@dataclass(frozen=True)
class RenderedSheet:
    job: SheetJob
    pdf: bytes
    pages: int
    sheets: int
    per_sheet: int
    warnings: tuple[str, ...] = ()


def render_sheets_to_file(job: SheetJob, catalogue: Catalogue, path: Path) -> RenderedSheet:
    """Pieces imposed on sheets, read back (with press rules when for press), written
    atomically."""
    rendered = render_sheet(job, catalogue)
    read_back(job.file_name, catalogue, rendered.pdf, job.profile != OFFICE)
    write_atomic(path, rendered.pdf)
    return rendered


def render_sheet(job: SheetJob, catalogue: Catalogue) -> RenderedSheet:
    """The sheets as one PDF: for each sheet its front (and back), then the alignment
    pages if asked for."""
    sheet = catalogue.sheets[job.sheet]
    layout = imposition_for(job, catalogue)
    per_sheet = len(layout.fronts)
    rendered = {code: render(job.piece_job(code), catalogue, read_back)  # read back as a sheet
                for code in job.languages}
    pieces = {code: piece.pdf for code, piece in rendered.items()}
    warnings = tuple(dict.fromkeys(w for piece in rendered.values() for w in piece.warnings))
    sides = len(catalogue.layouts[job.layout].pages_for(1))
    count = len(job.pieces) // per_sheet
    backs = layout.backs(job.flip)
    front_side = Side(layout.fronts, layout.marks, layout.slug)
    back_side = Side(backs, layout.back_marks(job.flip), layout.back_slug(job.flip))
    pages: list[tuple[Side, int, list[str], str]] = []
    for number in range(count):
        chunk = list(job.pieces[number * per_sheet:(number + 1) * per_sheet])
        pages.append((front_side, 0, chunk, f"sheet {number + 1} of {count}, front"))
        if sides == 2:
            pages.append((back_side, 1, chunk, f"sheet {number + 1} of {count}, back"))
    if job.alignment:
        pages.append((front_side, -1, [], "alignment, front"))
        if sides == 2:
            pages.append((back_side, -1, [], "alignment, back"))
    base = _furniture(job, sheet, layout, [(p[0], p[3]) for p in pages], catalogue)
    pdf = _place(base, pieces, pages, catalogue)
    stamped = document_date(catalogue.hotline.checked)
    press = None
    if job.profile != OFFICE:
        press = PressFinish(Rect(0, 0, layout.width, layout.height), 0.0,
                            output_intent(catalogue.house, catalogue.sizes[job.size]))
    strings = catalogue.languages[job.pieces[0].split("+")[0]].strings
    metadata = Metadata(
        title=f"{strings['headline']} — {catalogue.layouts[job.layout].title}, "
              f"{per_sheet} up on {sheet.title}",
        author=catalogue.branding.publisher.name,
        subject=f"{strings['hotline_name']}: {catalogue.hotline.call.display}, "
                f"{catalogue.hotline.text.display}",
        language=job.pieces[0].split("+")[0],
        keywords=", ".join([job.layout, job.size, job.sheet, *job.languages, job.profile]),
        imposition=job.sheet,
        partner_numbers=_printed_numbers(job, catalogue),
        notice=notice_label(job.notice, tuple(code for pieces in job.languages
                                              for code in pieces.split("+"))),
    )
    finished = finish(pdf, metadata, stamped, press)
    return RenderedSheet(job, finished, len(pages), count, per_sheet, warnings)


def _printed_numbers(job: SheetJob, catalogue: Catalogue) -> tuple[str, ...]:
    """The partner's numbers its pieces on the sheet print (one or two languages each)."""
    if job.partner is None:
        return ()
    spec = catalogue.layouts[job.layout]
    counts = sorted({len(pieces.split("+")) for pieces in job.pieces})
    return partner_numbers(line for count in counts
                           for line in job.partner.printed_lines(spec.partner_place(count)))


def _furniture(job: SheetJob, sheet: Sheet, layout: Imposition,
               pages: list[tuple[Side, str]], catalogue: Catalogue) -> bytes:
    """Blank sheet pages carrying only what is not a piece: crop marks and slug line
    (press, where the sheet's plan put them), crosses at the pieces' centres (alignment
    pages)."""
    rules = catalogue.house.press
    language = catalogue.languages[job.pieces[0].split("+")[0]].language
    css = house_css(catalogue.house, job.profile, catalogue.fonts_dir, [language])
    blocks = []
    for side, label in pages:
        parts = []
        if label.startswith("alignment"):
            for placement in side.placements:
                parts.append(_cross(placement.rect, rules.mark_weight_pt))
        if sheet.kind == "press":
            parts += [_div("mark", rect) for rect in side.marks]
            slug = " · ".join([
                f"awareprint {__version__}", f"{job.layout} {job.size}",
                f"{len(layout.fronts)} up on {job.sheet}", ", ".join(job.languages), label,
                job.profile, *slug_dates(job.issue,
                                         document_date(catalogue.hotline.checked).date())])
            if side.slug is not None:
                parts.append(Markup(
                    '<div class="slug" style="{}font-size:{}pt">{}</div>').format(
                    Markup(box_css(side.slug)), rules.slug_pt, slug))
        blocks.append(Markup('<section class="page">{}</section>').format(
            Markup("").join(parts)))
    html = Markup(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><style>{}'
        "@page{{size:{}pt {}pt;margin:0}}body{{margin:0}}"
        ".page{{position:relative;width:{}pt;height:{}pt;break-after:page}}.page:last-child{{break-after:auto}}"
        ".mark,.slug{{position:absolute}}.mark{{background:var(--registration)}}"
        ".slug{{color:var(--registration);white-space:nowrap;font-family:var(--family);"
        "line-height:1.5;overflow:hidden}}"
        "</style></head><body>{}</body></html>"
    ).format(language.code, Markup(css), layout.width, layout.height, layout.width,
             layout.height, Markup("").join(blocks))
    document, warnings = lay_out(str(html), catalogue.layouts_dir.as_uri() + "/",
                                        catalogue.data_dirs)
    if warnings:
        raise RenderError(f"sheet {job.sheet}: the layout engine ignored part of the sheet: "
                          f"{warnings[0]}")
    return write_pdf(document)


def _cross(rect: Rect, weight: float) -> Markup:
    cx, cy, arm = rect.x + rect.w / 2, rect.y + rect.h / 2, min(rect.w, rect.h) / 4
    return _div("mark", Rect(cx - arm, cy - weight / 2, 2 * arm, weight)) + _div(
        "mark", Rect(cx - weight / 2, cy - arm, weight, 2 * arm))


def _div(kind: str, rect: Rect) -> Markup:
    return Markup('<div class="{}" style="{}"></div>').format(kind, Markup(box_css(rect)))


def _place(base: bytes, pieces: dict[str, bytes],
           pages: list[tuple[Side, int, list[str], str]], catalogue: Catalogue) -> bytes:
    """Put each piece side on the sheet pages as one Form XObject, drawn once per position."""
    with pikepdf.open(io.BytesIO(base)) as sheet:
        forms: dict[tuple[str, int], tuple[pikepdf.Object, tuple[float, ...]]] = {}
        sources = {code: pikepdf.open(io.BytesIO(pdf)) for code, pdf in pieces.items()}
        try:
            for code, source in sources.items():
                for index, page in enumerate(source.pages):
                    trim = tuple(float(v) for v in page.obj.get("/TrimBox", page.MediaBox))
                    clip = [float(v) for v in page.obj.get("/BleedBox", page.MediaBox)]
                    form = source.make_indirect(page.as_form_xobject())
                    form.BBox = pikepdf.Array(clip)
                    forms[(code, index)] = (sheet.copy_foreign(form), trim)
        finally:
            for source in sources.values():
                source.close()
        height = float(sheet.pages[0].MediaBox[3])
        for page, (furniture, side, chunk, _label) in zip(sheet.pages, pages, strict=True):
            if side < 0:
                continue
            names: dict[str, pikepdf.Name] = {}
            drawing = []
            for placement, code in zip(furniture.placements, chunk, strict=False):
                form, trim = forms[(code, side)]
                # Pages may share one resource dictionary: names tell sides apart.
                name = names.setdefault(code, pikepdf.Name(f"/Side{side}Piece{len(names)}"))
                if "/XObject" not in page.Resources:
                    page.Resources.XObject = pikepdf.Dictionary()
                page.Resources.XObject[name] = form
                matrix = placement_matrix(placement, trim, height)
                drawing.append("q {} cm {} Do Q".format(
                    " ".join(f"{v:.4f}" for v in matrix), name))
            # The furniture's own drawing leaves its transformation in place: fence it in.
            page.contents_add(pikepdf.Stream(sheet, b"q"), prepend=True)
            page.contents_add(pikepdf.Stream(sheet, ("Q\n" + "\n".join(drawing)).encode()))
        # finish keeps the first half of this file's /ID: it must not be random either.
        return save_reproducibly(sheet)


def placement_matrix(placement: Placement, trim: tuple[float, ...], sheet_height: float
                     ) -> tuple[float, ...]:
    """The PDF matrix that puts a piece's TrimBox onto its place on the sheet."""
    tx0, ty0, tx1, ty1 = trim
    tw = tx1 - tx0
    th = ty1 - ty0
    rect = placement.rect
    x0, y0 = rect.x, sheet_height - rect.bottom  # the place's bottom-left, PDF coordinates
    if placement.turn == 0:
        return (1, 0, 0, 1, x0 - tx0, y0 - ty0)
    if placement.turn == 90:  # the piece's top to the right
        return (0, -1, 1, 0, x0 - ty0, y0 + tw + tx0)
    return (0, 1, -1, 0, x0 + th + ty0, y0 - tx0)  # -90: the piece's top to the left


