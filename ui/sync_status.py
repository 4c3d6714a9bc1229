"""Background sync on an interval and on demand, and the status the status bar shows.

The controller never blocks the GUI thread: a cycle runs on the network thread of the task
runner, the status snapshot is read on the database thread, and `status_changed` carries the
result back: the core's `app.sync.status.SyncStatus`, as `channeldesk sync` prints it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:  # the record is the core's; importing app.sync costs SQLAlchemy at start-up
    from app.sync.status import SyncStatus

log = logging.getLogger(__name__)


class SyncBackend(Protocol):
    """What the controller drives: one sync cycle (network thread) and one status snapshot
    (database thread). In the app `ui.sync_adapter.SyncEngineAdapter` over `app.sync`; in
    widget tests a stand-in."""

    def cycle(self) -> Any: ...

    def status(self) -> SyncStatus: ...


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    cycle_started = Signal()
    cycle_finished = Signal(bool)  # ok

    def __init__(self, runner, engine: SyncBackend, interval_s: int = 60, parent=None) -> None:
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
