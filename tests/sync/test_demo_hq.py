"""The demo with HQ (`channeldesk-hq demo`): a demo HQ in its own process and a demo PC
enrolled with it hold the same history, and what HQ staff decide with the printed
`channeldesk-hq` lines reaches the PC at its next sync. The PC-only demo cannot be enrolled.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import func, select

from app.db.models import OutboxOp, SalesOrder, StockMove
from app.demo import build_demo
from app.demo.sizes import Sizes
from app.errors import SyncError
from app.store import Store
from app.sync import checksums
from app.sync.integrity import local_checksums
from app.sync.setup import enroll
from app.sync.status import meta
from server import integrity as hq_integrity
from server.db import Database
from server.demo import world as demo
from server.demo.cli import decisions, pc_sync_command
from server.models import Device, Distributor
from tests.sync.harness import enroll_code, seed_hq

COMMAND_TIMEOUT_S = 90


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The command's core, without the desktop: built once, HQ stopped at the end whatever
    happens."""
    folder = tmp_path_factory.mktemp("demo") / "demo-hq"
    world = demo.build_world(folder, sizes=Sizes(products=20, outlets=10, orders=30))
    try:
        yield world
    finally:
        world.close()
        assert not world.hq.running()


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _step(world: demo.DemoWorld, starts: str) -> list[str]:
    steps = decisions(world.folder, demo.waiting_at_hq(world.folder))
    return next(command for what, command in steps if what.startswith(starts))


def _hq_and_pc_checksums(world: demo.DemoWorld) -> tuple[dict, dict]:
    db = Database(world.hq_database_url)
    try:
        with db.read() as s:
            distributor = s.scalar(select(Distributor.id).where(Distributor.code == "GZ01"))
            hq = hq_integrity.for_distributor(s, distributor)
    finally:
        db.dispose()
    with Store.open(world.pc_path) as store, store.ctx.read() as s:
        return hq, local_checksums(s)


def test_hq_and_the_demo_pc_hold_the_same_history(built):
    assert built.check == "ok"  # the last sync of the build ran the convergence check
    hq, pc = _hq_and_pc_checksums(built)
    assert checksums.differing(hq, pc) == []
    with Store.open(built.pc_path) as store, store.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0
        moves = s.scalar(select(func.count()).select_from(StockMove))
        sold = s.scalar(select(func.count()).select_from(SalesOrder).where(SalesOrder.status == "invoiced"))
    assert moves > 20 and sold > 10  # a history, not two empty sides that trivially agree
    assert hq["stock"]["count"] == moves


def test_the_rival_distributors_filing_makes_the_demo_pcs_a_conflict(built):
    with Store.open(built.pc_path) as store:
        shop = [f for f in store.filings.list() if f.phone == demo.CONTESTED_SHOP.phone]
    assert [f.status for f in shop] == ["conflict"]
    contest = demo.waiting_at_hq(built.folder).contest
    assert contest is not None and contest.holder_code == "GZ02"


def _decided_at_hq(world: demo.DemoWorld, command: list[str], status_on_pc) -> tuple[str, str]:
    """The PC's status of the document before HQ's decision and after the next sync, the
    decision and the sync made with the lines the command prints."""
    before = status_on_pc()
    _run(command)
    _run(pc_sync_command(world))
    return before, status_on_pc()


def test_a_filing_decided_at_hq_reaches_the_pc_after_a_sync(built):
    command = _step(built, "approve the filing of")
    filing_id = command[command.index("decide") + 1]

    def status() -> str:
        with Store.open(built.pc_path) as store:
            return store.filings.get(filing_id).status

    assert _decided_at_hq(built, command, status) == ("pending", "approved")


def test_a_purchase_order_approved_at_hq_reaches_the_pc_after_a_sync(built):
    command = _step(built, "approve purchase order")
    po_id = command[-1]

    def status() -> str:
        with Store.open(built.pc_path) as store:
            return store.purchasing.get(po_id).status

    assert _decided_at_hq(built, command, status) == ("submitted", "approved")
    with Store.open(built.pc_path) as store:
        assert meta(store.ctx).get("hq_url") == built.hq.url


def test_the_pc_only_demo_cannot_be_enrolled(tmp_path, hq_sqlite):
    """Its history was written as already synced and never pushed: enrolled, HQ and the PC
    would disagree for ever. Enrollment refuses it before using HQ's one-time code."""
    seed_hq(hq_sqlite.db, "DX")
    path = tmp_path / "demo.db"
    build_demo(path, products=10, outlets=5, orders=20, seed=3)
    with Store.open(path) as store, pytest.raises(SyncError) as refused:
        enroll(store.ctx, hq_sqlite.url, enroll_code(hq_sqlite.db, "DX"))
    assert refused.value.message_id == "sync.demo_not_enrollable"
    with hq_sqlite.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Device)) == 0


def test_a_folder_with_other_channeldesk_data_is_not_cleared(tmp_path):
    (tmp_path / "hq.db").write_bytes(b"")
    with pytest.raises(demo.DemoFailed):
        demo.build_world(tmp_path)
    assert (tmp_path / "hq.db").exists()


def test_the_command_prints_the_decisions_and_stops_hq_when_stopped(tmp_path):
    """`channeldesk-hq demo --no-desktop` as a newcomer runs it; SIGTERM stops HQ too."""
    folder = tmp_path / "demo-hq"
    proc = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "--data-dir", str(folder), "demo", "--no-desktop",
         "--products", "6", "--outlets", "5", "--orders", "6"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    output: list[str] = []
    try:
        deadline = time.monotonic() + 180
        while not any("press Ctrl+C" in line for line in output):
            assert time.monotonic() < deadline and proc.poll() is None, "".join(output)
            with contextlib.suppress(queue.Empty):
                output.append(lines.get(timeout=1))
        text = "".join(output)
        assert "filings decide" in text and "po approve" in text, text
        port = int((folder / "hq.port").read_text())
        socket.create_connection(("127.0.0.1", port), 2).close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
    time.sleep(0.2)  # the reader thread drains the last lines
    while not lines.empty():
        output.append(lines.get())
    assert "HQ stopped." in "".join(output)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), 2).close()
