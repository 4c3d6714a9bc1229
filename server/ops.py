"""Applying pushed operations exactly once.

Each op first claims its id in `processed_op` (primary key) inside a savepoint, then applies
its effect and publishes the resulting changes in that same savepoint. A repeated op id
(retry after a lost response, or two PCs/processes pushing the same batch at once) hits the
constraint and gets the stored answer back. Rejections roll the effect back and store the
answer, so a retry is answered identically and the client can park the op for good.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from server import documents, filings, outlets, stock
from server import payload as payload_module
from server.errors import OpRejected
from server.feed import FeedAllocator
from server.models import Device, ProcessedOp, StockMove, utcnow
from server.settings import distributor_feed


class BatchCache:
    """What one push needs to look up many times, read once: answers already stored, stock
    balances, known warehouses and move ids. Valid because the batch holds the distributor's
    feed lock (see feed.FeedAllocator), so no other push of this distributor runs meanwhile."""

    def __init__(self, session: Session, distributor_id: str, ops_list: list[dict]) -> None:
        self.session = session
        self.distributor_id = distributor_id
        ids = [op["op_id"] for op in ops_list]
        self.answers: dict[str, ProcessedOp] = {}
        for chunk in _chunks(ids, 500):
            for row in session.scalars(select(ProcessedOp).where(ProcessedOp.op_id.in_(chunk))):
                self.answers[row.op_id] = row
        move_ids = [
            str((op.get("payload") or {}).get("id") or op["entity_id"]) if isinstance(op.get("payload"), dict) else op["entity_id"]
            for op in ops_list if op["op_type"] == "stock_move.post"
        ] + _shipped_move_ids(ops_list)
        self.move_owner: dict[str, str] = {}
        for chunk in _chunks(move_ids, 500):
            self.move_owner.update(session.execute(
                select(StockMove.id, StockMove.distributor_id).where(StockMove.id.in_(chunk))
            ).all())
        self.warehouse_owner: dict[str, str] | None = None
        self.balances: dict[tuple[str, str], int] = {}
        # Orders whose command this push refused: later commands of the same push on such an
        # order were made on the PC after the refused one, so they rest on a withdrawn state.
        self.withdrawn_orders: set[str] = set()

    def checkpoint(self) -> tuple:
        """What a handler that posts several moves must put back when it is refused midway
        (its savepoint rolls the rows back, not this cache)."""
        owners = None if self.warehouse_owner is None else dict(self.warehouse_owner)
        return dict(self.move_owner), dict(self.balances), owners

    def restore(self, checkpoint: tuple) -> None:
        self.move_owner, self.balances, self.warehouse_owner = checkpoint


def _shipped_move_ids(ops_list: list[dict]) -> list[str]:
    """Move ids carried inside shipments (sales_order.ship), checked like pushed moves."""
    ids = []
    for op in ops_list:
        moves = op.get("payload", {}).get("moves") if isinstance(op.get("payload"), dict) else None
        if op["op_type"] == "sales_order.ship" and isinstance(moves, list):
            ids += [str(m["id"]) for m in moves if isinstance(m, dict) and isinstance(m.get("id"), str)]
    return ids


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class OpContext:
    session: Session
    distributor_id: str
    device_id: str
    op_id: str
    device_time: dt.datetime
    cache: BatchCache
    received_at: dt.datetime = field(default_factory=utcnow)
    # The revision of the entity the clerk saw when making this command (None: not given).
    base_rev: int | None = None

    @property
    def feed(self) -> str:
        return distributor_feed(self.distributor_id)


@dataclass(frozen=True)
class Outcome:
    """What a handler did: applied, or a decision HQ recorded as a conflict (e.g. 撞单)."""

    status: str = "applied"
    detail: dict = field(default_factory=dict)


Handler = Callable[[OpContext, dict, str], Outcome]

CHECKED_BEFORE_WRITING = {"stock_move.post"}

HANDLERS: dict[str, Handler] = {
    **outlets.HANDLERS,
    **filings.HANDLERS,
    **stock.HANDLERS,
    **documents.HANDLERS,
}


def process_batch(session: Session, device: Device, ops: list[dict]) -> list[dict]:
    """Answer every op of one push in order; the caller commits once for the batch.

    The distributor's feed counter row is locked first: pushes of one distributor run one
    after the other (two PCs or two processes sending the same ops get one effect), and
    changes become visible in commit order."""
    crash_after = int(os.environ.get("CHANNELDESK_HQ_CRASH_AFTER_OPS", "0") or 0)
    allocator = FeedAllocator.attach(session, distributor_feed(device.distributor_id))
    cache = BatchCache(session, device.distributor_id, ops)
    refuse_copied_database(session, device, ops, cache)
    results = []
    for index, op in enumerate(ops, start=1):
        results.append(process_op(session, device, op, cache))
        if crash_after and index >= crash_after:
            os._exit(3)  # fault injection for tests: HQ dies before the batch commits
    allocator.finish()
    return results


class DeviceCloned(Exception):
    """A new op carries an outbox seq this device already used for another op: a second copy
    of the PC's database pushes with the same enrollment (sync-anchors §8.3)."""

    def __init__(self, device_id: str, seq: int, op_id: str, taken_by: str) -> None:
        super().__init__(f"device {device_id}: op {op_id} has seq {seq}, already used by op {taken_by}")
        self.device_id, self.seq, self.op_id, self.taken_by = device_id, seq, op_id, taken_by


def refuse_copied_database(session: Session, device: Device, ops: list[dict], cache: BatchCache) -> None:
    """Raise DeviceCloned before anything of the batch is applied. Checked under the
    distributor's feed lock, so two copies pushing at once are seen one after the other.
    Ops HQ already answered are retries (same op, same seq) and are not checked."""
    fresh = {}
    for op in ops:
        seq = device_seq(op)
        if seq is None or op["op_id"] in cache.answers:
            continue
        if seq in fresh and fresh[seq] != op["op_id"]:
            raise DeviceCloned(device.id, seq, op["op_id"], fresh[seq])
        fresh[seq] = op["op_id"]
    for chunk in _chunks(sorted(fresh), 500):
        taken = session.execute(select(ProcessedOp.device_seq, ProcessedOp.op_id).where(
            ProcessedOp.device_id == device.id, ProcessedOp.device_seq.in_(chunk))).first()
        if taken is not None:
            raise DeviceCloned(device.id, taken[0], fresh[taken[0]], taken[1])


def highest_seq(session: Session, device_id: str) -> int | None:
    return session.scalar(select(func.max(ProcessedOp.device_seq)).where(ProcessedOp.device_id == device_id))


def device_seq(op: dict) -> int | None:
    """The PC's outbox seq, or None (an older client, or a value no column can hold)."""
    seq = op.get("seq")
    if isinstance(seq, int) and not isinstance(seq, bool) and 0 < seq < 2 ** 63:
        return seq
    return None


def process_op(session: Session, device: Device, op: dict, cache: BatchCache) -> dict:
    op_id = op["op_id"]
    stored = cache.answers.get(op_id)
    if stored is not None:
        return _duplicate(stored, device)
    if payload_module.has_nul(op.get("payload")):
        return _store_refusal(session, device, op, cache, "rejected", "invalid_payload",
                              {"field": "payload", "message": "text contains a NUL character"})
    claim = ProcessedOp(
        op_id=op_id, distributor_id=device.distributor_id, device_id=device.id,
        op_type=op["op_type"][:40], entity_id=str(op["entity_id"])[:80], status="applied",
        device_time=str(op.get("device_time") or "")[:40], device_seq=device_seq(op),
    )
    cache.answers[op_id] = claim
    if op["op_type"] in CHECKED_BEFORE_WRITING:
        return _apply_without_savepoint(session, device, op, claim, cache)
    savepoint = session.begin_nested()
    try:
        session.add(claim)
        session.flush()
    except IntegrityError:
        savepoint.rollback()  # a concurrent push claimed this op first and has committed
        cache.answers[op_id] = session.get(ProcessedOp, op_id)
        return _duplicate(cache.answers[op_id], device)
    try:
        outcome = _apply(session, device, op, cache)
        claim.status, claim.detail = outcome.status, outcome.detail
        session.flush()
        savepoint.commit()
        return _answer(op_id, outcome.status, "", outcome.detail)
    except OpRejected as rejected:
        savepoint.rollback()
        return _store_refusal(session, device, op, cache, rejected.status, rejected.reason, rejected.detail)
    except IntegrityError:
        savepoint.rollback()
        return _store_refusal(session, device, op, cache, "rejected", "id_conflict", {})
    except DataError as exc:  # a value the column cannot hold (e.g. a revision beyond int4)
        savepoint.rollback()
        detail = {"error": "DataError", "message": str(exc.orig)[:200]}
        return _store_refusal(session, device, op, cache, "rejected", "invalid_payload", detail)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        savepoint.rollback()
        detail = {"error": type(exc).__name__, "message": str(exc)[:200]}
        return _store_refusal(session, device, op, cache, "rejected", "invalid_payload", detail)


def _apply_without_savepoint(session, device, op, claim, cache) -> dict:
    """Handlers that validate everything before adding a row need no savepoint: a refusal
    has written nothing. This is the path of the bulk op type (stock moves), so a drain of
    queued ops costs a few statements per batch, not several per op."""
    try:
        outcome = _apply(session, device, op, cache)
    except OpRejected as rejected:
        return _store_refusal(session, device, op, cache, rejected.status, rejected.reason, rejected.detail)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = {"error": type(exc).__name__, "message": str(exc)[:200]}
        return _store_refusal(session, device, op, cache, "rejected", "invalid_payload", detail)
    claim.status, claim.detail = outcome.status, outcome.detail
    session.add(claim)
    return _answer(op["op_id"], outcome.status, "", outcome.detail)


def _apply(session: Session, device: Device, op: dict, cache: BatchCache) -> Outcome:
    handler = HANDLERS.get(op["op_type"])
    if handler is None:
        raise OpRejected("unknown_op_type", op_type=op["op_type"])
    payload = op.get("payload")
    if not isinstance(payload, dict):
        raise OpRejected("invalid_payload", field="payload")
    ctx = OpContext(
        session=session, distributor_id=device.distributor_id, device_id=device.id,
        op_id=op["op_id"], device_time=_device_time(op.get("device_time")), cache=cache,
        base_rev=_base_rev(op.get("base_rev")),
    )
    return handler(ctx, payload, str(op["entity_id"]))


def _base_rev(value) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise OpRejected("invalid_payload", field="base_rev")
    return value


def _device_time(value) -> dt.datetime:
    """Recorded for business dates only; never used to order anything."""
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return utcnow()
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed


def _store_refusal(session, device, op, cache, status, reason, detail) -> dict:
    refusal = ProcessedOp(
        op_id=op["op_id"], distributor_id=device.distributor_id, device_id=device.id,
        op_type=op["op_type"][:40], entity_id=str(op["entity_id"])[:80], status=status,
        reason=reason, detail=detail, device_time=str(op.get("device_time") or "")[:40],
        device_seq=device_seq(op),
    )
    session.add(refusal)
    cache.answers[op["op_id"]] = refusal
    return _answer(op["op_id"], status, reason, detail)


def _duplicate(stored: ProcessedOp, device: Device) -> dict:
    if stored.distributor_id != device.distributor_id:
        # Never tell one distributor anything about another's operations.
        return _answer(stored.op_id, "rejected", "id_conflict", {})
    answer = _answer(stored.op_id, "duplicate", stored.reason, stored.detail or {})
    answer["original_status"] = stored.status
    return answer


def _answer(op_id: str, status: str, reason: str, detail: dict) -> dict:
    return {"op_id": op_id, "status": status, "reason": reason, "detail": detail}
