"""The `channeldesk` maintenance commands on real database files."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from app.cli import main
from app.config import database_path
from app.db.migrate import stored_revision
from app.db.schema_version import HEAD_REVISION
from app.store import Store


@pytest.fixture
def data_dir(tmp_path, db_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(db_path, database_path(folder))
    return folder


def _outlet_names(path):
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM outlet ORDER BY name")]
    conn.close()
    return names


def test_backup_then_restore_brings_back_the_old_state(data_dir, tmp_path, capsys):
    db = database_path(data_dir)
    with Store.open(db) as store:
        store.outlets.create(name="备份前的店")
    backup = tmp_path / "saved.db"
    assert main(["--data-dir", str(data_dir), "backup", str(backup)]) == 0
    with Store.open(db) as store:
        store.outlets.create(name="备份后的店")

    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0

    assert _outlet_names(db) == ["备份前的店"]
    safety = list((data_dir / "backups").glob("*before-restore.db"))
    assert len(safety) == 1 and _outlet_names(safety[0]) == ["备份前的店", "备份后的店"]
    # The restored database still opens and works.
    with Store.open(db) as store:
        store.outlets.create(name="恢复后的店")
    assert "saved" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_restore_refuses_a_file_that_is_not_channeldesk(data_dir, tmp_path, content, capsys):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(content)
    before = database_path(data_dir).read_bytes()
    assert main(["--data-dir", str(data_dir), "restore", str(bogus)]) == 2
    assert "not a ChannelDesk database" in capsys.readouterr().err
    assert database_path(data_dir).read_bytes() == before


def test_restore_refuses_another_sqlite_database(data_dir, tmp_path, capsys):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    assert main(["--data-dir", str(data_dir), "restore", str(other)]) == 2
    assert not (data_dir / "backups").exists()


def test_db_upgrade_creates_a_new_database(tmp_path, capsys):
    folder = tmp_path / "new"
    assert main(["--data-dir", str(folder), "db", "upgrade"]) == 0
    assert stored_revision(database_path(folder)) == HEAD_REVISION
    assert main(["--data-dir", str(folder), "db", "upgrade"]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_db_check_reports_damage(data_dir, capsys):
    db = database_path(data_dir)
    assert main(["--data-dir", str(data_dir), "db", "check"]) == 0
    raw = bytearray(db.read_bytes())
    raw[4096 * 3 : 4096 * 3 + 2000] = b"\xff" * 2000  # scribble over a b-tree page
    db.write_bytes(bytes(raw))
    assert main(["--data-dir", str(data_dir), "db", "check"]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err or "not a ChannelDesk database" in err
