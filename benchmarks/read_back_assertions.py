"""How much of the test suite reads a PDF back: assert statements in the test modules
that sit in a function (a test or a helper) which reads a PDF, counted from the source
with ast, and how many collected tests (default run and slow run) use such a function.

    python benchmarks/read_back_assertions.py [TESTS_FOLDER]

A function reads a PDF back when it calls one of READERS (the tests' own readers in
tests/pdfread.py, the project's read-back, or a PDF library), directly or through another
function of the tests that does.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

READERS = {
    # tests/pdfread.py
    "text_of", "lines_of", "page_sizes", "chars", "embedded_fonts", "decode_qr", "plumbed",
    "placements", "assert_inside_cells", "assert_reads_back", "page_text", "sizes_of",
    # the project's read-back and rasteriser
    "preflight", "read_tagged", "page_images", "qr_codes", "placed_images", "flat",
    # PDF libraries opened directly
    "open", "PdfReader", "PdfDocument", "read_barcodes",
}


def functions(tree: ast.AST) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def called_names(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            names.add(target.attr if isinstance(target, ast.Attribute) else
                      target.id if isinstance(target, ast.Name) else "")
    return names


def reading_functions(folder: Path) -> set[str]:
    """Names of the tests' functions that read a PDF, directly or through each other."""
    calls: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for name, function in functions(ast.parse(path.read_text(encoding="utf-8"))).items():
            calls.setdefault(name, set()).update(called_names(function))
    reading = {name for name, called in calls.items() if called & READERS}
    while True:
        more = {name for name, called in calls.items() if called & reading} - reading
        if not more:
            return reading
        reading |= more


def count(folder: Path) -> tuple[int, int]:
    """(assert statements in functions that read a PDF, test functions that read one)."""
    reading = reading_functions(folder) | READERS
    asserts = tests = 0
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, function in functions(tree).items():
            if not called_names(function) & reading:
                continue
            asserts += sum(isinstance(node, ast.Assert) for node in ast.walk(function))
            tests += name.startswith("test_")
    return asserts, tests


def collected(folder: Path, marks: str) -> tuple[int, int]:
    """(collected tests, of which read a PDF back) for a `-m` expression."""
    reading = reading_functions(folder) | READERS
    uses = {}
    for path in folder.rglob("test_*.py"):
        for name, function in functions(ast.parse(path.read_text(encoding="utf-8"))).items():
            uses[(path.name, name)] = bool(called_names(function) & reading)
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0",
         "-p", "no:cacheprovider", "-m", marks, str(folder)],
        capture_output=True, text=True, check=False).stdout
    ids = [line for line in listing.splitlines() if "::" in line]
    read = sum(uses.get((Path(i.split("::")[0]).name, i.split("::")[-1].split("[")[0]), False)
               for i in ids)
    return len(ids), read


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "tests")
    asserts, tests = count(folder)
    print(f"{asserts} assert statements in {tests} test functions that read a PDF back")
    for marks in ("not slow", "slow"):
        total, read = collected(folder, marks)
        print(f"-m '{marks}': {total} tests collected, {read} of them read a PDF back")


if __name__ == "__main__":
    main()
