"""What every service needs: the database, this device, the logged-in user, and the
unit of work that makes one user action one transaction (rows + outbox + audit)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.clock import utcnow
from app.db.engine import make_engine, make_sessionmakers
from app.db.models import AuditEntry, CompanyProfile, DocumentCounter, OutboxOp, Setting
from app.errors import PermissionDenied
from app.ids import new_id
from app.storage import storage_errors

ROLES = ("clerk", "warehouse", "manager")


@dataclass(frozen=True)
class CurrentUser:
    id: str | None
    username: str
    role: str


SYSTEM_USER = CurrentUser(id=None, username="system", role="manager")


@dataclass
class ServiceContext:
    """Shared by all services of one open database."""

    engine: Engine
    read_session: sessionmaker[Session]
    write_session: sessionmaker[Session]
    path: Path
    user: CurrentUser = SYSTEM_USER
    _device_code: str | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path) -> ServiceContext:
        engine = make_engine(path)
        read, write = make_sessionmakers(engine)
        return cls(engine=engine, read_session=read, write_session=write, path=path)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def device_code(self) -> str:
        if self._device_code is None:
            with self.read_session() as s:
                code = s.scalar(select(CompanyProfile.device_code).limit(1))
            self._device_code = code or "D01"
        return self._device_code

    def forget_device_code(self) -> None:
        self._device_code = None

    def require_role(self, *roles: str, action: str) -> None:
        if self.user.role not in roles:
            raise PermissionDenied("permission.denied", role=self.user.role, action=action)

    @contextlib.contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """One user action: everything inside commits together or not at all. A disk that
        refuses the write (full, read-only) raises StorageError; SQLite has rolled it back."""
        with storage_errors(self.path), self.write_session() as session, session.begin():
            yield UnitOfWork(session=session, ctx=self)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self.read_session() as session:
            yield session


@dataclass
class UnitOfWork:
    session: Session
    ctx: ServiceContext
    tx_group: str = field(default_factory=new_id)
    now: dt.datetime = field(default_factory=utcnow)

    def emit(
        self,
        op_type: str,
        entity_id: str,
        payload: dict[str, Any],
        *,
        base_rev: int | None = None,
    ) -> None:
        """Append an outbox operation for HQ in this transaction. op_type is 'entity.verb'."""
        entity = op_type.split(".", 1)[0]
        self.session.add(
            OutboxOp(
                op_id=new_id(),
                tx_group=self.tx_group,
                op_type=op_type,
                entity=entity,
                entity_id=entity_id,
                base_rev=base_rev,
                payload=payload,
                device_time=self.now,
            )
        )

    def audit(self, action: str, entity: str, entity_id: str, **detail: Any) -> None:
        self.session.add(
            AuditEntry(
                at=self.now,
                user_id=self.ctx.user.id,
                action=action,
                entity=entity,
                entity_id=entity_id,
                detail=detail,
            )
        )

    def next_number(self, doc_type: str, day: dt.date | None = None) -> str:
        """SO-D01-20261127-0007: unique offline because the device code is in it."""
        device = self.ctx.device_code
        stamp = (day or dt.date.today()).strftime("%Y%m%d")
        counter = self.session.get(DocumentCounter, (doc_type, device, stamp))
        if counter is None:
            counter = DocumentCounter(doc_type=doc_type, device_code=device, day=stamp, last_seq=0)
            self.session.add(counter)
        counter.last_seq += 1
        self.session.flush()
        return f"{doc_type}-{device}-{stamp}-{counter.last_seq:04d}"


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
