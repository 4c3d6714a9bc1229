"""Demo data generation rate, beside raw sqlite3 executemany of similar rows.

Figures:
- demo_rows_per_s: rows written by app.demo.build_demo (catalog with search keys, stock,
  orders, delivery notes, invoices, payments) per second of wall time, everything included.
- demo_<size>_s: wall time of that build; the size is 10k products / 500 outlets / 20k orders
  by default, or 100k / 5k / 200k (about 1M order lines; the bar is 5 minutes) with --full.
- baseline_raw_executemany_rows_per_s: sqlite3 executemany in one transaction (WAL,
  synchronous=NORMAL) of rows shaped like stock moves (UUID text keys, three secondary
  indexes) into an otherwise empty file.
- demo_vs_baseline_ratio: baseline rate / demo rate.

python bench/bench_demo.py [--full] [--json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import build_demo  # noqa: E402
from app.ids import new_id  # noqa: E402

SIZES = {
    False: ("demo_10k_products_500_outlets_20k_orders_s", 10000, 500, 20000),
    True: ("demo_100k_products_5k_outlets_200k_orders_s", 100000, 5000, 200000),
}


def raw_baseline(folder: Path, rows: int) -> float:
    conn = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE move (id TEXT PRIMARY KEY, product_id TEXT, warehouse_id TEXT, "
                 "batch_id TEXT, quantity INTEGER, kind TEXT, ref_id TEXT, created_at TEXT)")
    conn.execute("CREATE INDEX ix_balance ON move (product_id, warehouse_id, batch_id)")
    conn.execute("CREATE INDEX ix_ref ON move (kind, ref_id)")
    conn.execute("CREATE INDEX ix_created ON move (created_at)")
    products = [new_id() for _ in range(10000)]
    values = [(new_id(), products[n % 10000], "wh", products[(n * 7) % 10000], -n % 50,
               "shipment", new_id(), f"2026-01-01 00:00:{n % 60:02d}.000000")
              for n in range(rows)]
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO move VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return rows / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    name, products, outlets, orders = SIZES[args.full]
    with tempfile.TemporaryDirectory(prefix="channeldesk-bench-demo-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        built = build_demo(folder / "demo.db", products=products, outlets=outlets,
                           orders=orders, seed=20261127)
        elapsed = time.perf_counter() - started
        rate = built["rows"] / elapsed
        baseline = raw_baseline(folder, min(built["rows"], 1_000_000))
    results = {
        name: round(elapsed, 1),
        "demo_rows_per_s": round(rate),
        "baseline_raw_executemany_rows_per_s": round(baseline),
        "demo_vs_baseline_ratio": round(baseline / rate, 1),
    }
    if args.json:
        print(json.dumps(results))
        return
    print(f"# {built['rows']} rows: {products} products, {outlets} outlets, {orders} orders",
          file=sys.stderr)
    for key, value in results.items():
        unit = next(u for u in ("per_s", "ratio", "s") if key.endswith("_" + u))
        print(f"{key} {value} {unit}")


if __name__ == "__main__":
    main()
