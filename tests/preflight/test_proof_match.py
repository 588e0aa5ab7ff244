"""Read back: the colours a press file actually prints, element by element, against the
colours its office proof shows for the same elements (Delta E 2000 at most 3)."""

from __future__ import annotations

import pytest

from awareprint.preflight.proof_match import colour_pairs, painted

MATCH = 3.0


@pytest.mark.parametrize(("layout", "size", "language"), [
    ("wallet-card", "business-card", "en"), ("wallet-card", "business-card", "en+es"),
    ("poster", "letter", "en")])
def test_every_element_of_the_press_piece_matches_the_office_proof(catalogue, rendered,
                                                                   layout, size, language):
    office = rendered(layout, size, language)
    press = rendered(layout, size, language, profile="press")
    pairs = colour_pairs(office, press, catalogue.house.press.output_intents["gracol"]
                         .profile_path)
    elements = painted(office)
    assert len(pairs) == len(elements)  # every element of the proof is found on press
    text = [pair for pair in pairs if pair.element.text]
    assert len(text) > 100
    worst = max(pairs, key=lambda pair: pair.delta_e)
    assert worst.delta_e <= MATCH, worst
    # The press colours are the palette's builds (small type too), not stray values.
    builds = {tuple(v / 100 for v in colour.swatch(build).cmyk)
              for colour in catalogue.house.palette.values()
              for build in ("solid", "small", "fine")}
    assert {pair.press for pair in pairs} <= builds


def test_the_yellow_call_to_action_is_golden_on_both(catalogue, rendered):
    """The issue's case: the card's small yellow label printed lemon (Y 100) on press."""
    office = rendered("wallet-card", "business-card")
    press = rendered("wallet-card", "business-card", profile="press")
    signal = catalogue.house.palette["signal"]
    label = [pair for pair in colour_pairs(office, press, catalogue.house.press
                                           .output_intents["gracol"].profile_path)
             if pair.element.text and pair.press == tuple(v / 100 for v in signal.cmyk)]
    assert len(label) >= 10 and all(pair.element.size < 12 for pair in label)
    assert all(pair.delta_e <= MATCH for pair in label)


def test_a_press_colour_off_the_proof_is_found(catalogue, rendered):
    """The measure can fail: the old single-ink yellow against the golden office label."""
    import io

    import pikepdf

    press = rendered("wallet-card", "business-card", profile="press")
    with pikepdf.open(io.BytesIO(press)) as document:
        page = document.pages[0]
        instructions = []
        for operands, operator in pikepdf.parse_content_stream(page):
            values = [float(v) for v in operands] if str(operator) in ("k", "scn") else None
            if values == [0, 0.19, 0.89, 0]:
                operands = [0, 0, 1, 0]
            instructions.append((operands, operator))
        page.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))
        buffer = io.BytesIO()
        document.save(buffer)
    office = rendered("wallet-card", "business-card")
    pairs = colour_pairs(office, buffer.getvalue(), catalogue.house.press
                         .output_intents["gracol"].profile_path)
    assert max(pair.delta_e for pair in pairs) > 8
