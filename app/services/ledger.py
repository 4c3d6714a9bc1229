"""The stock rules, written once for the stock, sales and purchasing services: posting a move,
on-hand, batch balances, first-expiry-first-out allocation, the shortage record and the
negative-stock check.

Stock is a ledger (DESIGN.md §4): on-hand is the sum of moves, nothing keeps a balance column
and a move is never edited. Moves are summed per product, warehouse and batch; batch_id None is
always the stock without a batch, as on the move itself, and a question about all batches of a
product passes ALL_BATCHES.

Unless the setting allow_negative_stock is "1", no action takes one batch's balance below zero.
A balance that is already negative (two PCs sold the last unit offline) is flagged for the clerk,
never an obstacle: it does not stop other batches' goods, which are on the shelf, from leaving.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Batch, Product, StockMove
from app.errors import StockShortfall, ValidationError
from app.ids import new_id
from app.services.context import UnitOfWork, get_setting
from app.services.stock_types import (
    ALL_BATCHES,
    AllBatches,
    BatchBalance,
    BatchPart,
    FefoPlan,
    Shortage,
)

# -- moves ------------------------------------------------------------------------------------


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


def require_quantity(quantity: object) -> int:
    """A quantity of goods: a positive whole number; bools and floats are refused, not coerced."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError("quantity.not_positive", quantity=quantity)
    return quantity


# -- balances ---------------------------------------------------------------------------------


def on_hand(
    session: Session,
    product_id: str,
    warehouse_id: str | None = None,
    batch_id: str | None | AllBatches = ALL_BATCHES,
) -> int:
    """The sum of the product's moves. warehouse_id None: every warehouse. batch_id: one batch,
    None for the stock without a batch, ALL_BATCHES (the default) for all of it."""
    query = select(func.coalesce(func.sum(StockMove.quantity), 0)).where(
        StockMove.product_id == product_id
    )
    if warehouse_id is not None:
        query = query.where(StockMove.warehouse_id == warehouse_id)
    if batch_id is None:
        query = query.where(StockMove.batch_id.is_(None))
    elif not isinstance(batch_id, AllBatches):
        query = query.where(StockMove.batch_id == batch_id)
    return int(session.scalar(query))


def batch_balances(session: Session, product_id: str, warehouse_id: str) -> list[BatchBalance]:
    """The product's positive balances in the warehouse, one per batch, first expiry first."""
    return batch_balances_by_product(session, [product_id], warehouse_id).get(product_id, [])


def batch_balances_by_product(
    session: Session, product_ids: Collection[str], warehouse_id: str
) -> dict[str, list[BatchBalance]]:
    """batch_balances of several products in one query (shipping a 20-line order asks once,
    not 20 times). Order: dated batches by expiry, then the stock without a batch, then
    undated batches by lot number. A batch at zero or below is no candidate to take from."""
    rows = session.execute(
        select(StockMove.product_id, StockMove.batch_id, Batch.lot_no, Batch.expiry_date,
               func.sum(StockMove.quantity))
        .outerjoin(Batch, Batch.id == StockMove.batch_id)
        .where(StockMove.warehouse_id == warehouse_id, StockMove.product_id.in_(product_ids))
        .group_by(StockMove.product_id, StockMove.batch_id)
        .having(func.sum(StockMove.quantity) > 0)
    ).all()
    balances: dict[str, list[BatchBalance]] = defaultdict(list)
    for product_id, batch_id, lot_no, expiry, quantity in rows:
        balances[product_id].append(BatchBalance(batch_id, lot_no or "", expiry, int(quantity)))
    for lots in balances.values():
        lots.sort(key=lambda b: (b.expiry_date is None, b.expiry_date or dt.date.max, b.lot_no))
    return dict(balances)


# -- first expiry, first out ------------------------------------------------------------------


def allocate_fefo(
    candidates: Sequence[BatchBalance], quantities: Sequence[int], *, business_date: dt.date
) -> FefoPlan:
    """Split each quantity over the candidates in their order (batch_balances: first expiry
    first); several quantities of one product (a pack line and a bottle line) draw on the
    same batches in turn. What the candidates cannot cover goes without a batch.

    business_date is the day the goods leave. Every candidate may go today, expired or not;
    rules on expiry (skip expired batches, a minimum remaining shelf life) belong here.
    """
    left = [[c.batch_id, c.quantity] for c in candidates]
    parts = tuple(_draw(left, quantity) for quantity in quantities)
    return FefoPlan(parts, sum(quantities), sum(c.quantity for c in candidates))


def _draw(left: list[list], quantity: int) -> tuple[BatchPart, ...]:
    """One part per batch: the stock without a batch and the uncovered rest are one part, as
    a document has one line (and one move) per line and batch."""
    taken: dict[str | None, int] = {}
    remaining = quantity
    for lot in left:
        take = min(remaining, lot[1])
        if take <= 0:
            continue
        lot[1] -= take
        remaining -= take
        taken[lot[0]] = taken.get(lot[0], 0) + take
    if remaining > 0:
        taken[None] = taken.get(None, 0) + remaining
    return tuple(BatchPart(batch_id, qty) for batch_id, qty in taken.items())


def take_fefo(
    session: Session, product_id: str, warehouse_id: str, quantity: int, *, business_date: dt.date
) -> tuple[BatchPart, ...]:
    """allocate_fefo of one quantity over the warehouse's stock, refused when short unless
    negative stock is allowed."""
    plan = allocate_fefo(batch_balances(session, product_id, warehouse_id), [quantity],
                         business_date=business_date)
    check_negative_stock(session, fefo_shortages(session, product_id, warehouse_id, plan))
    return plan.parts[0]


def fefo_shortages(
    session: Session, product_id: str, warehouse_id: str, plan: FefoPlan
) -> list[Shortage]:
    """The plan's shortage over all batches of the product, if it has one."""
    if not plan.short:
        return []
    return [shortage(session, product_id, warehouse_id, ALL_BATCHES, plan.needed, plan.available)]


# -- shortages and the negative-stock check ---------------------------------------------------


def shortage(
    session: Session,
    product_id: str,
    warehouse_id: str,
    batch_id: str | None | AllBatches,
    needed: int,
    available: int,
) -> Shortage:
    product = session.get(Product, product_id)
    batch = None if isinstance(batch_id, AllBatches) else batch_id
    lot_no = session.get(Batch, batch).lot_no if batch else ""
    return Shortage(product_id, product.sku, product.name, warehouse_id, batch, lot_no,
                    batch_id is ALL_BATCHES, needed, available)


def shortage_payload(s: Shortage) -> dict:
    return asdict(s)


def _negative_stock_allowed(session: Session) -> bool:
    return get_setting(session, "allow_negative_stock", "0") == "1"


def check_negative_stock(session: Session, shortages: Sequence[Shortage]) -> None:
    """The negative-stock check: refuse an action leaving these shortages, naming each of
    them, unless negative stock is allowed."""
    if not shortages or _negative_stock_allowed(session):
        return
    details = ", ".join(
        f"{s.sku} {s.name}{'/' + s.lot_no if s.lot_no else ''}: {s.available} < {s.needed}"
        for s in shortages
    )
    raise StockShortfall("stock.shortfall", details=details,
                         shortages=[shortage_payload(s) for s in shortages])


def check_can_take(
    session: Session, product_id: str, warehouse_id: str, batch_id: str | None, quantity: int
) -> None:
    """The negative-stock check for taking `quantity` out of one batch (None: the stock
    without a batch)."""
    available = on_hand(session, product_id, warehouse_id, batch_id)
    if available < quantity:
        check_negative_stock(
            session, [shortage(session, product_id, warehouse_id, batch_id, quantity, available)]
        )
