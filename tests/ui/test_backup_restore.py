"""Issue 6: the 备份 tab lists backups, makes one on demand, and a manager's restore is applied
at the next start, before the database opens, with the replaced database kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.errors import DatabaseError
from app.services.context import CurrentUser
from app.store import Store
from tests.ui.conftest import wait_idle
from ui.operations import settings as ops

TIMEOUT = 15_000


def outlet_names(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM outlet")}
    conn.close()
    return names


@pytest.fixture
def backups_tab(ui_ctx, qtbot):
    from ui.screens.settings import SettingsScreen

    screen = SettingsScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    tab = screen.tabs.indexOf(screen.backups)
    assert screen.tabs.tabText(tab) == "备份"
    screen.tabs.setCurrentIndex(tab)
    wait_idle(qtbot, ui_ctx)
    screen.backups.screen_ref = screen  # the tab lives as long as its screen
    return screen.backups


def back_up(qtbot, widget) -> Path:
    assert widget.backup_button.text() == "立即备份"
    with qtbot.waitSignal(widget.backed_up, timeout=TIMEOUT) as made:
        qtbot.mouseClick(widget.backup_button, Qt.MouseButton.LeftButton)
    return made.args[0]


def test_back_up_now_adds_a_manual_backup_to_the_list(ui_ctx, backups_tab, qtbot, db_path):
    assert backups_tab.model.rowCount() == 0
    path = back_up(qtbot, backups_tab)
    assert path.parent == db_path.parent / "backups"  # where list_backups and daily backups look
    qtbot.waitUntil(lambda: backups_tab.model.rowCount() == 1, timeout=TIMEOUT)
    model = backups_tab.model
    kind, size, name = (model.data(model.index(0, c)) for c in (1, 2, 3))
    assert (kind, name) == ("手动", path.name)
    assert size.endswith("KB") or size.endswith("MB")
    assert outlet_names(path) == outlet_names(db_path)  # a consistent copy of the live file


def choose_row(widget, row: int = 0) -> None:
    widget.table.setCurrentIndex(widget.model.index(row, 0))


def test_restore_chosen_in_the_tab_is_applied_at_the_next_start(
    ui_ctx, sample, backups_tab, qtbot, db_path, monkeypatch
):
    from ui.app import apply_restore_at_start

    backup = back_up(qtbot, backups_tab)
    ui_ctx.store.outlets.create(name="备份之后的新客户", phone="13900139000")
    qtbot.waitUntil(lambda: backups_tab.model.rowCount() == 1, timeout=TIMEOUT)
    asked = []

    def answer_yes(_parent, title, text, *_args):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    choose_row(backups_tab)
    assert backups_tab.restore_button.text() == "恢复所选备份"
    with qtbot.waitSignal(backups_tab.restore_requested, timeout=TIMEOUT):
        qtbot.mouseClick(backups_tab.restore_button, Qt.MouseButton.LeftButton)
    ((title, text),) = asked
    assert title == "恢复备份" and "当前数据库" in text and "另存" in text and backup.name in text
    assert (db_path.parent / ops.RESTORE_PENDING).exists()
    assert backups_tab.message.isVisibleTo(backups_tab) and "重新启动" in backups_tab.message.text()
    # Nothing happens to the open database until the next start.
    assert "备份之后的新客户" in outlet_names(db_path)

    ui_ctx.runner.shutdown()
    ui_ctx.store.close()
    told = []
    outcome = apply_restore_at_start(db_path, tell=told.append)
    assert told == [outcome] and outcome.error is None
    assert outcome.backup == backup.resolve()
    names = outlet_names(db_path)
    assert "好又多便利店" in names and "备份之后的新客户" not in names
    # The database that was replaced is kept in the backups folder, listed as 恢复前.
    assert outcome.safety_copy.parent == db_path.parent / "backups"
    assert "备份之后的新客户" in outlet_names(outcome.safety_copy)
    assert "before-restore" in outcome.safety_copy.name
    assert not (db_path.parent / ops.RESTORE_PENDING).exists()
    assert apply_restore_at_start(db_path, tell=told.append) is None  # done once only
    with Store.open(db_path) as reopened:
        assert reopened.company.info().device_code == "D01"


def test_a_clerk_sees_the_backups_but_cannot_restore(ui_ctx, qtbot, store, monkeypatch):
    from ui.widgets.backups import BackupsWidget

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)

    ops.back_up_now(store.ctx.path)
    clerk = store.users.create(username="clerk", password="clerk-pw", role="clerk")
    store.login_as(CurrentUser(id=clerk.id, username="clerk", role="clerk"))
    widget = BackupsWidget(ui_ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1, timeout=TIMEOUT)
    assert widget.backup_button.isEnabled()
    assert not widget.restore_button.isEnabled()
    choose_row(widget)
    widget.restore_selected()  # even when called directly, nothing is recorded
    wait_idle(qtbot, ui_ctx)
    assert not (store.ctx.path.parent / ops.RESTORE_PENDING).exists()


def test_a_file_that_is_no_channeldesk_database_is_refused_when_chosen(ui_ctx, backups_tab,
                                                                       qtbot, db_path,
                                                                       monkeypatch):
    junk = db_path.parent / "backups" / "channeldesk-20261101-080000-daily.db"
    junk.parent.mkdir(exist_ok=True)
    junk.write_bytes(b"not a database at all" * 100)
    backups_tab.reload()
    qtbot.waitUntil(lambda: backups_tab.model.rowCount() == 1, timeout=TIMEOUT)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    choose_row(backups_tab)
    qtbot.mouseClick(backups_tab.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: backups_tab.error.isVisibleTo(backups_tab), timeout=TIMEOUT)
    assert not (db_path.parent / ops.RESTORE_PENDING).exists()


def test_a_pending_restore_that_fails_leaves_the_database_and_is_not_retried(store, db_path):
    good = ops.back_up_now(db_path)
    ops.request_restore(db_path, good, username="manager")
    good.write_bytes(b"damaged after it was chosen")  # e.g. the disk went bad since
    before = outlet_names(db_path)
    store.close()
    outcome = ops.apply_pending_restore(db_path)
    assert isinstance(outcome.error, DatabaseError)
    assert outlet_names(db_path) == before
    assert ops.pending_restore(db_path) is None
    assert ops.apply_pending_restore(db_path) is None


def test_cancelling_the_pending_restore_keeps_the_database(ui_ctx, backups_tab, qtbot, db_path):
    backup = ops.back_up_now(db_path)
    ops.request_restore(db_path, backup, username="manager")
    backups_tab.reload()
    qtbot.waitUntil(lambda: backups_tab.cancel_button.isVisibleTo(backups_tab), timeout=TIMEOUT)
    qtbot.mouseClick(backups_tab.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not backups_tab.message.isVisibleTo(backups_tab), timeout=TIMEOUT)
    assert ops.apply_pending_restore(db_path) is None


def test_request_restore_refuses_a_file_that_is_not_a_database(db_path, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("nope")
    with pytest.raises(DatabaseError):
        ops.request_restore(db_path, junk, username="manager")
    assert ops.pending_restore(db_path) is None
