"""HQ's own schema: tenants and devices, the change feed, processed operations, and the
distributor data HQ folds from pushed operations. Separate from the client's models."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(36)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class HqBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Distributor(HqBase):
    __tablename__ = "distributor"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Device(HqBase):
    __tablename__ = "device"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, ForeignKey("distributor.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    app_version: Mapped[str] = mapped_column(String(40), default="")
    protocol: Mapped[int] = mapped_column(Integer, default=0)
    # The last push refused because a second copy of this PC's database pushes as this device.
    clone_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)


class EnrollmentCode(HqBase):
    """A one-time code HQ staff hand to a distributor; only its hash is kept."""

    __tablename__ = "enrollment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, ForeignKey("distributor.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    device_id: Mapped[str | None] = mapped_column(ID, default=None)


class HqSetting(HqBase):
    __tablename__ = "hq_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class FeedCounter(HqBase):
    """One row per feed; writers increment it inside their transaction, which serialises them
    per feed so sequence numbers become visible in commit order (PostgreSQL too)."""

    __tablename__ = "feed_counter"

    feed: Mapped[str] = mapped_column(String(60), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Change(HqBase):
    """One entry of a feed: the latest state of an entity (older entries are compacted)."""

    __tablename__ = "change"
    __table_args__ = (Index("ix_change_entity", "feed", "entity", "entity_id"),)

    feed: Mapped[str] = mapped_column(String(60), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))
    op: Mapped[str] = mapped_column(String(12))  # upsert | tombstone
    rev: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[dict] = mapped_column(JSON)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ProcessedOp(HqBase):
    """Every terminal answer HQ gave, keyed by op id: the constraint behind exactly-once."""

    __tablename__ = "processed_op"
    # One op per outbox number of a device: a second op under a number already taken means a
    # copy of the PC's database pushes as the same device (NULLs, from old clients, repeat).
    __table_args__ = (Index("uq_processed_op_device_seq", "device_id", "device_seq", unique=True),)

    op_id: Mapped[str] = mapped_column(ID, primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, index=True)
    device_id: Mapped[str] = mapped_column(ID)
    op_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))  # applied | conflict | rejected
    reason: Mapped[str] = mapped_column(String(60), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    device_time: Mapped[str] = mapped_column(String(40), default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    device_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)  # the PC's outbox seq


class HqWarehouse(HqBase):
    __tablename__ = "hq_warehouse"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, index=True)
    code: Mapped[str] = mapped_column(String(20), default="")
    name: Mapped[str] = mapped_column(String(100), default="")


class PriceTier(HqBase):
    __tablename__ = "price_tier"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Product(HqBase):
    """HQ catalog entry; units (with barcodes) and tier prices travel with the product."""

    __tablename__ = "product"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    sku: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    spec: Mapped[str] = mapped_column(String(100), default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    base_unit: Mapped[str] = mapped_column(String(20))
    tax_rate_bp: Mapped[int] = mapped_column(Integer, default=1300)
    shelf_life_days: Mapped[int | None] = mapped_column(Integer, default=None)
    floor_price_fen: Mapped[int | None] = mapped_column(BigInteger, default=None)
    archived: Mapped[bool] = mapped_column(default=False)
    units: Mapped[list] = mapped_column(JSON, default=list)  # [{name, factor, barcodes}]
    prices: Mapped[dict] = mapped_column(JSON, default=dict)  # {tier_code: fen per base unit}
    rev: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Outlet(HqBase):
    __tablename__ = "outlet"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, index=True)
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    tier_id: Mapped[str | None] = mapped_column(ID, default=None)
    credit_limit_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    archived: Mapped[bool] = mapped_column(default=False)
    rev: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OutletConflict(HqBase):
    """Two PCs changed one field concurrently: the later-received value won; both are kept."""

    __tablename__ = "outlet_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    distributor_id: Mapped[str] = mapped_column(ID, index=True)
    outlet_id: Mapped[str] = mapped_column(ID, index=True)
    field: Mapped[str] = mapped_column(String(40))
    overwritten_value: Mapped[str] = mapped_column(Text, default="")
    winning_value: Mapped[str] = mapped_column(Text, default="")
    op_id: Mapped[str] = mapped_column(ID)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Filing(HqBase):
    __tablename__ = "filing"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, index=True)
    outlet_id: Mapped[str] = mapped_column(ID)
    outlet_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    phone_key: Mapped[str] = mapped_column(String(30), default="", index=True)
    name_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    address_key: Mapped[str] = mapped_column(String(300), default="")
    # pending | approved | rejected | conflict | expired | withdrawn
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    protection_until: Mapped[dt.date | None] = mapped_column(Date, default=None)
    reason: Mapped[str] = mapped_column(String(500), default="")
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    decided_by: Mapped[str] = mapped_column(String(20), default="")  # rule | staff
    rev: Mapped[int] = mapped_column(Integer, default=1)


class StockMove(HqBase):
    __tablename__ = "stock_move"
    __table_args__ = (Index("ix_stock_move_balance", "distributor_id", "product_id", "warehouse_id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID)
    device_id: Mapped[str] = mapped_column(ID)
    product_id: Mapped[str] = mapped_column(ID)
    warehouse_id: Mapped[str] = mapped_column(ID)
    batch_id: Mapped[str | None] = mapped_column(ID, default=None)
    quantity: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(20))
    ref_type: Mapped[str] = mapped_column(String(30), default="")
    ref_id: Mapped[str | None] = mapped_column(ID, default=None)
    reason: Mapped[str] = mapped_column(String(200), default="")
    reverses_id: Mapped[str | None] = mapped_column(ID, default=None)
    business_day: Mapped[dt.date] = mapped_column(Date)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class NegativeStockFlag(HqBase):
    """A warehouse/product whose ledger went below zero (two PCs sold the last unit)."""

    __tablename__ = "negative_stock_flag"

    distributor_id: Mapped[str] = mapped_column(ID, primary_key=True)
    product_id: Mapped[str] = mapped_column(ID, primary_key=True)
    warehouse_id: Mapped[str] = mapped_column(ID, primary_key=True)
    balance: Mapped[int] = mapped_column(BigInteger)
    flagged_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SalesOrder(HqBase):
    __tablename__ = "sales_order"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, index=True)
    number: Mapped[str] = mapped_column(String(40), default="")
    outlet_id: Mapped[str] = mapped_column(ID)
    warehouse_id: Mapped[str] = mapped_column(ID)
    status: Mapped[str] = mapped_column(String(20))
    order_date: Mapped[dt.date] = mapped_column(Date)
    total_fen: Mapped[int] = mapped_column(BigInteger)  # recomputed by HQ from the lines
    client_total_fen: Mapped[int] = mapped_column(BigInteger)
    below_floor_lines: Mapped[int] = mapped_column(Integer, default=0)
    lines: Mapped[list] = mapped_column(JSON, default=list)
    data: Mapped[dict] = mapped_column(JSON, default=dict)  # the rest of the snapshot
    rev: Mapped[int] = mapped_column(Integer, default=1)


class PurchaseOrder(HqBase):
    __tablename__ = "purchase_order"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, index=True)
    number: Mapped[str] = mapped_column(String(40), default="")
    warehouse_id: Mapped[str] = mapped_column(ID)
    # submitted | approved | rejected | shipped | received | cancelled
    status: Mapped[str] = mapped_column(String(20), index=True)
    order_date: Mapped[dt.date] = mapped_column(Date)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    lines: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(String(500), default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    rev: Mapped[int] = mapped_column(Integer, default=1)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Document(HqBase):
    """Facts HQ records without modelling them further (payments, returns, receipts,
    stocktakes, lifecycle events): kept whole so that reports and other PCs can use them."""

    __tablename__ = "document"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    distributor_id: Mapped[str] = mapped_column(ID, index=True)
    op_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
