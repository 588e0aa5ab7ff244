"""MkDocs hook: the command reference, generated from the command line's own parser.

`reference.md` holds the marker below; at build time it is replaced by one section per
command and sub-command (its usage, what it does, every argument and option with its
help, default and choices), read from the argparse parser itself, so the page can never
disagree with `python render.py --help`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

MARKER = "<!-- command-reference -->"
USAGE_WIDTH = 88  # columns argparse wraps the usage lines to: fixed, so builds agree


def load_parser() -> argparse.ArgumentParser:
    """The command line's parser. The one place that knows where it lives."""
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:  # mkdocs run from a checkout where awareprint is not installed
        sys.path.insert(0, root)
    from awareprint.cli.main import build_parser

    return build_parser()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace the marker in the reference page with the generated reference."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, command_reference(load_parser()))


def command_reference(parser: argparse.ArgumentParser) -> str:
    return "\n".join(_sections(parser, parser.prog, parser.description or "", level=2))


def _sections(parser: argparse.ArgumentParser, name: str, summary: str,
              level: int) -> list[str]:
    lines = [f"{'#' * level} `{name}`", ""]
    if summary:
        lines += [_sentence(summary), ""]
    lines += ["```text", _usage(parser), "```", ""]
    lines += _argument_table(parser)
    for subparsers in _subparser_actions(parser):
        helps = {choice.dest: choice.help or "" for choice in subparsers._choices_actions}
        lines += _command_table(name, subparsers, helps)
        for command, subparser in subparsers.choices.items():
            lines += _sections(subparser, f"{name} {command}", helps.get(command, ""),
                               min(level + 1, 4))
    return lines


def _command_table(name: str, subparsers: argparse._SubParsersAction,
                   helps: dict[str, str]) -> list[str]:
    rows = ["| Command | Description |", "|---|---|"]
    for command in subparsers.choices:
        link = f"[`{command}`](#{_anchor(f'{name} {command}')})"
        rows.append(f"| {link} | {_escape(_sentence(helps.get(command, '')))} |")
    return [*rows, ""]


def _anchor(heading: str) -> str:
    """The id MkDocs' table of contents gives a heading `name` (its default slugify)."""
    from markdown.extensions.toc import slugify

    return slugify(heading, "-")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = parser.formatter_class(prog=parser.prog, width=USAGE_WIDTH)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups,
                        prefix="")
    return formatter.format_help().strip()


def _subparser_actions(parser: argparse.ArgumentParser) -> list[argparse._SubParsersAction]:
    return [action for action in parser._actions
            if isinstance(action, argparse._SubParsersAction)]


def _argument_table(parser: argparse.ArgumentParser) -> list[str]:
    actions = [action for action in parser._actions
               if not isinstance(action, argparse._SubParsersAction | argparse._HelpAction)]
    if not actions:
        return []
    with_choices = any(action.choices for action in actions)
    header = ["Argument", "Description", "Default"] + (["Choices"] if with_choices else [])
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for action in actions:
        cells = [_names(action), _escape(_sentence(_help(action, parser.prog))),
                 _default(action)] + ([_choices(action)] if with_choices else [])
        rows.append("| " + " | ".join(cells) + " |")
    return [*rows, ""]


def _names(action: argparse.Action) -> str:
    if not action.option_strings:
        return f"`{action.metavar or action.dest}`" + (" …" if action.nargs == "+" else "")
    if action.nargs == 0:
        return ", ".join(f"`{option}`" for option in action.option_strings)
    metavar = action.metavar or action.dest.upper()
    repeat = " (repeatable)" if isinstance(action, argparse._AppendAction) else ""
    return ", ".join(f"`{option} {metavar}`" for option in action.option_strings) + repeat


def _help(action: argparse.Action, prog: str) -> str:
    text = action.help or ""
    if "%(" in text:
        text = text % {**vars(action), "prog": prog}
    return text


def _default(action: argparse.Action) -> str:
    default = action.default
    if default is None or default is False or default == argparse.SUPPRESS:
        return ""
    if isinstance(default, Path):
        return f"`{default.as_posix()}`"
    return f"`{default}`"


def _choices(action: argparse.Action) -> str:
    if not action.choices:
        return ""
    return ", ".join(f"`{choice}`" for choice in action.choices)


def _escape(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
