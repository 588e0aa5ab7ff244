"""What a colour looks like, in CIELAB (D50, the ICC's connection space): a CMYK build as
a printing condition's profile says it prints, and an office sRGB colour as a screen or
desk printer shows it; and the office sRGB a CMYK build is proofed in.

The press side evaluates the profile's own table (A2B1, relative colorimetric: paper is
white), as littleCMS does, in floating point, so that a colour difference is not lost in
8-bit Lab; the office sRGB of a build is littleCMS's own conversion (Pillow's ImageCms),
the one any CMM would give.
"""

from __future__ import annotations

import math
import struct
from functools import cache
from pathlib import Path

Lab = tuple[float, float, float]
CmykPercent = tuple[float, float, float, float]

D50 = (0.9642, 1.0, 0.8249)
# sRGB's primaries adapted to D50 (Bradford), as in the ICC's sRGB profiles.
SRGB_TO_XYZ_D50 = ((0.4360747, 0.3850649, 0.1430804),
                   (0.2225045, 0.7168786, 0.0606169),
                   (0.0139322, 0.0971045, 0.7141733))
COLORIMETRIC_TABLE = b"A2B1"  # relative colorimetric: what the press prints, paper as white


class ProfileError(ValueError):
    """A profile this module cannot read: not CMYK → Lab, or not a 16-bit table."""


class PrintingCondition:
    """A CMYK output profile's device-to-Lab table (ICC lut16Type), evaluated as littleCMS
    does: each input through its curve, the 4-D grid interpolated tetrahedrally in C, M
    and Y and linearly in K, then each output through its curve."""

    def __init__(self, data: bytes) -> None:
        if data[16:20] != b"CMYK" or data[20:24] != b"Lab ":
            raise ProfileError("not a CMYK profile with a Lab connection space")
        offset = _tag(data, COLORIMETRIC_TABLE)
        if data[offset:offset + 4] != b"mft2":
            raise ProfileError(f"{COLORIMETRIC_TABLE.decode()} is not a 16-bit table")
        channels_in, channels_out, grid = data[offset + 8], data[offset + 9], data[offset + 10]
        if (channels_in, channels_out) != (4, 3):
            raise ProfileError("the table does not map 4 inks to Lab")
        entries_in, entries_out = struct.unpack(">HH", data[offset + 48:offset + 52])
        cursor = offset + 52

        def words(count: int) -> list[int]:
            nonlocal cursor
            values = list(struct.unpack(f">{count}H", data[cursor:cursor + 2 * count]))
            cursor += 2 * count
            return values

        self._curves_in = [words(entries_in) for _ in range(4)]
        self._grid = grid
        self._table = words(grid ** 4 * 3)
        self._curves_out = [words(entries_out) for _ in range(3)]

    @classmethod
    @cache
    def at(cls, path: Path) -> PrintingCondition:
        return cls(path.read_bytes())

    def lab(self, cmyk: CmykPercent) -> Lab:
        """How a build of ink percentages prints, in Lab."""
        inputs = [_curve(self._curves_in[i], min(max(cmyk[i], 0.0), 100.0) / 100.0)
                  for i in range(4)]
        encoded = self._clut(inputs)
        out = [_curve(self._curves_out[i], encoded[i]) for i in range(3)]
        # lut16Type's Lab encoding: L 0..100 and a, b -128..127.996 over 0..65280.
        return (out[0] * 65535 / 65280 * 100,
                out[1] * 65535 / 65280 * 255 - 128,
                out[2] * 65535 / 65280 * 255 - 128)

    def _clut(self, inputs: list[float]) -> list[float]:
        last = self._grid - 1
        k = inputs[0] * last
        k0 = min(int(k), last)
        k1 = min(k0 + 1, last)
        fraction = k - k0
        low = self._tetrahedral(k0, inputs[1:])
        if k1 == k0:
            return low
        high = self._tetrahedral(k1, inputs[1:])
        return [a + (b - a) * fraction for a, b in zip(low, high, strict=True)]

    def _tetrahedral(self, first: int, inputs: list[float]) -> list[float]:
        """The 3-D grid of one value of the first input, interpolated as littleCMS's
        tetrahedral interpolation does."""
        n, last = self._grid, self._grid - 1
        position = [value * last for value in inputs]
        base = [min(int(p), last) for p in position]
        rx, ry, rz = (p - b for p, b in zip(position, base, strict=True))
        step = [1 if b < last else 0 for b in base]

        def node(dx: int, dy: int, dz: int) -> list[float]:
            index = ((((first * n) + base[0] + dx * step[0]) * n + base[1] + dy * step[1]) * n
                     + base[2] + dz * step[2]) * 3
            return [value / 65535 for value in self._table[index:index + 3]]

        c0 = node(0, 0, 0)
        if rx >= ry >= rz:
            a, b, c = node(1, 0, 0), node(1, 1, 0), node(1, 1, 1)
            terms = [(a[i] - c0[i], b[i] - a[i], c[i] - b[i]) for i in range(3)]
        elif rx >= rz >= ry:
            a, b, c = node(1, 0, 0), node(1, 0, 1), node(1, 1, 1)
            terms = [(a[i] - c0[i], c[i] - b[i], b[i] - a[i]) for i in range(3)]
        elif rz >= rx >= ry:
            a, b, c = node(0, 0, 1), node(1, 0, 1), node(1, 1, 1)
            terms = [(b[i] - a[i], c[i] - b[i], a[i] - c0[i]) for i in range(3)]
        elif ry >= rx >= rz:
            a, b, c = node(0, 1, 0), node(1, 1, 0), node(1, 1, 1)
            terms = [(b[i] - a[i], a[i] - c0[i], c[i] - b[i]) for i in range(3)]
        elif ry >= rz >= rx:
            a, b, c = node(0, 1, 0), node(0, 1, 1), node(1, 1, 1)
            terms = [(c[i] - b[i], a[i] - c0[i], b[i] - a[i]) for i in range(3)]
        else:  # rz >= ry >= rx
            a, b, c = node(0, 0, 1), node(0, 1, 1), node(1, 1, 1)
            terms = [(c[i] - b[i], b[i] - a[i], a[i] - c0[i]) for i in range(3)]
        return [c0[i] + terms[i][0] * rx + terms[i][1] * ry + terms[i][2] * rz
                for i in range(3)]


def _tag(data: bytes, signature: bytes) -> int:
    (count,) = struct.unpack(">I", data[128:132])
    for index in range(count):
        name, offset, _ = struct.unpack(">4sII", data[132 + 12 * index:144 + 12 * index])
        if name == signature:
            return offset
    raise ProfileError(f"the profile has no {signature.decode()} table")


def _curve(table: list[int], value: float) -> float:
    position = value * (len(table) - 1)
    index = min(int(position), len(table) - 2)
    fraction = position - index
    return (table[index] + (table[index + 1] - table[index]) * fraction) / 65535


def lab_of_srgb(hex_colour: str) -> Lab:
    """An office colour (#RRGGBB, sRGB) in Lab D50."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    xyz = [sum(row[i] * linear[i] for i in range(3)) for row in SRGB_TO_XYZ_D50]
    f = [_lab_f(value / white) for value, white in zip(xyz, D50, strict=True)]
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))


def _lab_f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def office_srgb(cmyk: CmykPercent, profile: Path) -> str:
    """The sRGB an office printer proofs a CMYK build in: littleCMS's relative
    colorimetric conversion through the printing condition's profile, as #RRGGBB."""
    from PIL import Image, ImageCms

    try:
        transform = _to_srgb(profile)
    except ImageCms.PyCMSError as error:
        raise ProfileError(str(error)) from None
    swatch = Image.new("CMYK", (1, 1), tuple(round(v * 255 / 100) for v in cmyk))
    red, green, blue = transform.apply(swatch).getpixel((0, 0))  # type: ignore[misc]
    return f"#{red:02X}{green:02X}{blue:02X}"


@cache
def _to_srgb(profile: Path):  # noqa: ANN202 - ImageCms's transform type
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.getOpenProfile(str(profile)), ImageCms.createProfile("sRGB"), "CMYK", "RGB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def delta_e_2000(first: Lab, second: Lab) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005, with kL = kC = kH = 1)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dh_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30))
         + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6))
         - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = (-2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
           * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))))
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dh_big / s_h) ** 2
                     + r_t * (dc / s_c) * (dh_big / s_h))
