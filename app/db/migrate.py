"""Open a local database: create it, or back it up and upgrade it to the code's schema.

Opening a database that is already at head reads one row and imports no Alembic at all
(Alembic alone costs ~0.7 s of start-up).
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path

from app.clock import utcnow
from app.db.schema_version import HEAD_REVISION
from app.errors import DatabaseError
from app.storage import require_writable, storage_error, storage_errors

log = logging.getLogger(__name__)


def migrations_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "migrations"
    return Path(__file__).resolve().parents[2] / "migrations"


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the file, or None for a new/empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseError("db.not_channeldesk", path=str(path))
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        # A WAL database in a read-only folder cannot even be read: say that, not "not ours".
        raise storage_error(exc, path) or DatabaseError("db.not_channeldesk", path=str(path)) from exc
    return row[0] if row else None


def ensure_schema(path: Path, *, backup_dir: Path | None = None) -> str:
    """Bring the database at `path` to head. Returns what happened: current|created|upgraded.

    A folder that takes no writes (read-only disk or folder) or a full disk raises
    StorageError: the database could neither be used nor made."""
    require_writable(path.parent)
    with storage_errors(path):
        return _ensure_schema(path, backup_dir)


def _ensure_schema(path: Path, backup_dir: Path | None) -> str:
    revision = stored_revision(path)
    if revision == HEAD_REVISION:
        return "current"
    if revision is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _upgrade(path)
        return "created"
    if not _is_known_revision(revision):
        raise DatabaseError("db.newer_than_app", revision=revision)
    backup = backup_before_upgrade(path, backup_dir or path.parent / "backups", revision)
    log.info("database %s at %s backed up to %s before upgrade", path, revision, backup)
    _upgrade(path)
    return "upgraded"


def backup_before_upgrade(path: Path, folder: Path, revision: str) -> Path:
    from app.db.backup import backup_database

    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    return backup_database(path, folder / f"{path.stem}-{stamp}-before-{revision}.db")


def _alembic_config(path: Path):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return config


def _is_known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(Path("unused.db")))
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def _upgrade(path: Path) -> None:
    from alembic import command

    command.upgrade(_alembic_config(path), "head")


def alembic_head() -> str:
    """The head revision according to the migration scripts (used by tests and `db upgrade`)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(Path("unused.db"))).get_current_head()
