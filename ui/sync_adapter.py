"""Connects the status bar and the sync screen to the core's sync engine (`app.sync`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing the core is left to the worker threads (SQLAlchemy, HTTP client)
    from app.sync.status import SyncStatus


class SyncEngineAdapter:
    """cycle() = one `SyncEngine.run_once()`; status() = the core's status snapshot, as is.

    Until this PC is connected to HQ a cycle does nothing and the status says "not enrolled"
    with the outbox's counts."""

    def __init__(self, store, **engine_options) -> None:
        self.store = store
        self.engine_options = engine_options  # e.g. max_attempts, backoff, stall_timeout

    def cycle(self):
        from app.errors import SyncError
        from app.sync.setup import make_engine

        try:
            engine = make_engine(self.store.ctx, **self.engine_options)
        except SyncError as error:
            if error.message_id in ("sync.not_enrolled", "sync.credentials_missing"):
                return None  # not connected to HQ: the status says so
            raise
        try:
            return engine.run_once()
        finally:
            engine.client.close()

    def status(self) -> SyncStatus:
        from app.sync.status import read_status

        return read_status(self.store.ctx)
