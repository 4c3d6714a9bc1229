"""Payments from outlets and their allocation to invoices (oldest first)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID, Base, IdMixin, TimestampMixin

PAYMENT_METHODS = ("cash", "wechat", "alipay", "bank", "prepaid")


class Payment(IdMixin, TimestampMixin, Base):
    """Money received. purpose='deposit' tops up the prepaid balance; method='prepaid' spends it."""

    __tablename__ = "payment"
    __table_args__ = (Index("ix_payment_outlet_date", "outlet_id", "payment_date"),)

    number: Mapped[str] = mapped_column(String(40), unique=True)
    outlet_id: Mapped[str] = mapped_column(ID, ForeignKey("outlet.id"))
    method: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(String(20), default="settlement")  # settlement | deposit
    amount_fen: Mapped[int] = mapped_column()
    allocated_fen: Mapped[int] = mapped_column(default=0)
    payment_date: Mapped[dt.date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(100), default="")  # transfer / WeChat txn no.
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[str | None] = mapped_column(ID, ForeignKey("user_account.id"), default=None)


class PaymentAllocation(IdMixin, Base):
    """Part of a payment or a return credit applied to one invoice."""

    __tablename__ = "payment_allocation"

    invoice_id: Mapped[str] = mapped_column(ID, ForeignKey("invoice.id"), index=True)
    payment_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("payment.id"), default=None, index=True
    )
    return_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("sales_return.id"), default=None, index=True
    )
    amount_fen: Mapped[int] = mapped_column()
