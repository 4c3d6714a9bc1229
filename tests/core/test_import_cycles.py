"""Arrows point one way (STYLE §6c): no two modules of one package import each other, however
long the way round. Every import counts, at the top of a module or inside a function: a lazy
import is still an arrow, it only runs later."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, module: str) -> set[str]:
    """Dotted names of what `path` imports; for `from a import b`, both `a.b` and `a`."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: climb from this module's package
                parent = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def owning_module(name: str, modules: set[str]) -> str | None:
    """The longest prefix of `name` that is a module of the package (`a.b.func` -> `a.b`)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports."""
    paths = {module_name(p, package.parent): p for p in package.rglob("*.py")}
    modules = set(paths)
    graph = {}
    for module, path in paths.items():
        targets = {owning_module(n, modules) for n in imported_names(path, module)}
        graph[module] = {t for t in targets if t is not None and t != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_check_sees_a_cycle_through_lazy_and_relative_imports(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    files = {
        "__init__.py": "",
        "a.py": "from pkg import b\n",
        "b.py": "def later():\n    import pkg.c.deep\n",
        "c/__init__.py": "",
        "c/deep.py": "from .. import a\nfrom pkg.d import helper\n",
        "d.py": "def helper():\n    pass\n",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    assert cycles(import_graph(package)) == [["pkg.a", "pkg.b", "pkg.c.deep"]]
    (package / "b.py").write_text("", encoding="utf-8")
    assert cycles(import_graph(package)) == []


@pytest.mark.parametrize("package", ["app", "ui"])
def test_no_import_cycles(package):
    graph = import_graph(ROOT / package)
    assert len(graph) > 20  # the walk found the package
    assert cycles(graph) == []
