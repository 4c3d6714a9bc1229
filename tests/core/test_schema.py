"""Convention tests: migrations reach head with no drift; the core imports no Qt."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.db.engine import make_engine
from app.db.migrate import alembic_head, ensure_schema, stored_revision
from app.db.models import Base
from app.db.schema_version import HEAD_REVISION

ROOT = Path(__file__).resolve().parents[2]


def test_code_expects_the_scripts_head():
    assert HEAD_REVISION == alembic_head()


def test_migrations_match_models(tmp_path):
    path = tmp_path / "fresh.db"
    assert ensure_schema(path) == "created"
    engine = make_engine(path)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations disagree: {diff}"


def test_database_uses_wal_and_foreign_keys(store):
    with store.ctx.read() as s:
        assert s.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_opening_at_head_does_nothing(db_path):
    before = db_path.stat().st_mtime_ns
    assert ensure_schema(db_path) == "current"
    assert db_path.stat().st_mtime_ns == before
    assert not (db_path.parent / "backups").exists()


NEXT_REVISION = """
from alembic import op
import sqlalchemy as sa

revision = "{next}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outlet") as batch:
        batch.add_column(sa.Column("wechat_id", sa.String(50), nullable=True))


def downgrade():
    with op.batch_alter_table("outlet") as batch:
        batch.drop_column("wechat_id")
"""


def test_older_database_is_backed_up_then_upgraded(db_path, tmp_path, monkeypatch):
    """A database from the previous release is copied aside, then upgraded in place."""
    import shutil

    from app.db import migrate

    newer = tmp_path / "migrations"
    shutil.copytree(ROOT / "migrations", newer, ignore=shutil.ignore_patterns("__pycache__"))
    following = f"{int(HEAD_REVISION) + 1:04d}"
    (newer / "versions" / f"{following}_wechat.py").write_text(
        NEXT_REVISION.format(head=HEAD_REVISION, next=following))
    monkeypatch.setattr(migrate, "migrations_dir", lambda: newer)
    monkeypatch.setattr(migrate, "HEAD_REVISION", following)
    with sqlite3.connect(db_path) as conn:
        outlets_before = conn.execute("SELECT count(*) FROM company_profile").fetchone()[0]
    conn.close()

    assert migrate.ensure_schema(db_path, backup_dir=tmp_path / "backups") == "upgraded"

    assert stored_revision(db_path) == following
    backups = list((tmp_path / "backups").glob("*.db"))
    assert len(backups) == 1 and stored_revision(backups[0]) == HEAD_REVISION
    with sqlite3.connect(db_path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(outlet)")}
        assert conn.execute("SELECT count(*) FROM company_profile").fetchone()[0] == outlets_before
    conn.close()
    assert "wechat_id" in columns


def test_database_from_a_newer_app_is_refused(db_path):
    import pytest

    from app.errors import DatabaseError

    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(DatabaseError) as info:
        ensure_schema(db_path)
    assert info.value.message_id == "db.newer_than_app"


def test_app_imports_no_qt():
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


_OP_COLUMNS = ("op_id, tx_group, op_type, entity, entity_id, payload, payload_ver, device_time, "
               "state, attempts, last_error")


def _append_op(conn, op_id: str) -> int:
    conn.execute(f"INSERT INTO outbox_op ({_OP_COLUMNS}) VALUES "
                 "(?, 't', 'outlet.create', 'outlet', 'e', '{}', 1, '2026-12-01', 'pending', 0, '')", (op_id,))
    return conn.execute("SELECT max(seq) FROM outbox_op").fetchone()[0]


def test_outbox_seq_is_never_handed_out_twice(tmp_path):
    """HQ recognises a copied database by one seq under two op ids: a drained outbox must
    not start its numbering over, also in a database made before the numbering was fixed."""
    from alembic import command
    from alembic.config import Config

    from app.db.migrate import migrations_dir

    path = tmp_path / "older.db"
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0001")
    with sqlite3.connect(path) as conn:
        assert _append_op(conn, "kept") == 1
    conn.close()

    assert ensure_schema(path, backup_dir=tmp_path / "backups") == "upgraded"

    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT seq, op_id FROM outbox_op").fetchall() == [(1, "kept")]
        assert _append_op(conn, "second") == 2
        conn.execute("DELETE FROM outbox_op")  # every op acknowledged
        assert _append_op(conn, "after-drain") == 3
    conn.close()
