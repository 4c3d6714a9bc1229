"""Purchase orders to the brand (订货单) and goods received against them.

Lifecycle: draft → submitted → approved | rejected → shipped → partially_received → received;
draft and submitted orders can be cancelled. A draft is local (no outbox op) until submitted.
Which action starts from which status, and which of HQ's statuses replace a local one, are
the rules of app.services.lifecycles (receiving starts at submitted, on purpose).

HQ's statuses (approved, rejected, shipped, cancelled) arrive through the sync feed
(record_hq_status, in sync's transaction) or through apply_hq_status. Stale or replayed
statuses are ignored, and apply_hq_status audits them as such; a draft never reached HQ, so
apply_hq_status refuses a status for one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.clock import today as local_today
from app.db.models import Product, ProductUnit, PurchaseOrder, PurchaseOrderLine
from app.errors import InvalidTransition, NotFound, ValidationError
from app.ids import new_id
from app.money import mul_fen
from app.services import lifecycles
from app.services.batches import find_or_create_batch, normalise_lot
from app.services.changes import Changes
from app.services.context import ServiceContext, UnitOfWork
from app.services.goods_receipts import ReceiptPart, post_goods_receipt
from app.services.ledger import require_quantity
from app.services.references import get_product, get_unit, get_warehouse
from app.services.stock_types import ReceiptInfo


class PoLineIn(NamedTuple):
    """quantity in unit_id (None = base unit); unit_price_fen per that unit (None = floor)."""

    product_id: str
    unit_id: str | None
    quantity: int
    unit_price_fen: int | None = None


class PoReceiveLine(NamedTuple):
    po_line_id: str
    base_quantity: int
    lot_no: str = ""
    production_date: dt.date | None = None
    expiry_date: dt.date | None = None


@dataclass(frozen=True)
class PurchaseLineInfo:
    id: str
    line_no: int
    product_id: str
    sku: str
    product_name: str
    unit_id: str
    unit_name: str
    factor: int
    quantity: int
    base_quantity: int
    unit_price_fen: int
    amount_fen: int
    received_base_qty: int

    @property
    def open_base_qty(self) -> int:
        return self.base_quantity - self.received_base_qty


@dataclass(frozen=True)
class PurchaseOrderInfo:
    id: str
    number: str
    warehouse_id: str
    status: str
    order_date: dt.date
    total_fen: int
    note: str
    submitted_at: dt.datetime | None
    hq_reason: str
    rev: int
    lines: tuple[PurchaseLineInfo, ...]
    # What may be done with the order now (lifecycles.purchase_actions): the screens enable
    # their buttons from this alone.
    actions: tuple[str, ...] = ()

    @property
    def changes(self) -> Changes:
        return Changes(purchase_orders=(self.id,))


def price_lines(priced: Sequence[tuple[int, int]]) -> tuple[list[int], int]:
    """The one place purchase amounts are computed: (unit price, quantity) pairs →
    (line amounts, order total), exact integer fen. HQ recomputes with the same rule."""
    amounts = [mul_fen(price, qty) for price, qty in priced]
    return amounts, sum(amounts)


def record_hq_status(po: PurchaseOrder, status: str, reason: str = "") -> bool:
    """HQ's status on the order, if it replaces the local one (lifecycles.
    hq_purchase_status_applies); True when it did. Writes no outbox op and no audit entry, so
    sync can apply feed pages, which repeat an order's newest state, in its own transaction."""
    if not lifecycles.hq_purchase_status_applies(po.status, status):
        return False
    po.status, po.hq_reason = status, reason.strip()
    return True


def _require_price(price: object) -> int:
    if isinstance(price, bool) or not isinstance(price, int) or price < 0:
        raise ValidationError("money.invalid", field="unit_price_fen", value=str(price))
    return price


class PurchasingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- drafts -------------------------------------------------------------------------------

    def create_draft(
        self, *, warehouse_id: str, lines: Sequence[PoLineIn] = (), note: str = ""
    ) -> PurchaseOrderInfo:
        """A local draft order; nothing goes to HQ until it is submitted."""
        lines = _check_lines(lines)
        with self.ctx.write() as uow:
            get_warehouse(uow.session, warehouse_id)
            po = PurchaseOrder(
                id=new_id(), number=uow.next_number("PO"), warehouse_id=warehouse_id,
                status="draft", order_date=local_today(), note=note.strip(),
                created_by=self.ctx.user.id,
            )
            uow.session.add(po)
            _set_lines(uow.session, po, lines)
            uow.audit("purchase.create", "purchase_order", po.id, number=po.number)
            return _info(uow.session, po)

    def update_draft(
        self,
        po_id: str,
        *,
        lines: Sequence[PoLineIn] | None = None,
        note: str | None = None,
        warehouse_id: str | None = None,
    ) -> PurchaseOrderInfo:
        """Replace the lines (and/or note, warehouse) of a draft; None leaves a part as is."""
        new_lines = _check_lines(lines) if lines is not None else None
        with self.ctx.write() as uow:
            po = _get(uow.session, po_id)
            _require(po, "edit")
            if warehouse_id is not None:
                get_warehouse(uow.session, warehouse_id)
                po.warehouse_id = warehouse_id
            if note is not None:
                po.note = note.strip()
            if new_lines is not None:
                po.lines.clear()
                uow.session.flush()
                _set_lines(uow.session, po, new_lines)
            po.rev += 1
            uow.audit("purchase.edit", "purchase_order", po.id, number=po.number)
            return _info(uow.session, po)

    # -- lifecycle ----------------------------------------------------------------------------

    def submit(self, po_id: str) -> PurchaseOrderInfo:
        """Send the order to HQ: status submitted and a purchase_order.submit op carrying the
        whole order, so HQ needs nothing else to record it."""
        with self.ctx.write() as uow:
            po = _get(uow.session, po_id)
            _require(po, "submit")
            if not po.lines:
                raise ValidationError("purchase.empty", number=po.number)
            po.status, po.submitted_at = lifecycles.purchase_target("submit"), uow.now
            po.rev += 1
            info = _info(uow.session, po)
            uow.emit("purchase_order.submit", po.id, _submit_payload(info))
            uow.audit("purchase.submit", "purchase_order", po.id, number=po.number,
                      total_fen=po.total_fen)
            return info

    def cancel(self, po_id: str, reason: str = "") -> PurchaseOrderInfo:
        """Cancel a draft (local only) or a submitted order (HQ is told)."""
        with self.ctx.write() as uow:
            po = _get(uow.session, po_id)
            _require(po, "cancel")
            was_submitted = po.status == "submitted"
            po.status = lifecycles.purchase_target("cancel")
            po.rev += 1
            if was_submitted:
                uow.emit("purchase_order.cancel", po.id,
                         {"id": po.id, "number": po.number, "reason": reason.strip()})
            uow.audit("purchase.cancel", "purchase_order", po.id, number=po.number,
                      reason=reason.strip())
            return _info(uow.session, po)

    def apply_hq_status(self, po_id: str, status: str, reason: str = "") -> PurchaseOrderInfo:
        """For the sync engine: record HQ's decision (see the module notes for the rules).
        Writes no outbox op: the status came from HQ."""
        with self.ctx.write() as uow:
            po = _get(uow.session, po_id)
            if status not in lifecycles.HQ_PURCHASE_STATUSES:
                raise ValidationError("purchase.hq_status_invalid", status=status, number=po.number)
            if po.status == "draft":
                raise InvalidTransition("purchase.invalid_transition", number=po.number,
                                        status=po.status, action=f"hq:{status}")
            if not record_hq_status(po, status, reason):
                uow.audit("purchase.hq_status_ignored", "purchase_order", po.id,
                          status=status, local_status=po.status)
                return _info(uow.session, po)
            uow.audit("purchase.hq_status", "purchase_order", po.id, status=status,
                      reason=reason.strip())
            return _info(uow.session, po)

    def receive(
        self, po_id: str, *, lines: Sequence[PoReceiveLine], note: str = ""
    ) -> ReceiptInfo:
        """Receive some or all open quantities: a goods receipt with `receipt` moves, lots
        recorded as batches on the fly, and the order partially_received or received."""
        lines = [PoReceiveLine(*line) for line in lines]
        if not lines:
            raise ValidationError("field.required", field="lines")
        for line in lines:
            require_quantity(line.base_quantity)
        with self.ctx.write() as uow:
            po = _get(uow.session, po_id)
            _require(po, "receive")
            parts = self._receipt_parts(uow, po, lines)
            receipt = post_goods_receipt(
                uow, warehouse_id=po.warehouse_id, parts=parts, po_id=po.id, note=note
            )
            po.status = "received" if all(
                ln.received_base_qty >= ln.base_quantity for ln in po.lines
            ) else "partially_received"
            po.rev += 1
            uow.audit("purchase.receive", "purchase_order", po.id, number=po.number,
                      receipt=receipt.number, status=po.status)
            return replace(receipt, po_status=po.status)

    @staticmethod
    def _receipt_parts(
        uow: UnitOfWork, po: PurchaseOrder, lines: list[PoReceiveLine]
    ) -> list[ReceiptPart]:
        by_id = {ln.id: ln for ln in po.lines}
        parts = []
        for line in lines:
            po_line = by_id.get(line.po_line_id)
            if po_line is None:
                raise NotFound("purchase.line_not_found", number=po.number, ref=line.po_line_id)
            product = uow.session.get(Product, po_line.product_id)
            remaining = po_line.base_quantity - po_line.received_base_qty
            if line.base_quantity > remaining:
                raise ValidationError("purchase.over_receipt", sku=product.sku,
                                      quantity=line.base_quantity, remaining=remaining)
            batch = None
            if normalise_lot(line.lot_no):
                batch = find_or_create_batch(
                    uow, product, line.lot_no, line.production_date, line.expiry_date
                )
            # Updated as we go, so two lines for one PO line cannot over-receive together.
            po_line.received_base_qty += line.base_quantity
            parts.append(ReceiptPart(product.id, batch.id if batch else None,
                                     line.base_quantity, po_line.id))
        return parts

    # -- queries ------------------------------------------------------------------------------

    def get(self, po_id: str) -> PurchaseOrderInfo:
        with self.ctx.read() as s:
            return _info(s, _get(s, po_id))

    def list_orders(
        self, status: str | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[PurchaseOrderInfo]:
        """Newest first."""
        query = (
            select(PurchaseOrder)
            .options(selectinload(PurchaseOrder.lines))
            .order_by(PurchaseOrder.order_date.desc(), PurchaseOrder.number.desc())
            .limit(limit)
            .offset(offset)
        )
        if status is not None:
            query = query.where(PurchaseOrder.status == status)
        with self.ctx.read() as s:
            return [_info(s, po) for po in s.scalars(query)]


# ---------------------------------------------------------------------------------------------


def _check_lines(lines: Sequence[PoLineIn]) -> list[PoLineIn]:
    """Shape checks that need no database, done before any transaction opens."""
    checked = [PoLineIn(*line) for line in lines]
    for line in checked:
        require_quantity(line.quantity)
        if line.unit_price_fen is not None:
            _require_price(line.unit_price_fen)
    return checked


def _price_line(session: Session, line: PoLineIn) -> tuple[Product, ProductUnit, int]:
    product = get_product(session, line.product_id)
    if product.archived:
        raise ValidationError("product.archived", sku=product.sku)
    unit = get_unit(session, product, line.unit_id)
    price = line.unit_price_fen
    if price is None:
        # The floor is per base unit; a pack costs factor × floor.
        if product.floor_price_fen is None:
            raise ValidationError("purchase.no_price", sku=product.sku)
        price = product.floor_price_fen * unit.factor
    return product, unit, price


def _set_lines(session: Session, po: PurchaseOrder, lines: list[PoLineIn]) -> None:
    resolved = [_price_line(session, line) for line in lines]
    amounts, total = price_lines(
        [(price, line.quantity) for (_, _, price), line in zip(resolved, lines, strict=True)]
    )
    for n, ((product, unit, price), line, amount) in enumerate(
        zip(resolved, lines, amounts, strict=True), start=1
    ):
        po.lines.append(PurchaseOrderLine(
            id=new_id(), line_no=n, product_id=product.id, unit_id=unit.id,
            quantity=line.quantity, base_quantity=line.quantity * unit.factor,
            unit_price_fen=price, amount_fen=amount, received_base_qty=0,
        ))
    po.total_fen = total
    session.flush()


def _get(session: Session, po_id: str) -> PurchaseOrder:
    po = session.get(PurchaseOrder, po_id) if po_id else None
    if po is None:
        raise NotFound("purchase.not_found", ref=po_id)
    return po


def _require(po: PurchaseOrder, action: str) -> None:
    if not lifecycles.purchase_allows(po.status, action):
        raise InvalidTransition(
            "purchase.invalid_transition", number=po.number, status=po.status, action=action
        )


def _info(session: Session, po: PurchaseOrder) -> PurchaseOrderInfo:
    product_ids = {ln.product_id for ln in po.lines}
    unit_ids = {ln.unit_id for ln in po.lines}
    products = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(product_ids)))}
    units = {u.id: u for u in session.scalars(select(ProductUnit).where(ProductUnit.id.in_(unit_ids)))}
    lines = tuple(
        PurchaseLineInfo(
            ln.id, ln.line_no, ln.product_id, products[ln.product_id].sku,
            products[ln.product_id].name, ln.unit_id, units[ln.unit_id].name,
            units[ln.unit_id].factor, ln.quantity, ln.base_quantity, ln.unit_price_fen,
            ln.amount_fen, ln.received_base_qty,
        )
        for ln in po.lines
    )
    return PurchaseOrderInfo(
        po.id, po.number, po.warehouse_id, po.status, po.order_date, po.total_fen, po.note,
        po.submitted_at, po.hq_reason, po.rev, lines, lifecycles.purchase_actions(po.status),
    )


def _submit_payload(info: PurchaseOrderInfo) -> dict:
    return {
        "id": info.id,
        "number": info.number,
        "warehouse_id": info.warehouse_id,
        "order_date": info.order_date.isoformat(),
        "note": info.note,
        "total_fen": info.total_fen,
        "submitted_at": info.submitted_at.isoformat() if info.submitted_at else None,
        "lines": [
            {
                "id": ln.id,
                "line_no": ln.line_no,
                "product_id": ln.product_id,
                "sku": ln.sku,
                "unit_id": ln.unit_id,
                "unit_name": ln.unit_name,
                "factor": ln.factor,
                "quantity": ln.quantity,
                "base_quantity": ln.base_quantity,
                "unit_price_fen": ln.unit_price_fen,
                "amount_fen": ln.amount_fen,
            }
            for ln in info.lines
        ],
    }
