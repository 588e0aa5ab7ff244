"""QR codes as vector SVG (segno), with the quiet zone kept and error correction M or better."""

from __future__ import annotations

import segno

QUIET_ZONE_MODULES = 4  # ISO/IEC 18004 asks for four modules of light margin


def qr_svg(target: str, dark: str, light: str) -> str:
    """An inline SVG of a QR code for `target`, sized by its container (no width/height)."""
    code = segno.make(target, error="m", micro=False)  # segno may raise the level, never lower
    return code.svg_inline(dark=dark, light=light, border=QUIET_ZONE_MODULES, omitsize=True)
