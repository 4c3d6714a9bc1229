"""Shipping and returns arithmetic for sales orders: first-expiry-first-out allocation over
the lots on hand, shortfalls, and returns back into the lots the goods left from."""


from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import today
from app.db.models import (
    Batch,
    DeliveryNote,
    DeliveryNoteLine,
    Product,
    SalesOrder,
    SalesOrderLine,
    SalesReturn,
    SalesReturnLine,
    StockMove,
)
from app.errors import (
    NotFound,
    ValidationError,
)
from app.ids import derived_id, new_id
from app.services import ledger, pricing
from app.services.context import UnitOfWork
from app.services.sales_types import (
    AllocationLine,
    ReturnLineInfo,
    Shortage,
)

# -- shipping ---------------------------------------------------------------------------------


def _plan_shipment(
    session: Session, order: SalesOrder
) -> tuple[list[tuple[SalesOrderLine, str | None, int]], list[Shortage]]:
    """FEFO allocation of every line over the warehouse's lots, and every product short.

    Lines of one product (say a pack line and a bottle line) draw on the same lots in turn.
    What cannot be covered goes out without a lot; the caller refuses that unless negative
    stock is allowed.
    """
    by_product: dict[str, list[SalesOrderLine]] = defaultdict(list)
    for line in order.lines:
        by_product[line.product_id].append(line)
    balances, totals = _lot_balances(session, order.warehouse_id, list(by_product))
    plan, short = [], []
    for product_id, lines in by_product.items():
        lots = [[b.batch_id, b.quantity] for b in balances.get(product_id, [])]
        # A negative no-lot balance (earlier negative shipping) reduces what can really go out.
        available = max(0, min(sum(q for _, q in lots), totals.get(product_id, 0)))
        needed = sum(ln.base_quantity for ln in lines)
        if needed > available:
            short.append((product_id, needed, available))
        budget = available
        for line in lines:
            plan.extend(_allocate_line(line, lots, budget))
            budget -= min(budget, line.base_quantity)
    return plan, _shortages(session, short)


def _allocate_line(line: SalesOrderLine, lots: list[list], budget: int):
    """(line, lot, quantity) per lot drawn, in FEFO order. Stock without a lot and the
    uncovered rest both go out without a lot: one entry, since a shipment has one move
    per line and lot."""
    remaining = line.base_quantity
    taken: dict[str | None, int] = {}
    for lot in lots:
        take = min(remaining, lot[1], budget)
        if take <= 0:
            continue
        lot[1] -= take
        budget -= take
        remaining -= take
        taken[lot[0]] = taken.get(lot[0], 0) + take
    if remaining > 0:
        taken[None] = taken.get(None, 0) + remaining
    for batch_id, quantity in taken.items():
        yield (line, batch_id, quantity)


def _lot_balances(
    session: Session, warehouse_id: str, product_ids: list[str]
) -> tuple[dict[str, list[ledger.BatchBalance]], dict[str, int]]:
    """ledger.batch_balances for all products of an order in one query (one query instead of
    one per line keeps shipping a 20-line order fast), plus each product's total on hand."""
    rows = session.execute(
        select(StockMove.product_id, StockMove.batch_id, Batch.lot_no, Batch.expiry_date,
               func.sum(StockMove.quantity))
        .outerjoin(Batch, Batch.id == StockMove.batch_id)
        .where(StockMove.warehouse_id == warehouse_id, StockMove.product_id.in_(product_ids))
        .group_by(StockMove.product_id, StockMove.batch_id)
    ).all()
    balances: dict[str, list[ledger.BatchBalance]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for product_id, batch_id, lot_no, expiry, quantity in rows:
        totals[product_id] += int(quantity)
        if quantity > 0:
            balances[product_id].append(
                ledger.BatchBalance(batch_id, lot_no or "", expiry, int(quantity)))
    for lots in balances.values():  # same order as ledger.batch_balances: first expiry first
        lots.sort(key=lambda b: (b.expiry_date is None, b.expiry_date or dt.date.max, b.lot_no))
    return balances, totals


def _shortages(session: Session, short: list[tuple[str, int, int]]) -> list[Shortage]:
    if not short:
        return []
    names = dict(
        (pid, (sku, name))
        for pid, sku, name in session.execute(
            select(Product.id, Product.sku, Product.name)
            .where(Product.id.in_([pid for pid, _, _ in short]))
        )
    )
    return [Shortage(pid, *names[pid], needed, available) for pid, needed, available in short]


def _shortage_dict(s: Shortage) -> dict:
    return {"product_id": s.product_id, "sku": s.sku, "name": s.name, "needed": s.needed,
            "available": s.available}


def _allocations(session: Session, note_id: str) -> list[AllocationLine]:
    rows = session.execute(
        select(DeliveryNoteLine.order_line_id, DeliveryNoteLine.product_id,
               DeliveryNoteLine.batch_id, Batch.lot_no, Batch.expiry_date,
               DeliveryNoteLine.base_quantity)
        .outerjoin(Batch, Batch.id == DeliveryNoteLine.batch_id)
        .where(DeliveryNoteLine.note_id == note_id)
        .order_by(DeliveryNoteLine.id)
    ).all()
    return [AllocationLine(r[0], r[1], r[2], r[3] or "", r[4], r[5]) for r in rows]


def _allocation_dict(a: AllocationLine) -> dict:
    return {"order_line_id": a.order_line_id, "product_id": a.product_id,
            "batch_id": a.batch_id, "base_quantity": a.base_quantity}


# -- returns ----------------------------------------------------------------------------------


def _return_request(lines: Iterable[tuple[str, int]]) -> dict[str, int]:
    wanted: dict[str, int] = defaultdict(int)
    for line_id, quantity in lines:
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            raise ValidationError("quantity.not_positive", quantity=quantity)
        wanted[line_id] += quantity
    if not wanted:
        raise ValidationError("field.required", field="lines")
    return dict(wanted)


def _plan_return(
    session: Session, order: SalesOrder, wanted: dict[str, int]
) -> list[ReturnLineInfo]:
    """Split each returned quantity over the lots its line was shipped from, never returning
    more to a lot than went out of it, and price each part so a whole line credits exactly."""
    lines = {ln.id: ln for ln in order.lines}
    shipped = _shipped_by_lot(session, order.id)
    returned = _returned_by_lot(session, order.id)
    chunks = []
    for line_id, quantity in wanted.items():
        line = lines.get(line_id)
        if line is None:
            raise NotFound("order.line_not_found", ref=line_id)
        lots = [(batch, qty - returned[(line_id, batch)][0])
                for batch, qty in shipped.get(line_id, [])]
        room = sum(q for _, q in lots)
        if quantity > room:
            sku = session.scalar(select(Product.sku).where(Product.id == line.product_id))
            raise ValidationError("order.return_too_much", sku=sku, max=room)
        done_qty = sum(qty for (lid, _), (qty, _) in returned.items() if lid == line_id)
        done_amount = sum(amt for (lid, _), (_, amt) in returned.items() if lid == line_id)
        for batch, free in lots:
            take = min(quantity, free)
            if take <= 0:
                continue
            amount = pricing.return_amount(line.amount_fen, line.base_quantity, done_qty,
                                           done_amount, take)
            chunks.append(ReturnLineInfo(line_id, line.product_id, batch, take, amount))
            done_qty, done_amount, quantity = done_qty + take, done_amount + amount, quantity - take
    return chunks


def _post_return(
    uow: UnitOfWork, order: SalesOrder, chunks: list[ReturnLineInfo], reason: str
) -> SalesReturn:
    """The return document, its lines and a `return` move back into each lot."""
    ret = SalesReturn(
        id=new_id(), number=uow.next_number("RT"), order_id=order.id,
        outlet_id=order.outlet_id, warehouse_id=order.warehouse_id, return_date=today(),
        total_fen=sum(c.amount_fen for c in chunks), applied_fen=0, reason=reason,
    )
    uow.session.add(ret)
    for c in chunks:
        uow.session.add(SalesReturnLine(
            return_id=ret.id, order_line_id=c.order_line_id, product_id=c.product_id,
            batch_id=c.batch_id, base_quantity=c.base_quantity, amount_fen=c.amount_fen,
        ))
        ledger.post_move(
            uow, product_id=c.product_id, warehouse_id=order.warehouse_id,
            quantity=c.base_quantity, kind="return", batch_id=c.batch_id,
            ref_type="sales_return", ref_id=ret.id, reason=reason,
            move_id=derived_id("return", ret.id, c.order_line_id, c.batch_id or "none"),
        )
    return ret


def _shipped_by_lot(session: Session, order_id: str) -> dict[str, list[tuple[str | None, int]]]:
    rows = session.execute(
        select(DeliveryNoteLine.order_line_id, DeliveryNoteLine.batch_id,
               DeliveryNoteLine.base_quantity)
        .join(DeliveryNote, DeliveryNote.id == DeliveryNoteLine.note_id)
        .where(DeliveryNote.order_id == order_id)
        .order_by(DeliveryNoteLine.id)  # allocation order: earliest expiry first
    ).all()
    shipped: dict[str, list[tuple[str | None, int]]] = defaultdict(list)
    for line_id, batch, qty in rows:
        shipped[line_id].append((batch, qty))
    return shipped


def _returned_by_lot(session: Session, order_id: str) -> dict[tuple[str, str | None], list[int]]:
    rows = session.execute(
        select(SalesReturnLine.order_line_id, SalesReturnLine.batch_id,
               func.sum(SalesReturnLine.base_quantity), func.sum(SalesReturnLine.amount_fen))
        .join(SalesReturn, SalesReturn.id == SalesReturnLine.return_id)
        .where(SalesReturn.order_id == order_id)
        .group_by(SalesReturnLine.order_line_id, SalesReturnLine.batch_id)
    ).all()
    returned: dict[tuple[str, str | None], list[int]] = defaultdict(lambda: [0, 0])
    for line_id, batch, qty, amount in rows:
        returned[(line_id, batch)] = [int(qty), int(amount)]
    return returned
