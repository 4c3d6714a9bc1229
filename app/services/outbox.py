"""What is waiting for HQ: counts of the outbox and the parked operations with their reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.models import OutboxOp
from app.services.context import ServiceContext


@dataclass(frozen=True)
class ParkedOp:
    op_id: str
    op_type: str
    entity_id: str
    reason: str
    device_time: dt.datetime


@dataclass(frozen=True)
class OutboxSummary:
    pending: int
    parked: int
    parked_ops: tuple[ParkedOp, ...]


def outbox_summary(ctx: ServiceContext, *, limit: int = 200) -> OutboxSummary:
    with ctx.read() as s:
        counts = dict(
            s.execute(select(OutboxOp.state, func.count()).group_by(OutboxOp.state)).all()
        )
        parked = s.execute(
            select(OutboxOp.op_id, OutboxOp.op_type, OutboxOp.entity_id, OutboxOp.last_error,
                   OutboxOp.device_time)
            .where(OutboxOp.state == "parked").order_by(OutboxOp.seq).limit(limit)
        ).all()
    return OutboxSummary(
        int(counts.get("pending", 0)), int(counts.get("parked", 0)),
        tuple(ParkedOp(*row) for row in parked),
    )
