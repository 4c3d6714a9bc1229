"""A module's underscore names are its own (STYLE.md 6a: one home per rule). A name another
module needs is public, in the module whose concept it belongs to; importing `_name` from a
module, or reaching `module._name`, is a second caller the owner does not know of.

Checked over our code outside tests/ (tests may patch a module's internals)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("app", "server", "ui", "bench", "build_scripts", "migrations")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _ours(dotted: str) -> bool:
    """A module of this tree (third-party and standard-library names are not ours to judge)."""
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imported_from(node: ast.ImportFrom, path: Path) -> str:
    if not node.level:
        return node.module or ""
    package = list(path.relative_to(ROOT).parent.parts)
    package = package[: len(package) - node.level + 1]
    return ".".join([*package, *([node.module] if node.module else [])])


def _offences(path: Path, source: str | None = None) -> list[str]:
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, str(path))
    where = path.relative_to(ROOT)
    modules: dict[str, str] = {}  # local name -> our module it stands for
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                modules[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            source = _imported_from(node, path)
            for alias in node.names:
                if _private(alias.name) and _ours(source):
                    found.append(f"{where}:{node.lineno}: from {source} import {alias.name}")
                elif _ours(f"{source}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{source}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            chain, value = [], node.value
            while isinstance(value, ast.Attribute):
                chain.insert(0, value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in modules:
                dotted = ".".join([modules[value.id], *chain])
                if _ours(dotted):
                    found.append(f"{where}:{node.lineno}: {dotted}.{node.attr}")
    return found


def test_no_module_uses_another_modules_underscore_names():
    offences = [
        offence
        for top in CHECKED
        for path in sorted((ROOT / top).rglob("*.py"))
        for offence in _offences(path)
    ]
    assert offences == []


def test_the_check_sees_both_spellings():
    """The check itself can fail: both forms are found, relative imports too, and a module's
    own underscore names and the standard library's (os._exit) are left alone."""
    probe = ROOT / "app" / "services" / "probe.py"  # never written: the source is given
    source = (
        "import os\n"
        "from app.services import ledger\n"
        "from app.services.ledger import _draw\n"
        "from .ledger import _draw as draw\n"
        "import app.services.ledger as rules\n"
        "def _own():\n"
        "    return ledger._draw, rules._draw, ledger.post_move, _own, os._exit\n"
    )
    assert [f.split(": ", 1)[1] for f in _offences(probe, source)] == [
        "from app.services.ledger import _draw",
        "from app.services.ledger import _draw",
        "app.services.ledger._draw",
        "app.services.ledger._draw",
    ]
