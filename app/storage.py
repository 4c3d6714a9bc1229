"""When the disk refuses a write: a full disk, or a read-only folder or disk.

SQLite and the OS report these as `database or disk is full`, `attempt to write a readonly
database`, `unable to open database file` or `[Errno 28] No space left on device`; the clerk
needs to hear what happened and what to do, and that nothing was half-saved. Every place that
writes the data folder (the unit of work, opening and upgrading the database, backups, sync)
turns such an error into one `StorageError` with a message id (`disk.full`,
`disk.read_only`, `backup.disk_full`...) through `storage_errors`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.errors import StorageError

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
# SQLite's primary result codes (the extended ones carry these in their low byte).
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 8, 10, 13, 14
# SQLite does not pass errno on: an I/O error on a disk with less than this free is "full".
_NEARLY_FULL_BYTES = 256 * 1024


def storage_error(exc: BaseException, path: Path | str, *,
                  full_id: str = "disk.full") -> StorageError | None:
    """`exc` in the clerk's words when it means the disk holding `path` refused a write,
    else None. `full_id` names the message for a full disk (a backup says more)."""
    if isinstance(exc, StorageError):
        return exc
    exc = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    kind = _kind(exc, Path(path))
    if kind == "full":
        return StorageError(full_id, path=str(path))
    if kind == "read_only":
        return StorageError("disk.read_only", path=str(_folder_of(Path(path))))
    return None


@contextlib.contextmanager
def storage_errors(path: Path | str, *, full_id: str = "disk.full") -> Iterator[None]:
    """Raise a StorageError instead of the driver's or the OS's error for a refused write."""
    try:
        yield
    except Exception as exc:
        error = storage_error(exc, path, full_id=full_id)
        if error is None or error is exc:
            raise
        raise error from exc


def require_writable(folder: Path) -> None:
    """Raise StorageError('disk.read_only') unless ChannelDesk can create files in `folder`
    (or, when it does not exist yet, in the nearest folder above it). Nothing is left behind."""
    if read_only(Path(folder)):
        raise StorageError("disk.read_only", path=str(folder))


def read_only(folder: Path) -> bool:
    """True when a file cannot be created in `folder` (or in the nearest existing parent)."""
    existing = _nearest_existing(Path(folder))
    try:
        handle, probe = tempfile.mkstemp(prefix=".channeldesk-probe-", dir=existing)
    except OSError as exc:
        return exc.errno in _READ_ONLY_ERRNOS
    os.close(handle)
    os.unlink(probe)
    return False


def nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(_nearest_existing(Path(folder))).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _kind(exc: BaseException, path: Path) -> str | None:
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if code == _SQLITE_FULL:
            return "full"
        if code == _SQLITE_READONLY:
            return "read_only"
        if code in (_SQLITE_CANTOPEN, _SQLITE_IOERR):
            return _ask_the_folder(_folder_of(path))
        return None
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return "full"
        if exc.errno in _READ_ONLY_ERRNOS:
            return "read_only"
    return None


def _ask_the_folder(folder: Path) -> str | None:
    if read_only(folder):
        return "read_only"
    if nearly_full(folder):
        return "full"
    return None


def _folder_of(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _nearest_existing(folder: Path) -> Path:
    folder = folder.absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
