"""Power loss on the clerk's PC: the desktop's core process killed with SIGKILL at random
points of its writes, hundreds of times, on a real SQLite file in WAL mode.

The writer (tests/maintenance/power_writer.py) runs the real services in a forked child that
starts as the desktop does; the test kills it after a random delay, then checks the file
with its own SQL (tests/maintenance/fold.py): `PRAGMA integrity_check`, every committed
document complete with its outbox ops and audit entry, none half-written; everything the
writer was told had committed is still there; every backup file is a whole database and
the partial copy a kill leaves behind does not pile up.
"""

from __future__ import annotations

import contextlib
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.services.catalog import PackSpec
from app.services.context import CurrentUser
from app.store import Store
from tests.maintenance import fold

ROOT = Path(__file__).resolve().parents[2]
KILLS = 200
# Where a kill lands. Most come at a random moment of the child's n-th write (n from 1 to
# WRITES_PER_LIFE, the moment scaled by how long writes take on this machine right now, so
# that they hit the writes however loaded it is, and earlier writes commit); the others at a
# random moment after the fork, so that they also hit the start-up (the check of the file,
# the WAL recovery, the open).
AFTER_FORK_SHARE = 0.2
AFTER_FORK_DELAY_S = (0.0, 0.05)
WRITES_PER_LIFE = 3
FRESH_CONNECTION_EVERY = 30  # kills between checks through a brand-new connection
TIME_LIMIT_S = 150.0  # a bound against a hang, far above the 10-30 s this takes


def test_sigkill_at_random_points_never_leaves_a_half_written_document(tmp_path, db_path):
    db_path = _seed(db_path, tmp_path / "data")
    rng = random.Random(20261201)
    landed: Counter[str] = Counter()
    deadline = time.monotonic() + TIME_LIMIT_S
    (tmp_path / "acks").mkdir()
    with ForkServer(db_path, tmp_path / "writer.err") as server:
        checker = _Checker(db_path)
        for kill in range(1, KILLS + 1):
            assert time.monotonic() < deadline, f"only {kill - 1} kills in {TIME_LIMIT_S} s"
            acks = tmp_path / "acks" / f"{kill:04d}.txt"
            if rng.random() < AFTER_FORK_SHARE:
                plan = KillPlan(writes=0, delay_s=rng.uniform(*AFTER_FORK_DELAY_S))
            else:
                plan = KillPlan(writes=rng.randint(1, WRITES_PER_LIFE),
                                delay_s=rng.uniform(0, 1.5) * server.typical_write_s())
            server.run_and_kill(rng.randrange(1 << 30), acks, plan)
            lines = acks.read_text().splitlines() if acks.exists() else []
            landed[_where_it_landed(lines)] += 1
            checker.check(lines, after=f"kill {kill} ({_where_it_landed(lines)})",
                          fresh_connection=kill % FRESH_CONNECTION_EVERY == 0)
        checker.close()
    # The kills must have hit the writes themselves, not only the start-up around them.
    inside = sum(n for where, n in landed.items() if where.startswith("during ")
                 and where != "during start-up")
    assert inside >= KILLS // 2, dict(landed)
    for kind in ("order", "ship", "pay", "edit_outlet", "stocktake", "backup"):
        assert sum(n for where, n in landed.items() if where.startswith(f"during {kind}")), \
            f"no kill during {kind}: {dict(landed)}"


def _where_it_landed(lines: list[str]) -> str:
    if not lines:
        return "before start"
    last = lines[-1].split()
    if last[0] in ("B", "S"):  # began a write (S: the step of a stocktake)
        return f"during {last[1]}"
    return {"start": "during start-up", "open": "after start-up"}.get(last[0], "between writes")


@dataclass(frozen=True)
class KillPlan:
    writes: int  # kill once the child has begun this many writes (0: once it is forked)
    delay_s: float  # ... and this much later


class ForkServer:
    """The writer process of tests/maintenance/power_writer.py."""

    def __init__(self, db_path: Path, stderr_file: Path) -> None:
        self.stderr_file = stderr_file
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.err = stderr_file.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.maintenance.power_writer", str(db_path)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err)
        self.buffer = b""
        self.write_times: list[float] = []
        assert self.read_line(60) == "ready", self.stderr()

    def typical_write_s(self) -> float:
        """The median time the recent writes took (the machine may be busy or idle)."""
        recent = sorted(self.write_times[-50:])
        return recent[len(recent) // 2] if recent else 0.02

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.kill()  # the server itself dies by SIGKILL too
        self.proc.wait(10)
        self.err.close()

    def stderr(self) -> str:
        self.err.flush()
        return self.stderr_file.read_text(errors="replace")

    def run_and_kill(self, seed: int, acks: Path, plan: KillPlan) -> None:
        """Fork a writer, SIGKILL it as planned, and make sure it died of that signal."""
        self.proc.stdin.write(f"run {seed} {acks}\n".encode())
        self.proc.stdin.flush()
        pid, begun, began_at = None, 0, None
        while pid is None or begun < plan.writes:
            line = self.read_line(30)
            word = line.split()[0]
            assert word != "exit", f"the writer stopped by itself:\n{self.stderr()}"
            if word == "pid":
                pid = int(line.split()[1])
            if word in ("B", "A", "R") and began_at is not None:
                self.write_times.append(time.monotonic() - began_at)
                began_at = None
            if word == "B":
                begun, began_at = begun + 1, time.monotonic()
        time.sleep(plan.delay_s)
        with contextlib.suppress(ProcessLookupError):  # gone already: the status tells why
            os.kill(pid, signal.SIGKILL)
        while not (line := self.read_line(30)).startswith("exit "):
            pass  # what the child said before it died
        _word, dead, status = line.split()
        assert int(dead) == pid, line
        status = int(status)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"the writer stopped by itself (status {status}):\n{self.stderr()}")

    def read_line(self, timeout_s: float) -> str:
        fd = self.proc.stdout.fileno()
        end = time.monotonic() + timeout_s
        while b"\n" not in self.buffer:
            left = end - time.monotonic()
            assert left > 0 and select.select([fd], [], [], left)[0], (
                f"the writer said nothing for {timeout_s} s:\n{self.stderr()}")
            chunk = os.read(fd, 4096)
            assert chunk, f"the writer exited:\n{self.stderr()}"
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()


class _Checker:
    """Checks after each kill, as the next start would find the file. Mostly through one
    connection that stays open, so the next writer meets the WAL and shared memory the kill
    left as they are; now and then through a new one after closing the old, so that the
    next writer recovers a WAL that no connection has open."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.backups = db_path.parent / "backups"
        self.checked_backups: set[str] = set()
        self.conn = fold.connect(self.db_path)

    def close(self) -> None:
        self.conn.close()

    def check(self, lines: list[str], *, after: str, fresh_connection: bool) -> None:
        if fresh_connection:
            self.conn.close()
            self.conn = fold.connect(self.db_path)
        found = fold.problems(self.conn)
        assert not found, f"after {after}:\n" + "\n".join(found)
        for line in lines:
            if line.startswith("A "):
                _action, rest = line[2:].split(" ", 1)
                assert self._still_there(_action, rest), f"after {after}: committed {line!r} lost"
        self._check_backups(after)

    def _still_there(self, action: str, rest: str) -> bool:
        one = lambda sql, *args: self.conn.execute(sql, args).fetchone()[0]  # noqa: E731
        if action == "backup":
            return True  # pruned ones may be gone; every file present is checked below
        if action == "edit_outlet":
            outlet_id, rev = rest.split()
            return one("SELECT COUNT(*) FROM outlet WHERE id = ? AND rev >= ?", outlet_id, int(rev))
        if action == "stocktake":
            step, stocktake_id = rest.split()
            status = one("SELECT status FROM stocktake WHERE id = ?", stocktake_id)
            return status == "posted" if step == "post" else status is not None
        query = {
            "order": "SELECT COUNT(*) FROM sales_order WHERE id = ? AND status != 'draft'",
            "ship": "SELECT COUNT(*) FROM delivery_note WHERE order_id = ?",
            "deliver": "SELECT COUNT(*) FROM delivery_note WHERE order_id = ? "
                       "AND delivered_at IS NOT NULL",
            "invoice": "SELECT COUNT(*) FROM invoice WHERE order_id = ?",
            "cancel": "SELECT COUNT(*) FROM sales_order WHERE id = ? AND status = 'cancelled'",
            "pay": "SELECT COUNT(*) FROM payment WHERE id = ?",
            "return_goods": "SELECT COUNT(*) FROM sales_return WHERE id = ?",
            "receive": "SELECT COUNT(*) FROM goods_receipt WHERE id = ?",
            "adjust": "SELECT COUNT(*) FROM stock_move WHERE id = ?",
        }[action]
        return one(query, rest) == 1

    def _check_backups(self, after: str) -> None:
        if not self.backups.is_dir():
            return
        partial = sorted(p.name for p in self.backups.iterdir() if not p.name.endswith(".db"))
        # A kill in the middle of a backup may leave its partial copy; the next start removes
        # it, so there is never more than the one of the last kill.
        assert len(partial) <= 2, f"after {after}: partial backups pile up: {partial}"
        for backup in sorted(self.backups.glob("*.db")):
            if backup.name in self.checked_backups:
                continue
            conn = fold.connect(backup)
            try:
                found = fold.problems(conn)
            finally:
                conn.close()
            assert not found, f"after {after}: backup {backup.name}:\n" + "\n".join(found)
            self.checked_backups.add(backup.name)


def _seed(template: Path, data_dir: Path) -> Path:
    """The migrated test database with a manager, a dozen products and some outlets, made
    through the services (negative stock allowed: shipping never waits for a receipt)."""
    data_dir.mkdir()
    db_path = data_dir / "channeldesk.db"
    shutil.copy(template, db_path)
    with Store.open(db_path) as store:
        manager = store.users.create(username="manager", password="manager-pw", role="manager")
        store.login_as(CurrentUser(id=manager.id, username="manager", role="manager"))
        store.company.set_setting("allow_negative_stock", "1")
        for n in range(12):
            store.catalog.create_product(sku=f"P{n:02d}", name=f"商品{n}", base_unit="瓶",
                                         packs=[PackSpec("箱", 12 + n)], floor_price_fen=150 + n)
        for n in range(8):
            store.outlets.create(name=f"门店{n}", phone=f"1380000{n:04d}", address=f"中山路{n}号")
    return db_path
