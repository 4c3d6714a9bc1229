"""Sync benchmarks on loopback with a SQLite HQ.

    python bench/bench_sync.py [--json] [--products N] [--outlets N] [--history N]

Figures: sync_initial_rows_per_s (end to end: HTTP, gzip, JSON, local apply, cursor) beside
baseline_local_apply_rows_per_s (the same pages applied locally with no network, measured in
the same run); sync_noop_requests and sync_noop_bytes (a sync with nothing to do, both
directions); sync_drain_1000_s (1,000 queued ops pushed after HQ comes back);
sync_history_changes_per_s (another PC's order history: orders with delivery notes and
invoices, and payments, pulled by a PC that already has the catalog) beside
baseline_history_row_by_row_changes_per_s (the same pull with the bulk paths for orders and
payments switched off, in the same run).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app.barcodes import make_ean13  # noqa: E402
from app.db.models import OutboxOp  # noqa: E402
from app.services import ledger  # noqa: E402
from app.store import Store  # noqa: E402
from app.sync import apply  # noqa: E402
from app.sync.protocol import HQClient  # noqa: E402
from server import feed, settings  # noqa: E402
from server.catalog import import_rows  # noqa: E402
from server.models import Outlet  # noqa: E402
from tests.sync.harness import PC, HQProcess, enroll_code, seed_hq  # noqa: E402


def seed(hq: HQProcess, products: int, outlets: int) -> str:
    distributor = seed_hq(hq.db, "DX")["DX"]
    rows = [{"sku": f"SKU{n:06d}", "name": f"测试商品{n}号 矿泉水", "spec": "550ml", "base_unit": "瓶",
             "packs": "箱=24", "barcodes": f"{make_ean13(f'691{n:09d}')};箱:{make_ean13(f'681{n:09d}')}", "price_A": "2.50",
             "price_B": "2.30", "floor_price": "2.00"} for n in range(products)]
    with hq.db.write() as s:
        import_rows(s, rows)
    with hq.db.write() as s:
        for n in range(outlets):
            outlet = Outlet(id=str(uuid.uuid4()), distributor_id=distributor, code=f"CU-{n:06d}",
                            name=f"客户{n}号超市", phone=f"138{n:08d}", address=f"测试路{n}号", rev=1)
            s.add(outlet)
            feed.publish(s, settings.distributor_feed(distributor), "outlet", outlet.id,
                         {"id": outlet.id, "code": outlet.code, "name": outlet.name,
                          "phone": outlet.phone, "address": outlet.address, "rev": 1}, compact=False)
    return distributor


def fresh_pc(template: Path, folder: Path, name: str, hq: HQProcess) -> PC:
    pc = PC(template, folder, name)
    pc.enroll(hq.url, enroll_code(hq.db, "DX"))
    return pc


def measure_initial(pc: PC) -> tuple[float, int]:
    engine = pc.engine(stall=60)
    started = time.perf_counter()
    report = engine.run_once()
    seconds = time.perf_counter() - started
    assert report.ok, report
    return seconds, report.pulled


def measure_local_apply(pc: PC, hq: HQProcess) -> tuple[float, int]:
    """Download every page first, then time only the local apply of those same pages."""
    token = pc.engine().client.token
    client = HQClient(hq.url, token)
    pages, cursor = [], ""
    while True:
        page = client.changes(cursor, 1000)
        pages.append(page)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    started = time.perf_counter()
    rows = 0
    for page in pages:
        rows += apply.apply_page(pc.ctx, page["changes"], page["next_cursor"]).applied
    return time.perf_counter() - started, rows


def measure_drain(pc: PC, hq: HQProcess, ops: int = 1000) -> float:
    engine = pc.engine(stall=60)
    product = pc.store.catalog.get_by_sku("SKU000000").id
    with pc.ctx.read() as s:
        from app.db.models import Warehouse

        warehouse = s.scalar(select(Warehouse.id))
    for _ in range(ops):
        with pc.ctx.write() as uow:
            ledger.post_move(uow, product_id=product, warehouse_id=warehouse, quantity=1, kind="receipt")
    engine.client.url = "http://127.0.0.1:9"  # HQ unreachable: the ops queue up
    engine.max_attempts = 1
    assert not engine.run_once().ok
    engine.client.url, engine.max_attempts = hq.url, 6
    started = time.perf_counter()  # HQ is back
    report = engine.run_once()
    seconds = time.perf_counter() - started
    with pc.ctx.read() as s:
        left = s.scalar(select(func.count()).select_from(OutboxOp))
    assert report.ok and left == 0, (report, left)
    return seconds


def measure_history(source: PC, template: Path, folder: Path, hq: HQProcess, orders: int) -> tuple[float, float]:
    """Changes/s of pulling `orders` shipped and invoiced orders (and a payment for every
    second one) made on `source`: bulk, then row by row, each on a PC holding the catalog."""
    bulk, single = fresh_pc(template, folder, "pc3", hq), fresh_pc(template, folder, "pc4", hq)
    for pc in (bulk, single):
        assert pc.engine(stall=60).run_once().ok
    shops = [source.store.outlets.create(name=f"历史门店{n}", allow_duplicate=True).id for n in range(50)]
    product = source.store.catalog.get_by_sku("SKU000000")
    unit = product.units[0].id
    with source.ctx.write() as uow:
        ledger.post_move(uow, product_id=product.id, warehouse_id=source.store.company.warehouses()[0].id,
                         quantity=orders * 10, kind="receipt")
    for n in range(orders):
        order = source.store.sales.create_order(outlet_id=shops[n % 50], lines=[
            {"product_id": product.id, "unit_id": unit, "quantity": 1 + n % 5, "unit_price_fen": 300}])
        source.store.sales.ship(order_id=order.id)
        source.store.sales.invoice(order_id=order.id)
        if n % 2 == 0:
            source.store.receivables.record_payment(outlet_id=shops[n % 50], amount_fen=600, method="cash")
    assert source.engine(stall=60).run_once().ok
    rates = []
    for pc, kinds in ((bulk, None), (single, ("sales_order", "payment"))):
        saved = dict(apply.BULK)
        if kinds:
            for kind in kinds:
                apply.BULK.pop(kind, None)
        try:
            engine = pc.engine(stall=60)
            started = time.perf_counter()
            report = engine.run_once()
            seconds = time.perf_counter() - started
        finally:
            apply.BULK.clear()
            apply.BULK.update(saved)
        assert report.ok, report
        rates.append(report.pulled / seconds)
        pc.close()
    return rates[0], rates[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--outlets", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=1_000, help="orders in the history test")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    folder = Path(tempfile.mkdtemp(prefix="cd-bench-sync-"))
    hq = None
    try:
        template = folder / "template.db"
        with Store.open(template) as store:
            store.company.set_up(name="基准测试商贸", device_code="D01")
        # HQ runs in its own process, as it would on its own machine.
        hq = HQProcess(f"sqlite:///{folder / 'hq.db'}", folder)
        seed(hq, args.products, args.outlets)
        hq.start()

        first = fresh_pc(template, folder, "pc1", hq)
        seconds, rows = measure_initial(first)
        base = fresh_pc(template, folder, "pc2", hq)
        base_seconds, base_rows = measure_local_apply(base, hq)
        # The sync after the first one runs the convergence check (app/sync/integrity.py);
        # the one after that has nothing to do.
        assert first.engine().run_once().integrity == "ok"
        noop = first.engine().run_once()
        drain = measure_drain(first, hq)
        history, row_by_row = measure_history(first, template, folder, hq, args.history)
        figures = {
            "sync_initial_rows": rows,
            "sync_initial_rows_per_s": round(rows / seconds),
            "baseline_local_apply_rows_per_s": round(base_rows / base_seconds),
            "sync_noop_requests": noop.requests,
            "sync_noop_bytes": noop.bytes,
            "sync_drain_1000_s": round(drain, 3),
            "sync_history_changes_per_s": round(history),
            "baseline_history_row_by_row_changes_per_s": round(row_by_row),
        }
        for pc in (first, base):
            pc.close()
    finally:
        if hq is not None:
            hq.close()
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        units = {"sync_initial_rows": "rows", "sync_initial_rows_per_s": "rows/s",
                 "baseline_local_apply_rows_per_s": "rows/s", "sync_noop_requests": "requests",
                 "sync_noop_bytes": "bytes", "sync_drain_1000_s": "s",
                 "sync_history_changes_per_s": "changes/s",
                 "baseline_history_row_by_row_changes_per_s": "changes/s"}
        for name, value in figures.items():
            print(f"{name} {value} {units[name]}")


if __name__ == "__main__":
    main()
