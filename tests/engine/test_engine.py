"""The layout engine reads only project files and sets type only in bundled fonts."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from awareprint.compose.piece import house_css
from awareprint.engine import layout as engine
from awareprint.errors import RenderError
from awareprint.paths import LAYOUTS_DIR
from tests.pdfread import embedded_fonts, font_source

BASE = LAYOUTS_DIR.as_uri() + "/"


@pytest.mark.parametrize("source", ["file:///etc/hostname", "https://example.org/logo.png",
                                    "../../../../etc/hostname"])
def test_files_outside_the_project_data_are_refused(source):
    with pytest.raises(RenderError) as caught:
        engine.lay_out(f'<img src="{source}">', BASE)
    assert "refused" in str(caught.value)


def test_project_stylesheets_and_fonts_are_read(catalogue):
    english = catalogue.languages["en"].language
    html = (f"<style>{house_css(catalogue.house, 'office', catalogue.fonts_dir, [english])}"
            "</style>"
            '<link rel="stylesheet" href="house.css"><p>x</p>')
    document, warnings = engine.lay_out(html, BASE)
    assert warnings == []
    assert len(document.pages) == 1


def test_text_never_falls_back_to_a_system_font():
    html = ('<p style="font-family: serif">Serif? Ж Ω é</p>'
            '<p style="font-family: monospace">Mono हिन्दी</p>')
    document, _ = engine.lay_out(html, BASE)
    fonts = list(embedded_fonts(engine.write_pdf(document)))
    assert fonts
    for base_font, program in fonts:
        assert program is not None and font_source(program) is not None, base_font


def test_ignored_css_is_reported():
    _, warnings = engine.lay_out('<p style="colr: red">x</p>', BASE)
    assert warnings


def test_font_check_tells_bundled_fonts_from_others(tmp_path):
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from awareprint.paths import FONTS_DIR
    from awareprint.preflight.fonts import bundled_source

    def cut(path, text):
        font = TTFont(path)
        subsetter = subset.Subsetter()
        subsetter.populate(text=text)
        subsetter.subset(font)
        target = tmp_path / "subset.ttf"
        font.save(target)
        return target.read_bytes()

    assert bundled_source(cut(FONTS_DIR / "NotoSans-Bold.ttf", "Call 1-888")) == (
        "NotoSans-Bold.ttf")
    assert bundled_source(cut(FONTS_DIR / "NotoSansArabic-Regular.ttf", "اتصل")) == (
        "NotoSansArabic-Regular.ttf")
    system = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(system).exists():
        pytest.skip("no DejaVu Sans to compare with")
    assert bundled_source(cut(system, "Call 1-888")) is None


def test_font_check_refuses_a_bundled_font_with_one_shaped_glyph_redrawn(tmp_path):
    """A glyph that no character maps to (an Arabic contextual form) drawn differently
    from every glyph of the bundled font: not ours, even with our font's name."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from awareprint.paths import FONTS_DIR
    from awareprint.preflight.fonts import bundled_source

    font = TTFont(FONTS_DIR / "NotoSansArabic-Regular.ttf")
    subsetter = subset.Subsetter()
    subsetter.populate(text="اتصل")
    subsetter.subset(font)
    mapped = set(font.getBestCmap().values())
    shaped = next(name for name in font.getGlyphOrder()
                  if name not in mapped and name != ".notdef"
                  and font["glyf"][name].numberOfContours > 0)
    target = tmp_path / "ours.ttf"
    font.save(target)
    assert bundled_source(target.read_bytes()) == "NotoSansArabic-Regular.ttf"
    glyph = font["glyf"][shaped]
    glyph.coordinates.scale((1.5, 1.0))
    font.save(target)
    assert bundled_source(target.read_bytes()) is None


@pytest.mark.parametrize(("align", "expected_top_px"), [
    ("normal", 0.0), ("center", 80.0), ("end", 160.0)])
def test_align_content_places_a_blocks_content(align, expected_top_px):
    """A 200 px block holding 40 px of content: at its top, centred, or at its end."""
    html = (f'<style>@page{{margin:0}}</style>'
            f'<div style="position:absolute;top:0;left:0;width:100px;height:200px;'
            f'align-content:{align}"><p style="height:40px;margin:0"></p></div>')
    document, _ = engine.lay_out(html, BASE)
    assert _paragraph(document).position_y == pytest.approx(expected_top_px)


def test_content_taller_than_its_centred_block_spills_past_both_edges():
    html = ('<style>@page{margin:0}</style>'
            '<div style="position:absolute;top:100px;left:0;width:100px;height:40px;'
            'align-content:center"><p style="height:80px;margin:0"></p></div>')
    document, _ = engine.lay_out(html, BASE)
    assert _paragraph(document).position_y == pytest.approx(80.0)  # 20 px above and below


def test_a_heading_moved_to_its_blocks_end_is_bookmarked_where_it_prints():
    """The outline of a PDF leads to a heading where it is drawn, not where the engine
    first placed it (before align-content moved it 160 px down)."""
    html = ('<style>@page{margin:0}</style>'
            '<div style="position:absolute;top:0;left:0;width:100px;height:200px;'
            'align-content:end"><h1 style="height:40px;margin:0;font-size:10px">A</h1></div>')
    document, _ = engine.lay_out(html, BASE)
    pdf = pikepdf.open(io.BytesIO(engine.write_pdf(document)))
    destination = pdf.Root.Outlines.First.Dest
    page_height = float(pdf.pages[0].MediaBox[3])
    assert page_height - float(destination[3]) == pytest.approx(160 * 0.75)  # px in pt


def _paragraph(document):
    """The first <p> box of the laid-out page."""
    stack = [document.pages[0]._page_box]
    while stack:
        box = stack.pop()
        if getattr(box, "element_tag", None) == "p":
            return box
        stack.extend(reversed(getattr(box, "children", [])))
    raise AssertionError("no paragraph laid out")


def test_output_does_not_depend_on_the_clock_or_the_system_subsetter(catalogue, monkeypatch):
    """Fonts are subset by the HarfBuzz uharfbuzz ships: the same bytes a day later, and
    the same on a machine without libharfbuzz-subset (where WeasyPrint alone would turn to
    fontTools, which stamps the time into every font)."""
    import time

    import weasyprint.pdf.fonts
    import weasyprint.text.ffi

    from awareprint.catalogue.request import make_job
    from tests.pieces import render

    job = make_job(catalogue, "poster", language="ko")
    first = render(job, catalogue).pdf
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400)
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)
    assert render(job, catalogue).pdf == first


def test_embedded_fonts_are_small_subsets(rendered_job, catalogue):
    from awareprint.catalogue.request import make_job

    pdf = rendered_job(make_job(catalogue, "poster", language="zh-Hans")).pdf
    assert len(pdf) < 400_000  # the CJK fonts are 16 MB each; a poster needs a few hundred
    for name, program in embedded_fonts(pdf):
        assert name.split("+")[0].isupper() and program is not None, name


def test_rendering_a_piece_says_nothing_of_the_system_subsetter():
    """WeasyPrint warns as it loads, on a machine without libharfbuzz-subset, that it will
    need it; our fonts are subset by uharfbuzz's HarfBuzz, so the warning is not ours to
    show. Said once per process: a fresh one loads WeasyPrint and renders a piece."""
    import subprocess
    import sys

    from awareprint.paths import PROJECT_ROOT

    probe = (
        "import warnings\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    from awareprint.catalogue.request import make_job\n"
        "    from awareprint.catalogue.load import load_catalogue\n"
        "    from awareprint.preflight.read_back import read_back\n"
        "    from awareprint.render.pipeline import render\n"
        "    catalogue = load_catalogue()\n"
        "    render(make_job(catalogue, 'wallet-card'), catalogue, read_back)\n"
        "import weasyprint.text.ffi\n"
        "print('system subsetter:', weasyprint.text.ffi.harfbuzz_subset is not None)\n"
        "for warning in caught:\n"
        "    print('warning:', warning.category.__name__, warning.message)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    if "system subsetter: True" in result.stdout:
        pytest.skip("libharfbuzz-subset is installed here: WeasyPrint has nothing to warn of")
    assert "HarfBuzz" not in result.stdout + result.stderr
