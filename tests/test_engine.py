"""The layout engine reads only project files and sets type only in bundled fonts."""

from __future__ import annotations

import pytest

from awareprint import engine
from awareprint.compose import house_css
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
    html = (f"<style>{house_css(catalogue.house, 'office', catalogue.fonts_dir)}</style>"
            '<link rel="stylesheet" href="house.css"><p>x</p>')
    document, warnings = engine.lay_out(html, BASE)
    assert warnings == []
    assert len(document.pages) == 1


def test_text_never_falls_back_to_a_system_font():
    html = ('<p style="font-family: serif">Serif? Ж Ω é</p>'
            '<p style="font-family: monospace">Mono 漢字</p>')
    document, _ = engine.lay_out(html, BASE)
    fonts = list(embedded_fonts(engine.write_pdf(document)))
    assert fonts
    for base_font, program in fonts:
        assert program is not None and font_source(program) is not None, base_font


def test_ignored_css_is_reported():
    _, warnings = engine.lay_out('<p style="colr: red">x</p>', BASE)
    assert warnings
