"""Connects the status bar and the sync screen to the core's sync engine (`app.sync`)."""

from __future__ import annotations

import logging

from ui.sync_status import ParkedOp, SyncStatus

log = logging.getLogger(__name__)


class SyncEngineAdapter:
    """cycle() = one `SyncEngine.run_once()`; status() = the engine's status snapshot."""

    def __init__(self, store, **engine_options) -> None:
        self.store = store
        self.engine_options = engine_options  # e.g. max_attempts, backoff, stall_timeout

    @classmethod
    def create(cls, store) -> SyncEngineAdapter | None:
        """None when this build has no sync engine. Only looks: importing it is left to the
        first cycle, on a worker thread (it pulls in SQLAlchemy and the HTTP client)."""
        import importlib.util

        try:
            found = importlib.util.find_spec("app.sync.setup") is not None
        except ModuleNotFoundError:
            found = False
        return cls(store) if found else None

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

        st = read_status(self.store.ctx)
        return SyncStatus(
            online=st.online if st.enrolled else None,
            last_success=st.last_success_at,
            pending=st.pending_count,
            parked=len(st.parked),
            parked_ops=tuple(ParkedOp(p.op_id, p.op_type, p.entity_id, p.reason, p.device_time,
                                      p.number)
                             for p in st.parked),
            configured=st.enrolled,
            error_id=st.last_error_id,
            error_params=dict(st.last_error_params),
            inbound_waiting=st.inbound_waiting,
            integrity_ok=st.integrity_ok,
            integrity_checked_at=st.integrity_checked_at,
            integrity_streams=tuple(st.integrity_streams),
        )
