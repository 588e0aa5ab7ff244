"""Run a command and report its wall time and the peak memory of its whole process tree
(the sum of the proportional set size of the command and every process under it, sampled
from /proc five times a second: memory shared by forked workers is counted once, split
between them): what a test run with pytest-xdist workers takes, where GNU time would
report the largest single process only.

    python benchmarks/run_measured.py -- python -m pytest -q
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

SAMPLE_SECONDS = 0.2


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


def pss_kb(pid: int) -> int:
    """A process's proportional set size in kB (0 once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_memory_kb(root: int) -> int:
    """Memory of `root` and every process under it, in kB."""
    tree, total, todo = children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += pss_kb(pid)
        todo += tree.get(pid, [])
    return total


def main() -> int:
    command = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    start = time.monotonic()
    process = subprocess.Popen(command)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory_kb(process.pid))
        time.sleep(SAMPLE_SECONDS)
    took = time.monotonic() - start
    print(f"run_measured: exit {process.returncode}, {took:.1f} s wall, "
          f"peak memory of the process tree {peak / 1024:.0f} MB", file=sys.stderr)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
