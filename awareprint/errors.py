"""Errors the library raises; the command line turns each into clear lines and an exit code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class AwareprintError(Exception):
    """Base of every error meant for a person, not a traceback."""

    exit_code = 1

    def lines(self) -> list[str]:
        """The message as the lines the command line prints."""
        return str(self).splitlines() or [type(self).__name__]


@dataclass(frozen=True)
class Problem:
    """One mistake in a request: the request's field it concerns (its name in the library,
    such as "event" or "sizes"; "" for the request as a whole) and what to do, in words
    that name no front end's flag or form field: each front end says where."""

    field: str
    message: str


class InputError(AwareprintError):
    """The user asked for something that does not exist or is malformed; `field` is the
    request's field it is about, when it is about one."""

    exit_code = 2

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class RequestError(InputError):
    """Every problem of one request, each with the field it concerns, all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.message for problem in self.problems))

    def __reduce__(self) -> tuple[type[RequestError], tuple[tuple[Problem, ...]]]:
        return (RequestError, (self.problems,))  # through a worker process whole


class ContentError(InputError):
    """One or more problems in content, layout or order files, all reported at once."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[str]]]:
        # raised in a worker process, it is pickled back whole, not one letter a line
        return ContentError, (self.problems,)


class FitError(AwareprintError):
    """Text does not fit its slot: the piece would print cut off or overflowing."""

    def __init__(self, layout: str, size: str, language: str, slot: str, detail: str,
                 hint: str | None = None) -> None:
        self.layout, self.size, self.language, self.slot = layout, size, language, slot
        hint = hint or ("shorten the text or give the slot more room in "
                        f"layouts/{layout}/layout.yaml")
        super().__init__(f"{layout} {size} [{language}]: text does not fit slot '{slot}' "
                         f"({detail}); {hint}")


class RenderError(AwareprintError):
    """We refuse to write what the engine made: a broken template, a missing slot, a press
    file that fails preflight."""
