"""Product search over a large catalog, beside raw sqlite3 doing the same token lookups
(DESIGN.md §7: product search over 100k products, p95 ≤ 10 ms in the service).

Figures, per kind of query (name prefix, pinyin initials, full pinyin, exact SKU, barcode,
Chinese substring), over --queries queries each drawn from the catalog itself:
- search_<kind>_p50_ms / _p95_ms: CatalogService.search(q), the call the UI makes (normalise,
  connection, token range, join, rank, sort, top 50 as frozen records).
- baseline_<kind>_p95_ms: raw sqlite3 on the same file reading the same token range
  (SELECT product_id, kind ... LIMIT 50): the index probe alone, no ranking.
- search_<kind>_vs_baseline_ratio: the two p95s divided.
- upsert_products_rows_per_s: the sync engine's bulk path (upsert_products with units,
  barcodes and search keys) for 5 pages of 1,000 new products, rolled back afterwards; the
  bar is 5,000 rows/s. baseline_raw_product_insert_rows_per_s: sqlite3 executemany of just the
  product rows of those pages.

The catalog is built once with app.demo (products only) and cached in --cache-dir.

python bench/bench_search.py [--products 100000] [--queries 300] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.orm import Session  # noqa: E402

from app.demo import build_demo  # noqa: E402
from app.ids import new_id  # noqa: E402
from app.search_keys import normalise_query  # noqa: E402
from app.services.catalog import upsert_products  # noqa: E402
from app.store import Store  # noqa: E402

KINDS = ("name", "pinyin", "pinyin_full", "sku", "barcode", "substring")
_TOP = chr(0x10FFFF)


def catalog_db(products: int, cache_dir: Path) -> Path:
    path = cache_dir / f"search-{products}.db"
    if path.exists():
        with sqlite3.connect(path) as conn:
            if conn.execute("SELECT COUNT(*) FROM product").fetchone()[0] == products:
                return path
        for old in cache_dir.glob(path.name + "*"):
            old.unlink()
    cache_dir.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building")
    for old in cache_dir.glob(building.name + "*"):
        old.unlink()
    started = time.perf_counter()
    build_demo(building, products=products, outlets=5, orders=0, seed=42)
    print(f"# built {products} products in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    building.rename(path)
    return path


def sample_queries(path: Path, count: int, seed: int = 7) -> dict[str, list[str]]:
    """Queries a clerk would type, taken from random products."""
    rng = random.Random(seed)
    with sqlite3.connect(path) as conn:
        total = conn.execute("SELECT COUNT(*) FROM product").fetchone()[0]
        picks = [rng.randrange(total) for _ in range(count)]
        rows = [conn.execute(
            "SELECT p.sku, p.name, p.pinyin_initials, p.pinyin_full, "
            "(SELECT code FROM barcode b WHERE b.product_id = p.id LIMIT 1) "
            "FROM product p LIMIT 1 OFFSET ?", (pick,)).fetchone() for pick in picks]
    queries: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for sku, name, initials, full, code in rows:
        chinese = normalise_query(name)
        start = rng.randrange(1, max(2, min(len(chinese), 10) - 2))
        queries["name"].append(chinese[:4])
        queries["pinyin"].append(initials[:4])
        queries["pinyin_full"].append(full[:8])
        queries["sku"].append(sku.lower())
        queries["barcode"].append(code)
        queries["substring"].append(chinese[start : start + 2])
    return queries


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def time_calls(fn, queries: list[str]) -> list[float]:
    for q in queries[:20]:
        fn(q)  # warm the page cache and statement cache
    times = []
    for q in queries:
        started = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - started) * 1000)
    return times


def bench_search(path: Path, queries: dict[str, list[str]]) -> dict[str, float]:
    results: dict[str, float] = {}
    raw = sqlite3.connect(path)
    baseline_sql = ("SELECT product_id, kind FROM product_search_token "
                    "WHERE token >= ? AND token < ? LIMIT 50")

    def baseline(q: str) -> None:
        q = normalise_query(q)
        raw.execute(baseline_sql, (q, q + _TOP)).fetchall()

    with Store.open(path) as store:
        for kind in KINDS:
            found = [len(store.catalog.search(q)) for q in queries[kind]]
            service = time_calls(store.catalog.search, queries[kind])
            base = time_calls(baseline, queries[kind])
            results[f"search_{kind}_p50_ms"] = round(statistics.median(service), 3)
            results[f"search_{kind}_p95_ms"] = round(percentile(service, 95), 3)
            results[f"baseline_{kind}_p95_ms"] = round(percentile(base, 95), 3)
            results[f"search_{kind}_vs_baseline_ratio"] = round(
                percentile(service, 95) / max(percentile(base, 95), 1e-6), 1)
            results[f"search_{kind}_found_ratio"] = round(
                sum(1 for n in found if n) / len(found), 3)
    raw.close()
    return results


def bench_upsert(path: Path, pages: int = 5, page_size: int = 1000) -> dict[str, float]:
    """Sync's bulk path for new products, in a transaction that is rolled back."""
    rng = random.Random(3)
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM product LIMIT ?",
                                            (pages * page_size,))]
    rows = []
    for n, name in enumerate(names):
        pid = new_id()
        rows.append({
            "id": pid, "sku": f"BENCH{n:07d}", "name": name + "新", "base_unit": "瓶",
            "spec": "500ml×24", "rev": 2, "units": [
                {"id": new_id(), "name": "瓶", "factor": 1,
                 "barcodes": [f"29{rng.randrange(10**11):011d}"]},
                {"id": new_id(), "name": "箱", "factor": 24, "barcodes": []}]})
    with Store.open(path) as store, store.ctx.engine.connect() as conn:
        transaction = conn.begin()
        session = Session(bind=conn)
        started = time.perf_counter()
        for first in range(0, len(rows), page_size):
            upsert_products(session, rows[first : first + page_size])
        elapsed = time.perf_counter() - started
        transaction.rollback()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    values = [(r["id"], r["sku"], r["name"], r["spec"], r["base_unit"]) for r in rows]
    started = time.perf_counter()
    raw.executemany(
        "INSERT INTO product (id, sku, name, spec, base_unit, tax_rate_bp, reorder_point, "
        "archived, pinyin_initials, pinyin_full, rev, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 1300, 0, 0, '', '', 1, '', '')", values)
    raw_elapsed = time.perf_counter() - started
    raw.execute("ROLLBACK")
    raw.close()
    return {
        "upsert_products_rows_per_s": round(len(rows) / elapsed),
        "baseline_raw_product_insert_rows_per_s": round(len(rows) / raw_elapsed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=100000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "channeldesk-bench")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    path = catalog_db(args.products, args.cache_dir)
    print(f"# {args.products} products, {args.queries} queries per kind", file=sys.stderr)
    results = bench_search(path, sample_queries(path, args.queries))
    results.update(bench_upsert(path))
    if args.json:
        print(json.dumps(results))
        return
    for name, value in results.items():
        unit = next(u for u in ("per_s", "ms", "s", "ratio") if name.endswith("_" + u))
        print(f"{name} {value} {unit}")


if __name__ == "__main__":
    main()
