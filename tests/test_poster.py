"""The poster's hierarchy: headline first, the hotline number next, read from across a room."""

from __future__ import annotations

from collections import defaultdict

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
