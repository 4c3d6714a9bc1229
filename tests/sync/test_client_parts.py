"""The client's parts on their own: token storage, the worker lock, backoff, status."""

from __future__ import annotations

import random
import stat

import pytest

from app.errors import SyncError
from app.sync import credentials
from app.sync.engine import Backoff
from app.sync.lock import SyncLock
from app.sync.protocol import BatchTooLarge, MustRefetch, Transient, _interpret


def test_token_falls_back_to_a_private_file_without_keyring(tmp_path, caplog):
    db = tmp_path / "channeldesk.db"
    stored = credentials.save(db, "dev-1", "secret-token")
    assert stored.stored_in == "file"  # these machines have no keyring backend
    path = credentials.token_file(db)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "no usable keyring backend" in caplog.text
    assert credentials.load(db, "dev-1").token == "secret-token"
    assert credentials.load(db, "other-device") is None
    credentials.forget(db, "dev-1")
    assert not path.exists()


def test_token_goes_to_the_keyring_when_one_works(tmp_path, monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1
        store: dict = {}

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def get_password(self, service, username):
            return self.store.get((service, username))

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        db = tmp_path / "channeldesk.db"
        assert credentials.save(db, "dev-2", "tok").stored_in == "keyring"
        assert not credentials.token_file(db).exists()
        assert credentials.load(db, "dev-2").token == "tok"
    finally:
        keyring.set_keyring(previous)


def test_one_sync_worker_per_database(tmp_path):
    db = tmp_path / "channeldesk.db"
    with SyncLock(db):
        with pytest.raises(SyncError) as busy:
            SyncLock(db).acquire()
        assert busy.value.message_id == "sync.busy"
    with SyncLock(db):  # released on exit
        pass


def test_backoff_grows_is_capped_and_jittered():
    backoff = Backoff(base=1.0, cap=60.0, rng=random.Random(7))
    delays = [backoff.delay(n) for n in range(12)]
    assert all(0.5 * min(60, 2**n) <= d <= min(60, 2**n) for n, d in enumerate(delays))
    assert max(delays) <= 60 and len({round(d, 6) for d in delays}) == len(delays)
    assert backoff.delay(0, retry_after=9) >= 9  # HQ's Retry-After is honoured


@pytest.mark.parametrize(("status", "body", "kind", "message_id"), [
    (503, b"", Transient, "sync.server_error"),
    (429, b"", Transient, "sync.throttled"),
    (200, b'{"changes": [', Transient, "sync.bad_response"),
    (413, b"", BatchTooLarge, "sync.batch_too_large"),
    (409, b'{"code": "must_refetch"}', MustRefetch, "sync.must_refetch"),
    (426, b'{"code": "protocol_unsupported", "message": "please update"}', SyncError, "sync.protocol_unsupported"),
    (403, b'{"code": "device_revoked", "message": "revoked"}', SyncError, "sync.device_revoked"),
    (401, b'{"code": "unauthorized", "message": "who"}', SyncError, "sync.unauthorized"),
])
def test_http_answers_map_to_what_the_engine_does_next(status, body, kind, message_id):
    with pytest.raises(kind) as raised:
        _interpret(status, {"Retry-After": "2"}, body)
    assert raised.value.message_id == message_id


def test_status_snapshot_of_a_never_enrolled_pc(store):
    from app.sync.status import read_status

    status = read_status(store.ctx)
    assert not status.enrolled and not status.online and status.last_success_at is None
    assert status.pending_count == 0 and status.parked == () and status.clock_skew_s is None


def test_sync_before_enrolling_says_what_to_do(store):
    from app.sync.setup import make_engine

    with pytest.raises(SyncError) as raised:
        make_engine(store.ctx)
    assert raised.value.message_id == "sync.not_enrolled"


def test_noop_sync_is_one_request(hq_sqlite, make_pc):
    from tests.sync.harness import seed_hq

    seed_hq(hq_sqlite.db, "DX")
    pc = make_pc(hq_sqlite, "DX", "pc1")
    assert pc.sync().ok
    report = pc.sync()
    assert report.ok and report.requests == 1 and report.pulled == 0
    assert report.bytes < 2048


def test_an_unexpected_error_fails_the_cycle_and_moves_no_cursor(hq_sqlite, make_pc, monkeypatch):
    from app.sync import apply
    from tests.sync import actions
    from tests.sync.harness import seed_hq

    seed_hq(hq_sqlite.db, "DX")
    pc = make_pc(hq_sqlite, "DX", "pc1")
    assert pc.sync().ok
    actions.new_outlet(pc, "出错时的店")

    def broken(_session):
        raise RuntimeError("disk on fire")

    with pc.ctx.read() as s:
        before = apply.load_cursor(s)
    monkeypatch.setattr(apply, "_pending_patches", broken)
    report = pc.sync()
    assert not report.ok and report.error_id == "sync.internal_error"
    assert "disk on fire" in report.error_params["detail"]
    with pc.ctx.read() as s:
        assert apply.load_cursor(s) == before  # the page and its cursor rolled back together
    monkeypatch.undo()
    assert pc.sync().ok and pc.engine().status().last_error_id == ""


def test_consecutive_pages_share_a_transaction_up_to_the_batch_size(hq_sqlite, make_pc, monkeypatch):
    """A first sync applies several pages per commit, each commit with its cursor; the
    outcome equals page-by-page apply."""
    from sqlalchemy import func, select

    from app.db.models import Outlet
    from app.sync import apply, engine
    from tests.sync import actions
    from tests.sync.harness import seed_hq

    seed_hq(hq_sqlite.db, "DX")
    first = make_pc(hq_sqlite, "DX", "pc1")
    for n in range(25):
        actions.new_outlet(first, f"批量门店{n:02d}")
    assert first.sync().ok

    second = make_pc(hq_sqlite, "DX", "pc2")
    applied: list[int] = []
    real_apply = apply.apply_page
    monkeypatch.setattr(engine, "APPLY_BATCH_ROWS", 10)
    monkeypatch.setattr(apply, "apply_page", lambda ctx, changes, cursor, **kw: (
        applied.append(len(changes)) or real_apply(ctx, changes, cursor, **kw)))
    sync = second.engine()
    sync.page_limit = 4
    report = sync.run_once()
    assert report.ok
    assert all(n >= 10 for n in applied[:-1])  # every commit but the last holds >= 10 changes
    assert len(applied) < -(-sum(applied) // 4)  # fewer commits than pages
    with second.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Outlet).where(
            Outlet.name.like("批量门店%"))) == 25
    assert second.sync().requests == 1  # caught up: the stored cursor is the last page's
