"""Reading the outbox for a push and storing HQ's answers.

An op leaves the outbox only in the same local transaction that stores HQ's answer for it.
A refused op is parked (kept, with its reason, for the clerk to see) and never blocks the
ops behind it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text, update

from app.db.backup import RESTORED_MARK
from app.db.models import OpResult, OutboxOp, SalesOrder, SyncMeta
from app.services.context import ServiceContext, UnitOfWork
from app.sync import withdraw

ACKNOWLEDGED = {"applied"}
# A conflict on a filing is HQ's decision (撞单), delivered like an approval; other
# conflicts need the clerk, so the op is parked.
DECISION_CONFLICTS = {"filing.submit"}


@dataclass(frozen=True)
class PushCounts:
    applied: int = 0
    duplicates: int = 0
    parked: int = 0
    conflicts: int = 0
    unanswered: int = 0


def next_batch(ctx: ServiceContext, limit: int) -> list[dict]:
    with ctx.read() as s:
        rows = s.scalars(
            select(OutboxOp).where(OutboxOp.state == "pending").order_by(OutboxOp.seq).limit(limit)
        )
        return [to_wire(op) for op in rows]


def to_wire(op: OutboxOp) -> dict:
    return {
        "op_id": op.op_id, "tx_group": op.tx_group, "seq": op.seq, "op_type": op.op_type,
        "entity": op.entity, "entity_id": op.entity_id, "base_rev": op.base_rev,
        "payload_ver": op.payload_ver, "payload": _jsonable(op.payload),
        "device_time": op.device_time.isoformat() if op.device_time else "",
    }


def _jsonable(payload):
    """Payloads are JSON already; dates that slipped in travel as ISO strings."""
    return json.loads(json.dumps(payload, default=_iso))


def _iso(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def record_results(ctx: ServiceContext, sent: list[dict], results: list[dict]) -> PushCounts:
    """Store every answer and drop or park its op, all in one local transaction."""
    by_id = {r.get("op_id"): r for r in results if isinstance(r, dict)}
    counts = dict(applied=0, duplicates=0, parked=0, conflicts=0, unanswered=0)
    with ctx.write() as uow:
        for op in sent:
            answer = by_id.get(op["op_id"])
            if answer is None:
                counts["unanswered"] += 1
                continue
            _record_one(uow, op, answer, counts)
    return PushCounts(**counts)


def _record_one(uow: UnitOfWork, op: dict, answer: dict, counts: dict) -> None:
    session = uow.session
    status = answer.get("status", "")
    effective = answer.get("original_status", status) if status == "duplicate" else status
    counts["duplicates" if status == "duplicate" else "applied"] += effective == "applied"
    reason = str(answer.get("reason") or "")
    detail = json.dumps(answer.get("detail") or {}, ensure_ascii=False)[:4000]
    session.merge(
        OpResult(op_id=op["op_id"], op_type=op["op_type"], entity_id=op["entity_id"],
                 status=effective, reason_code=reason, detail=detail)
    )
    row = session.scalar(select(OutboxOp).where(OutboxOp.op_id == op["op_id"]))
    if row is None:
        return
    if effective in ACKNOWLEDGED or (effective == "conflict" and op["op_type"] in DECISION_CONFLICTS):
        counts["conflicts"] += effective == "conflict"
        session.execute(delete(OutboxOp).where(OutboxOp.op_id == op["op_id"]))
        return
    row.state, row.last_error = "parked", reason or effective
    row.attempts += 1
    counts["parked"] += 1
    if withdraw.is_withdrawal(op["op_type"], reason):
        withdraw.withdraw(uow, op, reason, answer.get("detail") or {})


def mark_attempt(ctx: ServiceContext, sent: list[dict], error: str) -> None:
    with ctx.write() as uow:
        ids = [op["op_id"] for op in sent]
        for row in uow.session.scalars(select(OutboxOp).where(OutboxOp.op_id.in_(ids))):
            row.attempts += 1
            row.last_error = error[:500]


def pending_count(session) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxOp).where(OutboxOp.state == "pending")))


def parked(session) -> list[tuple]:
    """(op_id, op_type, entity_id, reason, device_time, order number) of every parked op,
    oldest first; the number (or "") names the order of a withdrawn order command."""
    rows = session.execute(
        select(OutboxOp.op_id, OutboxOp.op_type, OutboxOp.entity_id, OutboxOp.last_error,
               OutboxOp.device_time, func.coalesce(SalesOrder.number, ""))
        .outerjoin(SalesOrder, SalesOrder.id == OutboxOp.entity_id)
        .where(OutboxOp.state == "parked")
        .order_by(OutboxOp.seq)
    )
    return [tuple(r) for r in rows]


def move_past(ctx: ServiceContext, highest: int | None) -> None:
    """After a restore from a backup: number this database's ops above `highest`, the last
    outbox seq HQ holds from this device, and clear the restore mark, in one transaction.

    The restore wound the outbox counter back, so ops made since (and from now on) would
    reuse numbers HQ saw on ops this file never had, which is how HQ recognises a copied
    database. All ops shift by one amount, keeping their order; an op HQ already answered is
    known to HQ by its op_id, so its new number does not matter."""
    with ctx.write() as uow:
        session = uow.session
        if highest:
            _shift_above(session, highest)
            top = session.scalar(select(func.max(OutboxOp.seq))) or 0
            _raise_counter(session, max(highest, top))
        session.execute(delete(SyncMeta).where(SyncMeta.key == RESTORED_MARK))


def _shift_above(session, highest: int) -> None:
    low, high = session.execute(select(func.min(OutboxOp.seq), func.max(OutboxOp.seq))).one()
    if low is None or low > highest:
        return
    # Above every current number too, so no row ever meets another's key mid-update.
    shift = max(highest, high) - low + 1
    session.execute(update(OutboxOp).values(seq=OutboxOp.seq + shift)
                    .execution_options(synchronize_session=False))


def _raise_counter(session, floor: int) -> None:
    """AUTOINCREMENT hands out max(sqlite_sequence, largest seq) + 1 next; acknowledged ops
    are deleted, so the counter itself must stay past every number already pushed."""
    counter = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox_op'")).scalar()
    if counter is None:
        session.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox_op', :n)"), {"n": floor})
    elif counter < floor:
        session.execute(text("UPDATE sqlite_sequence SET seq = :n WHERE name = 'outbox_op'"), {"n": floor})
