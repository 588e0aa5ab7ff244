"""PDF transformation matrices (a, b, c, d, e, f), as the page's drawing composes them."""

from __future__ import annotations

Matrix = tuple[float, float, float, float, float, float]
Rectangle = tuple[float, float, float, float]  # x0, y0, x1, y1
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies `first`, then `then` (PDF's row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def transform(rect: Rectangle, matrix: Matrix) -> Rectangle:
    """The axis-aligned box around `rect` once transformed."""
    a, b, c, d, e, f = matrix
    x0, y0, x1, y1 = rect
    points = [(x * a + y * c + e, x * b + y * d + f) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)
