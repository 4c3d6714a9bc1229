"""Stock: balances and history from the ledger, receipts, adjustments, transfers, reversals,
stocktakes (盘点) and stock alerts.

On-hand is always the sum of stock moves; nothing here keeps a balance column. A mistake is
corrected by a reversing move, never by editing one. Unless the setting allow_negative_stock
is "1", no action here takes a product/warehouse/batch balance below zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from app.clock import today as local_today
from app.db.models import (
    Batch,
    GoodsReceipt,
    GoodsReceiptLine,
    Product,
    ProductUnit,
    StockMove,
    Stocktake,
    StocktakeLine,
    Warehouse,
)
from app.errors import InvalidTransition, NotFound, StockShortfall, ValidationError
from app.ids import derived_id, new_id
from app.services import ledger
from app.services.context import ServiceContext, UnitOfWork, get_setting
from app.text import to_halfwidth

STOCK_ROLES = ("warehouse", "manager")  # who may change stock other than by receiving it


# ---------------------------------------------------------------------------------------------
# Plain records returned to callers


@dataclass(frozen=True)
class BatchInfo:
    id: str
    product_id: str
    lot_no: str
    production_date: dt.date | None
    expiry_date: dt.date | None


@dataclass(frozen=True)
class MoveInfo:
    id: str
    product_id: str
    warehouse_id: str
    batch_id: str | None
    quantity: int
    kind: str
    ref_type: str
    ref_id: str | None
    reason: str
    reverses_id: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class StockBalance:
    product_id: str
    sku: str
    product_name: str
    warehouse_id: str
    warehouse_code: str
    batch_id: str | None
    lot_no: str
    production_date: dt.date | None
    expiry_date: dt.date | None
    quantity: int

    @property
    def negative(self) -> bool:
        """Flagged for the clerk: two PCs sold the last units offline, or negatives allowed."""
        return self.quantity < 0


@dataclass(frozen=True)
class LedgerEntry:
    id: str
    created_at: dt.datetime
    warehouse_id: str
    batch_id: str | None
    lot_no: str
    kind: str
    quantity: int
    balance: int  # on-hand (same product/warehouse filter) just after this move
    ref_type: str
    ref_id: str | None
    reason: str
    reverses_id: str | None
    user_id: str | None


class ReceiptLineIn(NamedTuple):
    """One line of a goods receipt without a purchase order.

    quantity is in `unit_id` (None = base units). Give either an existing batch_id or a
    lot_no (the batch is created on the fly), or neither for unbatched goods.
    """

    product_id: str
    unit_id: str | None
    quantity: int
    batch_id: str | None = None
    lot_no: str = ""
    production_date: dt.date | None = None
    expiry_date: dt.date | None = None


@dataclass(frozen=True)
class ReceiptLineInfo:
    id: str
    product_id: str
    batch_id: str | None
    base_quantity: int
    move_id: str
    po_line_id: str | None


@dataclass(frozen=True)
class ReceiptInfo:
    id: str
    number: str
    warehouse_id: str
    po_id: str | None
    received_at: dt.datetime
    lines: tuple[ReceiptLineInfo, ...]
    po_status: str | None = None


@dataclass(frozen=True)
class TransferInfo:
    transfer_id: str
    moves: tuple[MoveInfo, ...]  # transfer_out / transfer_in pairs, one pair per batch


@dataclass(frozen=True)
class StocktakeLineInfo:
    id: str
    product_id: str
    sku: str
    batch_id: str | None
    lot_no: str
    expected_qty: int
    counted_qty: int | None
    book_qty_at_count: int | None

    @property
    def difference(self) -> int | None:
        """What posting adds: the count against the book quantity when it was counted."""
        if self.counted_qty is None or self.book_qty_at_count is None:
            return None
        return self.counted_qty - self.book_qty_at_count


@dataclass(frozen=True)
class StocktakeInfo:
    id: str
    number: str
    warehouse_id: str
    status: str
    note: str
    created_at: dt.datetime
    posted_at: dt.datetime | None
    lines: tuple[StocktakeLineInfo, ...]


@dataclass(frozen=True)
class ReorderAlert:
    product_id: str
    sku: str
    name: str
    warehouse_id: str | None  # None: summed over all warehouses
    on_hand: int
    reorder_point: int


@dataclass(frozen=True)
class ExpiryAlert:
    batch_id: str
    product_id: str
    sku: str
    name: str
    lot_no: str
    expiry_date: dt.date
    warehouse_id: str
    quantity: int
    days_left: int  # negative once expired

    @property
    def expired(self) -> bool:
        return self.days_left < 0


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


# ---------------------------------------------------------------------------------------------


class StockService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- queries ------------------------------------------------------------------------------

    def on_hand(
        self, product_id: str, warehouse_id: str | None = None, batch_id: str | None = None
    ) -> int:
        """Sum of moves; warehouse_id / batch_id None mean all warehouses / all batches."""
        with self.ctx.read() as s:
            get_product(s, product_id)
            return ledger.on_hand(s, product_id, warehouse_id, batch_id)

    def balances(
        self, product_id: str | None = None, warehouse_id: str | None = None
    ) -> list[StockBalance]:
        """Non-zero balances per product × warehouse × batch (negatives included, flagged)."""
        total = func.sum(StockMove.quantity)
        query = (
            select(
                StockMove.product_id, Product.sku, Product.name, StockMove.warehouse_id,
                Warehouse.code, StockMove.batch_id, Batch.lot_no, Batch.production_date,
                Batch.expiry_date, total,
            )
            .join(Product, Product.id == StockMove.product_id)
            .join(Warehouse, Warehouse.id == StockMove.warehouse_id)
            .outerjoin(Batch, Batch.id == StockMove.batch_id)
            .group_by(StockMove.product_id, StockMove.warehouse_id, StockMove.batch_id)
            .having(total != 0)
            .order_by(Product.sku, Warehouse.code, Batch.expiry_date.is_(None), Batch.expiry_date)
        )
        if product_id is not None:
            query = query.where(StockMove.product_id == product_id)
        if warehouse_id is not None:
            query = query.where(StockMove.warehouse_id == warehouse_id)
        with self.ctx.read() as s:
            return [
                StockBalance(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], r[8], int(r[9]))
                for r in s.execute(query)
            ]

    def ledger(
        self,
        product_id: str,
        warehouse_id: str | None = None,
        *,
        limit: int = 50,
        before: str | None = None,
    ) -> list[LedgerEntry]:
        """Newest-first history with the running balance after each move.

        Keyset-paginated: pass the last entry's id as `before` for the next page. Moves are
        ordered by (created_at, id); the balance is computed in that same order, so the
        newest entry's balance is the current on-hand.
        """
        with self.ctx.read() as s:
            get_product(s, product_id)
            scope = [StockMove.product_id == product_id]
            if warehouse_id is not None:
                scope.append(StockMove.warehouse_id == warehouse_id)
            key = tuple_(StockMove.created_at, StockMove.id)
            page_query = (
                select(StockMove, Batch.lot_no)
                .outerjoin(Batch, Batch.id == StockMove.batch_id)
                .where(*scope)
                .order_by(StockMove.created_at.desc(), StockMove.id.desc())
                .limit(limit)
            )
            if before is not None:
                cursor = s.get(StockMove, before)
                if cursor is None:
                    raise NotFound("stock.move_not_found", ref=before)
                page_query = page_query.where(key < tuple_(cursor.created_at, cursor.id))
            rows = s.execute(page_query).all()
            if not rows:
                return []
            top = rows[0][0]
            balance = int(
                s.scalar(
                    select(func.coalesce(func.sum(StockMove.quantity), 0)).where(
                        *scope, key <= tuple_(top.created_at, top.id)
                    )
                )
            )
            entries = []
            for move, lot in rows:
                entries.append(_ledger_entry(move, lot, balance))
                balance -= move.quantity
            return entries

    def below_reorder_point(self, warehouse_id: str | None = None) -> list[ReorderAlert]:
        """Active products whose on-hand is at or below their reorder point (point > 0)."""
        sums = select(
            StockMove.product_id.label("product_id"),
            func.sum(StockMove.quantity).label("qty"),
        ).group_by(StockMove.product_id)
        if warehouse_id is not None:
            sums = sums.where(StockMove.warehouse_id == warehouse_id)
        sums = sums.subquery()
        qty = func.coalesce(sums.c.qty, 0)
        query = (
            select(Product.id, Product.sku, Product.name, qty, Product.reorder_point)
            .outerjoin(sums, sums.c.product_id == Product.id)
            .where(Product.reorder_point > 0, Product.archived.is_(False))
            .where(qty <= Product.reorder_point)
            .order_by(Product.sku)
        )
        with self.ctx.read() as s:
            return [
                ReorderAlert(r[0], r[1], r[2], warehouse_id, int(r[3]), r[4])
                for r in s.execute(query)
            ]

    def batches_near_expiry(
        self,
        days: int | None = None,
        *,
        warehouse_id: str | None = None,
        today: dt.date | None = None,
    ) -> list[ExpiryAlert]:
        """Batches with stock that expire within `days` (default: the expiry_warning_days
        setting, 30), already expired ones included, soonest first."""
        today = today or local_today()
        total = func.sum(StockMove.quantity)
        with self.ctx.read() as s:
            if days is None:
                days = int(get_setting(s, "expiry_warning_days", "30") or 30)
            query = (
                select(
                    Batch.id, Product.id, Product.sku, Product.name, Batch.lot_no,
                    Batch.expiry_date, StockMove.warehouse_id, total,
                )
                .join(StockMove, StockMove.batch_id == Batch.id)
                .join(Product, Product.id == Batch.product_id)
                .where(Batch.expiry_date <= today + dt.timedelta(days=days))
                .group_by(Batch.id, StockMove.warehouse_id)
                .having(total > 0)
                .order_by(Batch.expiry_date, Product.sku)
            )
            if warehouse_id is not None:
                query = query.where(StockMove.warehouse_id == warehouse_id)
            return [
                ExpiryAlert(r[0], r[1], r[2], r[3], r[4], r[5], r[6], int(r[7]), (r[5] - today).days)
                for r in s.execute(query)
            ]

    def batches(self, product_id: str) -> list[BatchInfo]:
        with self.ctx.read() as s:
            get_product(s, product_id)
            rows = s.scalars(
                select(Batch).where(Batch.product_id == product_id).order_by(Batch.expiry_date)
            )
            return [_batch_info(b) for b in rows]

    # -- batches and receipts -----------------------------------------------------------------

    def create_batch(
        self,
        product_id: str,
        lot_no: str,
        production_date: dt.date | None = None,
        expiry_date: dt.date | None = None,
    ) -> BatchInfo:
        """Record a lot (or return it when already known with the same dates)."""
        with self.ctx.write() as uow:
            product = get_product(uow.session, product_id)
            batch = find_or_create_batch(uow, product, lot_no, production_date, expiry_date)
            uow.audit("batch.create", "batch", batch.id, product_id=product_id, lot_no=batch.lot_no)
            return _batch_info(batch)

    def receive(
        self, *, warehouse_id: str, lines: Sequence[ReceiptLineIn], note: str = ""
    ) -> ReceiptInfo:
        """A goods receipt without a purchase order (e.g. goods transferred in by the brand)."""
        lines = [ReceiptLineIn(*line) for line in lines]
        if not lines:
            raise ValidationError("field.required", field="lines")
        for line in lines:
            require_quantity(line.quantity)
        with self.ctx.write() as uow:
            get_warehouse(uow.session, warehouse_id)
            parts = [self._receipt_part(uow, line) for line in lines]
            receipt = post_goods_receipt(uow, warehouse_id=warehouse_id, parts=parts, note=note)
            uow.audit(
                "stock.receive", "goods_receipt", receipt.id,
                number=receipt.number, lines=len(parts),
            )
            return receipt

    @staticmethod
    def _receipt_part(uow: UnitOfWork, line: ReceiptLineIn) -> ReceiptPart:
        product = get_product(uow.session, line.product_id)
        unit = get_unit(uow.session, product, line.unit_id)
        if line.batch_id is not None:
            batch = get_batch(uow.session, product.id, line.batch_id)
        elif normalise_lot(line.lot_no):
            batch = find_or_create_batch(
                uow, product, line.lot_no, line.production_date, line.expiry_date
            )
        else:
            batch = None
        return ReceiptPart(product.id, batch.id if batch else None, line.quantity * unit.factor)

    # -- corrections --------------------------------------------------------------------------

    def adjust(
        self,
        product_id: str,
        warehouse_id: str,
        quantity_delta: int,
        reason: str,
        batch_id: str | None = None,
    ) -> MoveInfo:
        """Post an `adjustment` move (breakage, samples, found goods). batch_id None means
        the unbatched stock, not "any batch"."""
        self.ctx.require_role(*STOCK_ROLES, action="stock.adjust")
        if isinstance(quantity_delta, bool) or not isinstance(quantity_delta, int) or not quantity_delta:
            raise ValidationError("quantity.not_positive", quantity=quantity_delta)
        text = _required_reason(reason)
        with self.ctx.write() as uow:
            product = get_product(uow.session, product_id)
            get_warehouse(uow.session, warehouse_id)
            get_batch(uow.session, product_id, batch_id)
            if quantity_delta < 0:
                check_can_take(uow.session, product, warehouse_id, batch_id, -quantity_delta)
            move = ledger.post_move(
                uow, product_id=product_id, warehouse_id=warehouse_id, quantity=quantity_delta,
                kind="adjustment", batch_id=batch_id, ref_type="adjustment", reason=text,
            )
            uow.audit(
                "stock.adjust", "stock_move", move.id, product_id=product_id,
                warehouse_id=warehouse_id, quantity=quantity_delta, reason=text,
            )
            return move_info(move)

    def transfer(
        self,
        product_id: str,
        from_wh: str,
        to_wh: str,
        quantity: int,
        batch_id: str | None = None,
        *,
        reason: str = "",
    ) -> TransferInfo:
        """Move goods between warehouses: linked transfer_out/transfer_in moves in one
        transaction. Without batch_id the source batches are taken first expiry first and
        each keeps its batch on arrival."""
        self.ctx.require_role(*STOCK_ROLES, action="stock.transfer")
        require_quantity(quantity)
        if from_wh == to_wh:
            raise ValidationError("stock.same_warehouse")
        with self.ctx.write() as uow:
            s = uow.session
            product = get_product(s, product_id)
            get_warehouse(s, from_wh)
            get_warehouse(s, to_wh)
            if batch_id is not None:
                get_batch(s, product_id, batch_id)
                check_can_take(s, product, from_wh, batch_id, quantity)
                parts = [(batch_id, quantity)]
            else:
                parts = allocate_fefo(s, product, from_wh, quantity)
            transfer_id = new_id()
            moves = []
            for part_batch, qty in parts:
                for wh, signed, kind in ((from_wh, -qty, "transfer_out"), (to_wh, qty, "transfer_in")):
                    moves.append(ledger.post_move(
                        uow, product_id=product_id, warehouse_id=wh, quantity=signed, kind=kind,
                        batch_id=part_batch, ref_type="transfer", ref_id=transfer_id,
                        reason=reason.strip(),
                    ))
            uow.audit(
                "stock.transfer", "transfer", transfer_id, product_id=product_id,
                from_wh=from_wh, to_wh=to_wh, quantity=quantity,
            )
            return TransferInfo(transfer_id, tuple(move_info(m) for m in moves))

    def reverse_move(self, move_id: str, reason: str) -> list[MoveInfo]:
        """Cancel a move by posting its opposite (kind `reversal`). Reversing either leg of a
        transfer reverses both legs, so stock never vanishes between warehouses."""
        self.ctx.require_role(*STOCK_ROLES, action="stock.reverse")
        text = _required_reason(reason)
        with self.ctx.write() as uow:
            s = uow.session
            original = s.get(StockMove, move_id)
            if original is None:
                raise NotFound("stock.move_not_found", ref=move_id)
            if original.reverses_id is not None:
                raise InvalidTransition("stock.reverse_reversal", ref=move_id)
            targets = self._reversal_targets(s, original)
            for move in targets:
                if move.quantity > 0:
                    product = s.get(Product, move.product_id)
                    check_can_take(s, product, move.warehouse_id, move.batch_id, move.quantity)
            posted = [self._post_reversal(uow, move, text) for move in targets]
            uow.audit("stock.reverse", "stock_move", move_id, reason=text, moves=len(posted))
            return [move_info(m) for m in posted]

    @staticmethod
    def _reversal_targets(s: Session, original: StockMove) -> list[StockMove]:
        if original.ref_type == "transfer" and original.ref_id:
            targets = list(s.scalars(
                select(StockMove).where(
                    StockMove.ref_type == "transfer",
                    StockMove.ref_id == original.ref_id,
                    StockMove.reverses_id.is_(None),
                ).order_by(StockMove.id)
            ))
        else:
            targets = [original]
        reversed_ids = set(s.scalars(
            select(StockMove.reverses_id).where(StockMove.reverses_id.in_([m.id for m in targets]))
        ))
        if original.id in reversed_ids:
            raise InvalidTransition("stock.already_reversed", ref=original.id)
        return [m for m in targets if m.id not in reversed_ids]

    @staticmethod
    def _post_reversal(uow: UnitOfWork, move: StockMove, reason: str) -> StockMove:
        return ledger.post_move(
            uow, product_id=move.product_id, warehouse_id=move.warehouse_id,
            quantity=-move.quantity, kind="reversal", batch_id=move.batch_id,
            # Same document reference, so a document's net effect is the sum of its moves.
            ref_type=move.ref_type, ref_id=move.ref_id, reason=reason,
            reverses_id=move.id, move_id=derived_id("reversal", move.id),
        )

    # -- stocktakes ---------------------------------------------------------------------------
    #
    # The count describes the shelf when it is recorded. record_count stores the book
    # quantity at that moment, and posting adds counted - book_qty_at_count. Moves between the
    # snapshot and the count are thus inside the count; moves after the count (a shipment
    # while the stocktake is still open) are kept on top of it. This equals the brief's
    # "counted - (expected + moves since snapshot)" with the moves taken up to the count.
    # Lines never counted are left as they are (not zeroed).

    def start_stocktake(
        self, warehouse_id: str, product_ids: Sequence[str] | None = None, *, note: str = ""
    ) -> StocktakeInfo:
        """Snapshot the expected quantity of each product/batch with stock in the warehouse
        (or of the given products, each with at least one line to count)."""
        with self.ctx.write() as uow:
            s = uow.session
            warehouse = get_warehouse(s, warehouse_id)
            self._refuse_second_open(s, warehouse)
            for pid in product_ids or ():
                get_product(s, pid)
            stocktake = Stocktake(
                id=new_id(), number=uow.next_number("ST"), warehouse_id=warehouse_id, note=note
            )
            s.add(stocktake)
            for pid, bid, qty in self._snapshot(s, warehouse_id, product_ids):
                s.add(StocktakeLine(
                    stocktake_id=stocktake.id, product_id=pid, batch_id=bid, expected_qty=qty
                ))
            s.flush()
            uow.audit("stocktake.start", "stocktake", stocktake.id, number=stocktake.number)
            return _stocktake_info(s, stocktake)

    @staticmethod
    def _refuse_second_open(s: Session, warehouse: Warehouse) -> None:
        open_number = s.scalar(
            select(Stocktake.number).where(
                Stocktake.warehouse_id == warehouse.id, Stocktake.status == "open"
            )
        )
        if open_number:
            raise InvalidTransition(
                "stocktake.already_open", warehouse=warehouse.code, number=open_number
            )

    @staticmethod
    def _snapshot(
        s: Session, warehouse_id: str, product_ids: Sequence[str] | None
    ) -> list[tuple[str, str | None, int]]:
        total = func.sum(StockMove.quantity)
        query = (
            select(StockMove.product_id, StockMove.batch_id, total)
            .where(StockMove.warehouse_id == warehouse_id)
            .group_by(StockMove.product_id, StockMove.batch_id)
            .having(total != 0)
        )
        if product_ids is not None:
            query = query.where(StockMove.product_id.in_(list(product_ids)))
        rows = [(r[0], r[1], int(r[2])) for r in s.execute(query)]
        # A product asked for but out of stock still gets a line, so it can be counted.
        seen = {pid for pid, _, _ in rows}
        rows += [(pid, None, 0) for pid in dict.fromkeys(product_ids or ()) if pid not in seen]
        return rows

    def record_count(
        self, stocktake_id: str, product_id: str, batch_id: str | None, counted_qty: int
    ) -> StocktakeInfo:
        """Record (or correct) the counted quantity of one product/batch; stock found that
        was not in the snapshot gets a new line with expected 0."""
        if isinstance(counted_qty, bool) or not isinstance(counted_qty, int) or counted_qty < 0:
            raise ValidationError("quantity.invalid", value=counted_qty)
        with self.ctx.write() as uow:
            s = uow.session
            stocktake = self._open_stocktake(s, stocktake_id, action="count")
            get_product(s, product_id)
            get_batch(s, product_id, batch_id)
            line = _stocktake_line(s, stocktake.id, product_id, batch_id)
            if line is None:
                line = StocktakeLine(
                    stocktake_id=stocktake.id, product_id=product_id, batch_id=batch_id,
                    expected_qty=0,
                )
                s.add(line)
            line.counted_qty = counted_qty
            line.book_qty_at_count = bucket_qty(s, product_id, stocktake.warehouse_id, batch_id)
            s.flush()
            uow.audit(
                "stocktake.count", "stocktake", stocktake.id, product_id=product_id,
                batch_id=batch_id, counted=counted_qty, book=line.book_qty_at_count,
            )
            return _stocktake_info(s, stocktake)

    def post_stocktake(self, stocktake_id: str) -> StocktakeInfo:
        """Post one `stocktake` move per counted difference and close the stocktake."""
        self.ctx.require_role(*STOCK_ROLES, action="stocktake.post")
        with self.ctx.write() as uow:
            s = uow.session
            stocktake = self._open_stocktake(s, stocktake_id, action="post")
            lines = _stocktake_lines(s, stocktake.id)
            self._check_post_keeps_stock(s, stocktake, lines)
            for line in lines:
                diff = _line_difference(line)
                if diff:
                    ledger.post_move(
                        uow, product_id=line.product_id, warehouse_id=stocktake.warehouse_id,
                        quantity=diff, kind="stocktake", batch_id=line.batch_id,
                        ref_type="stocktake", ref_id=stocktake.id, reason=stocktake.number,
                        move_id=derived_id("stocktake_line", line.id),
                    )
            stocktake.status, stocktake.posted_at = "posted", uow.now
            uow.audit("stocktake.post", "stocktake", stocktake.id, number=stocktake.number)
            return _stocktake_info(s, stocktake)

    @staticmethod
    def _check_post_keeps_stock(s: Session, stocktake: Stocktake, lines: list[StocktakeLine]) -> None:
        """A count lower than what later moves already took means the count was wrong (or
        goods left uncounted): ask for a recount instead of posting a negative balance."""
        if negative_stock_allowed(s):
            return
        short = []
        for line in lines:
            diff = _line_difference(line)
            if diff >= 0:
                continue
            now = bucket_qty(s, line.product_id, stocktake.warehouse_id, line.batch_id)
            if now + diff < 0:
                product = s.get(Product, line.product_id)
                short.append(shortage(
                    s, product, stocktake.warehouse_id, line.batch_id, -diff, available=now
                ))
        if short:
            raise_shortfall(short)

    def cancel_stocktake(self, stocktake_id: str) -> StocktakeInfo:
        self.ctx.require_role(*STOCK_ROLES, action="stocktake.cancel")
        with self.ctx.write() as uow:
            stocktake = self._open_stocktake(uow.session, stocktake_id, action="cancel")
            stocktake.status = "cancelled"
            uow.audit("stocktake.cancel", "stocktake", stocktake.id, number=stocktake.number)
            return _stocktake_info(uow.session, stocktake)

    def get_stocktake(self, stocktake_id: str) -> StocktakeInfo:
        with self.ctx.read() as s:
            stocktake = s.get(Stocktake, stocktake_id)
            if stocktake is None:
                raise NotFound("stocktake.not_found", ref=stocktake_id)
            return _stocktake_info(s, stocktake)

    @staticmethod
    def _open_stocktake(s: Session, stocktake_id: str, *, action: str) -> Stocktake:
        stocktake = s.get(Stocktake, stocktake_id)
        if stocktake is None:
            raise NotFound("stocktake.not_found", ref=stocktake_id)
        if stocktake.status != "open":
            raise InvalidTransition(
                "stocktake.invalid_transition",
                number=stocktake.number, status=stocktake.status, action=action,
            )
        return stocktake


def _line_difference(line: StocktakeLine) -> int:
    if line.counted_qty is None or line.book_qty_at_count is None:
        return 0
    return line.counted_qty - line.book_qty_at_count


def _stocktake_line(
    s: Session, stocktake_id: str, product_id: str, batch_id: str | None
) -> StocktakeLine | None:
    batch_filter = (
        StocktakeLine.batch_id.is_(None) if batch_id is None else StocktakeLine.batch_id == batch_id
    )
    return s.scalar(
        select(StocktakeLine).where(
            StocktakeLine.stocktake_id == stocktake_id,
            StocktakeLine.product_id == product_id,
            batch_filter,
        )
    )


def _stocktake_lines(s: Session, stocktake_id: str) -> list[StocktakeLine]:
    return list(s.scalars(
        select(StocktakeLine)
        .where(StocktakeLine.stocktake_id == stocktake_id)
        .order_by(StocktakeLine.product_id, StocktakeLine.batch_id)
    ))


def _stocktake_info(s: Session, stocktake: Stocktake) -> StocktakeInfo:
    rows = s.execute(
        select(StocktakeLine, Product.sku, Batch.lot_no)
        .join(Product, Product.id == StocktakeLine.product_id)
        .outerjoin(Batch, Batch.id == StocktakeLine.batch_id)
        .where(StocktakeLine.stocktake_id == stocktake.id)
        .order_by(Product.sku, Batch.expiry_date.is_(None), Batch.expiry_date, Batch.lot_no)
    ).all()
    lines = tuple(
        StocktakeLineInfo(
            line.id, line.product_id, sku, line.batch_id, lot or "", line.expected_qty,
            line.counted_qty, line.book_qty_at_count,
        )
        for line, sku, lot in rows
    )
    return StocktakeInfo(
        stocktake.id, stocktake.number, stocktake.warehouse_id, stocktake.status, stocktake.note,
        stocktake.created_at, stocktake.posted_at, lines,
    )


def _ledger_entry(move: StockMove, lot: str | None, balance: int) -> LedgerEntry:
    return LedgerEntry(
        move.id, move.created_at, move.warehouse_id, move.batch_id, lot or "", move.kind,
        move.quantity, balance, move.ref_type, move.ref_id, move.reason, move.reverses_id,
        move.user_id,
    )
