"""Sales orders, purchase orders and the other documents HQ records.

HQ enforces the lifecycles, the same rules the PCs' services check (app.services.lifecycles),
and recomputes totals from the lines rather than trusting the client's figures; documents it
does not model further are stored whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.services import lifecycles
from server import feed, payload, settings, stock
from server.errors import OpRejected
from server.models import Document, Product, PurchaseOrder, SalesOrder

if TYPE_CHECKING:
    from server.ops import OpContext, Outcome

# Op types recorded as documents on HQ and passed to the distributor's other PCs.
RECORDED = (
    "payment.record", "sales_return.create", "goods_receipt.create", "goods_receipt.post",
    "stocktake.post", "batch.create",
)


def line_total(lines: list[dict]) -> tuple[int, list[dict]]:
    """HQ's own total: quantity × unit price per line, exact integers."""
    clean, total = [], 0
    for line in lines:
        quantity = payload.integer(line, "quantity")
        price = payload.integer(line, "unit_price_fen")
        base_quantity = payload.integer(line, "base_quantity", default=quantity)
        amount = quantity * price
        total += amount
        clean.append({**line, "base_quantity": base_quantity, "amount_fen": amount})
    return total, clean


def _below_floor(session: Session, lines: list[dict]) -> int:
    count = 0
    for line in lines:
        product = session.get(Product, str(line.get("product_id")))
        if product and product.floor_price_fen is not None:
            if line["amount_fen"] < product.floor_price_fen * line["base_quantity"]:
                count += 1
    return count


def order_data(o: SalesOrder) -> dict:
    return {
        **o.data, "id": o.id, "number": o.number, "outlet_id": o.outlet_id,
        "warehouse_id": o.warehouse_id, "status": o.status, "order_date": o.order_date.isoformat(),
        "total_fen": o.total_fen, "lines": o.lines, "rev": o.rev,
    }


def po_data(po: PurchaseOrder) -> dict:
    return {
        "id": po.id, "number": po.number, "warehouse_id": po.warehouse_id, "status": po.status,
        "order_date": po.order_date.isoformat(), "total_fen": po.total_fen, "lines": po.lines,
        "note": po.note, "reason": po.reason, "rev": po.rev,
    }


def confirm_order(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    order_id = payload.opt_id(p, "id") or entity_id
    existing = ctx.session.get(SalesOrder, order_id)
    if existing is not None:
        if existing.distributor_id != ctx.distributor_id:
            raise OpRejected("id_conflict")
        raise OpRejected("invalid_transition", status=existing.status)
    lines = payload.lines(p)
    if not lines:
        raise OpRejected("invalid_payload", field="lines")
    total, clean = line_total(lines)
    client_total = p.get("total_fen")
    client_total = client_total if isinstance(client_total, int) else total
    extra = {k: v for k, v in p.items() if k not in ("lines", "total_fen") and _plain(v)}
    order = SalesOrder(
        id=order_id, distributor_id=ctx.distributor_id, number=payload.text(p, "number", 40),
        outlet_id=payload.req_id(p, "outlet_id"), warehouse_id=payload.req_id(p, "warehouse_id"),
        status="confirmed", order_date=payload.date(p, "order_date", ctx.device_time.date()),
        total_fen=total, client_total_fen=client_total,
        below_floor_lines=_below_floor(ctx.session, clean), lines=clean, data=extra,
        rev=_client_rev(p, default=1),
    )
    ctx.session.add(order)
    ctx.session.flush()
    feed.publish(ctx.session, ctx.feed, "sales_order", order.id, order_data(order), rev=order.rev)
    return Outcome(detail={"total_fen": total, "total_mismatch": total != client_total,
                           "below_floor_lines": order.below_floor_lines})


def _plain(value) -> bool:
    return isinstance(value, str | int | bool | type(None))


def _client_rev(p: dict, default: int) -> int:
    """The order's revision on the PC after the command: HQ numbers revisions the way the
    PCs do, so the base_rev of a PC's next command can be compared with HQ's."""
    rev = p.get("rev")
    return rev if isinstance(rev, int) and not isinstance(rev, bool) and rev > 0 else default


def order_transition(action: str):
    def handler(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
        from server.ops import Outcome

        order = ctx.session.get(SalesOrder, payload.opt_id(p, "order_id") or entity_id)
        if order is None or order.distributor_id != ctx.distributor_id:
            raise OpRejected("not_found", entity="sales_order")
        target = _check_command(ctx, order, action)
        posted = _post_shipment_moves(ctx, p) if action == "ship" else 0
        order.status, order.rev = target, _client_rev(p, default=order.rev + 1)
        order.data = {**order.data, f"{action}_event": _event(p)}
        feed.publish(ctx.session, ctx.feed, "sales_order", order.id, order_data(order), rev=order.rev)
        return Outcome(detail={"status": target, "rev": order.rev, "moves": posted})

    return handler


def _check_command(ctx: OpContext, order: SalesOrder, action: str) -> str:
    """Refuse a command made on a revision HQ no longer has, or one the lifecycle forbids.
    Either way the answer carries HQ's order so the PC can withdraw its local effects at once."""
    stale = ctx.base_rev is not None and (
        ctx.base_rev != order.rev or order.id in ctx.cache.withdrawn_orders)
    if stale or not lifecycles.order_allows(order.status, action):
        ctx.cache.withdrawn_orders.add(order.id)
        reason = "stale_revision" if stale else "invalid_transition"
        raise OpRejected(reason, answer="conflict" if stale else "rejected", status=order.status,
                         action=action, rev=order.rev, order=order_data(order))
    return lifecycles.order_target(action)


def _post_shipment_moves(ctx: OpContext, p: dict) -> int:
    """The shipment's stock moves travel inside the ship command, so a refused shipment
    deducts nothing. Each is posted like a pushed move (ownership, known ids, negative
    stock flag, feed); a move id HQ already has is not posted twice."""
    moves = payload.lines(p, "moves")
    checkpoint = ctx.cache.checkpoint()
    try:
        for move in moves:
            if move.get("kind") != "shipment":
                raise OpRejected("invalid_payload", field="moves")
            stock.post(ctx, move, payload.req_id(move, "id"))
    except Exception:
        ctx.cache.restore(checkpoint)
        raise
    return len(moves)


def _event(p: dict) -> dict:
    """The lifecycle op's payload (delivery note, invoice...) kept with the order."""
    # A shipment's moves are kept as stock moves; the order keeps its delivery note.
    return {k: v for k, v in p.items() if k != "moves" and (k != "lines" or isinstance(v, list))}


def submit_po(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    po_id = payload.opt_id(p, "id") or entity_id
    existing = ctx.session.get(PurchaseOrder, po_id)
    if existing is not None:
        if existing.distributor_id != ctx.distributor_id:
            raise OpRejected("id_conflict")
        raise OpRejected("invalid_transition", status=existing.status)
    lines = payload.lines(p)
    if not lines:
        raise OpRejected("invalid_payload", field="lines")
    total, clean = line_total(lines)
    po = PurchaseOrder(
        id=po_id, distributor_id=ctx.distributor_id, number=payload.text(p, "number", 40),
        warehouse_id=payload.req_id(p, "warehouse_id"), status="submitted",
        order_date=payload.date(p, "order_date", ctx.device_time.date()), total_fen=total,
        lines=clean, note=payload.text(p, "note", 500), rev=1,
    )
    ctx.session.add(po)
    ctx.session.flush()
    feed.publish(ctx.session, ctx.feed, "purchase_order", po.id, po_data(po), rev=po.rev)
    return Outcome(detail={"total_fen": total, "status": po.status})


def cancel_po(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    po = ctx.session.get(PurchaseOrder, entity_id)
    if po is None or po.distributor_id != ctx.distributor_id:
        raise OpRejected("not_found", entity="purchase_order")
    move_po(ctx.session, po, "cancel", payload.text(p, "reason", 500))
    return Outcome(detail={"status": po.status})


def move_po(session: Session, po: PurchaseOrder, action: str, reason: str = "") -> None:
    """A purchase order status change, by the distributor (cancel) or by HQ staff."""
    if not lifecycles.hq_purchase_allows(po.status, action):
        raise OpRejected("invalid_transition", status=po.status, action=action)
    po.status, po.reason = lifecycles.hq_purchase_target(action), reason[:500]
    po.rev += 1
    session.flush()
    feed.publish(session, settings.distributor_feed(po.distributor_id), "purchase_order", po.id,
                 po_data(po), rev=po.rev)


def record(entity: str):
    def handler(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
        from server.ops import Outcome

        doc_id = payload.opt_id(p, "id") or entity_id
        existing = ctx.session.get(Document, (entity, doc_id))
        if existing is not None:
            if existing.distributor_id != ctx.distributor_id:
                raise OpRejected("id_conflict")
            return Outcome(detail={"already_recorded": True})
        ctx.session.add(Document(
            entity=entity, id=doc_id, distributor_id=ctx.distributor_id,
            op_type=f"{entity}.record", data=p,
        ))
        ctx.session.flush()
        feed.publish(ctx.session, ctx.feed, entity, doc_id, {**p, "id": doc_id})
        return Outcome()

    return handler


def record_return(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    """A return is a fact (the goods came back) and is never refused for a stale revision,
    but it moved the order's revision on the PC, so HQ's must move too."""
    outcome = record("sales_return")(ctx, p, entity_id)
    if not outcome.detail.get("already_recorded"):
        _follow_return(ctx, p)
    return outcome


def _follow_return(ctx: OpContext, p: dict) -> None:
    order = ctx.session.get(SalesOrder, payload.opt_id(p, "order_id") or "")
    order_rev = _client_rev(p | {"rev": p.get("order_rev")}, default=0)
    if order is None or order.distributor_id != ctx.distributor_id or not order_rev:
        return
    if ctx.base_rev == order.rev and order_rev > order.rev:
        order.rev = order_rev  # the PC's numbering, so its next command is not stale
    else:
        # Made on an older revision: a revision no PC holds, so every PC takes it from the feed.
        order.rev = max(order.rev, order_rev) + 1
    feed.publish(ctx.session, ctx.feed, "sales_order", order.id, order_data(order), rev=order.rev)


HANDLERS = {
    "sales_order.confirm": confirm_order,
    **{f"sales_order.{a}": order_transition(a) for a in lifecycles.ORDER_COMMANDS},
    "purchase_order.submit": submit_po,
    "purchase_order.cancel": cancel_po,
    **{op: record(op.split(".")[0]) for op in RECORDED},
    "sales_return.create": record_return,
}
