"""Does the press piece look like its office proof? Colour differences, Delta E 2000.

    python benchmarks/press_colour.py

1. The palette: every build (solid; `small`, type under 12 pt; `fine`, type under 8 pt
   and the QR code) as each printing condition prints it (CMYK through the profile to
   Lab D50, relative colorimetric) against its office colour (sRGB to Lab D50).
2. Rendered pieces: the wallet card and the poster, en and en+es, office and press (in
   GRACoL and in FOGRA39): every character and filled shape of the office file is found
   on the press file by its place on the trimmed page, and their colours compared. One
   line per (kind, office colour, press colour): how many elements, the largest Delta E.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIECES = [("wallet-card", "business-card", "en"), ("wallet-card", "business-card", "en+es"),
          ("poster", "letter", "en"), ("poster", "letter", "en+es")]
BUILDS = ("solid", "small", "fine")


def palette_table() -> float:
    from awareprint.catalogue.colorimetry import PrintingCondition, delta_e_2000, lab_of_srgb
    from awareprint.catalogue.load import load_catalogue

    house = load_catalogue().house
    conditions = {name: PrintingCondition.at(intent.profile_path)
                  for name, intent in house.press.output_intents.items()}
    print(f"Palette (office RGB derived through {house.press.proof_intent})")
    print(f"{'colour':8} {'build':6} {'CMYK':16} {'office':8} {'Lab office':20} "
          + " ".join(f"{'Lab ' + name:20} {'dE':>5}" for name in conditions))
    worst = 0.0
    for name, colour in house.palette.items():
        for build in BUILDS:
            if build != "solid" and not colour.has_build(build):
                continue
            swatch = colour.swatch(build)
            office = lab_of_srgb(swatch.rgb)
            cells = []
            for condition in conditions.values():
                lab = condition.lab(swatch.cmyk)
                difference = delta_e_2000(office, lab)
                worst = max(worst, difference)
                cells.append(f"{_lab(lab):20} {difference:5.2f}")
            source = getattr(colour, build) if build != "solid" else ""
            label = f"{build}={source}" if isinstance(source, str) and source else build
            print(f"{name:8} {label:6} {_cmyk(swatch.cmyk):16} {swatch.rgb:8} "
                  f"{_lab(office):20} " + " ".join(cells))
    return worst


def pieces_table() -> float:
    from awareprint.catalogue.load import load_catalogue
    from awareprint.cli.main import main
    from awareprint.preflight.proof_match import colour_pairs, painted

    house = load_catalogue().house
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for layout, size, language in PIECES:
            base = f"{layout}_{size}_{language}"
            main([layout, "--size", size, "--lang", language, "--out", folder])
            office = (out / f"{base}.pdf").read_bytes()
            for intent in house.press.output_intents:
                main([layout, "--size", size, "--lang", language, "--press",
                      "--press-profile", intent, "--out", folder])
                suffix = "press" if intent == house.press.default_intent(
                    "in") else f"press-{intent}"
                press = (out / f"{base}_{suffix}.pdf").read_bytes()
                profile = house.press.output_intents[intent].profile_path
                pairs = colour_pairs(office, press, profile)
                print(f"\n{base}, press in {intent}: {len(pairs)} of {len(painted(office))} "
                      "office elements found on press")
                groups = defaultdict(list)
                for pair in pairs:
                    kind = "text" if pair.element.text else "shape"
                    groups[(kind, pair.office, pair.press)].append(pair)
                for (kind, office_colour, press_colour), members in sorted(groups.items()):
                    largest = max(pair.delta_e for pair in members)
                    worst = max(worst, largest)
                    sample = "".join(pair.element.text for pair in members)[:22]
                    sizes = sorted({pair.element.size for pair in members if kind == "text"})
                    shown = f"{sizes[0]:g}-{sizes[-1]:g} pt" if sizes else ""
                    print(f"  {kind:5} office {_rgb(office_colour):8} press "
                          f"{_cmyk(tuple(v * 100 for v in press_colour)):16} "
                          f"n={len(members):4} dE<={largest:5.2f}  {shown:12} {sample!r}")
    return worst


def _lab(lab: tuple[float, float, float]) -> str:
    return "({:5.1f} {:6.1f} {:6.1f})".format(*lab)


def _cmyk(cmyk: tuple[float, ...]) -> str:
    return " ".join(f"{ink}{value:g}" for ink, value in zip("CMYK", cmyk, strict=True)
                    if value) or "paper"


def _rgb(colour: tuple[float, ...]) -> str:
    values = colour * 3 if len(colour) == 1 else colour
    return "#" + "".join(f"{round(v * 255):02X}" for v in values)


if __name__ == "__main__":
    palette_worst = palette_table()
    pieces_worst = pieces_table()
    print(f"\nlargest Delta E 2000: palette {palette_worst:.2f}, pieces {pieces_worst:.2f}")
