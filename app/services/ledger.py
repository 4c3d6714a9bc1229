"""The stock ledger primitives shared by the stock, sales and purchasing services.

On-hand is always the sum of moves; nothing here updates a balance column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Batch, StockMove
from app.ids import new_id
from app.services.context import UnitOfWork


def post_move(
    uow: UnitOfWork,
    *,
    product_id: str,
    warehouse_id: str,
    quantity: int,
    kind: str,
    batch_id: str | None = None,
    ref_type: str = "",
    ref_id: str | None = None,
    reason: str = "",
    reverses_id: str | None = None,
    move_id: str | None = None,
    emit: bool = True,
) -> StockMove:
    """Append one ledger entry and its outbox operation (stock moves never conflict at HQ).

    emit=False: the caller sends the move inside its own command (a shipment's moves travel
    in sales_order.ship, so HQ posts them only if it accepts the shipment)."""
    move = StockMove(
        id=move_id or new_id(),
        product_id=product_id,
        warehouse_id=warehouse_id,
        batch_id=batch_id,
        quantity=quantity,
        kind=kind,
        ref_type=ref_type,
        ref_id=ref_id,
        reason=reason,
        reverses_id=reverses_id,
        created_at=uow.now,
        user_id=uow.ctx.user.id,
    )
    uow.session.add(move)
    if emit:
        uow.emit("stock_move.post", move.id, move_payload(move))
    return move


def move_payload(move: StockMove) -> dict:
    return {
        "id": move.id,
        "product_id": move.product_id,
        "warehouse_id": move.warehouse_id,
        "batch_id": move.batch_id,
        "quantity": move.quantity,
        "kind": move.kind,
        "ref_type": move.ref_type,
        "ref_id": move.ref_id,
        "reason": move.reason,
        "reverses_id": move.reverses_id,
    }


def on_hand(
    session: Session, product_id: str, warehouse_id: str | None = None, batch_id: str | None = None
) -> int:
    query = select(func.coalesce(func.sum(StockMove.quantity), 0)).where(
        StockMove.product_id == product_id
    )
    if warehouse_id is not None:
        query = query.where(StockMove.warehouse_id == warehouse_id)
    if batch_id is not None:
        query = query.where(StockMove.batch_id == batch_id)
    return int(session.scalar(query))


@dataclass(frozen=True)
class BatchBalance:
    batch_id: str | None
    lot_no: str
    expiry_date: dt.date | None
    quantity: int


def batch_balances(session: Session, product_id: str, warehouse_id: str) -> list[BatchBalance]:
    """Positive balances per batch, first expiry first (no-batch stock and undated lots last)."""
    rows = session.execute(
        select(
            StockMove.batch_id,
            Batch.lot_no,
            Batch.expiry_date,
            func.sum(StockMove.quantity),
        )
        .outerjoin(Batch, Batch.id == StockMove.batch_id)
        .where(StockMove.product_id == product_id, StockMove.warehouse_id == warehouse_id)
        .group_by(StockMove.batch_id)
        .having(func.sum(StockMove.quantity) > 0)
    ).all()
    balances = [BatchBalance(r[0], r[1] or "", r[2], int(r[3])) for r in rows]
    balances.sort(key=lambda b: (b.expiry_date is None, b.expiry_date or dt.date.max, b.lot_no))
    return balances
