"""SQLite engine with the pragmas every connection needs, and write transactions that
take the write lock up front (BEGIN IMMEDIATE) so two writers queue instead of deadlocking."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def make_engine(path: Path | str, *, foreign_keys: bool = True) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"isolation_level": None, "check_same_thread": False, "timeout": 5},
    )
    event.listen(engine, "connect", _on_connect)
    if not foreign_keys:
        event.listen(engine, "connect", _foreign_keys_off)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _foreign_keys_off(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")


def _on_begin(connection) -> None:
    # pysqlite's own transaction handling is off (isolation_level=None); we begin explicitly.
    if connection.get_execution_options().get("immediate"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_sessionmakers(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """(read sessions, write sessions); write sessions hold the write lock from the start."""
    read = sessionmaker(engine, expire_on_commit=False)
    write = sessionmaker(engine.execution_options(immediate=True), expire_on_commit=False)
    return read, write
