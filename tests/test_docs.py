"""The README a volunteer reads in two minutes, and the documentation site beside it.

The README stays short and its links lead somewhere; the command reference is generated
from the parser, so every option the program takes is on the page.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
from pathlib import Path

import pytest

from awareprint.cli.main import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
HOOK = ROOT / "docs" / "hooks" / "command_reference.py"
MAX_README_CHARS = 8000
MAX_PICTURE_BYTES = 400 * 1024
LINK = re.compile(r"\]\(([^)\s]+)\)")  # the target of a markdown link or image
QUICK_START = (
    'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" '
    "&& python render.py",
    "python -m pytest                                 # the tests",
)


def readme() -> str:
    return README.read_text(encoding="utf-8")


def relative_links(text: str) -> list[str]:
    return [target for target in LINK.findall(text)
            if not re.match(r"[a-z][a-z0-9+.-]*:", target) and not target.startswith("#")]


def test_the_readme_is_read_in_two_minutes():
    assert len(readme()) <= MAX_README_CHARS, (
        f"README.md is {len(readme()):,} characters; at most {MAX_README_CHARS:,}: "
        "move the detail into docs/")


def test_every_relative_link_in_the_readme_leads_to_a_file():
    links = relative_links(readme())
    assert links, "the README links to the documentation"
    missing = [link for link in links if not (ROOT / link.split("#")[0]).is_file()]
    assert not missing, f"README.md links to files that do not exist: {missing}"


def test_the_readme_keeps_the_quick_start_ci_runs():
    text = readme()
    for line in QUICK_START:
        assert line in text, f"the quick start changed; .ci/run runs it as written: {line}"


def test_the_readme_picture_is_small():
    pictures = [ROOT / link for link in relative_links(readme()) if link.endswith(".png")]
    assert pictures, "the README shows the pieces"
    for picture in pictures:
        assert picture.stat().st_size <= MAX_PICTURE_BYTES, f"{picture.name} is too large"


def test_the_relative_link_reader():
    text = "[a](docs/a.md) ![b](docs/b.png) [c](https://example.org) [d](#here)"
    assert relative_links(text) == ["docs/a.md", "docs/b.png"]


def _hook():
    pytest.importorskip("markdown")  # the docs extra: the hook names headings as MkDocs does
    spec = importlib.util.spec_from_file_location("command_reference", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parsers(parser: argparse.ArgumentParser, name: str):
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, subparser in action.choices.items():
                yield from _parsers(subparser, f"{name} {command}")


def test_the_reference_has_every_command_and_option():
    hook = _hook()
    parser = build_parser()
    page = hook.on_page_markdown(f"# Reference\n\n{hook.MARKER}\n", None, None, None)
    assert hook.MARKER not in page
    for name, subparser in _parsers(parser, parser.prog):
        assert f"`{name}`" in page, f"no section for {name}"
        for action in subparser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in page, f"{name}: {option} is not in the reference"


def test_a_page_without_the_marker_is_left_alone():
    assert _hook().on_page_markdown("# Guide\n", None, None, None) == "# Guide\n"
