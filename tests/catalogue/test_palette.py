"""The palette is defined once, in CMYK: every office colour is its build converted through
the proof profile, and every build small type prints in matches the office colour of its
element as both printing conditions print it (Delta E 2000 at most 3)."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from awareprint.catalogue.colorimetry import (
    PrintingCondition,
    delta_e_2000,
    lab_of_srgb,
    office_srgb,
)
from awareprint.catalogue.house import FINE, SMALL, SOLID, inks
from awareprint.catalogue.schema import ProblemsByFile
from awareprint.paths import LAYOUTS_DIR

MATCH = 3.0  # Delta E 2000: the element looks the same on press as in the office proof


def _conditions(catalogue) -> dict[str, PrintingCondition]:
    return {name: PrintingCondition.at(intent.profile_path)
            for name, intent in catalogue.house.press.output_intents.items()}


def test_office_rgb_is_the_cmyk_converted_through_the_proof_profile(catalogue):
    press = catalogue.house.press
    profile = ImageCms.getOpenProfile(str(press.output_intents[press.proof_intent].profile_path))
    transform = ImageCms.buildTransform(profile, ImageCms.createProfile("sRGB"), "CMYK", "RGB",
                                        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    for name, colour in catalogue.house.palette.items():
        for build in (SOLID, SMALL, FINE):
            swatch = colour.swatch(build)
            pixel = Image.new("CMYK", (1, 1), tuple(round(v * 2.55) for v in swatch.cmyk))
            expected = "#{:02X}{:02X}{:02X}".format(*transform.apply(pixel).getpixel((0, 0)))
            assert swatch.rgb == expected, (name, build)
    assert catalogue.house.palette["paper"].rgb == "#FFFFFF"


@pytest.mark.parametrize("build", [SOLID, SMALL, FINE])
def test_every_build_matches_its_office_colour_in_every_printing_condition(catalogue, build):
    """What each element prints in, against the office colour its proof shows for it."""
    for (name, colour), (condition_name, condition) in product(
            catalogue.house.palette.items(), _conditions(catalogue).items()):
        swatch = colour.swatch(build)
        difference = delta_e_2000(lab_of_srgb(swatch.rgb), condition.lab(swatch.cmyk))
        assert difference <= MATCH, (name, build, condition_name, round(difference, 2))


def test_small_type_builds_keep_to_the_ink_rule(catalogue):
    for name, colour in catalogue.house.palette.items():
        assert inks(colour.swatch(SMALL).cmyk) <= 2 or name == "signal", name
        if colour.has_build(FINE):
            assert inks(colour.swatch(FINE).cmyk) == 1, name
    assert inks(catalogue.house.palette["ink"].fine_cmyk) == 1  # the QR code


def test_a_build_of_its_own_is_the_same_colour(catalogue):
    """A `small` or `fine` build given in CMYK is the colour itself in fewer inks (within
    3 of its solid build's office colour); where none is, the palette names another colour."""
    for name, colour in catalogue.house.palette.items():
        solid = lab_of_srgb(colour.rgb)
        for build in (SMALL, FINE):
            if isinstance(getattr(colour, build), tuple):
                for condition in _conditions(catalogue).values():
                    lab = condition.lab(colour.swatch(build).cmyk)
                    assert delta_e_2000(solid, lab) <= MATCH, (name, build)


def test_the_navy_has_no_two_ink_build_so_its_small_type_is_black(catalogue):
    """Why navy's small type is `type`: no pair of inks comes within Delta E 3 of it."""
    navy = catalogue.house.palette["ink"]
    gracol = _conditions(catalogue)["gracol"]
    target = lab_of_srgb(navy.rgb)
    nearest = min(delta_e_2000(target, gracol.lab(cmyk)) for cmyk in _two_ink_builds(10))
    assert nearest > MATCH
    assert navy.small == navy.fine == "type"


def _two_ink_builds(step: int):
    for first, second in product(range(4), repeat=2):
        if first < second:
            for a, b in product(range(step, 101, step), repeat=2):
                cmyk = [0, 0, 0, 0]
                cmyk[first], cmyk[second] = a, b
                yield tuple(cmyk)


def test_the_profile_table_agrees_with_littlecms(catalogue):
    """The floating-point reading of the profile matches littleCMS's own (8-bit Lab)."""
    for intent in catalogue.house.press.output_intents.values():
        condition = PrintingCondition.at(intent.profile_path)
        transform = ImageCms.buildTransform(
            ImageCms.getOpenProfile(str(intent.profile_path)), ImageCms.createProfile("LAB"),
            "CMYK", "LAB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
        for cmyk in [(100, 64, 0, 78), (0, 19, 89, 0), (25, 0, 0, 68), (0, 0, 0, 100),
                     (40, 30, 20, 10), (0, 0, 0, 0), (100, 100, 0, 0), (0, 60, 100, 30)]:
            pixel = Image.new("CMYK", (1, 1), tuple(round(v * 2.55) for v in cmyk))
            lightness, a, b = transform.apply(pixel).getpixel((0, 0))
            reference = (lightness * 100 / 255, a - 128, b - 128)
            assert delta_e_2000(reference, condition.lab(cmyk)) < 1.0, cmyk


def test_delta_e_2000_against_sharma_wu_dalal():
    """Pairs from the paper's test data (Sharma, Wu, Dalal 2005, table 1)."""
    pairs = [((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
             ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0000),
             ((50, 2.5, 0), (73, 25, -18), 27.1492),
             ((50, 2.5, 0), (50, 3.1736, 0.5854), 1.0000),
             ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
             ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373)]
    for first, second, expected in pairs:
        assert delta_e_2000(first, second) == pytest.approx(expected, abs=1e-4)
        assert delta_e_2000(second, first) == pytest.approx(expected, abs=1e-4)


def test_a_palette_without_rgb_is_derived_and_a_stray_rgb_is_refused(tmp_path):
    from awareprint.catalogue.house import load_house

    text = (LAYOUTS_DIR / "house.yaml").read_text()
    (tmp_path / "house.yaml").write_text(text.replace(
        "paper:  {cmyk: [0, 0, 0, 0]}", 'paper:  {cmyk: [0, 0, 0, 0], rgb: "#FFFFFF"}'))
    problems = ProblemsByFile()
    assert load_house(problems, tmp_path) is None
    assert any("palette.paper.rgb" in line for line in problems.lines), problems.lines
    (tmp_path / "house.yaml").write_text(text.replace("small: type, fine: type",
                                                      "small: type, fine: signal"))
    problems = ProblemsByFile()
    assert load_house(problems, tmp_path) is None  # the yellow is two inks, not one
    assert any("palette.ink.fine names 'signal'" in line for line in problems.lines), \
        problems.lines


def test_office_srgb_of_paper_and_black(catalogue):
    gracol = Path(catalogue.house.press.output_intents["gracol"].profile_path)
    assert office_srgb((0, 0, 0, 0), gracol) == "#FFFFFF"
    red, green, blue = (int(office_srgb((0, 0, 0, 100), gracol)[i:i + 2], 16) for i in (1, 3, 5))
    assert max(red, green, blue) - min(red, green, blue) <= 2  # K alone is a neutral grey
