"""A copied database pushing as the same enrolled PC (sync-anchors §9 scenario 17): HQ sees
one outbox seq carried by two different ops of one device, refuses the copy's whole push
with 409 device_cloned, and the copy stops and keeps its ops. A PC restored from its own
backup, a retried push and an op from an older client (no seq) are not copies."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from app.db.backup import RESTORED_MARK, backup_database, restore_database
from app.errors import SyncError, describe
from app.services.context import CurrentUser
from app.store import Store
from app.sync import credentials, outbox
from app.sync.status import meta
from server.cli import main as hq_cli
from server.models import Device, ProcessedOp
from tests.sync import actions
from tests.sync.harness import PC, all_op_ids, check_invariants


def copy_of(pc: PC, folder, name: str) -> PC:
    """What a clerk does: copy the data folder (database with its WAL, and the token file
    used where no keyring exists) to a second PC, and start ChannelDesk there."""
    folder.mkdir(parents=True)
    for source in (pc.path, credentials.token_file(pc.path)):
        shutil.copy(source, folder / source.name)
    wal = pc.path.with_name(pc.path.name + "-wal")
    if wal.exists():
        shutil.copy(wal, folder / wal.name)
    twin = PC.__new__(PC)
    twin.path, twin.name = folder / pc.path.name, name
    _open(twin)
    return twin


def _open(pc: PC) -> None:
    pc.store = Store.open(pc.path)
    pc.store.login_as(CurrentUser(id=None, username="sync-test", role="manager"))


def _pending(pc: PC) -> set[str]:
    with pc.ctx.read() as s:
        return set(s.scalars(select(outbox.OutboxOp.op_id).where(outbox.OutboxOp.state == "pending")))


def _on_hq(hq, op_ids: set[str]) -> set[str]:
    with hq.db.read() as s:
        return set(s.scalars(select(ProcessedOp.op_id).where(ProcessedOp.op_id.in_(op_ids))))


def _clone_seen(hq, pc: PC):
    with hq.db.read() as s:
        return s.get(Device, meta(pc.ctx)["device_id"]).clone_seen_at


def test_copied_database_is_refused_and_the_original_keeps_syncing(hq, world, make_pc, tmp_path, capsys):
    pc = make_pc(hq, "DX", "pc1")
    actions.new_outlet(pc, "华联超市")
    assert pc.sync().ok
    actions.receive(pc, "COLA", 24)  # queued when the folder is copied: both copies hold it
    copy = copy_of(pc, tmp_path / "second-pc", "copy")
    try:
        actions.move(pc, "COLA", 2)
        actions.move(copy, "TEA", 5, kind="receipt")
        actions.new_outlet(copy, "复制机上的客户")
        copy_ops = _pending(copy)
        assert pc.sync().ok

        report = copy.sync()

        assert not report.ok and report.error_id == "sync.device_cloned"
        assert report.requests == 1  # stopped at once: no retries, no pull
        only_copy = copy_ops - all_op_ids(pc)
        assert len(only_copy) == 2 and not _on_hq(hq, only_copy)  # nothing of its push applied
        assert _pending(copy) == copy_ops  # every queued op kept
        status = copy.engine().status()
        assert status.last_error_id == "sync.device_cloned"
        assert "another PC" in describe(SyncError(status.last_error_id, **status.last_error_params))
        assert _clone_seen(hq, pc) is not None
        assert hq_cli(["--db", hq.db_url, "device", "list"]) == 0
        assert "COPIED DATABASE" in capsys.readouterr().out

        assert copy.sync().error_id == "sync.device_cloned"  # the copy stays stopped
        actions.move(pc, "COLA", 1)
        assert pc.sync().ok and pc.sync().ok  # the original is not disturbed
        check_invariants(hq.db, world["DX"], [pc])
    finally:
        copy.close()


def test_pc_restored_from_its_own_backup_keeps_syncing(hq, world, make_pc, tmp_path):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok  # the catalog
    actions.receive(pc, "COLA", 24)
    assert pc.sync().ok
    actions.move(pc, "COLA", 2)  # queued in the backup, sent after it
    backup = backup_database(pc.path, tmp_path / "backups" / "before.db")
    for _ in range(3):
        actions.move(pc, "COLA", 1)
    actions.new_outlet(pc, "备份之后的客户")
    assert pc.sync().ok  # HQ now holds seqs this backup never had
    pc.close()
    restore_database(backup, pc.path, safety_dir=tmp_path / "backups")
    _open(pc)
    assert meta(pc.ctx).get(RESTORED_MARK) == "1"
    actions.move(pc, "TEA", 6, kind="receipt")  # made offline, before the first push

    report = pc.sync()

    assert report.ok, report.error_id
    assert report.duplicates == 1  # the op queued in the backup had reached HQ already
    assert RESTORED_MARK not in meta(pc.ctx)
    actions.move(pc, "TEA", 1)
    assert pc.sync().ok and pc.sync().ok
    assert _clone_seen(hq, pc) is None
    check_invariants(hq.db, world["DX"], [pc])


def test_same_op_pushed_again_after_a_lost_answer_is_a_duplicate(hq, world, make_pc, proxy_for):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    actions.receive(pc, "COLA", 24)
    actions.move(pc, "COLA", 3)
    proxy = proxy_for(hq)
    proxy.add("drop_response", path="/v1/push")  # HQ commits, the PC never hears

    report = pc.sync(proxy.url)

    assert report.ok, report.error_id
    assert report.duplicates == 2 and report.pushed == 0
    assert _clone_seen(hq, pc) is None
    check_invariants(hq.db, world["DX"], [pc])


def test_ops_without_seq_from_an_older_client_are_accepted(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    actions.receive(pc, "COLA", 24)
    actions.move(pc, "COLA", 2)
    old_style = [{k: v for k, v in op.items() if k != "seq"} for op in outbox.next_batch(pc.ctx, 10)]
    engine = pc.engine()
    try:
        answers = engine.client.push(old_style)["results"]
        again = engine.client.push(old_style)["results"]
    finally:
        engine.client.close()

    assert [a["status"] for a in answers] == ["applied", "applied"]
    assert [a["status"] for a in again] == ["duplicate", "duplicate"]
    with hq.db.read() as s:
        seqs = s.scalars(select(ProcessedOp.device_seq).where(
            ProcessedOp.op_id.in_([op["op_id"] for op in old_style])))
        assert list(seqs) == [None, None]
    actions.move(pc, "COLA", 1)
    report = pc.sync()  # the same ops, now with their seq, plus a new one
    assert report.ok and report.duplicates == 2 and report.pushed == 1
    with hq.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ProcessedOp).where(
            ProcessedOp.device_seq.is_not(None))) >= 1
    check_invariants(hq.db, world["DX"], [pc])
