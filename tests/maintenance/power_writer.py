"""The desktop's core process for the power-loss test, as a fork server.

`python -m tests.maintenance.power_writer DB` opens the store on DB, does each piece of work
once (so that imports, mapper set-up and SQLAlchemy's statement cache are warm), closes every
connection and prints `ready`. Then for each `run SEED ACKFILE` line on stdin it forks a
child and prints `pid N`, and `exit N STATUS` once the child is gone. The child starts as the
desktop does (the start-up check of the file, the schema check, its own new connections to
the real file in WAL mode) and does a clerk's work through the public services until the
test kills it with SIGKILL: orders with lines, shipping, delivery, invoices, payments,
returns, outlet edits, receipts, adjustments, stocktakes and the daily backup.

A fork costs a few milliseconds where a fresh interpreter costs most of a second, so the test
can kill hundreds of real processes in its time budget.

The child reports each step on stdout and appends it to ACKFILE (unbuffered, so a kill keeps
every line written before it): `open N` once started, `B <action>` before a write, `A <action>
<id>` after the service returned, `R <action> <message id>` when it refused (and `S <step>`
for the step a stocktake is at). The test knows
what was committed and where each kill landed; it checks the file with its own SQL
(tests/maintenance/fold.py), never with this module.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import traceback
from pathlib import Path

from sqlalchemy import text

BACKUP_DAY_ZERO = dt.datetime(2031, 1, 1, 3, 0)  # daily backups of made-up days: each one runs
BACKUP_KEEP = 3
WEIGHTS = {
    "order": 24, "ship": 14, "deliver": 5, "invoice": 8, "pay": 8, "cancel": 2, "return_goods": 3,
    "edit_outlet": 10, "receive": 5, "adjust": 4, "stocktake": 9, "backup": 4,
}


def main(argv: list[str]) -> int:
    db_path = Path(argv[0])
    clerk = _warm_clerk(db_path)
    _say("ready")
    for line in sys.stdin:
        command, seed, ack_file = line.split()
        assert command == "run", line
        pid = os.fork()
        if pid == 0:
            os._exit(_child(clerk, int(seed), Path(ack_file)))
        _say(f"pid {pid}")
        _pid, status = os.waitpid(pid, 0)
        _say(f"exit {pid} {status}")
    return 0


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _warm_clerk(db_path: Path) -> Clerk:
    """The store with every piece of work done once, and no connection left open: a child
    forked from here opens its own connections, while its first write costs what a warm
    desktop's does (otherwise most kills would land in SQLAlchemy compiling statements)."""
    clerk = Clerk(db_path, random.Random(0), lambda _line: None, backup_base=0)
    clerk.start()
    for action in WEIGHTS:
        clerk.attempt(action)
    clerk.store.ctx.engine.dispose()
    return clerk


def _child(clerk: Clerk, seed: int, ack_file: Path) -> int:
    try:
        fd = os.open(ack_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

        def note(line: str) -> None:
            data = (line + "\n").encode()
            os.write(fd, data)
            os.write(sys.stdout.fileno(), data)

        clerk.restart(random.Random(seed), note, backup_base=seed % 2_000_000)
        clerk.work_until_killed()
    except BaseException:  # noqa: BLE001 - a bug in a service: the test shows this
        traceback.print_exc()
        sys.stderr.flush()
        return 1
    return 0


class Clerk:
    def __init__(self, db_path: Path, rng: random.Random, note, *, backup_base: int) -> None:
        self.db_path, self.rng, self.note = db_path, rng, note
        self.backups = backup_base

    def work_until_killed(self) -> None:
        actions, weights = zip(*WEIGHTS.items(), strict=True)
        while True:
            self.attempt(self.rng.choices(actions, weights)[0])

    def start(self) -> None:
        """As the desktop starts: the start-up check of the file, then the store."""
        from app import maintenance
        from app.services.context import CurrentUser
        from app.store import Store

        maintenance.check_integrity(self.db_path, self.db_path.parent)
        self.store = Store.open(self.db_path)
        manager = self._one("SELECT id FROM user_account WHERE role = 'manager' LIMIT 1")
        self.store.login_as(CurrentUser(id=manager, username="manager", role="manager"))
        self.warehouse = self._one("SELECT id FROM warehouse ORDER BY code LIMIT 1")

    def restart(self, rng: random.Random, note, *, backup_base: int) -> None:
        """A new process's start on the warm store: the start-up check of the file and the
        schema check as `Store.open` makes them; the connections are its own."""
        from app import maintenance
        from app.db.migrate import ensure_schema

        self.rng, self.note, self.backups = rng, note, backup_base
        self.note("start")
        maintenance.check_integrity(self.db_path, self.db_path.parent)
        ensure_schema(self.db_path)
        self.store.ctx.forget_device_code()
        self.note(f"open {os.getpid()}")

    def attempt(self, action: str) -> None:
        from app.errors import ChannelDeskError

        self.note(f"B {action}")
        try:
            done = getattr(self, action)()
        except ChannelDeskError as error:  # e.g. nothing to ship: refused, nothing written
            self.note(f"R {action} {error.message_id}")
            return
        if done is not None:
            self.note(f"A {action} {done}")

    # -- reading what there is to work on -------------------------------------------------

    def _rows(self, sql: str, **params) -> list:
        with self.store.ctx.read() as s:
            return s.execute(text(sql), params).all()

    def _one(self, sql: str, **params):
        rows = self._rows(sql, **params)
        return rows[0][0] if rows else None

    def _any(self, sql: str, **params):
        return self._one(sql + " ORDER BY random() LIMIT 1", **params)

    def _order_in(self, *statuses: str) -> str | None:
        marks = ", ".join(f"'{s}'" for s in statuses)
        return self._any(f"SELECT id FROM sales_order WHERE status IN ({marks})")

    # -- the clerk's work, one service call each --------------------------------------------

    def order(self) -> str:
        outlet = self._any("SELECT id FROM outlet")
        products = self._rows("SELECT p.id, u.id, u.factor, p.floor_price_fen FROM product p "
                              "JOIN product_unit u ON u.product_id = p.id")
        lines = []
        for pid, unit, factor, floor in self.rng.sample(products, self.rng.randint(1, 6)):
            price = (floor or 100) * factor + self.rng.randint(0, 300)
            lines.append({"product_id": pid, "unit_id": unit, "quantity": self.rng.randint(1, 9),
                          "unit_price_fen": price})
        return self.store.sales.create_order(outlet_id=outlet, lines=lines).id

    def ship(self) -> str | None:
        order = self._order_in("confirmed")
        return order and self.store.sales.ship(order_id=order).order.id

    def deliver(self) -> str | None:
        order = self._order_in("shipped")
        return order and self.store.sales.deliver(order_id=order, signed_by="店主").id

    def invoice(self) -> str | None:
        order = self._order_in("shipped", "delivered")
        return order and self.store.sales.invoice(order_id=order).order_id

    def cancel(self) -> str | None:
        order = self._order_in("confirmed")
        return order and self.store.sales.cancel(order_id=order, reason="客户取消").id

    def pay(self) -> str | None:
        row = self._rows("SELECT outlet_id, total_fen - paid_fen FROM invoice "
                         "WHERE paid_fen < total_fen ORDER BY random() LIMIT 1")
        if not row:
            return None
        outlet, open_fen = row[0]
        method = self.rng.choice(["cash", "wechat", "bank"])
        amount = self.rng.randint(1, open_fen + 500)
        return self.store.receivables.record_payment(
            outlet_id=outlet, amount_fen=amount, method=method).id

    def return_goods(self) -> str | None:
        row = self._rows("SELECT o.id, l.id FROM sales_order o JOIN sales_order_line l "
                         "ON l.order_id = o.id WHERE o.status IN ('shipped', 'delivered') "
                         "ORDER BY random() LIMIT 1")
        if not row:
            return None
        order, line = row[0]
        return self.store.sales.create_return(order_id=order, lines=[(line, 1)],
                                              reason="破损退货").id

    def edit_outlet(self) -> str:
        outlet = self._any("SELECT id FROM outlet")
        field = self.rng.choice(["phone", "address", "contact", "name"])
        value = {"phone": f"139{self.rng.randint(0, 99_999_999):08d}",
                 "address": f"解放路{self.rng.randint(1, 999)}号",
                 "contact": self.rng.choice(["王经理", "李老板", "张店长"]),
                 "name": f"便利店{self.rng.randint(1, 99_999)}"}[field]
        info = self.store.outlets.update(outlet, allow_duplicate=True, **{field: value})
        return f"{info.id} {info.rev}"

    def receive(self) -> str:
        from app.services.stock_types import ReceiptLineIn

        products = self._rows("SELECT id FROM product ORDER BY random() LIMIT 3")
        lines = [ReceiptLineIn(pid, None, self.rng.randint(24, 240),
                               lot_no=f"L{self.rng.randint(1, 40):03d}",
                               production_date=dt.date(2030, 1, 1),
                               expiry_date=dt.date(2032, 1, 1))
                 for (pid,) in products]
        return self.store.stock.receive(warehouse_id=self.warehouse, lines=lines).id

    def adjust(self) -> str:
        product = self._any("SELECT id FROM product")
        delta = self.rng.choice([-3, -2, -1, 1, 2, 5])
        return self.store.stock.adjust(product, self.warehouse, delta, "破损").id

    def stocktake(self) -> str:
        """Start a stocktake, count it line by line, post it: one step per call (noted as
        `S stocktake-<step>`, so the test can tell a kill in the posting from the others)."""
        stock = self.store.stock
        open_one = self._one("SELECT id FROM stocktake WHERE status = 'open' LIMIT 1")
        if open_one is None:
            products = [r[0] for r in self._rows("SELECT id FROM product ORDER BY random() "
                                                 "LIMIT 8")]
            self.note("S stocktake-start")
            return "start " + stock.start_stocktake(self.warehouse, products).id
        uncounted = self._rows("SELECT product_id, batch_id, expected_qty FROM stocktake_line "
                               "WHERE stocktake_id = :st AND counted_qty IS NULL "
                               "ORDER BY random() LIMIT 1", st=open_one)
        if uncounted and self.rng.random() < 0.6:
            pid, batch, expected = uncounted[0]
            self.note("S stocktake-count")
            stock.record_count(open_one, pid, batch, max(0, expected + self.rng.randint(-4, 4)))
            return "count " + open_one
        self.note("S stocktake-post")
        return "post " + stock.post_stocktake(open_one).id

    def backup(self) -> str | None:
        from app import maintenance

        self.backups += 1
        made = maintenance.daily_backup(self.db_path, self.db_path.parent, keep=BACKUP_KEEP,
                                        now=BACKUP_DAY_ZERO + dt.timedelta(days=self.backups))
        return made and str(made)



if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
