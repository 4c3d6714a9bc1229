"""Rows a change from HQ's feed refers to, made or checked before it is applied.

Some references are filled with a placeholder so that every PC's ledger sums stay identical
(a product or lot HQ has not published yet). Others cannot be invented (an outlet, an order
line): the change raises MissingReference and is kept aside until the row arrives."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Batch, Outlet, Product, ProductUnit, SalesOrder, Warehouse


class MissingReference(LookupError):
    """The change refers to a row this PC does not have yet; apply it again later."""


def ensure_warehouse(s: Session, warehouse_id: str, code: str = "", name: str = "") -> None:
    row = s.get(Warehouse, warehouse_id)
    if row is None:
        code = code or f"W{warehouse_id[-6:].upper()}"
        if s.scalar(select(Warehouse.id).where(Warehouse.code == code)) is not None:
            code = f"{code[:12]}-{warehouse_id[-6:].upper()}"
        s.add(Warehouse(id=warehouse_id, code=code[:20], name=name or f"仓库 {code}"))
        s.flush()
    elif name and row.name != name:
        row.name = name


def ensure_product(s: Session, product_id: str) -> None:
    """A product HQ never published (e.g. created on a PC before the first sync): a
    placeholder keeps the ledger sums identical everywhere until HQ publishes it."""
    if s.get(Product, product_id) is None:
        s.add(Product(id=product_id, sku=f"?{product_id[-12:]}", name="未知商品", base_unit="个",
                      archived=True))
        s.flush()


def ensure_batch(s: Session, batch_id: str | None, product_id: str) -> None:
    if batch_id and s.get(Batch, batch_id) is None:
        ensure_product(s, product_id)
        s.add(Batch(id=batch_id, product_id=product_id, lot_no=f"?{batch_id[-8:]}"))
        s.flush()


def require_outlet(s: Session, outlet_id: str) -> None:
    if s.get(Outlet, outlet_id) is None:
        raise MissingReference(f"outlet {outlet_id}")


def require_order(s: Session, order_id: str) -> SalesOrder:
    order = s.get(SalesOrder, order_id)
    if order is None:
        raise MissingReference(f"sales_order {order_id}")
    return order


def require_unit(s: Session, product_id: str, unit_id: str) -> None:
    if s.get(ProductUnit, unit_id) is None:
        raise MissingReference(f"unit {unit_id} of product {product_id}")


def free_number(s: Session, model, number: str, own_id: str | None = None) -> str:
    """Document numbers carry the device code, so they only collide when two PCs were given
    the same code; the later one then shows with a * rather than being refused."""
    taken = s.scalar(select(model.id).where(model.number == number))
    return number if taken is None or taken == own_id else f"{number}*"
