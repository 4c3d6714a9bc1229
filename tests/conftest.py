"""Shared fixtures: a migrated temporary database and a store logged in as a manager."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

# Qt must never look for a display in tests (without this pytest-qt aborts the whole run).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.services.context import CurrentUser  # noqa: E402
from app.store import Store  # noqa: E402

_TEMPLATE: dict[str, Path] = {}


def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the migrations once per test session; each test copies the result."""
    if "path" not in _TEMPLATE:
        folder = tmp_path_factory.mktemp("template")
        path = folder / "template.db"
        with Store.open(path) as store:
            store.company.set_up(name="测试商贸有限公司", device_code="D01", address="测试路1号")
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


@pytest.fixture
def db_path(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path / "channeldesk.db"
    shutil.copy(_migrated_template(tmp_path_factory), path)
    return path


@pytest.fixture
def store(db_path: Path):
    """A migrated database with a company, a warehouse, and a manager logged in."""
    with Store.open(db_path) as opened:
        manager = opened.users.create(username="manager", password="manager-pw", role="manager")
        opened.login_as(CurrentUser(id=manager.id, username="manager", role="manager"))
        yield opened


_EXIT_STATUS: dict[str, int] = {}


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """Leave without Python's final garbage collection once pytest has reported everything.

    PySide6 6.12 can abort in that last collection ("Fatal Python error: bool_dealloc") after a
    long Qt suite, turning a green run into exit code 134 depending on the order objects die.
    Nothing is left to run at this point, so skipping interpreter finalisation loses nothing.
    """
    if "PySide6.QtCore" not in sys.modules or "status" not in _EXIT_STATUS:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_EXIT_STATUS["status"])
