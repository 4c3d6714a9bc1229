"""Warehouses, batches, the append-only stock ledger and stocktakes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.db.base import ID, Base, IdMixin, TimestampMixin


class Warehouse(IdMixin, TimestampMixin, Base):
    __tablename__ = "warehouse"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    archived: Mapped[bool] = mapped_column(default=False)


class Batch(IdMixin, Base):
    """A production lot of one product, with its dates (保质期)."""

    __tablename__ = "batch"
    __table_args__ = (UniqueConstraint("product_id", "lot_no"),)

    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"), index=True)
    lot_no: Mapped[str] = mapped_column(String(50))
    production_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)


class StockMove(IdMixin, Base):
    """One ledger entry; never edited or deleted. On-hand is the sum of quantities."""

    __tablename__ = "stock_move"
    __table_args__ = (
        # quantity included: on-hand and batch balances are sums answered from the index
        # alone (measured 0.14 ms for 2,000 moves of a product vs several ms via the table).
        Index("ix_stock_move_balance", "product_id", "warehouse_id", "batch_id", "quantity"),
        # the ledger view: newest first per product, running balance summed from the index
        Index(
            "ix_stock_move_history", "product_id", "created_at", "id", "warehouse_id", "quantity"
        ),
        Index("ix_stock_move_ref", "ref_type", "ref_id"),
    )

    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"))
    warehouse_id: Mapped[str] = mapped_column(ID, ForeignKey("warehouse.id"))
    batch_id: Mapped[str | None] = mapped_column(ID, ForeignKey("batch.id"), default=None)
    quantity: Mapped[int] = mapped_column()  # signed, base units
    # receipt | shipment | return | adjustment | transfer_out | transfer_in | stocktake | reversal
    kind: Mapped[str] = mapped_column(String(20))
    ref_type: Mapped[str] = mapped_column(String(30), default="")
    ref_id: Mapped[str | None] = mapped_column(ID, default=None)
    reason: Mapped[str] = mapped_column(String(200), default="")
    reverses_id: Mapped[str | None] = mapped_column(ID, ForeignKey("stock_move.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[str | None] = mapped_column(ID, ForeignKey("user_account.id"), default=None)


class Stocktake(IdMixin, TimestampMixin, Base):
    """A counting session (盘点): snapshot, counted quantities, posted adjustments."""

    __tablename__ = "stocktake"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    warehouse_id: Mapped[str] = mapped_column(ID, ForeignKey("warehouse.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | posted | cancelled
    note: Mapped[str] = mapped_column(String(300), default="")
    posted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)


class StocktakeLine(IdMixin, Base):
    __tablename__ = "stocktake_line"
    __table_args__ = (UniqueConstraint("stocktake_id", "product_id", "batch_id"),)

    stocktake_id: Mapped[str] = mapped_column(ID, ForeignKey("stocktake.id"), index=True)
    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"))
    batch_id: Mapped[str | None] = mapped_column(ID, ForeignKey("batch.id"), default=None)
    expected_qty: Mapped[int] = mapped_column()  # on-hand when the stocktake started
    counted_qty: Mapped[int | None] = mapped_column(default=None)
    # On-hand when the count was recorded: the count describes the shelf at that moment, so
    # the posted difference is counted - book_qty_at_count and moves after the count stay.
    book_qty_at_count: Mapped[int | None] = mapped_column(default=None)
