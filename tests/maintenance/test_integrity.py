"""The start-up integrity check: a damaged database is found, the newest GOOD backup offered,
and the damaged file kept aside, never deleted."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil

import pytest

from app.config import backup_dir
from app.db.backup import check_channeldesk_file
from app.errors import DatabaseError
from app.maintenance import (
    check_integrity,
    daily_backup,
    quick_check,
    restore_newest_good,
)
from app.store import Store
from tests.maintenance.conftest import scribble_over_btree_pages

NOON = dt.datetime(2026, 11, 1, 12, 0)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backups(db_path):
    """Two good daily backups (days 1 and 2) and a damaged newest one (day 3)."""
    data_dir = db_path.parent
    older = daily_backup(db_path, data_dir, now=NOON)
    good = daily_backup(db_path, data_dir, now=NOON + dt.timedelta(days=1))
    damaged = daily_backup(db_path, data_dir, now=NOON + dt.timedelta(days=2))
    scribble_over_btree_pages(damaged)
    return older, good, damaged


def test_an_intact_or_missing_database_passes(db_path, tmp_path):
    assert check_integrity(db_path, db_path.parent).ok
    missing = check_integrity(tmp_path / "new" / "channeldesk.db", tmp_path / "new")
    assert missing.ok and missing.detail == "missing"


def test_scribbled_btree_pages_are_detected(db_path):
    scribble_over_btree_pages(db_path)
    assert quick_check(db_path) != "ok"
    report = check_integrity(db_path, db_path.parent)
    assert not report.ok
    assert report.detail and report.detail != "ok"
    assert report.newest_good_backup is None  # no backups yet: nothing to offer


def test_the_newest_good_backup_is_offered_skipping_a_damaged_one(db_path, backups):
    _older, good, damaged = backups
    with pytest.raises(DatabaseError):
        check_channeldesk_file(damaged)
    scribble_over_btree_pages(db_path)
    report = check_integrity(db_path, db_path.parent)
    assert not report.ok
    assert report.newest_good_backup is not None
    assert report.newest_good_backup.path == good


def test_restoring_moves_the_damaged_file_aside_and_brings_the_backup_back(db_path, backups):
    _older, good, _damaged = backups
    scribble_over_btree_pages(db_path)
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"leftover wal")
    damaged_digest = _digest(db_path)

    kept = restore_newest_good(db_path, good, now=NOON + dt.timedelta(days=3))

    assert kept.name == "channeldesk-damaged-20261104-120000.db"
    assert kept.parent == db_path.parent
    assert _digest(kept) == damaged_digest  # the damaged file itself, byte for byte
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"leftover wal"
    assert check_integrity(db_path, db_path.parent).ok
    with Store.open(db_path) as store:  # and the clerk's data is back
        assert store.company.info().name == "测试商贸有限公司"


def test_a_restore_never_uses_a_damaged_backup(db_path, backups):
    _older, _good, damaged = backups
    scribble_over_btree_pages(db_path)
    before = _digest(db_path)
    with pytest.raises(DatabaseError):
        restore_newest_good(db_path, damaged)
    assert _digest(db_path) == before  # refused before touching anything
    assert sorted(p.name for p in db_path.parent.glob("*damaged*")) == []


def test_the_check_does_not_change_the_damaged_file(db_path):
    scribble_over_btree_pages(db_path)
    copy = db_path.with_name("copy.db")
    shutil.copy(db_path, copy)
    check_integrity(db_path, db_path.parent)
    assert _digest(db_path) == _digest(copy)
    assert not backup_dir(db_path.parent).exists() or not any(backup_dir(db_path.parent).iterdir())


def test_a_large_database_gets_the_fast_check_at_start(db_path, monkeypatch):
    """Damage inside table pages escapes the fast check; the daily check catches it."""
    import app.maintenance as maintenance

    monkeypatch.setattr(maintenance, "FULL_CHECK_MAX_BYTES", 0)
    _scribble_over_table(db_path, "audit_entry")
    assert check_integrity(db_path, db_path.parent).ok  # fast: schema and revision readable
    assert not check_integrity(db_path, db_path.parent, full=True).ok


def test_the_daily_backup_refuses_a_damaged_file_and_flags_it_for_the_next_start(
    db_path, monkeypatch
):
    import app.maintenance as maintenance

    monkeypatch.setattr(maintenance, "FULL_CHECK_MAX_BYTES", 0)
    scribble_over_btree_pages(db_path)
    with pytest.raises(maintenance.DamagedDatabase):
        daily_backup(db_path, db_path.parent, now=NOON)
    assert maintenance.list_backups(db_path.parent) == []  # no damaged copy in the rotation
    assert maintenance.is_suspect(db_path.parent)
    report = check_integrity(db_path, db_path.parent)  # suspect: the full check runs again
    assert not report.ok


def test_a_good_full_check_clears_the_suspect_flag(db_path):
    import app.maintenance as maintenance

    maintenance.mark_suspect(db_path.parent, "disk hiccup")
    assert check_integrity(db_path, db_path.parent).ok
    assert not maintenance.is_suspect(db_path.parent)


def _scribble_over_table(path, table):
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with path.open("r+b") as raw:
        raw.seek((page - 1) * page_size)
        raw.write(b"\xa5" * page_size)
