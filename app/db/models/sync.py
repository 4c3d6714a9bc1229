"""The transactional outbox, HQ's answers, pull cursors, sync metadata and the print log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.db.base import ID, Base, IdMixin


class OutboxOp(Base):
    """One immutable operation waiting for HQ, appended in the same transaction as its change."""

    __tablename__ = "outbox_op"
    # AUTOINCREMENT: a seq is never handed out twice, even after the outbox drains; HQ relies
    # on that to recognise a copy of this database pushing as the same PC.
    __table_args__ = {"sqlite_autoincrement": True}

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(ID, unique=True)
    tx_group: Mapped[str] = mapped_column(ID, index=True)
    op_type: Mapped[str] = mapped_column(String(40))  # e.g. outlet.create, sales_order.ship
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(ID, index=True)
    base_rev: Mapped[int | None] = mapped_column(default=None)
    payload: Mapped[dict] = mapped_column(JSON)
    payload_ver: Mapped[int] = mapped_column(default=1)
    device_time: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # | parked
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class OpResult(Base):
    """HQ's stored answer for an operation that left the outbox."""

    __tablename__ = "op_result"

    op_id: Mapped[str] = mapped_column(ID, primary_key=True)
    op_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(ID)
    status: Mapped[str] = mapped_column(String(20))  # applied | duplicate | conflict | rejected
    reason_code: Mapped[str] = mapped_column(String(60), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncCursor(Base):
    __tablename__ = "sync_cursor"

    stream: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncMeta(Base):
    __tablename__ = "sync_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class InboundDeferred(Base):
    """A change from HQ's feed that refers to a row this PC does not have yet: the feed keeps
    only an entity's newest change, so a payment can arrive before its outlet's (edited later)
    row. Kept here and retried after every page, so nothing HQ sent is dropped."""

    __tablename__ = "inbound_deferred"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    change: Mapped[dict] = mapped_column(JSON)
    missing: Mapped[str] = mapped_column(Text, default="")  # what it waits for, for the log
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(default=1)


class PrintLogEntry(IdMixin, Base):
    """Who printed which document when, how many copies, and whether it was a reprint."""

    __tablename__ = "print_log"

    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[str | None] = mapped_column(ID, ForeignKey("user_account.id"), default=None)
    doc_type: Mapped[str] = mapped_column(String(30))
    doc_number: Mapped[str] = mapped_column(String(40), index=True)
    copies: Mapped[int] = mapped_column(default=1)
    reprint_no: Mapped[int] = mapped_column(default=0)
    paper: Mapped[str] = mapped_column(String(20), default="")
