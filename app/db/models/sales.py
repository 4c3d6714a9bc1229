"""Sales orders and what follows them: delivery notes, invoices and returns."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import ID, Base, IdMixin, RevisionMixin, TimestampMixin


class SalesOrder(IdMixin, TimestampMixin, RevisionMixin, Base):
    __tablename__ = "sales_order"
    __table_args__ = (
        # Keyset paging of the order list walks (…, order_date, number) newest first.
        Index("ix_sales_order_status_date", "status", "order_date", "number"),
        Index("ix_sales_order_outlet", "outlet_id", "order_date", "number"),
        Index("ix_sales_order_date_number", "order_date", "number"),
        # The credit check sums an outlet's confirmed-but-not-invoiced orders.
        Index("ix_sales_order_outlet_status", "outlet_id", "status"),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    outlet_id: Mapped[str] = mapped_column(ID, ForeignKey("outlet.id"))
    warehouse_id: Mapped[str] = mapped_column(ID, ForeignKey("warehouse.id"))
    # One of app.services.lifecycles.ORDER_STATUSES, moved by its ORDER_LIFECYCLE.
    status: Mapped[str] = mapped_column(String(20), default="draft")
    order_date: Mapped[dt.date] = mapped_column(Date)
    total_fen: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[str | None] = mapped_column(ID, ForeignKey("user_account.id"), default=None)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    credit_override_by: Mapped[str | None] = mapped_column(
        ID, ForeignKey("user_account.id"), default=None
    )
    credit_override_reason: Mapped[str] = mapped_column(String(300), default="")
    cancel_reason: Mapped[str] = mapped_column(String(300), default="")

    lines: Mapped[list[SalesOrderLine]] = relationship(
        back_populates="order", order_by="SalesOrderLine.line_no", cascade="all, delete-orphan"
    )


class SalesOrderLine(IdMixin, Base):
    __tablename__ = "sales_order_line"

    order_id: Mapped[str] = mapped_column(ID, ForeignKey("sales_order.id"), index=True)
    line_no: Mapped[int] = mapped_column()
    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"), index=True)
    unit_id: Mapped[str] = mapped_column(ID, ForeignKey("product_unit.id"))
    quantity: Mapped[int] = mapped_column()  # in the chosen unit
    base_quantity: Mapped[int] = mapped_column()  # quantity × unit factor
    unit_price_fen: Mapped[int] = mapped_column()  # per chosen unit
    amount_fen: Mapped[int] = mapped_column()
    below_floor: Mapped[bool] = mapped_column(default=False)
    below_floor_reason: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(String(200), default="")

    order: Mapped[SalesOrder] = relationship(back_populates="lines")


class DeliveryNote(IdMixin, TimestampMixin, Base):
    __tablename__ = "delivery_note"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    order_id: Mapped[str] = mapped_column(ID, ForeignKey("sales_order.id"), unique=True)
    warehouse_id: Mapped[str] = mapped_column(ID, ForeignKey("warehouse.id"))
    shipped_at: Mapped[dt.datetime] = mapped_column(DateTime)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    signed_by: Mapped[str] = mapped_column(String(100), default="")
    print_count: Mapped[int] = mapped_column(default=0)


class DeliveryNoteLine(IdMixin, Base):
    """One batch allocation of one order line (first expiry, first out)."""

    __tablename__ = "delivery_note_line"

    note_id: Mapped[str] = mapped_column(ID, ForeignKey("delivery_note.id"), index=True)
    order_line_id: Mapped[str] = mapped_column(ID, ForeignKey("sales_order_line.id"), index=True)
    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"))
    batch_id: Mapped[str | None] = mapped_column(ID, ForeignKey("batch.id"), default=None)
    base_quantity: Mapped[int] = mapped_column()


class Invoice(IdMixin, TimestampMixin, Base):
    """Billing document for delivered goods; its open amount is total − allocations."""

    __tablename__ = "invoice"
    __table_args__ = (Index("ix_invoice_outlet_date", "outlet_id", "invoice_date"),)

    number: Mapped[str] = mapped_column(String(40), unique=True)
    order_id: Mapped[str] = mapped_column(ID, ForeignKey("sales_order.id"), unique=True)
    outlet_id: Mapped[str] = mapped_column(ID, ForeignKey("outlet.id"))
    invoice_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    total_fen: Mapped[int] = mapped_column()
    paid_fen: Mapped[int] = mapped_column(default=0)  # kept equal to the sum of allocations
    print_count: Mapped[int] = mapped_column(default=0)


class SalesReturn(IdMixin, TimestampMixin, Base):
    """Goods coming back after shipping: stock goes back in, the outlet is credited."""

    __tablename__ = "sales_return"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    order_id: Mapped[str] = mapped_column(ID, ForeignKey("sales_order.id"), index=True)
    outlet_id: Mapped[str] = mapped_column(ID, ForeignKey("outlet.id"), index=True)
    warehouse_id: Mapped[str] = mapped_column(ID, ForeignKey("warehouse.id"))
    return_date: Mapped[dt.date] = mapped_column(Date)
    total_fen: Mapped[int] = mapped_column()
    applied_fen: Mapped[int] = mapped_column(default=0)  # credit used against invoices
    reason: Mapped[str] = mapped_column(String(300), default="")


class SalesReturnLine(IdMixin, Base):
    __tablename__ = "sales_return_line"

    return_id: Mapped[str] = mapped_column(ID, ForeignKey("sales_return.id"), index=True)
    order_line_id: Mapped[str] = mapped_column(ID, ForeignKey("sales_order_line.id"), index=True)
    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"))
    batch_id: Mapped[str | None] = mapped_column(ID, ForeignKey("batch.id"), default=None)
    base_quantity: Mapped[int] = mapped_column()
    amount_fen: Mapped[int] = mapped_column()
