"""Reading the outbox for a push and storing HQ's answers.

An op leaves the outbox only in the same local transaction that stores HQ's answer for it.
A refused op is parked (kept, with its reason, for the clerk to see) and never blocks the
ops behind it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from app.db.models import OpResult, OutboxOp, SalesOrder
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
