"""Small PDFs built in the test with pikepdf: a page with the boxes asked for and a few
things drawn on it, so that a preflight rule is tested on the least that exercises it.

    pdf = SmallPdf().text("Call 1-888-373-7888", 10, 100, 12).pdf()

Coordinates are points from the trim's lower-left corner; colours are CMYK (4 values,
`k`) or RGB (3 values, `rg`), 0–1 a channel. Text is set in a font of fonts/, embedded
as a subset in a CID font with a ToUnicode map (any character, read back as written), or in
the standard, unembedded Helvetica (Latin-1 only).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

from awareprint.paths import FONTS_DIR, PROJECT_ROOT

FONTS = FONTS_DIR
PROFILE = PROJECT_ROOT / "colour" / "awareprint-GRACoL.icc"
HELVETICA = "Helvetica"
REGULAR = "NotoSans-Regular.ttf"
BOLD = "NotoSans-Bold.ttf"
ASCII = "".join(chr(code) for code in range(32, 127))

K = (0.0, 0.0, 0.0, 1.0)
PAPER = (0.0, 0.0, 0.0, 0.0)
NAVY = (1.0, 0.64, 0.0, 0.6)
REGISTRATION = (1.0, 1.0, 1.0, 1.0)
BUSINESS_CARD = (252.0, 144.0)  # 3.5 × 2 in
INCH_BLEED = 9.0                # 0.125 in


@dataclass
class SmallPdf:
    """One page: the trim `size`, `bleed` beyond it on every side (None: no BleedBox,
    0: the BleedBox is the trim) and `margin` of MediaBox beyond the trim (0: no
    TrimBox, the MediaBox is the trim)."""

    size: tuple[float, float] = BUSINESS_CARD
    bleed: float | None = INCH_BLEED
    margin: float = 36.0
    drawn: list[str] = field(default_factory=list)
    fonts: dict[str, str] = field(default_factory=dict)   # file (or Helvetica) -> /F name
    texts: dict[str, str] = field(default_factory=dict)   # every string set in each font
    images: list[int] = field(default_factory=list)

    def text(self, string: str, x: float, y: float, size: float = 10.0,
             colour: tuple[float, ...] = K, font: str = REGULAR) -> SmallPdf:
        """A run of text whose baseline starts at (x, y)."""
        name = self.fonts.setdefault(font, f"/F{len(self.fonts) + 1}")
        self.texts[font] = self.texts.get(font, "") + string
        self.drawn.append(f"q {_fill(colour)} BT {name} {size:g} Tf "
                          f"1 0 0 1 {self._x(x):g} {self._y(y):g} Tm <{{{font}|{string}}}> Tj"
                          " ET Q")
        return self

    def rect(self, x: float, y: float, width: float, height: float,
             colour: tuple[float, ...] = K) -> SmallPdf:
        """A filled rectangle."""
        self.drawn.append(f"q {_fill(colour)} {self._x(x):g} {self._y(y):g} {width:g} "
                          f"{height:g} re f Q")
        return self

    def crop_marks(self, colour: tuple[float, ...] = REGISTRATION, gap: float = 3.0,
                   length: float = 18.0, weight: float = 0.3) -> SmallPdf:
        """Two marks at each corner, in line with the trim, from `gap` outside the bleed
        and `length` long, as thin filled rectangles (as the finished pieces draw them)."""
        width, height = self.size
        start = (self.bleed or 0.0) + gap
        for cx, sx in ((0.0, -1), (width, 1)):
            for cy, sy in ((0.0, -1), (height, 1)):
                near_x, far_x = cx + sx * start, cx + sx * (start + length)
                near_y, far_y = cy + sy * start, cy + sy * (start + length)
                self.rect(min(near_x, far_x), cy - weight / 2, length, weight, colour)
                self.rect(cx - weight / 2, min(near_y, far_y), weight, length, colour)
        return self

    def rgb_image(self, x: float, y: float, side: float = 9.0) -> SmallPdf:
        """A 2 × 2 pixel red image in DeviceRGB, `side` points square."""
        self.images.append(len(self.images))
        self.drawn.append(f"q {side:g} 0 0 {side:g} {self._x(x):g} {self._y(y):g} cm "
                          f"/Im{len(self.images)} Do Q")
        return self

    def hotline(self, catalogue, colour: tuple[float, ...] = K, size: float = 12.0,
                font: str = BOLD) -> SmallPdf:
        """The hotline's call and text lines, as every piece carries them."""
        hotline = catalogue.hotline
        self.text(f"Call {hotline.call.display}", 18, self.size[1] - 36, size, colour, font)
        return self.text(f"Text {hotline.text.display}", 18, self.size[1] - 54, size, colour,
                         font)

    def pdf(self, output_intent: bool = True, pdfx: bool = True, ours: bool = False) -> bytes:
        """The file: with a CMYK output intent and the PDF/X-4 keys (a press file), and
        with awareprint as its Creator (`ours`: the rules for our own files apply)."""
        document = pikepdf.new()
        width, height = self.size
        m = self.margin
        page = document.add_blank_page(page_size=(width + 2 * m, height + 2 * m))
        if m:
            page.TrimBox = [m, m, m + width, m + height]
        if self.bleed is not None:
            b = self.bleed
            page.BleedBox = [m - b, m - b, m + width + b, m + height + b]
        fonts = {name: (_embedded(document, font, self.texts[font]) if font != HELVETICA
                        else _standard(document)) for font, name in self.fonts.items()}
        xobjects = {f"/Im{n + 1}": _rgb_image(document) for n in self.images}
        page.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary({name: font for name, (font, _) in fonts.items()}),
            XObject=pikepdf.Dictionary(xobjects))
        page.Contents = document.make_stream(_encode_strings(
            "\n".join(self.drawn), {font: fonts[name][1] for font, name in self.fonts.items()}))
        if output_intent:
            profile = pikepdf.Stream(document, PROFILE.read_bytes())
            profile.N = 4
            document.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
                OutputConditionIdentifier="CGATS TR 006",
                DestOutputProfile=document.make_indirect(profile))])
        if pdfx:
            with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
                xmp["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
            document.docinfo[pikepdf.Name.Trapped] = pikepdf.Name("/False")
            document.docinfo[pikepdf.Name.GTS_PDFXVersion] = "PDF/X-4"
        if ours:
            document.docinfo[pikepdf.Name.Creator] = "awareprint (a test's small PDF)"
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def write(self, path: Path, **options: bool) -> Path:
        path.write_bytes(self.pdf(**options))
        return path

    def _x(self, x: float) -> float:
        return self.margin + x

    def _y(self, y: float) -> float:
        return self.margin + y


def _fill(colour: tuple[float, ...]) -> str:
    values = " ".join(f"{v:g}" for v in colour)
    return f"{values} k" if len(colour) == 4 else f"{values} rg"


def _encode_strings(content: str, encoders: dict[str, dict[str, bytes]]) -> bytes:
    """The content stream with each <{font|string}> replaced by the string's codes."""
    out = bytearray()
    rest = content
    while "<{" in rest:
        before, _, after = rest.partition("<{")
        inner, _, rest = after.partition("}>")
        font, _, string = inner.partition("|")
        codes = b"".join(encoders[font][char] for char in string)
        out += before.encode("latin-1") + b"<" + codes.hex().encode() + b">"
    return bytes(out + rest.encode("latin-1"))


def _standard(document: pikepdf.Pdf) -> tuple[pikepdf.Object, dict[str, bytes]]:
    font = document.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name("/" + HELVETICA), Encoding=pikepdf.Name.WinAnsiEncoding))
    return font, _Latin1()


class _Latin1(dict):
    def __missing__(self, char: str) -> bytes:
        return char.encode("cp1252")


@cache
def _font_facts(file: str, text: str
                ) -> tuple[bytes, dict[int, int], dict[int, int], dict[str, object]]:
    """The font program cut down to the characters of `text` (as our renders embed
    theirs), its cmap (code point -> glyph), advance widths in 1/1000 em by glyph, and
    its metrics."""
    font = TTFont(FONTS / file)
    cutter = subset.Subsetter(subset.Options(notdef_outline=True))
    cutter.populate(text=text)
    cutter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    cmap = {code: order[name] for code, name in font.getBestCmap().items()}
    scale = 1000 / font["head"].unitsPerEm
    widths = {order[name]: round(advance * scale)
              for name, (advance, _) in font["hmtx"].metrics.items()}
    head, os2 = font["head"], font["OS/2"]
    metrics = {"ascent": round(os2.sTypoAscender * scale),
               "descent": round(os2.sTypoDescender * scale),
               "cap": round(getattr(os2, "sCapHeight", 700) * scale),
               "weight": os2.usWeightClass,
               "bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]}
    return buffer.getvalue(), cmap, widths, metrics


def _embedded(document: pikepdf.Pdf, file: str, text: str
              ) -> tuple[pikepdf.Object, dict[str, bytes]]:
    """A Type 0 font cut from the file: one CID per distinct character of `text`, mapped
    to its glyph (.notdef where the font has none) and back to the character."""
    chars = list(dict.fromkeys(text))
    extra = "".join(sorted(set(text) - set(ASCII)))  # files of ASCII text share one subset
    program, cmap, widths, metrics = _font_facts(file, ASCII + extra)
    cids = {char: index + 1 for index, char in enumerate(chars)}
    gids = [0] + [cmap.get(ord(char), 0) for char in chars]
    name = pikepdf.Name("/" + Path(file).stem)
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=name, Flags=32,
        FontBBox=metrics["bbox"], ItalicAngle=0, Ascent=metrics["ascent"],
        Descent=metrics["descent"], CapHeight=metrics["cap"], StemV=80,
        FontWeight=metrics["weight"],
        FontFile2=document.make_stream(program))
    ranges = "\n".join(f"<{cid:04x}> <{ord(char):04x}>" if ord(char) < 0x10000 else ""
                       for char, cid in cids.items())
    to_unicode = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                  "/CMapName /Test def /CMapType 2 def\n"
                  "1 begincodespacerange <0000> <ffff> endcodespacerange\n"
                  f"{len(cids)} beginbfchar\n{ranges}\nendbfchar\n"
                  "endcmap CMapName currentdict /CMap defineresource pop end end")
    cid_font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=name,
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=document.make_indirect(descriptor),
        W=pikepdf.Array([1, pikepdf.Array([widths.get(gid, 0) for gid in gids[1:]])]),
        CIDToGIDMap=document.make_stream(b"".join(gid.to_bytes(2, "big") for gid in gids)))
    font = document.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=name,
        Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=pikepdf.Array([document.make_indirect(cid_font)]),
        ToUnicode=document.make_stream(to_unicode.encode())))
    return font, {char: cid.to_bytes(2, "big") for char, cid in cids.items()}


def _rgb_image(document: pikepdf.Pdf) -> pikepdf.Stream:
    return pikepdf.Stream(document, b"\xff\x00\x00" * 4, Type=pikepdf.Name.XObject,
                          Subtype=pikepdf.Name.Image, Width=2, Height=2,
                          ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
