"""
The pipeline's shape: no import cycles anywhere in the package (imports inside functions
included), and each module importing only its own layer or earlier ones, as the layer table
in docs/architecture.md says.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "equality_docs"
TABLE = ROOT / "docs" / "architecture.md"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Return the package's modules this module imports, anywhere in it (functions, TYPE_CHECKING)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            # `from equality_docs import rules` imports the submodule, not the package's names.
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules.keys()
            found.update(submodules or {base})
    return {m for m in found if m in modules and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layers() -> dict[str, int]:
    """Return the table of docs/architecture.md: module name (or folder of modules) to layer."""
    table: dict[str, int] = {}
    for row in re.findall(r"^\| (\d+) \| [^|]+ \| (.+) \|$", TABLE.read_text(encoding="utf-8"), re.MULTILINE):
        for module in re.findall(r"`([\w.]+)`", row[1]):
            table[module] = int(row[0])
    return table


def _layer_of(module: str, table: dict[str, int]) -> int | None:
    """Return a module's layer: that of the longest entry it is or lies under (the package only as itself)."""
    matches = [entry for entry in table if module == entry or (module.startswith(f"{entry}.") and "." in entry)]
    return table[max(matches, key=len)] if matches else None


# The Word renderer and its prepared path import each other while prepared.py exists; it is
# being removed, and with it this allowance (it applies only while the file is there).
_LEAVING = {"equality_docs.renderers.docx", "equality_docs.renderers.prepared"}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return one path round each import cycle found by a depth-first walk."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the walk's path, 2 done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for following in sorted(graph[node]):
            if state.get(following) == 1:
                cycles.append([*path[path.index(following) :], following])
            elif following not in state:
                visit(following)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_the_layer_table_is_read() -> None:
    """The table in docs/architecture.md is found and names the pipeline's steps in order."""
    table = _layers()

    assert [0, 1, 2, 3, 4, 5, 6, 7, 8] == sorted(set(table.values()))
    assert table["equality_docs.load"] < table["equality_docs.check"] < table["equality_docs.kinds"]
    assert table["equality_docs.renderers"] < table["equality_docs.output"] < table["equality_docs.document"]
    assert table["equality_docs.document"] < table["equality_docs.batch"] < table["equality_docs.cli"]


def test_every_module_has_a_layer() -> None:
    """Each module of the package is placed by the table (a new top-level module must be added to it)."""
    table = _layers()

    assert [] == [name for name in _modules() if _layer_of(name, table) is None]


def test_each_module_imports_only_its_layer_or_earlier() -> None:
    """No module imports one of a later layer, at the top of the file or inside a function."""
    table = _layers()

    wrong = [
        f"{name} (layer {_layer_of(name, table)}) imports {imported} (layer {_layer_of(imported, table)})"
        for name, imported_modules in sorted(_graph().items())
        for imported in sorted(imported_modules)
        if (_layer_of(imported, table) or 0) > (_layer_of(name, table) or 0)
    ]
    assert [] == wrong


def test_no_import_cycles() -> None:
    """No module imports, directly or through others, a module that imports it back."""
    graph = _graph()
    if (PACKAGE / "renderers" / "prepared.py").exists():
        for name in _LEAVING:
            graph[name] -= _LEAVING
    assert [] == _cycles(graph)


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    """An import inside a function counts: two modules importing each other that way are a cycle."""
    (tmp_path / "a.py").write_text("import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("def f() -> None:\n    import a\n", encoding="utf-8")
    modules = {"a": tmp_path / "a.py", "b": tmp_path / "b.py"}

    graph = {name: _imports(name, path, modules) for name, path in modules.items()}

    assert [["a", "b", "a"]] == _cycles(graph)
