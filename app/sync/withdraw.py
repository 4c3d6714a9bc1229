"""Withdrawing an order command HQ refused (DESIGN.md §5.5).

Two PCs of one distributor may act on the same order while offline; HQ accepts the first
command and refuses the other as made on a revision it no longer has (stale_revision) or as
not allowed any more (invalid_transition). The refused PC undoes that command's local effects
in the transaction that stores HQ's answer, takes HQ's view of the order from the answer and
HQ's revision, so its sums equal HQ's again and its next command is not refused. What the
clerk entered is kept in the audit log; the op stays parked for the clerk to see.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db.models import (
    AuditEntry,
    DeliveryNote,
    DeliveryNoteLine,
    Invoice,
    OutboxOp,
    PaymentAllocation,
    SalesOrder,
    StockMove,
)
from app.services import lifecycles
from app.services.allocation import reallocate_outlet
from app.services.context import UnitOfWork
from app.sync import remote_documents

# The op types of the commands HQ may refuse (lifecycles.ORDER_COMMANDS), each undone by UNDO.
ORDER_COMMANDS = tuple(f"sales_order.{action}" for action in lifecycles.ORDER_COMMANDS)
WITHDRAWN_REASONS = ("stale_revision", "invalid_transition")
NEVER_CURRENT = -1  # a base revision HQ never has: the command is refused as stale


def is_withdrawal(op_type: str, reason: str) -> bool:
    return op_type in ORDER_COMMANDS and reason in WITHDRAWN_REASONS


def message_id(op_type: str, reason: str) -> str:
    """The clerk's explanation of a parked op, or "" when HQ's reason code is all there is."""
    return f"order.{op_type.split('.')[1]}_withdrawn" if is_withdrawal(op_type, reason) else ""


def withdraw(uow: UnitOfWork, op: dict, reason: str, detail: dict) -> None:
    s = uow.session
    order = s.get(SalesOrder, op["entity_id"])
    if order is None:
        return
    payload = op.get("payload") or {}
    action = op["op_type"].split(".")[1]
    _stale_followers(s, order.id, op.get("seq"))
    UNDO[action](uow, order, payload)
    hq_order, hq_rev = detail.get("order"), detail.get("rev")
    if isinstance(hq_order, dict) and isinstance(hq_rev, int):
        from app.sync.apply import apply_order_snapshot

        apply_order_snapshot(uow.ctx, s, hq_order, hq_rev)
        order.rev = hq_rev  # the clerk's next command is based on HQ's revision
        remote_documents.settle(s)
    _audit(s, order, op, reason, hq_order)


def _stale_followers(s: Session, order_id: str, seq: int | None) -> None:
    """Commands the clerk gave on this order after the withdrawn one rest on it (deliver a
    withdrawn shipment...). Not yet sent, their revision numbers could match HQ's by chance,
    so they are marked to be refused as stale: HQ answers them, and each is withdrawn in turn
    like this one. (The only change ever made to a queued op, for that reason.)"""
    if seq is None:
        return
    s.execute(update(OutboxOp).where(
        OutboxOp.entity_id == order_id, OutboxOp.state == "pending",
        OutboxOp.op_type.in_(ORDER_COMMANDS), OutboxOp.seq > seq,
    ).values(base_rev=NEVER_CURRENT))


def _undo_ship(uow: UnitOfWork, order: SalesOrder, payload: dict) -> None:
    s = uow.session
    note_id = (payload.get("delivery_note") or {}).get("id")
    if note_id:
        s.execute(delete(DeliveryNoteLine).where(DeliveryNoteLine.note_id == note_id))
        s.execute(delete(DeliveryNote).where(DeliveryNote.id == note_id))
    # Only moves that travelled inside the refused command: HQ never posted them. (Moves of
    # an older client were sent as their own ops and are on HQ, so they stay.)
    move_ids = [m["id"] for m in payload.get("moves") or () if isinstance(m, dict) and m.get("id")]
    if move_ids:
        s.execute(delete(StockMove).where(StockMove.id.in_(move_ids)))
    order.status = "confirmed"


def _undo_deliver(uow: UnitOfWork, order: SalesOrder, payload: dict) -> None:
    note = uow.session.get(DeliveryNote, payload.get("delivery_note_id") or "")
    if note is not None:
        note.delivered_at, note.signed_by = None, ""
    order.status = "shipped"


def _undo_invoice(uow: UnitOfWork, order: SalesOrder, payload: dict) -> None:
    s = uow.session
    invoice = s.get(Invoice, (payload.get("invoice") or {}).get("id") or "")
    if invoice is not None:
        # The credits it held are freed and go where the allocation rule now puts them.
        s.execute(delete(PaymentAllocation).where(PaymentAllocation.invoice_id == invoice.id))
        s.delete(invoice)
        s.flush()
        reallocate_outlet(s, invoice.outlet_id)
    note = s.scalar(select(DeliveryNote).where(DeliveryNote.order_id == order.id))
    order.status = "delivered" if note is not None and note.delivered_at else "shipped"


def _undo_cancel(uow: UnitOfWork, order: SalesOrder, payload: dict) -> None:
    order.status, order.cancel_reason = "confirmed", ""  # only a confirmed order sends a cancel


UNDO = {"ship": _undo_ship, "deliver": _undo_deliver, "invoice": _undo_invoice,
        "cancel": _undo_cancel}


def _audit(s: Session, order: SalesOrder, op: dict, reason: str, hq_order) -> None:
    """What the clerk entered (the whole command) stays readable after the withdrawal."""
    s.add(AuditEntry(
        at=utcnow(), user_id=None, action="sales_order.withdrawn", entity="sales_order",
        entity_id=order.id,
        detail={"number": order.number, "op_id": op["op_id"], "op_type": op["op_type"],
                "reason": reason, "message_id": message_id(op["op_type"], reason),
                "hq_status": hq_order.get("status") if isinstance(hq_order, dict) else None,
                "withdrawn": op.get("payload") or {}},
    ))
