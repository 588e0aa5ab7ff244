"""The poster's hierarchy: headline first, the hotline number next, read from across a room."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.pdfread import chars


def test_the_number_is_the_largest_element_after_the_headline(catalogue, rendered):
    page_chars = chars(rendered("poster", "letter"))
    by_size: dict[float, str] = defaultdict(str)
    for char in page_chars:
        by_size[round(char.size, 1)] += char.text
    sizes = sorted(by_size, reverse=True)
    headline = catalogue.languages["en"].strings["headline"].replace(" ", "")
    assert by_size[sizes[0]] == headline
    assert by_size[sizes[1]] == catalogue.hotline.call.display
    # Readable from 3 m: cap height of at least 12 mm for both (Noto Sans caps: 0.714 em).
    for size in sizes[:2]:
        assert size * 0.714 / 72 * 25.4 >= 12


def test_taller_pages_set_the_body_larger_than_scaling_would(catalogue, rendered):
    """An A4 or 24 × 36 in poster is taller than letter for its width: its definition is
    set at the size layout.yaml gives that shape, not at letter's size scaled down."""
    from awareprint.catalogue.geometry import scale_for

    spec = catalogue.layouts["poster"]
    reference = catalogue.sizes[spec.reference_size]
    (tall,) = spec.shapes
    first_words = "".join(str(catalogue.languages["en"].strings["definition"]).split()[:4])
    for size in ("a4", "24x36"):
        found = chars(rendered("poster", size))
        text = "".join(c.text for c in found)
        start = text.index(first_words)
        printed = found[start].size
        scale = scale_for(catalogue.sizes[size], reference)
        assert printed == pytest.approx(
            tall.pages["front"].slots["definition"].font_pt * scale, abs=0.05)
        assert printed > spec.pages["front"].slots["definition"].font_pt * scale
