"""A request's fields as the command line's flags: each problem the library finds is told
as one line naming the flag to change."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import AwareprintError, InputError, RequestError

# The request's field (catalogue/request.py, and the proof's filter) → the flag that sets it.
FLAGS = {
    "layout": "--layout",
    "size": "--size",
    "languages": "--lang",
    "profile": "--press",
    "intent": "--press-profile",
    "event": "--event",
    "tabs": "--tabs",
    "state": "--state",
    "notice": "--notice",
    "sheet": "--sheet",
    "flip": "--flip",
    "gutter": "--gutter",
    "fill": "--fill",
    "alignment": "--alignment",
    "issued": "--issued",
    "job": "--job",
    "scale": "--scale",
    "out": "--out",
    "public_url": "--public-url",
    "print_unreviewed": "--print-unreviewed",
    "reviewer": "--reviewer",
    "data": "--data",
}


def error_lines(error: AwareprintError, flags: Mapping[str, str] = FLAGS) -> list[str]:
    """The error as the lines the command line prints: one per problem, led by the flag of
    the field it concerns (a field no flag sets, such as a layout command's own layout,
    leads with nothing)."""
    if isinstance(error, RequestError):
        return [_line(problem.field, problem.message, flags) for problem in error.problems]
    if isinstance(error, InputError) and error.field:
        return [_line(error.field, line, flags) for line in error.lines()]
    return error.lines()


def _line(field: str, message: str, flags: Mapping[str, str]) -> str:
    flag = flags.get(field)
    return f"{flag}: {message}" if flag else message
