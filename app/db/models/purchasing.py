"""Purchase orders to the brand and goods receipts against them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import ID, Base, IdMixin, RevisionMixin, TimestampMixin


class PurchaseOrder(IdMixin, TimestampMixin, RevisionMixin, Base):
    __tablename__ = "purchase_order"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    warehouse_id: Mapped[str] = mapped_column(ID, ForeignKey("warehouse.id"))
    # One of app.services.lifecycles.PURCHASE_STATUSES, moved by its PURCHASE_LIFECYCLE.
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    order_date: Mapped[dt.date] = mapped_column(Date)
    total_fen: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(String(500), default="")
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    hq_reason: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[str | None] = mapped_column(ID, ForeignKey("user_account.id"), default=None)
    print_count: Mapped[int] = mapped_column(default=0)

    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        order_by="PurchaseOrderLine.line_no", cascade="all, delete-orphan"
    )


class PurchaseOrderLine(IdMixin, Base):
    __tablename__ = "purchase_order_line"

    po_id: Mapped[str] = mapped_column(ID, ForeignKey("purchase_order.id"), index=True)
    line_no: Mapped[int] = mapped_column()
    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"))
    unit_id: Mapped[str] = mapped_column(ID, ForeignKey("product_unit.id"))
    quantity: Mapped[int] = mapped_column()
    base_quantity: Mapped[int] = mapped_column()
    unit_price_fen: Mapped[int] = mapped_column()
    amount_fen: Mapped[int] = mapped_column()
    received_base_qty: Mapped[int] = mapped_column(default=0)


class GoodsReceipt(IdMixin, TimestampMixin, Base):
    __tablename__ = "goods_receipt"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    po_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("purchase_order.id"), default=None, index=True
    )
    warehouse_id: Mapped[str] = mapped_column(ID, ForeignKey("warehouse.id"))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(String(300), default="")


class GoodsReceiptLine(IdMixin, Base):
    __tablename__ = "goods_receipt_line"

    receipt_id: Mapped[str] = mapped_column(ID, ForeignKey("goods_receipt.id"), index=True)
    po_line_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("purchase_order_line.id"), default=None
    )
    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"))
    batch_id: Mapped[str | None] = mapped_column(ID, ForeignKey("batch.id"), default=None)
    base_quantity: Mapped[int] = mapped_column()
