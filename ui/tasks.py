"""The one task runner for slow work (STYLE §4).

Two single-thread executors: one for the database (SQLite has one writer, and a session must
stay on one thread), one for network and files. Results come back to the GUI thread through a
queued signal, so a callback may touch widgets; a worker never does. Cancel is cooperative: a
task that accepts `cancel` polls `cancel.is_set()`, and the callbacks of a cancelled task are
dropped. A progress dialog appears only when a task takes longer than PROGRESS_DELAY_MS.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.cancelled import Cancelled

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600


@dataclass
class Task:
    """Handle of one submitted task."""

    label: str
    cancel: threading.Event = field(default_factory=threading.Event)
    future: Future | None = None
    done: bool = False

    def request_cancel(self) -> None:
        self.cancel.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()


class _Relay(QObject):
    """Lives in the GUI thread; worker threads emit, Qt queues the call to the GUI thread."""

    finished = Signal(object, object, object)  # task, result, error


class TaskRunner(QObject):
    """Run functions off the GUI thread; call back on it."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cd-db")
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cd-net")
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._dialogs: dict[int, QTimer | QProgressDialog] = {}
        self._pending = 0
        self._closed = False

    # -- submitting ---------------------------------------------------------------------------
    def run_db(self, fn: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None, label: str = "",
               progress_parent: QWidget | None = None) -> Task:
        """Run `fn()` on the database thread."""
        return self._submit(self._db, fn, on_done, on_error, label, progress_parent)

    def run_net(self, fn: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None, label: str = "",
                progress_parent: QWidget | None = None) -> Task:
        """Run `fn()` on the network/file thread."""
        return self._submit(self._net, fn, on_done, on_error, label, progress_parent)

    def submit_db(self, fn: Callable[[], Any]) -> Future:
        """Queue `fn` on the database thread and return its Future (no GUI callback). Used at
        start-up: whatever is queued afterwards runs after it, first in first out."""
        return self._db.submit(fn)

    def _submit(self, pool, fn, on_done, on_error, label, progress_parent) -> Task:
        task = Task(label=label)
        if self._closed:
            task.done = True
            return task
        self._callbacks[id(task)] = (on_done, on_error)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        if progress_parent is not None:
            self._arm_progress(task, progress_parent)
        wants_cancel = _accepts_cancel(fn)
        task.future = pool.submit(self._work, task, fn, wants_cancel)
        return task

    def _work(self, task: Task, fn: Callable, wants_cancel: bool) -> None:
        # Runs in a worker thread: compute, then hand the outcome to the GUI thread.
        try:
            result = fn(cancel=task.cancel) if wants_cancel else fn()
            self._relay.finished.emit(task, result, None)
        except BaseException as exc:  # noqa: BLE001 - every failure is delivered, none lost
            self._relay.finished.emit(task, None, exc)

    # -- delivering (GUI thread) --------------------------------------------------------------
    @Slot(object, object, object)
    def _deliver(self, task: Task, result: Any, error: BaseException | None) -> None:
        task.done = True
        self._close_progress(task)
        on_done, on_error = self._callbacks.pop(id(task), (None, None))
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if task.cancelled or isinstance(error, Cancelled):
            return
        if error is None:
            if on_done is not None:
                on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            from ui.errors import show_exception

            show_exception(error)

    # -- progress dialog ------------------------------------------------------------------------
    def _arm_progress(self, task: Task, parent: QWidget) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._open_progress(task, parent))
        self._dialogs[id(task)] = timer
        timer.start(PROGRESS_DELAY_MS)

    def _open_progress(self, task: Task, parent: QWidget) -> None:
        if task.done:
            return
        dialog = QProgressDialog(task.label, self.tr("Cancel"), 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(task.request_cancel)
        self._dialogs[id(task)] = dialog
        dialog.show()

    def _close_progress(self, task: Task) -> None:
        widget = self._dialogs.pop(id(task), None)
        if isinstance(widget, QTimer):
            widget.stop()
        elif widget is not None:
            # Closing a QProgressDialog emits `canceled`; the task has finished, not been
            # cancelled, so its result must still be delivered.
            widget.blockSignals(True)
            widget.close()
            widget.deleteLater()

    # -- lifecycle ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._pending > 0

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop accepting work; let running tasks finish (SQLite must not be cut mid-write)."""
        self._closed = True
        self._db.shutdown(wait=wait, cancel_futures=True)
        self._net.shutdown(wait=wait, cancel_futures=True)


def _accepts_cancel(fn: Callable) -> bool:
    # Looks at the code object directly: `inspect` alone costs ~10 ms of start-up.
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    return "cancel" in names
