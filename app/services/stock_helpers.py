"""Stock rules shared by the stock, purchasing and sales services: quantities, lookups,
first-expiry-first-out allocation, batches and goods-receipt posting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Batch,
    GoodsReceipt,
    GoodsReceiptLine,
    Product,
    ProductUnit,
    StockMove,
    Warehouse,
)
from app.errors import NotFound, StockShortfall, ValidationError
from app.ids import derived_id, new_id
from app.services import ledger
from app.services.context import UnitOfWork, get_setting
from app.services.stock_types import (
    BatchInfo,
    MoveInfo,
    ReceiptInfo,
    ReceiptLineInfo,
)
from app.text import to_halfwidth

# ---------------------------------------------------------------------------------------------
# Helpers shared with the purchasing (and sales) services


def require_quantity(quantity: object) -> int:
    """A positive whole number of units; bools and floats are refused, not coerced."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError("quantity.not_positive", quantity=quantity)
    return quantity


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
    """The batch, which must belong to the product (None stays None: unbatched stock)."""
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


def negative_stock_allowed(session: Session) -> bool:
    return get_setting(session, "allow_negative_stock", "0") == "1"


def bucket_qty(session: Session, product_id: str, warehouse_id: str, batch_id: str | None) -> int:
    """On-hand of exactly one product/warehouse/batch (None = the unbatched stock only).

    ledger.on_hand treats batch_id=None as "all batches"; this one does not.
    """
    batch_filter = StockMove.batch_id.is_(None) if batch_id is None else StockMove.batch_id == batch_id
    query = select(func.coalesce(func.sum(StockMove.quantity), 0)).where(
        StockMove.product_id == product_id, StockMove.warehouse_id == warehouse_id, batch_filter
    )
    return int(session.scalar(query))


def shortage(
    session: Session, product: Product, warehouse_id: str, batch_id: str | None, requested: int,
    available: int | None = None,
) -> dict:
    """One entry of StockShortfall's params['shortages']."""
    if available is None:
        available = bucket_qty(session, product.id, warehouse_id, batch_id)
    lot = session.get(Batch, batch_id).lot_no if batch_id else ""
    return {
        "product_id": product.id,
        "sku": product.sku,
        "warehouse_id": warehouse_id,
        "batch_id": batch_id,
        "lot_no": lot,
        "available": available,
        "requested": requested,
    }


def raise_shortfall(shortages: Sequence[dict]) -> None:
    details = ", ".join(
        f"{s['sku']}{'/' + s['lot_no'] if s['lot_no'] else ''}: {s['available']} < {s['requested']}"
        for s in shortages
    )
    raise StockShortfall("stock.shortfall", details=details, shortages=list(shortages))


def check_can_take(
    session: Session, product: Product, warehouse_id: str, batch_id: str | None, quantity: int
) -> None:
    """Refuse taking `quantity` out of one bucket when that would go below zero."""
    if negative_stock_allowed(session):
        return
    available = bucket_qty(session, product.id, warehouse_id, batch_id)
    if available < quantity:
        raise_shortfall([shortage(session, product, warehouse_id, batch_id, quantity, available)])


def allocate_fefo(
    session: Session, product: Product, warehouse_id: str, quantity: int
) -> list[tuple[str | None, int]]:
    """Split `quantity` over the warehouse's batches, first expiry first.

    What the batches cannot cover is refused, or taken from the unbatched stock (going
    negative) when negative stock is allowed.
    """
    parts: list[tuple[str | None, int]] = []
    remaining = quantity
    for balance in ledger.batch_balances(session, product.id, warehouse_id):
        if remaining == 0:
            break
        take = min(balance.quantity, remaining)
        parts.append((balance.batch_id, take))
        remaining -= take
    if remaining:
        if not negative_stock_allowed(session):
            available = quantity - remaining
            raise_shortfall([shortage(session, product, warehouse_id, None, quantity, available)])
        parts.append((None, remaining))
    return _merge_parts(parts)


def _merge_parts(parts: list[tuple[str | None, int]]) -> list[tuple[str | None, int]]:
    merged: dict[str | None, int] = {}
    for batch_id, qty in parts:
        merged[batch_id] = merged.get(batch_id, 0) + qty
    return list(merged.items())


def _batch_dates(
    product: Product, production_date: dt.date | None, expiry_date: dt.date | None, lot: str
) -> dt.date | None:
    """The expiry date: given, or production + the product's shelf life; never before production."""
    if expiry_date is None and production_date is not None and product.shelf_life_days:
        expiry_date = production_date + dt.timedelta(days=product.shelf_life_days)
    if expiry_date is not None and production_date is not None and expiry_date < production_date:
        raise ValidationError(
            "batch.dates_invalid",
            lot=lot,
            expiry=expiry_date.isoformat(),
            production=production_date.isoformat(),
        )
    return expiry_date


def normalise_lot(lot_no: str | None) -> str:
    return to_halfwidth(lot_no or "").strip()


def find_or_create_batch(
    uow: UnitOfWork,
    product: Product,
    lot_no: str,
    production_date: dt.date | None = None,
    expiry_date: dt.date | None = None,
) -> Batch:
    """The product's batch with this lot number, created (and sent to HQ) when new.

    A lot already known keeps its dates; giving different ones is refused rather than
    silently ignored, since the dates decide FEFO and expiry alerts.
    """
    lot = normalise_lot(lot_no)
    if not lot:
        raise ValidationError("field.required", field="lot_no")
    expiry = _batch_dates(product, production_date, expiry_date, lot)
    existing = uow.session.scalar(
        select(Batch).where(Batch.product_id == product.id, Batch.lot_no == lot)
    )
    if existing is not None:
        _check_same_dates(existing, production_date, expiry)
        return existing
    batch = Batch(
        id=new_id(),
        product_id=product.id,
        lot_no=lot,
        production_date=production_date,
        expiry_date=expiry,
    )
    uow.session.add(batch)
    uow.emit("batch.create", batch.id, batch_payload(batch))
    return batch


def _check_same_dates(batch: Batch, production: dt.date | None, expiry: dt.date | None) -> None:
    clash = (production is not None and production != batch.production_date) or (
        expiry is not None and expiry != batch.expiry_date
    )
    if clash:
        raise ValidationError(
            "batch.lot_dates_conflict",
            lot=batch.lot_no,
            production=_iso(batch.production_date),
            expiry=_iso(batch.expiry_date),
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def batch_payload(batch: Batch) -> dict:
    return {
        "id": batch.id,
        "product_id": batch.product_id,
        "lot_no": batch.lot_no,
        "production_date": _iso(batch.production_date),
        "expiry_date": _iso(batch.expiry_date),
    }


class ReceiptPart(NamedTuple):
    """A validated receipt line ready to post."""

    product_id: str
    batch_id: str | None
    base_quantity: int
    po_line_id: str | None = None


def post_goods_receipt(
    uow: UnitOfWork,
    *,
    warehouse_id: str,
    parts: Iterable[ReceiptPart],
    po_id: str | None = None,
    note: str = "",
) -> ReceiptInfo:
    """A goods receipt with its lines and `receipt` moves, and the goods_receipt.post op."""
    receipt = GoodsReceipt(
        id=new_id(),
        number=uow.next_number("GR"),
        po_id=po_id,
        warehouse_id=warehouse_id,
        received_at=uow.now,
        note=note,
    )
    uow.session.add(receipt)
    lines = [_post_receipt_line(uow, receipt, part) for part in parts]
    uow.emit("goods_receipt.post", receipt.id, _receipt_payload(receipt, lines))
    return ReceiptInfo(
        receipt.id, receipt.number, warehouse_id, po_id, receipt.received_at, tuple(lines)
    )


def _post_receipt_line(uow: UnitOfWork, receipt: GoodsReceipt, part: ReceiptPart) -> ReceiptLineInfo:
    line = GoodsReceiptLine(
        id=new_id(),
        receipt_id=receipt.id,
        po_line_id=part.po_line_id,
        product_id=part.product_id,
        batch_id=part.batch_id,
        base_quantity=part.base_quantity,
    )
    uow.session.add(line)
    move = ledger.post_move(
        uow,
        product_id=part.product_id,
        warehouse_id=receipt.warehouse_id,
        quantity=part.base_quantity,
        kind="receipt",
        batch_id=part.batch_id,
        ref_type="goods_receipt",
        ref_id=receipt.id,
        # Derived: re-posting the same receipt line can never add stock twice.
        move_id=derived_id("goods_receipt_line", line.id),
    )
    return ReceiptLineInfo(
        line.id, part.product_id, part.batch_id, part.base_quantity, move.id, part.po_line_id
    )


def _receipt_payload(receipt: GoodsReceipt, lines: list[ReceiptLineInfo]) -> dict:
    return {
        "id": receipt.id,
        "number": receipt.number,
        "po_id": receipt.po_id,
        "warehouse_id": receipt.warehouse_id,
        "received_at": receipt.received_at.isoformat(),
        "note": receipt.note,
        "lines": [
            {
                "id": line.id,
                "po_line_id": line.po_line_id,
                "product_id": line.product_id,
                "batch_id": line.batch_id,
                "base_quantity": line.base_quantity,
                "move_id": line.move_id,
            }
            for line in lines
        ],
    }


def move_info(move: StockMove) -> MoveInfo:
    return MoveInfo(
        move.id, move.product_id, move.warehouse_id, move.batch_id, move.quantity, move.kind,
        move.ref_type, move.ref_id, move.reason, move.reverses_id, move.created_at,
    )


def _batch_info(batch: Batch) -> BatchInfo:
    return BatchInfo(batch.id, batch.product_id, batch.lot_no, batch.production_date, batch.expiry_date)


def _required_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError("stock.reason_required")
    return text


