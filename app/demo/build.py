"""`build_demo`: the PC-only demo database, a distributor's year for trying the app and for
benchmarks (`channeldesk demo --products 100000 --outlets 5000 --orders 200000` writes ~1M
order lines).

Its rows are written as already-synced history (see app.demo.history): such a database is
for using on its own, not for enrolling with an HQ; `channeldesk-hq demo` builds the demo
that syncs.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text as _sql

from app.clock import utcnow
from app.demo.company import set_up_company
from app.demo.history import HistoryBuilder
from app.demo.rows import ts
from app.errors import ValidationError
from app.ids import new_id
from app.services.context import SYSTEM_USER
from app.store import Store


def build_demo(
    path: Path,
    *,
    products: int = 500,
    outlets: int = 200,
    orders: int = 2000,
    seed: int = 20261127,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Create (or open) the database at `path` and fill it with demo data.

    Refuses a database that already has products. Returns what was written, with timings.
    """
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    with Store.open(Path(path)) as store:
        store.login_as(SYSTEM_USER)
        people = _prepare(store)
        with store.ctx.engine.connect() as conn:
            raw = conn.connection.driver_connection
            if raw.execute("SELECT 1 FROM product LIMIT 1").fetchone():
                raise ValidationError("demo.not_empty", path=str(path))
            raw.execute("PRAGMA cache_size=-262144")  # 256 MB while building
            conn.execution_options(immediate=True)  # BEGIN IMMEDIATE: we are the writer
            builder = HistoryBuilder(conn, raw, random.Random(seed), people, say)
            builder.run(products=products, outlets=outlets, orders=orders, seed=seed)
    result = dict(builder.counts)
    result["rows"] = sum(builder.counts.values())
    result["seconds"] = round(time.perf_counter() - started, 2)
    say(f"done: {result['rows']} rows in {result['seconds']} s")
    return result


def _prepare(store: Store) -> dict[str, str]:
    """Company and users through the services (few rows, real validation), and a second
    warehouse."""
    users = set_up_company(store)
    with store.ctx.write() as uow:
        found = dict(uow.session.execute(_sql("SELECT code, id FROM warehouse")).all())
        if "WH02" not in found:
            wid = new_id()
            uow.session.execute(_sql(
                "INSERT INTO warehouse (id, code, name, archived, created_at, updated_at) "
                "VALUES (:id, 'WH02', '二号仓库', 0, :now, :now)"), {"id": wid, "now": ts(utcnow())})
            found["WH02"] = wid
    main = found.get("WH01") or sorted(v for k, v in found.items() if k != "WH02")[0]
    return {"demo": users["demo"], "clerk": users["clerk"], "keeper": users["keeper"],
            "wh1": main, "wh2": found["WH02"], "device": store.ctx.device_code}
