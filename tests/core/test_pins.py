"""Every dependency is pinned, and the suite runs on exactly the pinned set (issue 10).

A fresh venv once broke the suite because pytest and schemathesis were unpinned while the
machine's own Python held older, working versions. These tests fail when a requirement of
pyproject.toml, direct or transitive, has no pin in constraints.txt, and when the environment
running the tests holds a version other than the pinned one.
"""

from __future__ import annotations

import importlib.metadata as md
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
EXTRAS = ("server", "test")


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for raw in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        assert match, f"constraints.txt: not an exact pin: {raw!r}"
        pins[canonicalize_name(match[1])] = match[2]
    return pins


def _closure() -> dict[str, str]:
    """Installed name -> version for everything channeldesk[server,test] pulls in."""
    seen: dict[str, str] = {}
    todo = [Requirement(f"channeldesk[{','.join(EXTRAS)}]")]
    while todo:
        req = todo.pop()
        dist = md.distribution(req.name)
        key = f"{canonicalize_name(req.name)}[{','.join(sorted(req.extras))}]"
        if key in seen:
            continue
        seen[key] = dist.version
        for dep in map(Requirement, dist.requires or ()):
            wanted = req.extras or {""}
            if dep.marker is None or any(dep.marker.evaluate({"extra": e}) for e in wanted):
                todo.append(dep)
    return {key.split("[", 1)[0]: version for key, version in seen.items()}


def test_every_requirement_is_pinned_and_installed_at_its_pin():
    pins = _pins()
    installed = _closure()
    installed.pop("channeldesk")
    unpinned = sorted(set(installed) - set(pins))
    assert not unpinned, f"add these to constraints.txt: {unpinned}"
    wrong = {n: (v, pins[n]) for n, v in installed.items() if v != pins[n]}
    assert not wrong, f"installed (version, pin) differ: {wrong}"


def test_build_backend_is_pinned():
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    assert all("==" in requirement for requirement in build["requires"]), build["requires"]


def test_readme_and_ci_install_with_the_constraints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    commands = [line.strip() for line in readme[:8] if "pip install" in line]
    assert len(commands) == 2, commands
    assert all("-c constraints.txt" in command for command in commands), commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv" in ci
    assert commands[1] in ci, "the CI must run the README's test command verbatim"
