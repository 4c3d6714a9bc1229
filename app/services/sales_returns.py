"""Returns of a shipped sales order (退货): each returned quantity goes back into the batches
its line was shipped from, and is priced so that a line returned in parts credits exactly
what the line cost."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import today
from app.db.models import (
    DeliveryNote,
    DeliveryNoteLine,
    Product,
    SalesOrder,
    SalesReturn,
    SalesReturnLine,
)
from app.errors import NotFound, ValidationError
from app.ids import derived_id, new_id
from app.services import ledger, pricing
from app.services.context import UnitOfWork
from app.services.sales_types import ReturnLineInfo


def return_request(lines: Iterable[tuple[str, int]]) -> dict[str, int]:
    """The base quantity asked back per order line."""
    wanted: dict[str, int] = defaultdict(int)
    for line_id, quantity in lines:
        wanted[line_id] += ledger.require_quantity(quantity)
    if not wanted:
        raise ValidationError("field.required", field="lines")
    return dict(wanted)


def plan_return(
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


def post_return(
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
