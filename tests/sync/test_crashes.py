"""The client killed with SIGKILL at each step of a sync (a real subprocess running
`python -m app.sync.cli sync`), and HQ killed in the middle of a batch. After restarting,
one more sync must leave every invariant intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.sync import actions
from tests.sync.harness import ROOT, HQProcess, all_op_ids, check_invariants, enroll_code, seed_hq

CRASH_POINTS = [
    "before_push", "after_push_response", "after_push_record",
    "before_pull_apply", "mid_pull_apply", "after_pull_commit",
]


def _sync_in_subprocess(pc, crash_at: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CHANNELDESK_SYNC_CRASH_AT", None)
    if crash_at:
        env["CHANNELDESK_SYNC_CRASH_AT"] = crash_at
    return subprocess.run(
        [sys.executable, "-m", "app.sync.cli", "sync", "--db", str(pc.path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_client_killed_at_each_step_recovers(hq, world, make_pc, crash_at):
    pc = make_pc(hq, "DX", "pc1")
    other = make_pc(hq, "DX", "pc2", "D02")
    actions.new_outlet(other, "另一台电脑的客户")
    assert other.sync().ok  # so that the pull has something to apply
    assert pc.sync().ok
    actions.new_outlet(other, "又一个客户")
    assert other.sync().ok
    actions.new_outlet(pc, "华联超市", "13800000001")
    actions.receive(pc, "COLA", 12)
    emitted = all_op_ids(pc)

    killed = _sync_in_subprocess(pc, crash_at)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    assert pc.sync().ok  # the next sync, in a fresh process of its own
    assert other.sync().ok
    check_invariants(hq.db, world["DX"], [pc, other], {"pc1": emitted, "pc2": all_op_ids(other)})


def test_hq_killed_mid_batch_rolls_back_and_the_retry_applies_once(hq_db_url, tmp_path, make_pc):
    server = HQProcess(hq_db_url, tmp_path)
    ids = seed_hq(server.db, "DX")
    try:
        server.start()
        pc = make_pc(server, "DX", "pc1")
        assert pc.sync().ok
        for _ in range(30):
            actions.move(pc, "COLA", 1, kind="receipt")
        server.stop()
        server.start(env={"CHANNELDESK_HQ_CRASH_AFTER_OPS": "10"})

        report = pc.sync(attempts=2)

        assert not report.ok and report.error_id == "sync.offline"
        assert server.wait_exit() == 3  # died inside the push, before committing
        from server.models import ProcessedOp

        with server.db.read() as s:
            assert s.query(ProcessedOp).count() == 0  # nothing of the batch is visible
        server.start()
        assert pc.sync().ok
        assert actions.stock_of(pc, "COLA") == 30
        check_invariants(server.db, ids["DX"], [pc])
    finally:
        server.close()


def test_enroll_and_sync_from_the_command_line(hq_sqlite, db_path):
    hq = hq_sqlite
    seed_hq(hq.db, "DX")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = enroll_code(hq.db, "DX")
    run = subprocess.run([sys.executable, "-m", "app.sync.cli", "enroll", hq.url, code, "--db", str(db_path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "enrolled as device" in run.stdout and "private file" in run.stdout
    again = subprocess.run([sys.executable, "-m", "app.sync.cli", "enroll", hq.url, code, "--db", str(db_path)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "already used" in again.stderr
    sync = subprocess.run([sys.executable, "-m", "app", "sync", "--db", str(db_path)],  # `channeldesk sync`
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert sync.returncode == 0 and "sync ok" in sync.stdout
    watch = subprocess.Popen([sys.executable, "-m", "app.sync.cli", "sync", "--watch", "--interval", "0.3",
                              "--db", str(db_path)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        lines = []  # keeps syncing on its own; the first watch cycle also reports its data check
        while len([ln for ln in lines if ln.startswith("sync ")]) < 3 and len(lines) < 10:
            lines.append(watch.stdout.readline())
    finally:
        watch.kill()
        watch.wait(10)
    cycles = [line for line in lines if line.startswith("sync ")]
    assert len(cycles) == 3 and all(line.startswith("sync ok") for line in cycles), lines
    hq.stop()
    down = subprocess.run([sys.executable, "-m", "app.sync.cli", "sync", "--db", str(db_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert down.returncode == 1 and "cannot be reached" in down.stdout
