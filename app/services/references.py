"""Rows a stock or purchasing command refers to, checked before it is carried out: an unknown
product, unit, warehouse or batch is refused with NotFound, and so is an archived warehouse."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Batch, Product, ProductUnit, Warehouse
from app.errors import NotFound


def get_product(session: Session, product_id: str) -> Product:
    product = session.get(Product, product_id) if product_id else None
    if product is None:
        raise NotFound("product.not_found", ref=product_id)
    return product


def get_warehouse(session: Session, warehouse_id: str) -> Warehouse:
    """An active warehouse; an archived one cannot take new moves."""
    warehouse = session.get(Warehouse, warehouse_id) if warehouse_id else None
    if warehouse is None or warehouse.archived:
        raise NotFound("warehouse.not_found", ref=warehouse_id)
    return warehouse


def get_batch(session: Session, product_id: str, batch_id: str | None) -> Batch | None:
    """The batch, which must belong to the product (None stays None: the stock without a
    batch)."""
    if batch_id is None:
        return None
    batch = session.get(Batch, batch_id)
    if batch is None or batch.product_id != product_id:
        raise NotFound("batch.not_found", ref=batch_id)
    return batch


def get_unit(session: Session, product: Product, unit_id: str | None) -> ProductUnit:
    """The given unit of the product, or its base unit (factor 1) when unit_id is None."""
    if unit_id is None:
        unit = session.scalar(
            select(ProductUnit).where(ProductUnit.product_id == product.id, ProductUnit.factor == 1)
        )
    else:
        unit = session.get(ProductUnit, unit_id)
    if unit is None or unit.product_id != product.id:
        raise NotFound("unit.not_found", sku=product.sku, unit=unit_id or product.base_unit)
    return unit
