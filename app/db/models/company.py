"""Company profile, settings, users, document counters and the audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.db.base import ID, Base, IdMixin, TimestampMixin


class CompanyProfile(IdMixin, TimestampMixin, Base):
    """The distributor's own details, printed on every document (one row)."""

    __tablename__ = "company_profile"

    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    tax_id: Mapped[str] = mapped_column(String(50), default="")
    bank_account: Mapped[str] = mapped_column(String(200), default="")
    logo_path: Mapped[str] = mapped_column(String(500), default="")
    device_code: Mapped[str] = mapped_column(String(8))
    distributor_code: Mapped[str] = mapped_column(String(50), default="")


class Setting(Base):
    """Business settings (tax rate, negative stock policy, HQ address...)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "user_account"

    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20))  # clerk | warehouse | manager
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)


class DocumentCounter(Base):
    """Per-device, per-day sequence behind numbers like SO-D01-20261127-0007."""

    __tablename__ = "document_counter"

    doc_type: Mapped[str] = mapped_column(String(8), primary_key=True)
    device_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)


class AuditEntry(IdMixin, Base):
    """Who did what, when; written in the same transaction as the change."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)

    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[str | None] = mapped_column(ID, ForeignKey("user_account.id"), default=None)
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(ID)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
