"""Stock moves: append-only facts. Nothing is refused for making stock negative (the sale
happened); HQ flags the warehouse and product instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from server import feed, payload
from server.errors import OpRejected
from server.models import HqWarehouse, NegativeStockFlag, StockMove

if TYPE_CHECKING:
    from server.ops import OpContext, Outcome

KINDS = {
    "receipt", "shipment", "return", "adjustment", "transfer_out", "transfer_in", "stocktake",
    "reversal", "opening",
}


def move_data(m: StockMove) -> dict:
    return {
        "id": m.id, "product_id": m.product_id, "warehouse_id": m.warehouse_id,
        "batch_id": m.batch_id, "quantity": m.quantity, "kind": m.kind, "ref_type": m.ref_type,
        "ref_id": m.ref_id, "reason": m.reason, "reverses_id": m.reverses_id,
        "business_day": m.business_day.isoformat(),
    }


def post(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    # Everything is checked before anything is added: this handler runs without a savepoint.
    move_id = payload.opt_id(p, "id") or entity_id
    kind = payload.text(p, "kind", 20, required=True)
    if kind not in KINDS:
        raise OpRejected("invalid_payload", field="kind")
    owner = ctx.cache.move_owner.get(move_id)
    if owner is not None:
        if owner != ctx.distributor_id:
            raise OpRejected("id_conflict")
        return Outcome(detail={"already_recorded": True})
    move = StockMove(
        id=move_id, distributor_id=ctx.distributor_id, device_id=ctx.device_id,
        product_id=payload.req_id(p, "product_id"), warehouse_id=payload.req_id(p, "warehouse_id"),
        batch_id=payload.opt_id(p, "batch_id"), quantity=payload.integer(p, "quantity"), kind=kind,
        ref_type=payload.text(p, "ref_type", 30), ref_id=payload.opt_id(p, "ref_id"),
        reason=payload.text(p, "reason", 200), reverses_id=payload.opt_id(p, "reverses_id"),
        business_day=ctx.device_time.date(),
    )
    _learn_warehouse(ctx, move.warehouse_id)
    balance = _balance(ctx, move) + move.quantity
    ctx.cache.balances[(move.product_id, move.warehouse_id)] = balance
    ctx.cache.move_owner[move.id] = ctx.distributor_id
    ctx.session.add(move)
    if balance < 0:
        _flag(ctx, move, balance)
    feed.publish(ctx.session, ctx.feed, "stock_move", move.id, move_data(move), compact=False)
    return Outcome(detail={"balance": balance, "negative": balance < 0})


def _balance(ctx: OpContext, move: StockMove) -> int:
    """The balance before this move (read once per product and warehouse per push)."""
    key = (move.product_id, move.warehouse_id)
    if key in ctx.cache.balances:
        return ctx.cache.balances[key]
    ctx.session.flush()
    return int(
        ctx.session.scalar(
            select(func.coalesce(func.sum(StockMove.quantity), 0)).where(
                StockMove.distributor_id == ctx.distributor_id,
                StockMove.product_id == move.product_id,
                StockMove.warehouse_id == move.warehouse_id,
            )
        )
    )


def _flag(ctx: OpContext, move: StockMove, balance: int) -> None:
    key = (ctx.distributor_id, move.product_id, move.warehouse_id)
    flag = ctx.session.get(NegativeStockFlag, key)
    if flag is None:
        ctx.session.add(NegativeStockFlag(
            distributor_id=key[0], product_id=key[1], warehouse_id=key[2], balance=balance
        ))
    else:
        flag.balance = balance


def _learn_warehouse(ctx: OpContext, warehouse_id: str) -> None:
    """A warehouse first seen in a move is registered so other PCs can receive it."""
    owners = ctx.cache.warehouse_owner
    if owners is None or warehouse_id not in owners:
        known = ctx.session.get(HqWarehouse, warehouse_id)
        owners = ctx.cache.warehouse_owner = owners or {}
        if known is not None:
            owners[warehouse_id] = known.distributor_id
    owner = owners.get(warehouse_id)
    if owner is None:
        ctx.session.add(HqWarehouse(id=warehouse_id, distributor_id=ctx.distributor_id, code="", name=""))
        owners[warehouse_id] = ctx.distributor_id
        feed.publish(ctx.session, ctx.feed, "warehouse", warehouse_id,
                     {"id": warehouse_id, "code": "", "name": ""})
    elif owner != ctx.distributor_id:
        raise OpRejected("id_conflict")


HANDLERS = {"stock_move.post": post}
