"""What the desktop does before opening the database: check it, offer the newest good backup
when it is damaged (in the clerk's language), and make the daily backup in the background."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.maintenance import check_integrity, daily_backup, list_backups
from tests.maintenance.conftest import scribble_over_btree_pages
from ui.startup import ask_restore, check_database_before_open

LONG_AGO = dt.datetime(2020, 1, 1, 12, 0)  # so that today's daily backup is still due


def _answer(button_text: str, seen: list[str]) -> None:
    """Click a button of the message box once it is up, noting what it said."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: _answer(button_text, seen))
        return
    seen.append(box.text() + "\n" + box.informativeText())
    for button in box.buttons():
        if button.text() == button_text:
            button.click()
            return
    raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")


def test_an_intact_database_opens_and_gets_its_daily_backup(qtbot, db_path):
    check = check_database_before_open(db_path, db_path.parent, language="zh_CN",
                                       ask=_never_asked, backup_delay_s=0)
    assert check.proceed and check.report.ok
    check.daily_backup.join(30)
    assert check.daily_backup.result is not None
    assert [b.kind for b in list_backups(db_path.parent)] == ["daily"]


def test_a_damaged_database_is_replaced_by_the_newest_good_backup_when_the_clerk_agrees(
        qtbot, db_path):
    good = daily_backup(db_path, db_path.parent, now=LONG_AGO)
    scribble_over_btree_pages(db_path)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer("恢复备份", seen))

    check = check_database_before_open(db_path, db_path.parent, language="zh_CN",
                                       backup_delay_s=0)

    assert "数据库文件已损坏" in seen[0] and good.name in seen[0]
    assert check.proceed and check.restored_from == good
    assert check.damaged_kept_as.exists() and "damaged" in check.damaged_kept_as.name
    assert check_integrity(db_path, db_path.parent).ok
    check.daily_backup.join(30)  # the restored database gets today's backup


def test_quitting_leaves_the_damaged_database_exactly_as_it_was(qtbot, db_path):
    daily_backup(db_path, db_path.parent, now=LONG_AGO)
    scribble_over_btree_pages(db_path)
    before = db_path.read_bytes()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer("Quit", seen))

    check = check_database_before_open(db_path, db_path.parent, language="en")

    assert "The database file is damaged" in seen[0]
    assert not check.proceed and check.daily_backup is None
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*damaged*"))


def test_without_any_good_backup_the_clerk_is_told_and_nothing_is_touched(qtbot, db_path):
    scribble_over_btree_pages(db_path)
    before = db_path.read_bytes()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer("退出", seen))

    assert not ask_restore(check_integrity(db_path, db_path.parent), "zh_CN")

    assert "没有找到可用的备份" in seen[0]
    assert db_path.read_bytes() == before


def _never_asked(*_args):
    raise AssertionError("an intact database must not ask anything")


def test_damage_found_by_the_background_check_is_signalled(qtbot, db_path, monkeypatch):
    import app.maintenance as maintenance

    monkeypatch.setattr(maintenance, "FULL_CHECK_MAX_BYTES", 0)
    check = check_database_before_open(db_path, db_path.parent, language="zh_CN",
                                       ask=_never_asked, backup_delay_s=0.2)
    assert check.proceed
    scribble_over_btree_pages(db_path)  # the disk fails while the clerk works
    with qtbot.waitSignal(check.daily_backup.damage_found, timeout=10_000) as signal:
        pass
    assert signal.args[0]
    assert maintenance.is_suspect(db_path.parent)
    assert list_backups(db_path.parent) == []
