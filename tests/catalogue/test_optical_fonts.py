"""Arabic is set from Noto Sans Arabic drawn larger (fonts/build_optical.py): the built face
is its source's outlines exactly, on an em smaller by the scale house.yaml gives, under a
family name of its own; and an Arabic line's letters read as large as the Latin beside it."""

from __future__ import annotations

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from awareprint.paths import FONTS_DIR
from tests.pdfread import plumbed

ARABIC_LETTERS = "اطلبالمساعدة"


def _optical_faces(catalogue):
    return [face for face in catalogue.house.fonts.faces if face.optical is not None]


def test_arabic_has_optical_faces(catalogue):
    assert {face.family for face in _optical_faces(catalogue)} == {"Noto Sans Arabic Optical"}
    assert catalogue.house.fonts.stack("Arab")[-1] == "Noto Sans Arabic Optical"


@pytest.mark.parametrize("index", [0, 1])
def test_an_optical_face_is_its_source_drawn_larger(catalogue, index):
    face = _optical_faces(catalogue)[index]
    built, source = TTFont(FONTS_DIR / face.file), TTFont(FONTS_DIR / face.optical.source)
    assert built["head"].unitsPerEm == round(source["head"].unitsPerEm / face.optical.scale)
    assert built["name"].getDebugName(1) == face.family
    built_glyphs, source_glyphs = built.getGlyphSet(), source.getGlyphSet()
    for char in ARABIC_LETTERS:
        name = source.getBestCmap()[ord(char)]
        drawn = []
        for glyphs in (built_glyphs, source_glyphs):
            pen = RecordingPen()
            glyphs[name].draw(pen)
            drawn.append(pen.value)
        assert drawn[0] == drawn[1], char
        assert built["hmtx"][name] == source["hmtx"][name]


def test_arabic_is_printed_in_the_optical_face_and_the_number_in_noto_sans(rendered):
    """Read back: every Arabic letter of the Arabic poster comes from the optical face;
    the hotline's digits from Noto Sans, as on every other piece (never the Arabic face's
    digits drawn larger)."""


    with plumbed(rendered("poster", language="ar")) as document:
        page_chars = document.pages[0].chars
    arabic = [c for c in page_chars if "\u0621" <= c["text"] <= "\u064a"]
    assert arabic and all("Noto-Sans-Arabic-Optical" in c["fontname"] for c in arabic)
    digits = [c for c in page_chars if c["text"].isdigit() and c["size"] > 40]
    assert digits and all(c["fontname"].split("+")[-1].startswith("Noto-Sans-Bold")
                          for c in digits), {c["fontname"] for c in digits}
