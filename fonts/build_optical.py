"""Build the optically sized faces of fonts/ from the bundled ones.

    python fonts/build_optical.py

A script whose letters read small beside Latin at the same type size (Arabic: its tooth
height is 0.37–0.40 em where Noto Sans's x-height is 0.536 em) is set from a copy of its
face drawn larger: the copy's em is smaller in font units (head.unitsPerEm divided by
`optical_scale`), so every glyph, advance and line metric grows by that factor while the
outlines stay exactly the source's (the preflight font check matches them). The copy is
renamed (name IDs 1, 4, 6, 16) so that fontconfig never confuses it with its source.
Which faces, from which source and by how much is data: `fonts.faces` in
layouts/house.yaml. The built files are kept in the repository; a test checks them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

FAMILY, FULL_NAME, POSTSCRIPT_NAME, TYPOGRAPHIC_FAMILY = 1, 4, 6, 16


def build(source: Path, target: Path, family: str, scale: float) -> None:
    font = TTFont(source)
    upm = font["head"].unitsPerEm
    font["head"].unitsPerEm = round(upm / scale)
    style = font["name"].getDebugName(2) or "Regular"
    names = {FAMILY: family, FULL_NAME: f"{family} {style}",
             POSTSCRIPT_NAME: f"{family.replace(' ', '')}-{style}",
             TYPOGRAPHIC_FAMILY: family}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    font.save(target)


def main() -> None:
    import yaml

    from awareprint.catalogue.house import Fonts

    house = yaml.safe_load((HERE.parent / "layouts" / "house.yaml").read_text())
    for face in Fonts.model_validate(house["fonts"]).faces:
        if face.optical is not None:
            build(HERE / face.optical.source, HERE / face.file, face.family,
                  face.optical.scale)
            print(f"wrote fonts/{face.file} ({face.family}, "
                  f"{face.optical.scale:g} × {face.optical.source})")


if __name__ == "__main__":
    main()
