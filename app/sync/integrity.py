"""The PC's side of the convergence check (sync-anchors §8.11): after a pull that asked HQ
for checksums, this PC's stock ledger, outlets, sales orders and payments are counted and
digested the same way (app.sync.checksums) and compared with HQ's.

A check is asked for at most once per CHECK_EVERY (first in the sync after the first one): HQ reads
whole tables to answer it, and the no-op sync must stay one small request. It is compared
only when nothing local is legitimately different from HQ: no op waiting to be pushed, no
parked op, no feed change waiting for its rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db.models import OutboxOp, Outlet, Payment, SalesOrder, StockMove
from app.services.context import ServiceContext
from app.sync import checksums
from app.sync.apply import waiting_count
from app.sync.status import meta, write_meta

log = logging.getLogger(__name__)

CHECK_EVERY = dt.timedelta(hours=6)


@dataclass(frozen=True)
class Comparison:
    hq: dict
    local: dict
    streams: tuple[str, ...]  # the streams that differ

    @property
    def ok(self) -> bool:
        return not self.streams


def due(ctx: ServiceContext, now: dt.datetime | None = None) -> bool:
    m = meta(ctx)
    # Not in the cycle of the first sync itself: the clerk is waiting for that one, and the
    # check (HQ and the PC each reading whole tables) is as good in the next cycle.
    if m.get("initial_sync_complete") != "1":
        return False
    last = _when(m.get("integrity_checked_at"))
    # A last check "in the future" means the PC's clock was ahead then: check rather than wait.
    if last is not None and dt.timedelta(0) <= (now or utcnow()) - last < CHECK_EVERY:
        return False
    with ctx.read() as s:
        return quiet(s)


def _when(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:  # a hand-edited file must not stop every sync
        return None


def quiet(s: Session) -> bool:
    """Nothing local that HQ cannot know yet: then every figure must equal HQ's."""
    unsettled = s.scalar(select(func.count()).select_from(OutboxOp).where(OutboxOp.state.in_(("pending", "parked"))))
    return not unsettled and not waiting_count(s)


def compare(ctx: ServiceContext, hq: dict | None) -> Comparison | None:
    """None when there is nothing to compare with, or when this PC is not quiet."""
    if not isinstance(hq, dict) or hq.get("version") != checksums.VERSION:
        return None
    with ctx.read() as s:
        if not quiet(s):
            return None
        local = local_checksums(s)
    return Comparison(hq, local, tuple(checksums.differing(hq, local)))


def local_checksums(s: Session) -> dict:
    return {
        "version": checksums.VERSION,
        "stock": checksums.stock(
            s.scalar(select(func.count()).select_from(StockMove)),
            s.execute(select(StockMove.product_id, StockMove.warehouse_id, StockMove.batch_id,
                             func.sum(StockMove.quantity))
                      .group_by(StockMove.product_id, StockMove.warehouse_id, StockMove.batch_id)).all()),
        "outlets": checksums.outlets(s.execute(select(
            Outlet.id, Outlet.name, Outlet.phone, Outlet.address, Outlet.contact, Outlet.archived)).all()),
        "sales_orders": checksums.sales_orders(s.execute(
            select(SalesOrder.id, SalesOrder.status, SalesOrder.total_fen).where(SalesOrder.status != "draft")).all()),
        "payments": checksums.payments(s.execute(select(Payment.id, Payment.amount_fen)).all()),
    }


def record(ctx: ServiceContext, result: Comparison) -> None:
    write_meta(ctx, integrity_checked_at=utcnow().isoformat(timespec="seconds"),
               integrity_ok="1" if result.ok else "0", integrity_streams=",".join(result.streams))


def explain(result: Comparison) -> str:
    """'stock (HQ 12, here 10), outlets (HQ 3, here 3)': what support reads in the log."""
    return ", ".join(f"{name} (HQ {result.hq[name].get('count')}, here {result.local[name].get('count')})"
                     for name in result.streams)


def local_only(result: Comparison) -> tuple[str, ...]:
    """Streams where this PC holds more rows than HQ: re-reading HQ's feed cannot remove them."""
    return tuple(name for name in result.streams
                 if result.local[name].get("count", 0) > result.hq[name].get("count", 0))
