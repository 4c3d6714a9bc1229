"""Convention test (STYLE.md 6a): each lifecycle, rank table and role set is written once, in
app/services, and the screens hold none of their own: they enable what the services say.

Limits, on purpose: a screen comparing a status with one literal (`status == "draft"`) or
checking one role is not caught here; a list of two or more statuses or roles is.
"""

from __future__ import annotations

import ast
import functools
import re
from collections import defaultdict
from pathlib import Path

from app.services.context import ROLES
from app.services.lifecycles import ORDER_STATUSES, PURCHASE_STATUSES

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_TREES = ("app", "server", "ui")
HOME = Path("app/services/lifecycles.py")
STATUSES = frozenset(ORDER_STATUSES) | frozenset(PURCHASE_STATUSES)
ROLE_NAMES = frozenset(ROLES)
# Names that say "this is a lifecycle, a rank or a role table".
TABLE_NAME = re.compile(r"^(ALLOWED_FROM|ROLES)$|_(RANK|ROLES|TRANSITIONS|LIFECYCLE)$")


def python_files(root: Path, tree: str) -> list[Path]:
    return sorted(p for p in (root / tree).rglob("*.py") if "__pycache__" not in p.parts)


@functools.cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def literal_strings(node: ast.AST) -> list[str]:
    """The strings a literal holds as data: elements, and a dict's values (its keys label
    them, as the status names of ui/fmt.py do)."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else []
    if isinstance(node, ast.Dict):
        return [s for value in node.values for s in literal_strings(value)]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [s for elt in node.elts for s in literal_strings(elt)]
    if isinstance(node, ast.Starred):
        return literal_strings(node.value)
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("tuple", "set", "frozenset"):
        return [s for arg in node.args for s in literal_strings(arg)]
    return []


def top_level_tables(tree: ast.Module) -> list[tuple[str, ast.AST, int]]:
    """(name, value, line) of each module- or class-level assignment."""
    found = []
    bodies = [tree.body] + [n.body for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    for body in bodies:
        for node in body:
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) and node.value else [])
            for target in targets:
                if isinstance(target, ast.Name):
                    found.append((target.id, node.value, node.lineno))
    return found


def screen_copies(root: Path) -> list[str]:
    """Each place in ui/ that holds a lifecycle, rank or role table of its own."""
    problems = []
    for path in python_files(root, "ui"):
        where = path.relative_to(root)
        tree = parsed(path)
        for name, value, line in top_level_tables(tree):
            held = set(literal_strings(value))
            if TABLE_NAME.search(name) or held & (STATUSES | ROLE_NAMES):
                problems.append(f"{where}:{line} {name} is a status, rank or role table")
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                held = set(literal_strings(node))
                if len(held & STATUSES) >= 2:
                    problems.append(f"{where}:{node.lineno} a list of statuses {sorted(held)}")
                if len(held & ROLE_NAMES) >= 2:
                    problems.append(f"{where}:{node.lineno} a set of roles {sorted(held)}")
            elif isinstance(node, ast.Call):
                roles = {s for arg in node.args for s in literal_strings(arg)} & ROLE_NAMES
                if len(roles) >= 2:
                    problems.append(f"{where}:{node.lineno} a role check {sorted(roles)}")
    return problems


def repeated_tables(root: Path) -> list[str]:
    """Tables named like lifecycle, rank or role tables defined in more than one module, and
    status or role tables with the same contents in two places."""
    by_name: dict[str, list[str]] = defaultdict(list)
    by_value: dict[str, list[str]] = defaultdict(list)
    for tree_name in PRODUCT_TREES:
        for path in python_files(root, tree_name):
            for name, value, line in top_level_tables(parsed(path)):
                place = f"{path.relative_to(root)}:{line} {name}"
                if TABLE_NAME.search(name):
                    by_name[name].append(place)
                if set(literal_strings(value)) & (STATUSES | ROLE_NAMES) or TABLE_NAME.search(name):
                    try:
                        contents = repr(ast.literal_eval(value))
                    except ValueError:
                        continue  # built from other names: not a copy of its own
                    by_value[contents].append(place)
    return [" and ".join(places) for places in (*by_name.values(), *by_value.values())
            if len(places) > 1]


def action_tables_outside_the_lifecycles(root: Path) -> list[str]:
    """Module-level dicts from names (actions) to statuses anywhere but in the lifecycles."""
    found = []
    for tree_name in PRODUCT_TREES:
        for path in python_files(root, tree_name):
            if path == root / HOME:
                continue
            for name, value, line in top_level_tables(parsed(path)):
                if isinstance(value, ast.Dict) and set(literal_strings(value)) & STATUSES:
                    found.append(f"{path.relative_to(root)}:{line} {name}")
    return found


def test_screens_hold_no_lifecycle_rank_or_role_table():
    assert screen_copies(ROOT) == []


def test_each_lifecycle_rank_and_role_table_is_defined_once():
    assert repeated_tables(ROOT) == []


def test_which_action_starts_from_which_status_is_written_only_in_the_lifecycles():
    assert action_tables_outside_the_lifecycles(ROOT) == []


def test_the_lifecycles_and_role_sets_live_in_the_services():
    homes = {}
    for tree_name in PRODUCT_TREES:
        for path in python_files(ROOT, tree_name):
            for name, _value, _line in top_level_tables(parsed(path)):
                homes[name] = path.relative_to(ROOT).as_posix()
    for table in ("ORDER_LIFECYCLE", "PURCHASE_LIFECYCLE", "HQ_PURCHASE_LIFECYCLE",
                  "PURCHASE_RANK", "CREDIT_OVERRIDE_ROLES", "STOCK_ROLES", "ROLES"):
        assert homes[table].startswith("app/services/"), (table, homes[table])
