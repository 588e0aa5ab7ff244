"""What a page prints in which inks, read from its drawing operators (pikepdf): every run
of text with its fill colour, type size, font and place, and every filled shape with its
colour and box, in drawing order, on the page and inside the forms it draws.

Only device CMYK colour is told apart (press files are CMYK only; other colour spaces
are reported elsewhere): a fill in any other space has no CMYK values.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

from .content import instructions
from .matrices import IDENTITY, Matrix, Rectangle, multiply, transform

DEVICE_CMYK = "/DeviceCMYK"
FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
ENDS = FILLS | {"n", "S", "s"}
SEGMENTS = {"m", "l", "c", "v", "y"}
SHOWS = {"Tj", "TJ", "'", '"'}
MAX_FORM_DEPTH = 8
BOLD_WEIGHT = 600
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold", "extrabold")

Cmyk = tuple[float, float, float, float]


@dataclass(frozen=True)
class TextRun:
    cmyk: Cmyk | None   # None: not filled in device CMYK
    size: float         # type size as printed, in points
    font: str
    bold: bool
    x: float            # where the run starts, in page points
    y: float


@dataclass(frozen=True)
class PaintedShape:
    cmyk: Cmyk | None
    bounds: Rectangle
    segments: int


@dataclass
class _State:
    matrix: Matrix = IDENTITY
    space: str = DEVICE_CMYK
    colour: tuple[float, ...] = (0.0, 0.0, 0.0, 1.0)  # PDF's initial fill: black
    font: str = ""
    bold: bool = False
    font_size: float = 0.0
    leading: float = 0.0

    def copy(self) -> _State:
        return _State(self.matrix, self.space, self.colour, self.font, self.bold,
                      self.font_size, self.leading)

    @property
    def cmyk(self) -> Cmyk | None:
        if self.space != DEVICE_CMYK or len(self.colour) != 4:
            return None
        return self.colour  # type: ignore[return-value]


@dataclass
class _Text:
    line: Matrix = IDENTITY
    matrix: Matrix = IDENTITY
    fonts: dict[str, tuple[str, bool]] = field(default_factory=dict)


def page_ink(page: pikepdf.Page) -> list[TextRun | PaintedShape]:
    """The page's text runs and filled shapes, in the order they are drawn."""
    return list(_walk(page.obj, _State(), 0))


def _walk(holder: pikepdf.Object, state: _State, depth: int) -> Iterator[TextRun | PaintedShape]:
    resources = holder.get("/Resources", pikepdf.Dictionary())
    fonts = resources.get("/Font", pikepdf.Dictionary())
    xobjects = resources.get("/XObject", pikepdf.Dictionary())
    stack: list[_State] = []
    text = _Text()
    path: list[Rectangle] = []
    segments = 0
    start: Rectangle | None = None
    for instruction in instructions(holder):
        op = str(instruction.operator)
        args = list(getattr(instruction, "operands", ()))
        if op == "q":
            stack.append(state.copy())
        elif op == "Q":
            state = stack.pop() if stack else state
        elif op == "cm":
            state.matrix = multiply(_matrix(args), state.matrix)
        elif op == "k":
            state.space, state.colour = DEVICE_CMYK, tuple(_round(v) for v in args)
        elif op == "cs":
            state.space, state.colour = str(args[0]), ()
        elif op in ("sc", "scn"):
            state.colour = tuple(_round(v) for v in args if not isinstance(v, pikepdf.Name))
        elif op in ("rg", "g"):
            state.space, state.colour = op, ()
        elif op == "BT":
            text.line = text.matrix = IDENTITY
        elif op == "Tf":
            name = str(args[0])
            if name not in text.fonts:
                text.fonts[name] = _font_facts(fonts.get(name))
            state.font, state.bold = text.fonts[name]
            state.font_size = float(args[1])
        elif op == "TL":
            state.leading = float(args[0])
        elif op == "Tm":
            text.line = text.matrix = _matrix(args)
        elif op in ("Td", "TD"):
            tx, ty = float(args[0]), float(args[1])
            if op == "TD":
                state.leading = -ty
            text.line = text.matrix = multiply((1, 0, 0, 1, tx, ty), text.line)
        elif op == "T*" or op in ("'", '"'):
            text.line = text.matrix = multiply((1, 0, 0, 1, 0, -state.leading), text.line)
        if op in SHOWS:
            on_page = multiply(text.matrix, state.matrix)
            size = state.font_size * math.hypot(on_page[2], on_page[3])
            yield TextRun(state.cmyk, round(size, 2), state.font, state.bold,
                          on_page[4], on_page[5])
        elif op == "re":
            x, y, w, h = (float(v) for v in args)
            path.append(transform((x, y, x + w, y + h), state.matrix))
            segments += 4
        elif op in SEGMENTS:
            points = [transform((float(args[i]), float(args[i + 1])) * 2, state.matrix)
                      for i in range(0, len(args) - 1, 2)]
            if op == "m":  # a move draws nothing until a segment starts there
                start = points[0]
                continue
            path += ([start] if start else []) + points
            start, segments = None, segments + 1
        elif op in ENDS:
            if op in FILLS and path:
                yield PaintedShape(state.cmyk, _union(path), segments)
            path, segments, start = [], 0, None
        elif op == "Do" and depth < MAX_FORM_DEPTH:
            form = xobjects.get(str(args[0]))
            if form is not None and form.get("/Subtype") == pikepdf.Name.Form:
                inner = state.copy()
                if "/Matrix" in form:
                    inner.matrix = multiply(_matrix(list(form.Matrix)), state.matrix)
                yield from _walk(form, inner, depth + 1)


def _font_facts(font: pikepdf.Object | None) -> tuple[str, bool]:
    """A font's name and whether it is bold (its descriptor's weight, else its name)."""
    if font is None:
        return "", False
    name = str(font.get("/BaseFont", "")).lstrip("/")
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font.DescendantFonts[0].get("/FontDescriptor")
    weight = descriptor.get("/FontWeight") if descriptor is not None else None
    if weight is not None:
        return name, float(weight) >= BOLD_WEIGHT
    style = name.split("+")[-1].lower().replace("-", "")
    return name, any(word in style for word in BOLD_NAMES)


def _matrix(values: list[pikepdf.Object]) -> Matrix:
    return tuple(float(v) for v in values)  # type: ignore[return-value]


def _round(value: pikepdf.Object) -> float:
    return round(float(value), 3)


def _union(boxes: list[Rectangle]) -> Rectangle:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))
