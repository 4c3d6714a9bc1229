"""Printing from the database: what loading, logging and counting add to the PDF engine.

Baseline (same run): the engine rendering the very same document record, with no database.

python bench/bench_printing.py            # 20-line note; batch of 200 notes
python bench/bench_printing.py --notes 50 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.services.context import CurrentUser  # noqa: E402
from app.store import Store  # noqa: E402


def build(store: Store, lines: int, notes: int) -> tuple[str, list[str]]:
    """One shipped 20-line order and `notes` shipped 5-line orders; returns their numbers."""
    from app.db.models import Outlet, PriceTier, Product, ProductPrice, ProductUnit, Warehouse
    from app.services import ledger
    from app.services.sales import LineInput

    with store.ctx.write() as uow:
        s = uow.session
        tier = PriceTier(code="A", name="A")
        outlet = Outlet(code="B001", name="西湖区好邻居便利店")
        s.add_all([tier, outlet])
        s.flush()
        outlet.tier_id = tier.id
        warehouse = s.query(Warehouse).first()
        units = []
        for n in range(lines):
            product = Product(sku=f"SKU{n:04d}", name=f"农夫山泉饮用天然水{n}", spec="550ml×24",
                              base_unit="瓶")
            s.add(product)
            s.flush()
            case = ProductUnit(product_id=product.id, name="箱", factor=24)
            s.add_all([ProductUnit(product_id=product.id, name="瓶", factor=1), case,
                       ProductPrice(product_id=product.id, tier_id=tier.id, price_fen=150)])
            s.flush()
            ledger.post_move(uow, product_id=product.id, warehouse_id=warehouse.id,
                             quantity=1_000_000, kind="receipt")
            units.append((product.id, case.id))
        outlet_id = outlet.id
    sales = store.sales

    def ship(count: int) -> str:
        order = sales.create_order(outlet_id=outlet_id, lines=[
            LineInput(pid, uid, 2) for pid, uid in units[:count]])
        return sales.ship(order_id=order.id).delivery_note_number

    big = ship(lines)
    return big, [ship(5) for _ in range(notes)]


def median_ms(action, repeats: int) -> float:
    action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(lines: int, notes: int, repeats: int) -> dict[str, float]:
    from app.documents import render_documents

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.db") as store:
        store.company.set_up(name="杭州鑫源商贸有限公司", device_code="D01")
        user = store.users.create(username="boss", password="boss-password", role="manager")
        store.login_as(CurrentUser(id=user.id, username="boss", role="manager"))
        big, small = build(store, lines, notes)
        printing = store.printing
        doc = printing.document("delivery_note", big)
        engine = median_ms(lambda: render_documents([doc]), repeats)
        preview = median_ms(lambda: printing.preview("delivery_note", big), repeats)
        printed = median_ms(lambda: printing.render("delivery_note", big), repeats)
        start = time.perf_counter()
        printing.render_batch_delivery_notes(small, workers=1)
        batch = time.perf_counter() - start
    return {
        "note_engine_only_ms": round(engine, 1),
        "note_preview_from_db_ms": round(preview, 1),
        "note_print_from_db_ms": round(printed, 1),
        "print_overhead_ratio": round(printed / engine, 2),
        f"batch_{notes}_notes_from_db_s": round(batch, 2),
        "batch_notes_per_s": round(notes / batch, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.lines, args.notes, args.repeats)
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            unit = name.rsplit("_", 1)[-1] if not name.endswith("_per_s") else "per_s"
            print(f"{name} {value} {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
