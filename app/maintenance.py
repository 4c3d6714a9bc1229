"""Keeping ChannelDesk healthy on a PC nobody administers: log files, daily backups, and the
start-up integrity check.

Everything here is Qt-free and works on plain paths, so the desktop, the CLI and tests share it.
Backups live in `<data>/backups` (`app.config.backup_dir`) and are named
`<db stem>-<UTC yyyymmdd-hhmmss>-<kind>.db`, the scheme `app.db.migrate` already uses for its
`before-<revision>` copies. Only `daily` backups are rotated: a copy taken before an upgrade or
a restore is rare and is the one a clerk needs when something went wrong, so it stays.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.clock import to_local, utcnow
from app.config import backup_dir

log = logging.getLogger(__name__)

BACKUP_KEEP_DEFAULT = 14
DAILY = "daily"
LOG_FILE = "channeldesk.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUP_COUNT = 5

_STAMP = "%Y%m%d-%H%M%S"
_BACKUP_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>[^.]+)\.db$")


# -- logs -----------------------------------------------------------------------------------


def setup_logging(
    data_dir: Path,
    *,
    level: int = logging.INFO,
    max_bytes: int = LOG_MAX_BYTES,
    backup_count: int = LOG_BACKUP_COUNT,
) -> Path:
    """Rotating log in `<data>/logs/channeldesk.log`; calling it again adds no second handler.

    Rotation keeps the folder bounded on a PC that runs for years (default 5 files of 1 MB).
    """
    folder = Path(data_dir) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and \
                Path(handler.baseFilename) == path.resolve():
            return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


# -- backups --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime  # naive UTC, from the file name (mtime for files named otherwise)
    kind: str  # daily | before-<revision> | before-restore | other
    size_bytes: int


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup in the data folder's backup folder, newest first."""
    folder = backup_dir(Path(data_dir))
    if not folder.is_dir():
        return []
    found = [_backup_info(path) for path in folder.glob("*.db") if path.is_file()]
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def _backup_info(path: Path) -> BackupInfo:
    stat = path.stat()
    match = _BACKUP_NAME.match(path.name)
    if match:
        created = dt.datetime.strptime(match["stamp"], _STAMP)
        kind = match["kind"]
    else:
        created = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).replace(tzinfo=None)
        kind = "other"
    return BackupInfo(path=path, created=created, kind=kind, size_bytes=stat.st_size)


def backup_keep(db_path: Path) -> int:
    """The `backup_keep` setting of the database (at least 1), or the default."""
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = 'backup_keep'").fetchone()
        conn.close()
    except sqlite3.Error:
        return BACKUP_KEEP_DEFAULT
    try:
        return max(1, int(row[0])) if row else BACKUP_KEEP_DEFAULT
    except ValueError:
        return BACKUP_KEEP_DEFAULT


def daily_backup(
    db_path: Path, data_dir: Path, *, keep: int | None = None, now: dt.datetime | None = None
) -> Path | None:
    """Back up the database unless a daily backup exists for today (the clerk's local date),
    then drop the oldest daily backups beyond `keep` (default: the `backup_keep` setting).

    Returns the new backup, or None when today's already existed.
    """
    from app.db.backup import backup_database

    now = now or utcnow()
    today = to_local(now).date()
    if any(b.kind == DAILY and to_local(b.created).date() == today for b in list_backups(data_dir)):
        return None
    # A copy of a damaged file would push a good backup out of the rotation: check first.
    detail = quick_check(Path(db_path))
    if detail != "ok":
        mark_suspect(data_dir, detail)
        raise DamagedDatabase(detail)
    target = backup_dir(Path(data_dir)) / f"{Path(db_path).stem}-{now.strftime(_STAMP)}-{DAILY}.db"
    backup_database(Path(db_path), target)
    log.info("daily backup written to %s", target)
    prune_daily_backups(data_dir, keep if keep is not None else backup_keep(db_path))
    return target


def remove_partial_backups(data_dir: Path) -> list[Path]:
    """Delete the partial copies (`*.db.part` and their journals) that a backup killed
    midway left behind: nothing else removes them, and each can be as large as the database.
    Called at start-up, before any backup of this run can be in the making."""
    from app.db.backup import PARTIAL_SUFFIX

    folder = backup_dir(Path(data_dir))
    if not folder.is_dir():
        return []
    removed = [p for p in folder.iterdir()
               if p.name.endswith((PARTIAL_SUFFIX, f"{PARTIAL_SUFFIX}-journal"))]
    for path in removed:
        path.unlink(missing_ok=True)
    if removed:
        log.warning("removed %d incomplete backup file(s) left by an interrupted backup: %s",
                    len(removed), ", ".join(p.name for p in removed))
    return removed


class DamagedDatabase(Exception):
    """The daily check found damage; the database is flagged for the next start."""


def prune_daily_backups(data_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` daily backups; returns what was deleted."""
    daily = [b for b in list_backups(data_dir) if b.kind == DAILY]
    removed = []
    for old in daily[max(1, keep):]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    if removed:
        log.info("removed %d old daily backup(s)", len(removed))
    return removed


# -- integrity ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntegrityReport:
    path: Path
    ok: bool
    detail: str  # "ok", "missing", or what quick_check / SQLite reported
    newest_good_backup: BackupInfo | None = None  # only looked for when not ok


def quick_check(path: Path) -> str:
    """'ok', or SQLite's description of the damage (also for files SQLite cannot read at all)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc) or type(exc).__name__
    messages = [str(r[0]) for r in rows]
    return "ok" if messages == ["ok"] else "; ".join(messages[:5])


# quick_check reads every page: about 10 s for a 1.8 GB database on a cold cache. Files up to
# this size are fully checked at every start; larger ones get the fast check at start and the
# full check every day in the background (before the daily backup), which flags the file as
# suspect so that the next start checks it fully and offers the backup.
FULL_CHECK_MAX_BYTES = 128 * 1024 * 1024
SUSPECT_FLAG = "integrity-suspect.txt"


def fast_check(path: Path) -> str:
    """'ok' when the file opens as SQLite and its schema and revision can be read."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            conn.execute("PRAGMA schema_version").fetchone()
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc) or type(exc).__name__
    return "ok"


def mark_suspect(data_dir: Path, detail: str) -> None:
    """Remember a failed background check so the next start checks fully and offers a backup."""
    flag = Path(data_dir) / SUSPECT_FLAG
    flag.parent.mkdir(parents=True, exist_ok=True)
    flag.write_text(f"{utcnow().isoformat()} {detail}\n", encoding="utf-8")
    log.error("database marked suspect: %s", detail)


def is_suspect(data_dir: Path) -> bool:
    return (Path(data_dir) / SUSPECT_FLAG).exists()


def clear_suspect(data_dir: Path) -> None:
    (Path(data_dir) / SUSPECT_FLAG).unlink(missing_ok=True)


def check_integrity(db_path: Path, data_dir: Path, *, full: bool | None = None) -> IntegrityReport:
    """Start-up check. A missing database is fine (it gets created); a damaged one comes back
    with the newest backup that passes the same check (damaged backups are skipped). Partial
    backups an interrupted run left behind are removed first.

    full=None decides by size and by the suspect flag a background check may have left.
    """
    db_path = Path(db_path)
    remove_partial_backups(data_dir)
    if not db_path.exists():
        return IntegrityReport(db_path, True, "missing")
    if full is None:
        full = is_suspect(data_dir) or db_path.stat().st_size <= FULL_CHECK_MAX_BYTES
    detail = quick_check(db_path) if full else fast_check(db_path)
    if detail == "ok" and full:
        clear_suspect(data_dir)
    if detail == "ok":
        return IntegrityReport(db_path, True, detail)
    log.error("database %s failed its integrity check: %s", db_path, detail)
    return IntegrityReport(db_path, False, detail, newest_good_backup(data_dir))


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    from app.db.backup import check_channeldesk_file
    from app.errors import DatabaseError

    for backup in list_backups(data_dir):
        try:
            check_channeldesk_file(backup.path)
        except DatabaseError as error:
            log.warning("backup %s is not usable: %s", backup.path, error.params)
            continue
        return backup
    return None


def set_aside_damaged(db_path: Path, *, now: dt.datetime | None = None) -> Path:
    """Move the damaged database (with its -wal/-shm files) beside itself under a timestamped
    name, so nothing is lost: someone may still recover rows from it."""
    db_path = Path(db_path)
    stamp = (now or utcnow()).strftime(_STAMP)
    target = db_path.with_name(f"{db_path.stem}-damaged-{stamp}{db_path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            source.replace(Path(f"{target}{suffix}"))
    log.warning("damaged database moved aside to %s", target)
    return target


def restore_newest_good(db_path: Path, backup: Path, *, now: dt.datetime | None = None) -> Path:
    """Replace a damaged database with `backup`: the damaged file is moved aside first (never
    deleted), then the backup is copied in. Returns where the damaged file went."""
    from app.db.backup import backup_database, check_channeldesk_file, mark_restored

    check_channeldesk_file(Path(backup))
    aside = set_aside_damaged(db_path, now=now)
    backup_database(Path(backup), Path(db_path))
    mark_restored(Path(db_path))
    log.warning("database %s restored from %s", db_path, backup)
    return aside
