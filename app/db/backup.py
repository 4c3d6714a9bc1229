"""SQLite online backups and restore of whole database files."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from app.errors import DatabaseError
from app.storage import storage_error, storage_errors

log = logging.getLogger(__name__)

# Tables every ChannelDesk database has; a file without them is refused on restore.
_SIGNATURE_TABLES = {"alembic_version", "company_profile", "outbox_op", "stock_move"}
# sync_meta key set in a restored database: before its next push, sync moves the outbox
# numbering past what HQ has seen from this PC (app.sync.outbox.move_past).
RESTORED_MARK = "restored_from_backup"
# A backup in the making; renamed to its name when complete (app.maintenance sweeps the ones a
# crash left behind).
PARTIAL_SUFFIX = ".part"


def backup_database(source: Path, target: Path) -> Path:
    """Copy a live database consistently (the online backup API works while others write).

    The copy is written beside the target as `<target>.part` and renamed when complete, so a
    file named like a backup is always a whole one. When the disk refuses the copy (full,
    read-only) the partial file is deleted and StorageError says so (`backup.disk_full`)."""
    tmp = partial_name(target)
    with storage_errors(target, full_id="backup.disk_full"):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove(tmp)
            for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
                stale.unlink(missing_ok=True)
            _copy(source, tmp)
            tmp.replace(target)
        except BaseException:
            if _remove(tmp):
                log.warning("removed the incomplete backup %s", tmp)
            raise
    return target


def partial_name(target: Path) -> Path:
    return target.with_suffix(target.suffix + PARTIAL_SUFFIX)


def _copy(source: Path, tmp: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(tmp)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _remove(tmp: Path) -> bool:
    """Delete a partial copy and its rollback journal; True if there was one."""
    found = False
    for path in (tmp, Path(f"{tmp}-journal")):
        try:
            path.unlink()
            found = True
        except FileNotFoundError:
            pass
    return found


def check_channeldesk_file(path: Path) -> None:
    """Raise DatabaseError unless `path` is an intact ChannelDesk database."""
    if not path.is_file():
        raise DatabaseError("db.not_channeldesk", path=str(path))
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not _SIGNATURE_TABLES <= tables:
                raise DatabaseError("db.not_channeldesk", path=str(path))
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        conn.close()
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, path) or DatabaseError("db.not_channeldesk", path=str(path)) from exc
    if result != "ok":
        raise DatabaseError("db.damaged", path=str(path), detail=result)


def restore_database(backup: Path, target: Path, *, safety_dir: Path) -> Path | None:
    """Replace `target` with `backup` after checking it; the current file is backed up first.

    Returns the path of the safety copy of the database that was replaced (None if none existed).
    """
    check_channeldesk_file(backup)
    safety = None
    if target.exists():
        from app.clock import utcnow

        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        safety = backup_database(target, safety_dir / f"{target.stem}-{stamp}-before-restore.db")
    # Copy page by page into the live file through SQLite itself, so that its WAL and shared
    # memory files stay consistent (replacing the file underneath them would corrupt it).
    with sqlite3.connect(backup) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    mark_restored(target)
    return safety


def mark_restored(path: Path) -> None:
    """Flag a database just replaced by an older copy of itself. Its outbox numbering went
    back in time: ops made from now on would reuse numbers HQ already saw from this PC, and
    HQ would take them for a second copy of the database (sync answers 409 device_cloned)."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, '1')", (RESTORED_MARK,))
    conn.close()
