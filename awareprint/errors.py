"""Errors the library raises; the command line turns each into clear lines and an exit code."""

from __future__ import annotations


class AwareprintError(Exception):
    """Base of every error meant for a person, not a traceback."""

    exit_code = 1

    def lines(self) -> list[str]:
        """The message as the lines the command line prints."""
        return str(self).splitlines() or [type(self).__name__]


class InputError(AwareprintError):
    """The user asked for something that does not exist or is malformed."""

    exit_code = 2


class ContentError(InputError):
    """One or more problems in content, layout or order files, all reported at once."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class FitError(AwareprintError):
    """Text does not fit its slot: the piece would print cut off or overflowing."""

    def __init__(self, layout: str, size: str, language: str, slot: str, detail: str) -> None:
        self.layout, self.size, self.language, self.slot = layout, size, language, slot
        super().__init__(
            f"{layout} {size} [{language}]: text does not fit slot '{slot}' ({detail}); "
            "shorten the text or raise the slot's space in layouts/"
            f"{layout}/layout.yaml"
        )


class RenderError(AwareprintError):
    """The layout engine produced something we refuse to write (wrong fonts, missing slots)."""
