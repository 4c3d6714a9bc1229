"""Shipping a sales order: the stock each line takes, first expiry first over the warehouse's
batches (the stock rules of app.services.ledger), and the delivery note (送货单) with one
shipment move per line and batch."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import today
from app.db.models import (
    Batch,
    DeliveryNote,
    DeliveryNoteLine,
    SalesOrder,
    SalesOrderLine,
    StockMove,
)
from app.ids import derived_id, new_id
from app.services import ledger
from app.services.context import UnitOfWork
from app.services.sales_types import AllocationLine
from app.services.stock_types import Shortage


class ShipmentPart(NamedTuple):
    """What one order line takes from one batch (None: the stock without a batch)."""

    line: SalesOrderLine
    batch_id: str | None
    quantity: int


def plan_shipment(session: Session, order: SalesOrder) -> tuple[list[ShipmentPart], list[Shortage]]:
    """The parts every line takes, and every product short.

    Lines of one product (say a pack line and a bottle line) draw on the same batches in turn.
    What cannot be covered goes out without a batch; the caller refuses that unless negative
    stock is allowed.
    """
    by_product: dict[str, list[SalesOrderLine]] = defaultdict(list)
    for line in order.lines:
        by_product[line.product_id].append(line)
    balances = ledger.batch_balances_by_product(session, list(by_product), order.warehouse_id)
    parts: list[ShipmentPart] = []
    short: list[Shortage] = []
    for product_id, lines in by_product.items():
        plan = ledger.allocate_fefo(balances.get(product_id, []),
                                    [ln.base_quantity for ln in lines], business_date=today())
        for line, line_parts in zip(lines, plan.parts, strict=True):
            parts.extend(ShipmentPart(line, batch_id, qty) for batch_id, qty in line_parts)
        short.extend(ledger.fefo_shortages(session, product_id, order.warehouse_id, plan))
    return parts, short


def post_shipment(
    uow: UnitOfWork, order: SalesOrder, parts: list[ShipmentPart]
) -> tuple[DeliveryNote, list[StockMove]]:
    """The delivery note and its moves; the moves emit no op of their own (they go to HQ
    inside sales_order.ship). Move ids derive from the note, so two PCs shipping one
    order never share a move id and withdrawing one shipment cannot touch the other."""
    s = uow.session
    note = DeliveryNote(id=new_id(), number=uow.next_number("DN"), order_id=order.id,
                        warehouse_id=order.warehouse_id, shipped_at=uow.now)
    s.add(note)
    moves = []
    for line, batch_id, quantity in parts:
        moves.append(ledger.post_move(
            uow, product_id=line.product_id, warehouse_id=order.warehouse_id,
            quantity=-quantity, kind="shipment", batch_id=batch_id,
            ref_type="sales_order", ref_id=order.id,
            move_id=derived_id("ship", note.id, line.id, batch_id or "none"), emit=False,
        ))
        s.add(DeliveryNoteLine(note_id=note.id, order_line_id=line.id,
                               product_id=line.product_id, batch_id=batch_id,
                               base_quantity=quantity))
    s.flush()
    return note, moves


def delivery_note_lines(session: Session, note_id: str) -> list[AllocationLine]:
    """The note's lines as printed: each order line's part per batch, with lot and expiry."""
    rows = session.execute(
        select(DeliveryNoteLine.order_line_id, DeliveryNoteLine.product_id,
               DeliveryNoteLine.batch_id, Batch.lot_no, Batch.expiry_date,
               DeliveryNoteLine.base_quantity)
        .outerjoin(Batch, Batch.id == DeliveryNoteLine.batch_id)
        .where(DeliveryNoteLine.note_id == note_id)
        .order_by(DeliveryNoteLine.id)
    ).all()
    return [AllocationLine(r[0], r[1], r[2], r[3] or "", r[4], r[5]) for r in rows]


def delivery_line_payload(a: AllocationLine) -> dict:
    return {"order_line_id": a.order_line_id, "product_id": a.product_id,
            "batch_id": a.batch_id, "base_quantity": a.base_quantity}
