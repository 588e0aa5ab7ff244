"""The package is arranged by stage, and imports only go down the stages.

Reads every module's imports with ast (module level, inside functions and under
TYPE_CHECKING alike) and fails on an import loop between modules or on a stage folder
importing from a stage above it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "awareprint"

# Each stage's rank: a module may import from its own stage and from lower ranks only.
# The loose modules at the top of the package (errors, paths, output) are the base.
STAGES = {
    "": 0,            # awareprint/*.py: errors, paths, atomic output, worker processes
    "catalogue": 1,   # data in
    "engine": 2,      # WeasyPrint, its patches, one typed view of laid-out boxes
    "compose": 3,     # a Job becomes HTML
    "finish": 3,      # pikepdf post-processing by standard (beside compose)
    "measure": 4,     # checks on laid-out boxes: fit, type rules, runts, growth
    "render": 5,      # the fit loop: compose, lay out, measure, finish; read back as told
    "preflight": 5,   # read any PDF back (beside render: render is given the read-back)
    "sheets": 6,      # imposition
    "documents": 6,   # the proof and the job ticket (beside sheets: neither needs the other)
    "translations": 6,  # PO files for translators, read back (beside sheets and documents)
    "orders": 7,      # order files, batch runs, manifest, the order told as a ticket
    "web": 8,         # front ends: the web pages, on the library like the command line
    "cli": 9,         # the commands (check, list, stamp...), which also start the web front end
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return ""
    return parts[1] if (PACKAGE / parts[1]).is_dir() else ""


def imports_of(path: Path) -> set[str]:
    """Every awareprint module `path` imports, resolved to a module (not a name in one)."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path),
                      path.name == "__init__.py")


def imports_in(source: str, module: str, is_package: bool = False) -> set[str]:
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("awareprint")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if not base.startswith("awareprint"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if _is_module(candidate) else base)
    found.discard(module)
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative).is_dir()


def import_graph() -> dict[str, set[str]]:
    return {module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_lives_in_a_known_stage():
    unknown = {stage_of(module) for module in import_graph()} - set(STAGES)
    assert not unknown, f"stage folders without a rank in this test: {unknown}"


def test_every_stage_folder_says_what_it_takes_and_gives():
    for folder in (p for p in PACKAGE.iterdir() if p.is_dir() and p.name in STAGES):
        init = folder / "__init__.py"
        assert init.is_file(), f"{folder.name}/ has no __init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and "take" in docstring and "give" in docstring, (
            f"{folder.name}/__init__.py should say what the stage takes and gives")


def test_imports_only_go_down_the_stages():
    upward = []
    for module, imported in import_graph().items():
        rank = STAGES[stage_of(module)]
        for target in imported:
            target_stage = stage_of(target)
            if target_stage != stage_of(module) and STAGES[target_stage] >= rank:
                upward.append(f"{module} imports {target}")
    assert not upward, "imports that do not go down the stages:\n" + "\n".join(sorted(upward))


def test_no_import_loops():
    graph = import_graph()
    loops = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                loops.append(" → ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not loops, "import loops:\n" + "\n".join(loops)


@pytest.mark.parametrize("source,expected", [
    ("from ..engine import layout", {"awareprint.engine.layout"}),
    ("from ..catalogue.load import Catalogue", {"awareprint.catalogue.load"}),
    ("from . import pipeline", {"awareprint.render.pipeline"}),
    ("from .. import __version__", {"awareprint"}),
    ("def f():\n    from ..orders.batch import run_batch", {"awareprint.orders.batch"}),
])
def test_the_reader_resolves_relative_imports(source, expected):
    """The checks above are only as good as this reader: it must see through relative
    imports of modules and of names, inside functions too."""
    assert imports_in(source, "awareprint.render.probe") == expected


def test_an_upward_import_would_be_caught():
    imported = imports_in("from ..orders.batch import run_batch", "awareprint.render.probe")
    assert any(STAGES[stage_of(target)] > STAGES["render"] for target in imported)


ARCHITECTURE_PAGE = PACKAGE.parent / "docs" / "architecture.md"


def stage_table(markdown: str) -> list[str]:
    """The folders of the one table whose first column names stage folders (`name/`)."""
    tables: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    found = []
    for table in tables:
        cells = [row.strip("|").split("|")[0].strip() for row in table[2:]]
        if cells and all(re.fullmatch(r"`\w+/`", cell) for cell in cells):
            found.append([cell.strip("`/") for cell in cells])
    assert len(found) == 1, f"{ARCHITECTURE_PAGE.name} should have one table of stage folders"
    return found[0]


def test_the_architecture_page_lists_exactly_the_stages():
    folders = stage_table(ARCHITECTURE_PAGE.read_text(encoding="utf-8"))
    assert set(folders) == set(STAGES) - {""}, (
        f"docs/architecture.md lists {folders}; the stages are {[s for s in STAGES if s]}")
    ranks = [STAGES[folder] for folder in folders]
    assert ranks == sorted(ranks), "the table lists the stages in pipeline order"
    assert len(folders) == len(set(folders))


def _third_party_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_engine_knows_weasyprint():
    """WeasyPrint's internals have one boundary, engine/: an upgrade touches that folder."""
    outside = [module_name(path) for path in sorted(PACKAGE.rglob("*.py"))
               if stage_of(module_name(path)) != "engine"
               and "weasyprint" in _third_party_imports(path)]
    assert not outside, f"modules outside engine/ that import weasyprint: {outside}"


BOX_TREE = re.compile(r"\._page_box\b|\.children\b|\.all_children\b|\.descendants\b")


def test_only_the_engine_walks_laid_out_boxes():
    """Every check after layout reads the engine's typed view (engine/boxes.py), not
    WeasyPrint's box tree."""
    walking = [module_name(path) for path in sorted(PACKAGE.rglob("*.py"))
               if stage_of(module_name(path)) != "engine"
               and BOX_TREE.search(path.read_text(encoding="utf-8"))]
    assert not walking, f"modules outside engine/ that walk WeasyPrint's boxes: {walking}"


def test_the_tests_mirror_the_stages():
    """Each folder of tests/ holds the tests of one stage (or e2e/: whole pieces)."""
    tests = Path(__file__).resolve().parent
    folders = {path.name for path in tests.iterdir()
               if path.is_dir() and (path / "__init__.py").is_file()}
    assert folders - {"e2e"} <= set(STAGES) - {""}, (
        f"test folders that are no stage: {sorted(folders - {'e2e'} - set(STAGES))}")


# A command-line flag in a message: "--event", "give --out". Not a CSS custom property
# (`var(--ink)`, `--number: 9pt`), nor the end of an option list written as "--".
FLAG = re.compile(r"(?<![\w(-])--[a-z][a-z0-9-]*")
CSS_PROPERTY = re.compile(r"var\(--[\w-]+|--[\w-]+\s*:")
ARGPARSE = {"add_argument", "add_parser", "add_subparsers", "ArgumentParser"}


def flag_naming_strings(source: str) -> list[tuple[int, str]]:
    """The string literals (f-strings' text included) of `source` that name a command-line
    flag, with their line; docstrings and argparse definitions are left out."""
    tree = ast.parse(source)
    left_out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (getattr(node.func, "attr", None) in ARGPARSE
                                           or getattr(node.func, "id", None) in ARGPARSE):
            left_out |= {id(inner) for inner in ast.walk(node)}
        elif isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                               ast.AsyncFunctionDef)) and ast.get_docstring(node) is not None:
            left_out |= {id(inner) for inner in ast.walk(node.body[0])}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in left_out and FLAG.search(CSS_PROPERTY.sub("", node.value))]


def test_no_library_message_names_a_command_line_flag():
    """The library speaks of a request's fields (request.py); only the command line knows
    its flags (cli/flags.py), so a partner on the web page never meets "--out"."""
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}"
             for path in sorted(PACKAGE.rglob("*.py")) if stage_of(module_name(path)) != "cli"
             for line, text in flag_naming_strings(path.read_text(encoding="utf-8"))]
    assert not found, "library strings that name a command-line flag:\n" + "\n".join(found)


@pytest.mark.parametrize(("source", "names_a_flag"), [
    ('raise InputError(f"{layout} has no event line; --event works with: {x}")', True),
    ('message = "cannot write; choose another --out"', True),
    ('css = f";--number:{slot.number_pt:g}pt"', False),
    ('css = ".mark{{background:var(--registration)}}"', False),
    ('parser.add_argument("--event", help="event name")', False),
    ('def f():\n    """Whether --out names a file."""', False),
    ('text = "a range such as 6--14"', False),
])
def test_the_flag_finder_tells_a_flag_from_css_and_argparse(source, names_a_flag):
    assert bool(flag_naming_strings(source)) == names_a_flag
