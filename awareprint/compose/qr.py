"""QR codes as vector SVG drawn from segno's module matrix, in any CSS colour (RGB or CMYK).

Error correction M or better (segno may raise the level when the data leaves room, never
lower it), and the four-module quiet zone kept, filled with the light colour.
"""

from __future__ import annotations

from functools import cache

import segno

QUIET_ZONE_MODULES = 4  # ISO/IEC 18004 asks for four modules of light margin


@cache  # choosing the best mask costs milliseconds; every piece draws the same code
def qr_svg(target: str, dark: str, light: str) -> str:
    """An inline SVG of a QR code for `target`, sized by its container (no width/height).

    `dark` and `light` are CSS colours; drawing the modules ourselves (instead of segno's
    SVG writer, which takes only RGB) lets press output use device-cmyk().
    """
    code = segno.make(target, error="m", micro=False)
    rows = [list(row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE_MODULES)]
    side = len(rows)
    runs = []
    for y, row in enumerate(rows):
        x = 0
        while x < side:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < side and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h{start - x}z")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" '
        f'shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="{light}"/>'
        f'<path fill="{dark}" d="{"".join(runs)}"/></svg>'
    )
