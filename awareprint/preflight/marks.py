"""Printer's marks read back: the rectangles a page fills in one CMYK colour (registration,
all four inks at 100 %), in page points, found by following the page's drawing operators.

Only what marks use is followed: the graphics state stack, the transformation matrix,
the fill colour set in device CMYK, rectangles and fills. Marks are drawn on the page
itself, never inside forms, so forms are not entered.
"""

from __future__ import annotations

import pikepdf

from .content import instructions
from .matrices import IDENTITY, Matrix, Rectangle, multiply, transform

DEVICE_CMYK = "/DeviceCMYK"
FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
ENDS = FILLS | {"n", "S", "s"}


def filled_rectangles(page: pikepdf.Page, cmyk: tuple[float, ...]) -> list[Rectangle]:
    """Every rectangle the page fills in the device CMYK colour `cmyk` (0–1 a channel)."""
    want = tuple(round(v, 3) for v in cmyk)
    matrix: Matrix = IDENTITY
    space, colour = DEVICE_CMYK, ()
    stack: list[tuple[Matrix, str, tuple[float, ...]]] = []
    path: list[Rectangle] = []
    found: list[Rectangle] = []
    for instruction in instructions(page):
        operator = str(instruction.operator)
        operands = getattr(instruction, "operands", ())
        if operator == "q":
            stack.append((matrix, space, colour))
        elif operator == "Q":
            matrix, space, colour = stack.pop() if stack else (matrix, space, colour)
        elif operator == "cm":
            matrix = multiply(tuple(float(v) for v in operands), matrix)  # type: ignore[arg-type]
        elif operator == "k":
            space, colour = DEVICE_CMYK, tuple(round(float(v), 3) for v in operands)
        elif operator == "cs":
            space, colour = str(operands[0]), ()
        elif operator in ("sc", "scn"):
            colour = tuple(round(float(v), 3) for v in operands) if space == DEVICE_CMYK else ()
        elif operator in ("rg", "g"):
            space, colour = "", ()
        elif operator == "re":
            x, y, w, h = (float(v) for v in operands)
            path.append(transform((x, y, x + w, y + h), matrix))
        elif operator in ENDS:
            if operator in FILLS and colour == want:
                found += path
            path = []
    return found
