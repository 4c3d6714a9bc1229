"""HQ database: SQLite file by default, PostgreSQL when given a postgresql:// URL.

Writers on SQLite take the lock up front (BEGIN IMMEDIATE) so concurrent pushes queue
instead of failing when they upgrade a read lock; PostgreSQL relies on row locks.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in server/migrations (a test keeps the two equal). A database already
# there starts without importing Alembic's command machinery.
HEAD_REVISION = "0002"


def default_data_dir() -> Path:
    override = os.environ.get("CHANNELDESK_HQ_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("ChannelDeskHQ", "ChannelDesk"))


def default_url(data_dir: Path | None = None) -> str:
    folder = data_dir or default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'hq.db'}"


def normalise_url(url: str) -> str:
    """postgresql:// means psycopg 3 here (the only PostgreSQL driver we install)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"isolation_level": None, "check_same_thread": False, "timeout": 30},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection) -> None:
    if connection.get_execution_options().get("immediate"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


class Database:
    """An engine plus read and write sessions; one write session per request or command."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(immediate=True), expire_on_commit=False
        )

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        with self._write() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read(self, *, snapshot: bool = False) -> Iterator[Session]:
        """snapshot: every statement sees the same committed state. SQLite's deferred BEGIN
        already does (WAL); PostgreSQL's default READ COMMITTED takes a new one per statement."""
        with self._read() as session, session.begin():
            if snapshot and not is_sqlite(self.engine):
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def upgrade(self) -> None:
        """Bring the schema to head with HQ's own Alembic scripts, then seed defaults."""
        if self.stored_revision() != HEAD_REVISION:
            self._run_migrations()
        from server.settings import seed_defaults

        with self.write() as session:
            seed_defaults(session)

    def stored_revision(self) -> str | None:
        from sqlalchemy import inspect, text

        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def _run_migrations(self) -> None:
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()
