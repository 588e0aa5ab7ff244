"""Make print-ready awareness materials: `python render.py --help`."""

import sys

from awareprint.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
