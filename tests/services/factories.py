"""Small helpers that put catalog, warehouse and outlet rows straight into a test database.

They use the ORM directly (not the services) so that tests of one area do not depend on
another area's service. Each helper flushes and returns the ORM object; the caller's
transaction commits it:

    with store.ctx.write() as uow:
        cola = make_product(uow.session, sku="COLA", price_fen=350, tier="A")
"""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    Batch,
    Outlet,
    PriceTier,
    Product,
    ProductPrice,
    ProductUnit,
    Warehouse,
)

_serial = itertools.count(1)


def make_tier(session: Session, code: str, name: str | None = None) -> PriceTier:
    """The price tier with this code, created if missing."""
    tier = session.scalar(select(PriceTier).where(PriceTier.code == code))
    if tier is None:
        tier = PriceTier(code=code, name=name or code)
        session.add(tier)
        session.flush()
    return tier


def make_product(
    session: Session,
    *,
    sku: str | None = None,
    name: str | None = None,
    base_unit: str = "瓶",
    packs: dict[str, int] | None = None,
    price_fen: int | None = None,
    floor_fen: int | None = None,
    tier: str | None = None,
    shelf_life_days: int | None = None,
    reorder_point: int = 0,
) -> Product:
    """A product with its base unit (factor 1) and packs ({"箱": 24} by default).

    price_fen is the base-unit price for `tier` (tier "A" when only a price is given).
    """
    n = next(_serial)
    product = Product(
        sku=sku or f"SKU{n:05d}",
        name=name or f"测试商品{n}",
        base_unit=base_unit,
        floor_price_fen=floor_fen,
        shelf_life_days=shelf_life_days,
        reorder_point=reorder_point,
    )
    session.add(product)
    session.flush()
    session.add(ProductUnit(product_id=product.id, name=base_unit, factor=1))
    for pack, factor in ({"箱": 24} if packs is None else packs).items():
        session.add(ProductUnit(product_id=product.id, name=pack, factor=factor))
    if price_fen is not None:
        price_tier = make_tier(session, tier or "A")
        session.add(ProductPrice(product_id=product.id, tier_id=price_tier.id, price_fen=price_fen))
    session.flush()
    session.refresh(product)
    return product


def unit_of(session: Session, product: Product, name: str) -> ProductUnit:
    return session.scalars(
        select(ProductUnit).where(ProductUnit.product_id == product.id, ProductUnit.name == name)
    ).one()


def make_warehouse(session: Session, code: str, name: str) -> Warehouse:
    warehouse = Warehouse(code=code, name=name)
    session.add(warehouse)
    session.flush()
    return warehouse


def main_warehouse(session: Session) -> Warehouse:
    """WH01 主仓库, created by the company set-up in the test template."""
    return session.scalars(select(Warehouse).where(Warehouse.code == "WH01")).one()


def make_batch(
    session: Session,
    product: Product,
    lot_no: str,
    *,
    production_date: dt.date | None = None,
    expiry_date: dt.date | None = None,
) -> Batch:
    batch = Batch(
        product_id=product.id,
        lot_no=lot_no,
        production_date=production_date,
        expiry_date=expiry_date,
    )
    session.add(batch)
    session.flush()
    return batch


def make_outlet(
    session: Session,
    *,
    name: str | None = None,
    credit_limit_fen: int = 0,
    tier_code: str | None = None,
    code: str | None = None,
    phone: str = "",
    address: str = "",
) -> Outlet:
    n = next(_serial)
    tier_id = make_tier(session, tier_code).id if tier_code else None
    outlet = Outlet(
        code=code or f"C{n:05d}",
        name=name or f"测试门店{n}",
        credit_limit_fen=credit_limit_fen,
        tier_id=tier_id,
        phone=phone,
        address=address,
    )
    session.add(outlet)
    session.flush()
    return outlet


def row_counts(session: Session) -> dict[str, int]:
    """Rows per table that a write could add: compare before/after a refused action."""
    from sqlalchemy import func

    from app.db.models import Base

    tables = ("stock_move", "outbox_op", "audit_entry", "batch", "goods_receipt",
              "goods_receipt_line", "stocktake", "stocktake_line", "purchase_order",
              "purchase_order_line", "document_counter")
    return {
        name: session.scalar(select(func.count()).select_from(Base.metadata.tables[name]))
        for name in tables
    }
