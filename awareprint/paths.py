"""Where the project's data lives: everything is found relative to the repository."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LAYOUTS_DIR = PROJECT_ROOT / "layouts"
CONTENT_DIR = PROJECT_ROOT / "content"
FONTS_DIR = PROJECT_ROOT / "fonts"
DEFAULT_OUT_DIR = Path("out")


def shown(path: Path) -> str:
    """A path as a user should see it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
