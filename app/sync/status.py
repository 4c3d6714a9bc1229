"""What the status bar and `channeldesk sync` show: one snapshot of the sync state."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.db.models import SyncMeta
from app.services.context import ServiceContext
from app.sync import outbox
from app.sync.apply import waiting_count

SKEW_WARNING_S = 300.0


@dataclass(frozen=True)
class ParkedOp:
    op_id: str
    op_type: str
    entity_id: str
    reason: str
    device_time: dt.datetime | None = None  # when the clerk made the change
    number: str = ""  # the order's number when the op is a withdrawn order command


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    online: bool
    last_success_at: dt.datetime | None
    last_attempt_at: dt.datetime | None
    pending_count: int
    parked: tuple[ParkedOp, ...]
    clock_skew_s: float | None  # this PC's clock minus HQ's
    last_error_id: str
    last_error_params: dict
    initial_sync_complete: bool
    inbound_errors: int
    inbound_waiting: int = 0  # feed changes kept until the rows they refer to arrive
    # The last convergence check with HQ: None never checked; False = this PC still differed
    # after re-reading HQ's feed, in integrity_streams (support must look).
    integrity_ok: bool | None = None
    integrity_checked_at: dt.datetime | None = None
    integrity_streams: tuple[str, ...] = ()

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > SKEW_WARNING_S


def meta(ctx: ServiceContext) -> dict[str, str]:
    with ctx.read() as s:
        return {row.key: row.value for row in s.query(SyncMeta)}


def write_meta(ctx: ServiceContext, **values: str) -> None:
    with ctx.write() as uow:
        for key, value in values.items():
            row = uow.session.get(SyncMeta, key)
            if row is None:
                uow.session.add(SyncMeta(key=key, value=value))
            else:
                row.value = value


def read_status(ctx: ServiceContext) -> SyncStatus:
    m = meta(ctx)
    with ctx.read() as s:
        pending = outbox.pending_count(s)
        parked = tuple(ParkedOp(*row) for row in outbox.parked(s))
        waiting = waiting_count(s)
    return SyncStatus(
        enrolled=bool(m.get("device_id")),
        online=m.get("online") == "1",
        last_success_at=_when(m.get("last_success_at")),
        last_attempt_at=_when(m.get("last_attempt_at")),
        pending_count=pending,
        parked=parked,
        clock_skew_s=float(m["clock_skew_s"]) if m.get("clock_skew_s") else None,
        last_error_id=m.get("last_error_id", ""),
        last_error_params=json.loads(m["last_error_params"]) if m.get("last_error_params") else {},
        initial_sync_complete=m.get("initial_sync_complete") == "1",
        inbound_errors=int(m.get("inbound_errors") or 0),
        inbound_waiting=waiting,
        integrity_ok={"1": True, "0": False}.get(m.get("integrity_ok", "")),
        integrity_checked_at=_when(m.get("integrity_checked_at")),
        integrity_streams=tuple(filter(None, m.get("integrity_streams", "").split(","))),
    )


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None
