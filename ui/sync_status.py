"""Background sync on an interval and on demand, and the status the status bar shows.

The controller never blocks the GUI thread: a cycle runs on the network thread of the task
runner, the status snapshot is read on the database thread, and `status_changed` carries the
result back. The engine is anything with `cycle()` and `status()`; see `engine_for`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParkedOp:
    op_id: str
    op_type: str
    entity_id: str
    reason: str
    device_time: dt.datetime | None = None
    number: str = ""


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None  # None: not configured / never tried
    last_success: dt.datetime | None
    pending: int
    parked: int
    parked_ops: tuple[ParkedOp, ...] = field(default=())
    message: str = ""
    configured: bool = True
    error_id: str = ""  # message id of the last failure (translated on the GUI thread)
    error_params: dict = field(default_factory=dict)
    inbound_waiting: int = 0  # HQ changes kept until the rows they refer to arrive
    # The last convergence check with HQ: None = never checked; False = this PC still differs
    # from HQ after the automatic repair, in integrity_streams ("stock", "payments", ...).
    integrity_ok: bool | None = None
    integrity_checked_at: dt.datetime | None = None
    integrity_streams: tuple[str, ...] = ()


class SyncEngine(Protocol):
    def cycle(self) -> Any: ...

    def status(self) -> SyncStatus: ...


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    cycle_started = Signal()
    cycle_finished = Signal(bool)  # ok

    def __init__(self, runner, engine: SyncEngine, interval_s: int = 60, parent=None) -> None:
        super().__init__(parent)
        self.runner, self.engine = runner, engine
        self.running = False
        self._again = False
        self.last_status: SyncStatus | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._interval_ms = interval_s * 1000

    def start(self) -> None:
        self._timer.start(self._interval_ms)
        self.refresh_status()

    def stop(self) -> None:
        self._timer.stop()

    def set_interval(self, seconds: float) -> None:
        self._interval_ms = int(seconds * 1000)
        if self._timer.isActive():
            self._timer.start(self._interval_ms)

    def sync_now(self) -> None:
        """One cycle on the network thread. Asked while one runs, another follows it (the
        running one may have started before the change the clerk wants sent)."""
        if self.running:
            self._again = True
            return
        self._again = False
        self.running = True
        self.cycle_started.emit()
        self.runner.run_net(self.engine.cycle, on_done=lambda _r: self._finished(True),
                            on_error=self._failed, label="sync")

    def _failed(self, error: BaseException) -> None:
        log.info("sync cycle failed: %s", error)
        self._finished(False)

    def _finished(self, ok: bool) -> None:
        self.running = False
        self.cycle_finished.emit(ok)
        self.refresh_status()
        if self._again:
            QTimer.singleShot(0, self.sync_now)

    def refresh_status(self) -> None:
        self.runner.run_db(self.engine.status, on_done=self._publish,
                           on_error=lambda e: log.warning("sync status failed: %s", e),
                           label="sync-status")

    def _publish(self, status: SyncStatus) -> None:
        self.last_status = status
        self.status_changed.emit(status)


class OutboxOnlyEngine:
    """Used until this PC is connected to HQ (or when no sync engine is installed): reports
    the outbox counts; a cycle only notes that HQ is not configured."""

    def __init__(self, store) -> None:
        self.store = store

    def cycle(self) -> None:
        return None

    def status(self) -> SyncStatus:
        from ui.lookups import outbox_counts

        pending, parked, ops = outbox_counts(self.store)
        hq_url = self.store.company.setting("hq_url")
        return SyncStatus(
            online=None, last_success=None, pending=pending, parked=parked,
            parked_ops=tuple(ParkedOp(*op) for op in ops),
            configured=bool(hq_url),
        )


def engine_for(store) -> SyncEngine:
    """The real sync engine when `app.sync` provides one, else the outbox-only stand-in."""
    from ui.sync_adapter import SyncEngineAdapter

    adapter = SyncEngineAdapter.create(store)
    return adapter if adapter is not None else OutboxOnlyEngine(store)
