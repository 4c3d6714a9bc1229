"""Outlets (the distributor's customers) and customer filings (客户报备) with HQ."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID, Base, IdMixin, RevisionMixin, TimestampMixin


class Outlet(IdMixin, TimestampMixin, RevisionMixin, Base):
    __tablename__ = "outlet"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    tier_id: Mapped[str | None] = mapped_column(ID, ForeignKey("price_tier.id"), default=None)
    credit_limit_fen: Mapped[int] = mapped_column(default=0)  # 0 = not controlled
    payment_terms_days: Mapped[int] = mapped_column(default=30)
    archived: Mapped[bool] = mapped_column(default=False)
    # Normalised keys for duplicate warnings, kept in step by the outlet service.
    name_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    phone_key: Mapped[str] = mapped_column(String(30), default="", index=True)


class CustomerFiling(IdMixin, TimestampMixin, Base):
    """A claim on an outlet submitted to HQ; only HQ's answers change its decision fields."""

    __tablename__ = "customer_filing"

    outlet_id: Mapped[str] = mapped_column(ID, ForeignKey("outlet.id"), index=True)
    # draft | pending | approved | rejected | conflict | expired | withdrawn
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # What was filed (the outlet may be edited afterwards).
    outlet_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    protection_until: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)
    decision_reason: Mapped[str] = mapped_column(String(500), default="")
