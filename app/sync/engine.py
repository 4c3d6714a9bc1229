"""The sync engine: push the outbox, then pull the feed, under one lock per database.

Transient failures (network, 5xx, 429, stalls, truncated bodies) are retried with capped
exponential backoff and jitter; a 413 halves the batch; an app too old for HQ, a revoked
PC or a copied database (another copy pushes as this PC) stops the cycle and keeps every
queued op. Each step commits locally before the next request, so a crash at any point
resumes safely: a re-sent op is answered `duplicate`, and a page is applied together with
its cursor or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import queue
import random
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.clock import utcnow
from app.db.backup import RESTORED_MARK
from app.errors import StorageError, SyncError
from app.services.context import ServiceContext
from app.storage import storage_errors
from app.sync import apply, integrity, outbox
from app.sync.lock import SyncLock
from app.sync.protocol import BatchTooLarge, HQClient, MustRefetch, Transient
from app.sync.status import SyncStatus, meta, read_status, write_meta

log = logging.getLogger(__name__)

PUSH_BATCH = 500
PAGE_LIMIT = 1000
MAX_REFETCH = 3
APPLY_BATCH_ROWS = 5000  # changes of consecutive pages applied in one transaction
PREFETCH_PAGES = 8  # pages the fetcher may hold ahead of the apply


@dataclass
class Backoff:
    """Capped exponential backoff with full jitter; reset after every success."""

    base: float = 0.5
    cap: float = 300.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        ceiling = min(self.cap, self.base * (2 ** attempt))
        wait = self.rng.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap))
        return wait


@dataclass(frozen=True)
class SyncReport:
    ok: bool
    pushed: int = 0
    duplicates: int = 0
    parked: int = 0
    conflicts: int = 0
    pulled: int = 0
    skipped: int = 0
    requests: int = 0
    bytes: int = 0
    seconds: float = 0.0
    error_id: str = ""
    error_params: dict = field(default_factory=dict)
    # The convergence check of this cycle: "" not asked, "ok", "repaired" (differed, fixed by
    # re-reading HQ's feed) or "mismatch" (still differs: support must look).
    integrity: str = ""


class SyncEngine:
    def __init__(
        self,
        ctx: ServiceContext,
        client: HQClient,
        *,
        batch_size: int = PUSH_BATCH,
        page_limit: int = PAGE_LIMIT,
        max_attempts: int = 6,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.ctx = ctx
        self.client = client
        self.batch_size = batch_size
        self.page_limit = page_limit
        self.max_attempts = max_attempts
        self.backoff = backoff or Backoff()
        self.sleep = sleep
        self._totals: dict[str, int] = {}
        self._skew: float | None = None
        self._integrity = ""

    def status(self) -> SyncStatus:
        return read_status(self.ctx)

    def run_once(self) -> SyncReport:
        started = time.monotonic()
        before = (self.client.stats.requests, self.client.stats.bytes_sent + self.client.stats.bytes_received)
        self._totals = dict(pushed=0, duplicates=0, parked=0, conflicts=0, pulled=0, skipped=0)
        self._integrity = ""
        error: SyncError | None = None
        try:
            with storage_errors(self.ctx.path), SyncLock(Path(self.ctx.path)):
                try:
                    write_meta(self.ctx, last_attempt_at=_iso(utcnow()))
                    self._push_all()
                    self._pull_all()
                except SyncError as exc:
                    error = exc
                except StorageError as exc:  # every local write is whole or not made at all
                    error = _sync_storage_error(exc)
                except Exception as exc:  # a bug must not kill a --watch loop; ops stay queued
                    log.exception("sync cycle failed")
                    error = SyncError("sync.internal_error", detail=f"{type(exc).__name__}: {exc}"[:300])
                self._record_outcome(error)
        except SyncError as exc:  # sync.busy: another worker owns this database
            error = exc
        except StorageError as exc:  # not even the lock file could be written
            error = _sync_storage_error(exc)
        stats = self.client.stats
        return SyncReport(
            ok=error is None, **self._totals,
            requests=stats.requests - before[0],
            bytes=stats.bytes_sent + stats.bytes_received - before[1],
            seconds=time.monotonic() - started,
            error_id=error.message_id if error else "", error_params=error.params if error else {},
            integrity=self._integrity,
        )

    def run_forever(self, interval: float, *, stop: Callable[[], bool] = lambda: False,
                    on_report: Callable[[SyncReport], None] | None = None) -> None:
        """--watch: sync every `interval` seconds; after failures, back off (capped)."""
        failures = 0
        while not stop():
            report = self.run_once()
            if on_report:
                on_report(report)
            failures = 0 if report.ok else failures + 1
            wait = interval if report.ok else max(interval, self.backoff.delay(failures))
            if report.error_id in ("sync.protocol_unsupported", "sync.device_revoked", "sync.device_cloned"):
                wait = max(wait, 3600.0)  # nothing will change until someone acts
            self.sleep(wait)

    # -- push -------------------------------------------------------------------------------

    def _push_all(self) -> None:
        self._settle_restore()
        size = self.batch_size
        while True:
            ops = outbox.next_batch(self.ctx, size)
            if not ops:
                return
            _crash_point("before_push")
            try:
                reply = self._with_retries(lambda ops=ops: self.client.push(ops), ops)
            except BatchTooLarge:
                if size == 1:
                    raise SyncError("sync.op_too_large", op_id=ops[0]["op_id"]) from None
                size = max(1, size // 2)
                continue
            self._note_server_time(reply.get("server_time"))
            _crash_point("after_push_response")
            counts = outbox.record_results(self.ctx, ops, reply.get("results") or [])
            _crash_point("after_push_record")
            self._count(pushed=counts.applied, duplicates=counts.duplicates,
                        parked=counts.parked, conflicts=counts.conflicts)
            if counts.unanswered == len(ops):
                raise SyncError("sync.no_progress")

    def _settle_restore(self) -> None:
        """A database restored from a backup first learns the last outbox seq HQ holds from
        this PC and numbers its ops above it (outbox.move_past); otherwise its next ops would
        look to HQ like a second copy of the database. Asked once per restore."""
        if meta(self.ctx).get(RESTORED_MARK) != "1":
            return
        try:
            highest = self._with_retries(self.client.device).get("highest_seq")
        except SyncError as exc:
            if exc.params.get("status") != 404:
                raise
            highest = None  # an HQ without the endpoint does not compare seqs either
        outbox.move_past(self.ctx, highest if isinstance(highest, int) else None)

    # -- pull -------------------------------------------------------------------------------

    def _pull_all(self) -> None:
        check = integrity.due(self.ctx)  # decided before the pull: a no-op sync asks nothing
        refetches = 0
        while True:
            with self.ctx.read() as s:
                cursor = apply.load_cursor(s)
            try:
                hq_sums = self._pull_from(cursor, checksums=check)
                break
            except MustRefetch:
                refetches += 1
                if refetches > MAX_REFETCH:
                    raise SyncError("sync.refetch_loop") from None
                apply.reset_cursor(self.ctx)
        if check:
            self._check_integrity(hq_sums)

    def _pull_from(self, cursor: str, *, checksums: bool = False) -> dict | None:
        """Apply the feed from `cursor`; each transaction stores the cursor of its last page.
        Returns HQ's checksums from the last page when they were asked for.

        A fetcher thread stays up to PREFETCH_PAGES ahead, so HQ, network and the local disk
        work at once. While HQ has more, up to APPLY_BATCH_ROWS changes of consecutive pages
        share one transaction: a first sync writes ~20 search keys per product at random
        places of one index, and fewer commits rewrite those index pages fewer times.
        """
        pages: queue.Queue = queue.Queue(maxsize=PREFETCH_PAGES)
        stop = threading.Event()
        fetcher = threading.Thread(target=self._fetch_ahead, args=(cursor, pages, stop, checksums),
                                   name="sync-prefetch", daemon=True)
        fetcher.start()
        buffered: list[dict] = []
        try:
            while True:
                kind, page = pages.get()
                if kind == "error":
                    # Keep the whole pages already here: on a line that keeps dropping, each
                    # run then starts where the last one got to.
                    if buffered:
                        self._apply(buffered, cursor)
                    raise page
                self._note_server_time(page.get("server_time"))
                cursor = page.get("next_cursor") or cursor
                more = bool(page.get("has_more"))
                buffered.extend(page.get("changes") or [])
                if more and len(buffered) < APPLY_BATCH_ROWS:
                    continue
                self._apply(buffered, cursor)
                buffered = []
                if not more:
                    write_meta(self.ctx, initial_sync_complete="1")
                    return page.get("checksums")
        finally:
            stop.set()
            while fetcher.is_alive():  # unblock a fetcher waiting to hand over a page
                with contextlib.suppress(queue.Empty):
                    pages.get_nowait()
                fetcher.join(0.05)

    def _apply(self, changes: list[dict], cursor: str) -> None:
        _crash_point("before_pull_apply")
        counts = apply.apply_page(self.ctx, changes, cursor,
                                  before_commit=lambda: _crash_point("mid_pull_apply"))
        _crash_point("after_pull_commit")
        self._count(pulled=counts.applied, skipped=counts.skipped)

    def _fetch_ahead(self, cursor: str, pages: queue.Queue, stop: threading.Event,
                     checksums: bool) -> None:
        try:
            while not stop.is_set():
                page = self._fetch(cursor, checksums)
                pages.put(("page", page))
                if not page.get("has_more"):
                    return
                cursor = page.get("next_cursor") or cursor
        except BaseException as exc:  # noqa: BLE001 - handed to the applying thread
            pages.put(("error", exc))

    def _fetch(self, cursor: str, checksums: bool = False) -> dict:
        return self._with_retries(lambda: self.client.changes(cursor, self.page_limit, checksums=checksums))

    # -- convergence check (sync-anchors §8.11) -----------------------------------------------

    def _check_integrity(self, hq_sums: dict | None) -> None:
        """Compare with HQ; on a difference re-read the whole feed once (the apply is
        idempotent and the outbox is not touched) and compare again. Never loops."""
        if hq_sums is None:  # an HQ without checksums: ask again after the usual interval
            write_meta(self.ctx, integrity_checked_at=_iso(utcnow()))
            return
        first = integrity.compare(self.ctx, hq_sums)
        if first is None:  # a change came in meanwhile: the next sync asks again
            return
        integrity.record(self.ctx, first)
        if first.ok:
            self._integrity = "ok"
            return
        log.warning("integrity check: this PC differs from HQ in %s; re-reading HQ's feed "
                    "from the start (outbox untouched)", integrity.explain(first))
        result = integrity.compare(self.ctx, self._pull_from("", checksums=True)) or first
        integrity.record(self.ctx, result)
        self._integrity = "repaired" if result.ok else "mismatch"
        if result.ok:
            log.warning("integrity check: repaired by re-reading HQ's feed")
            return
        extra = integrity.local_only(result)
        note = (f" This PC has rows HQ never had in {', '.join(extra)}: re-reading HQ's feed "
                "cannot remove them, and they are left in place." if extra else "")
        log.error("integrity check: still differs from HQ after re-reading its feed: %s.%s "
                  "Nothing was deleted; support must look.", integrity.explain(result), note)

    # -- helpers ----------------------------------------------------------------------------

    def _with_retries(self, call: Callable[[], dict], ops: list[dict] | None = None) -> dict:
        attempt = 0
        while True:
            try:
                return call()
            except Transient as exc:
                attempt += 1
                write_meta(self.ctx, online="0", last_error_id=exc.message_id)
                if ops:
                    outbox.mark_attempt(self.ctx, ops, exc.message_id)
                if attempt >= self.max_attempts:
                    raise
                wait = self.backoff.delay(attempt - 1, exc.retry_after)
                log.info("%s; retrying in %.1f s", exc.message_id, wait)
                self.sleep(wait)

    def _note_server_time(self, value: str | None) -> None:
        if not value:
            return
        try:
            server = dt.datetime.fromisoformat(value.rstrip("Z"))
        except ValueError:
            return
        self._skew = (utcnow() - server).total_seconds()

    def _record_outcome(self, error: SyncError | None) -> None:
        values = {} if self._skew is None else {"clock_skew_s": f"{self._skew:.1f}"}
        try:
            if error is None:
                write_meta(self.ctx, online="1", last_success_at=_iso(utcnow()),
                           last_error_id="", last_error_params="", **values)
            else:
                online = "0" if isinstance(error, Transient) else "1"
                write_meta(self.ctx, online=online, last_error_id=error.message_id,
                           last_error_params=_params(error), **values)
        except StorageError as exc:  # the report still says what happened
            log.warning("sync outcome not recorded: %s", exc.message_id)

    def _count(self, **deltas: int) -> None:
        for key, value in deltas.items():
            self._totals[key] = self._totals.get(key, 0) + value


def _sync_storage_error(error: StorageError) -> SyncError:
    """A full disk stops sync with its own words (what is kept, what comes again later)."""
    if error.message_id == "disk.full":
        return SyncError("sync.disk_full", **error.params)
    return SyncError(error.message_id, **error.params)


def _iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _params(error: SyncError) -> str:
    import json

    return json.dumps(error.params, ensure_ascii=False, default=str)[:1000]


def _crash_point(name: str) -> None:
    """Fault injection for the crash tests: SIGKILL this process at a named step."""
    if os.environ.get("CHANNELDESK_SYNC_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
