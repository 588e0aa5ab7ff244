"""Rebuild the CJK fonts of fonts/ from Debian's fonts-noto-cjk (Noto Sans CJK, OFL 1.1).

    apt-get install fonts-noto-cjk && python fonts/build_cjk.py

Noto Sans CJK comes as one 20 MB collection per weight holding every CJK glyph. We keep,
per language, that language's face cut down to the characters its common national
character set defines (GB 2312 for Simplified Chinese, Big5 for Traditional Chinese,
all 11,172 Hangul syllables and KS X 1001 for Korean), plus punctuation and full-width
forms: a few MB each instead of 80 MB. A character outside these sets is reported by
the coverage check before any rendering, never printed as an empty box.
Not run by CI: the built fonts are kept in the repository.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/opentype/noto")
HERE = Path(__file__).resolve().parent
FACES = {"SC": 2, "TC": 3, "KR": 1}  # index of each language's face in the collection
COMMON = [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2000, 0x2070),
          *range(0x2190, 0x2200), *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)]


def charset(codec: str, leads: range, trails: list[int]) -> set[int]:
    """Every character a double-byte national character set encodes."""
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.update(ord(c) for c in bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                continue
    return chars


def repertoire(face: str) -> set[int]:
    high = list(range(0xA1, 0xFF))
    if face == "SC":
        return charset("gb2312", range(0xA1, 0xF8), high)
    if face == "TC":
        return charset("big5", range(0xA1, 0xFA), [*range(0x40, 0x7F), *high])
    hangul = set(range(0xAC00, 0xD7A4)) | set(range(0x3131, 0x318F))
    return hangul | charset("euc_kr", range(0xA1, 0xFF), high)


def build(face: str, weight: str) -> Path:
    collection = TTCollection(SOURCE / f"NotoSansCJK-{weight}.ttc")
    font = collection.fonts[FACES[face]]
    options = subset.Options()
    options.layout_features = ["*"]  # keep vertical forms, locl, kerning...
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(repertoire(face) | set(COMMON)))
    subsetter.subset(font)
    target = HERE / f"NotoSansCJK{face.lower()}-{weight}.otf"
    font.save(target)
    return target


if __name__ == "__main__":
    for face in FACES:
        for weight in ("Regular", "Bold"):
            path = build(face, weight)
            print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB")
