"""Run a command and report its wall time and the peak memory of its whole process tree
(the sum of the resident memory of the command and every process under it, sampled from
/proc five times a second): what a test run with pytest-xdist workers takes, where GNU
time would report the largest single process only.

    python benchmarks/run_measured.py -- python -m pytest -q
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

SAMPLE_SECONDS = 0.2
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def children() -> dict[int, list[int]]:
    """Each process's children, read from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and every process under it, in kB."""
    tree, total, todo = children(), 0, [root]
    while todo:
        pid = todo.pop()
        try:
            resident = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError):
            continue
        total += resident * PAGE_KB
        todo += tree.get(pid, [])
    return total


def main() -> int:
    command = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    start = time.monotonic()
    process = subprocess.Popen(command)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(SAMPLE_SECONDS)
    took = time.monotonic() - start
    print(f"run_measured: exit {process.returncode}, {took:.1f} s wall, "
          f"peak memory of the process tree {peak / 1024:.0f} MB", file=sys.stderr)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
