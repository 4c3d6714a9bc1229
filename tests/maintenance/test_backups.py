"""Daily automatic backups: at most one a day, the last N kept, and each one a usable database."""

from __future__ import annotations

import datetime as dt
import sqlite3

from app.config import backup_dir
from app.db.backup import check_channeldesk_file
from app.db.migrate import backup_before_upgrade
from app.maintenance import BACKUP_KEEP_DEFAULT, backup_keep, daily_backup, list_backups

NOON = dt.datetime(2026, 11, 1, 12, 0)  # UTC; noon keeps the local date stable in any zone


def _daily(data_dir):
    return [b for b in list_backups(data_dir) if b.kind == "daily"]


def test_one_automatic_backup_per_day(db_path):
    data_dir = db_path.parent
    first = daily_backup(db_path, data_dir, now=NOON)
    assert first is not None and first.parent == backup_dir(data_dir)
    assert daily_backup(db_path, data_dir, now=NOON + dt.timedelta(minutes=20)) is None
    assert len(_daily(data_dir)) == 1
    assert daily_backup(db_path, data_dir, now=NOON + dt.timedelta(days=1)) is not None
    assert len(_daily(data_dir)) == 2


def test_rotation_keeps_the_newest_n_daily_backups(db_path):
    data_dir = db_path.parent
    for day in range(20):
        assert daily_backup(db_path, data_dir, keep=14, now=NOON + dt.timedelta(days=day))
    kept = _daily(data_dir)
    assert len(kept) == 14
    assert [b.created for b in kept] == [NOON + dt.timedelta(days=d) for d in range(19, 5, -1)]


def test_rotation_follows_the_backup_keep_setting(store, db_path):
    assert backup_keep(db_path) == BACKUP_KEEP_DEFAULT == 14
    store.company.set_setting("backup_keep", "3")
    assert backup_keep(db_path) == 3
    for day in range(5):
        daily_backup(db_path, db_path.parent, now=NOON + dt.timedelta(days=day))
    assert len(_daily(db_path.parent)) == 3


def test_backups_taken_before_an_upgrade_are_never_rotated_away(db_path):
    data_dir = db_path.parent
    before = backup_before_upgrade(db_path, backup_dir(data_dir), "0001")
    for day in range(3):
        daily_backup(db_path, data_dir, keep=1, now=NOON + dt.timedelta(days=day))
    assert before.exists()
    assert len(_daily(data_dir)) == 1
    assert {b.kind for b in list_backups(data_dir)} == {"daily", "before-0001"}


def test_a_backup_of_the_live_database_is_a_complete_channeldesk_database(store, db_path):
    store.company.set_setting("hq_url", "https://hq.example.com")  # a write still in the WAL
    backup = daily_backup(db_path, db_path.parent, now=NOON)
    check_channeldesk_file(backup)
    with sqlite3.connect(backup) as conn:
        name = conn.execute("SELECT name FROM company_profile").fetchone()[0]
        hq = conn.execute("SELECT value FROM setting WHERE key = 'hq_url'").fetchone()[0]
    conn.close()
    assert (name, hq) == ("测试商贸有限公司", "https://hq.example.com")


def test_list_backups_is_newest_first_and_reads_foreign_files(db_path):
    data_dir = db_path.parent
    daily_backup(db_path, data_dir, now=NOON)
    daily_backup(db_path, data_dir, now=NOON + dt.timedelta(days=2))
    (backup_dir(data_dir) / "copied-by-hand.db").write_bytes(b"")
    found = list_backups(data_dir)
    dailies = [b.created for b in found if b.kind == "daily"]
    assert dailies == sorted(dailies, reverse=True)
    assert any(b.kind == "other" for b in found)
