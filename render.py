"""Make print-ready awareness materials: `python render.py --help`."""

import sys

ACTIVATE = ". .venv/bin/activate"
CREATE = 'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]"'


def missing_module(error: ModuleNotFoundError) -> int:
    """One line instead of a traceback: most often `python3` run outside the environment."""
    print(f"render.py: Python cannot find the module '{error.name}': activate awareprint's "
          f"environment ({ACTIVATE}) or, if there is none, create it ({CREATE})",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        from awareprint.cli.main import main

        code = main()
    except ModuleNotFoundError as error:
        if (error.name or "").startswith("awareprint."):
            raise  # a module of ours missing is a bug, not the environment
        code = missing_module(error)
    sys.exit(code)
