"""How many pieces a press sheet holds, and where its crop marks and slug line go.

A sheet holds as many pieces (trim plus bleed, a gutter between them) as fit inside the
rim the press cannot print, upright or turned, whichever holds more. The marks take what
room is left; no margin is reserved for them up front:

- each cut line gets a mark at both ends of the block of pieces, outside every bleed,
  as long as the house's marks or, where the margin is short, shortened down to the
  sheet's shortest mark;
- where a margin cannot hold even that, the cut line is marked in every gutter it
  crosses instead (centred in the gutter, clear of both pieces' bleed);
- the slug line goes below the block (below its marks when they are there), on the sheet.

A grid whose marks fit neither way gives up a row or a column.
"""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import Rect


@dataclass(frozen=True)
class MarkRoom:
    """What the marks need, in points: the gap between a bleed edge and a mark, the
    house's mark length and the shortest allowed, the mark's weight, the slug line's
    height, and the rim the press leaves unprinted."""

    gap: float
    length: float
    shortest: float
    weight: float
    slug: float
    edge: float


@dataclass(frozen=True)
class SheetPlan:
    pieces: tuple[Rect, ...]
    turn: int
    marks: tuple[Rect, ...]
    slug: Rect


def plan_press_sheet(width: float, height: float, w: float, h: float, bleed: float,
                     gutter: float, room: MarkRoom) -> SheetPlan | None:
    """The plan that holds the most pieces (upright on a tie), or None if none fits."""
    best: SheetPlan | None = None
    for turn, (piece_w, piece_h) in ((0, (w, h)), (90, (h, w))):
        plan = _most(width, height, piece_w, piece_h, bleed, gutter, room, turn)
        if plan is not None and (best is None or len(plan.pieces) > len(best.pieces)):
            best = plan
    return best


def _most(width: float, height: float, w: float, h: float, bleed: float, gutter: float,
          room: MarkRoom, turn: int) -> SheetPlan | None:
    cell_w, cell_h = w + 2 * bleed, h + 2 * bleed
    most_columns = int((width - 2 * room.edge + gutter) // (cell_w + gutter))
    most_rows = int((height - 2 * room.edge + gutter) // (cell_h + gutter))
    grids = sorted(((c, r) for c in range(1, most_columns + 1)
                    for r in range(1, most_rows + 1)), key=lambda g: (-g[0] * g[1], g))
    for columns, rows in grids:
        plan = _fit(width, height, w, h, bleed, gutter, room, turn, columns, rows)
        if plan is not None:
            return plan
    return None


def _fit(width: float, height: float, w: float, h: float, bleed: float, gutter: float,
         room: MarkRoom, turn: int, columns: int, rows: int) -> SheetPlan | None:
    """The grid of `columns` × `rows`, if its marks and slug line find room."""
    block_w = columns * (w + 2 * bleed) + (columns - 1) * gutter
    block_h = rows * (h + 2 * bleed) + (rows - 1) * gutter
    side = (width - block_w) / 2
    across = _outside_length(side, room)  # marks of the horizontal cuts, left and right
    if across is None and not _gutter_length(gutter, columns, room):
        return None
    spare = height - block_h
    down = _outside_length((spare - room.gap - room.slug) / 2, room)
    below = room.gap + (down + room.gap if down else 0) + room.slug + room.edge
    if down is None and not _gutter_length(gutter, rows, room):
        return None
    top = spare / 2 if spare / 2 >= below else spare - below
    if top < room.edge + (room.gap + down if down else 0) - 1e-6:
        return None
    left = side + bleed
    pieces = tuple(Rect(left + col * (w + 2 * bleed + gutter),
                        top + bleed + row * (h + 2 * bleed + gutter), w, h)
                   for row in range(rows) for col in range(columns))
    block = Rect(side, top, block_w, block_h)
    marks = (_vertical_marks(pieces, block, bleed, down, gutter, rows, room)
             + _horizontal_marks(pieces, block, bleed, across, gutter, columns, room))
    slug_y = block.bottom + room.gap + (down + room.gap if down else 0)
    slug = Rect(block.x, slug_y, width - room.edge - block.x, room.slug)
    return SheetPlan(pieces, turn, marks, slug)


def _outside_length(margin: float, room: MarkRoom) -> float | None:
    """The length of a mark in a margin of `margin` (paper edge to bleed), or None."""
    length = min(room.length, margin - room.edge - room.gap)
    return length if length >= room.shortest else None


def _gutter_length(gutter: float, count: int, room: MarkRoom) -> float:
    """The length of a mark in a gutter, or 0 when there is no gutter it fits in."""
    length = min(room.length, gutter - 2 * room.gap)
    return length if count > 1 and length >= room.shortest else 0.0


def _vertical_marks(pieces: tuple[Rect, ...], block: Rect, bleed: float,
                    outside: float | None, gutter: float, rows: int, room: MarkRoom
                    ) -> tuple[Rect, ...]:
    """The marks of the vertical cuts: above and below the block, or in each gutter
    between rows."""
    xs = sorted({x for p in pieces for x in (p.x, p.right)})
    if outside:
        length = outside
        ys = [block.y - room.gap - outside, block.bottom + room.gap]
    else:
        length = _gutter_length(gutter, rows, room)
        ys = [y + bleed + (gutter - length) / 2 for y in sorted({p.bottom for p in pieces})[:-1]]
    return tuple(Rect(x - room.weight / 2, y, room.weight, length) for x in xs for y in ys)


def _horizontal_marks(pieces: tuple[Rect, ...], block: Rect, bleed: float,
                      outside: float | None, gutter: float, columns: int, room: MarkRoom
                      ) -> tuple[Rect, ...]:
    """The marks of the horizontal cuts: left and right of the block, or in each gutter
    between columns."""
    ys = sorted({y for p in pieces for y in (p.y, p.bottom)})
    if outside:
        length = outside
        xs = [block.x - room.gap - outside, block.right + room.gap]
    else:
        length = _gutter_length(gutter, columns, room)
        xs = [x + bleed + (gutter - length) / 2 for x in sorted({p.right for p in pieces})[:-1]]
    return tuple(Rect(x, y - room.weight / 2, length, room.weight) for y in ys for x in xs)
