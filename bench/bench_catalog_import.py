"""Catalog import benchmarks: reading a brand's file and importing it into a SQLite HQ.

    python bench/bench_catalog_import.py [--json] [--products N]

Figures (N products, 10,000 by default, Chinese headers): catalog_read_csv_s (a GBK CSV read
and checked by app/tabular) beside baseline_csv_module_s (the same bytes decoded and split by
the csv module alone); catalog_read_xlsx_s beside baseline_openpyxl_values_s (openpyxl's
read-only rows, no checks); catalog_import_s (read, plan, write and publish, one
transaction) and catalog_reimport_unchanged_s (the same file again: nothing changes) beside
baseline_sqlite_insert_s (the products' rows inserted with raw sqlite3 executemany).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from app.barcodes import make_ean13  # noqa: E402
from app.tabular import read_table  # noqa: E402
from server.catalog import import_catalog  # noqa: E402
from server.catalog_rows import catalog_schema  # noqa: E402
from server.db import Database  # noqa: E402

HEADER = ["商品编码", "商品名称", "规格", "基本单位", "箱规(每箱数量)", "单品条码", "箱条码", "建议零售价",
          "最低控价", "保质期(天)", "价格:A", "价格:B"]


def rows(products: int) -> list[list[str]]:
    return [[f"SKU{n:06d}", f"测试商品{n}号 矿泉水", "550ml", "瓶", "24", make_ean13(f"691{n:09d}"),
             make_ean13(f"681{n:09d}"), "2.80", "2.00", "365", "2.50", "2.30"] for n in range(products)]


def csv_bytes(lines: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *lines])
    return buffer.getvalue().encode("gbk")


def xlsx_bytes(lines: list[list[str]]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for line in lines:
        # as Excel holds them: counts and barcodes as whole numbers, prices as floats
        sheet.append([*line[:4], int(line[4]), int(line[5]), int(line[6]), float(line[7]),
                      float(line[8]), int(line[9]), float(line[10]), float(line[11])])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def measure_imports(folder: Path, data: bytes) -> tuple[float, float]:
    db = Database(f"sqlite:///{folder / 'hq.db'}")
    db.upgrade()
    times = []
    for _ in range(2):
        def run():
            with db.write() as s:
                return import_catalog(s, data, name="catalog.csv")
        seconds, result = timed(run)
        assert result.written and not result.problems, result.problems[:3]
        times.append(seconds)
    db.dispose()
    return times[0], times[1]


def baseline_insert(folder: Path, lines: list[list[str]]) -> float:
    conn = sqlite3.connect(folder / "raw.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE product (sku TEXT PRIMARY KEY, data TEXT)")
    started = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO product VALUES (?, ?)",
                         ((line[0], json.dumps(line, ensure_ascii=False)) for line in lines))
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--products", type=int, default=10_000)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    lines = rows(args.products)
    gbk, workbook = csv_bytes(lines), xlsx_bytes(lines)
    schema = catalog_schema({})
    folder = Path(tempfile.mkdtemp(prefix="cd-bench-catalog-"))
    try:
        read_csv, table = timed(lambda: read_table(gbk, schema, name="catalog.csv"))
        assert len(table.records) == args.products and not table.problems
        base_csv, _ = timed(lambda: list(csv.reader(io.StringIO(gbk.decode("gb18030")))))
        read_xlsx, table = timed(lambda: read_table(workbook, schema, name="catalog.xlsx"))
        assert len(table.records) == args.products and not table.problems, table.problems[:3]
        base_xlsx, _ = timed(lambda: _openpyxl_values(workbook))
        first, again = measure_imports(folder, gbk)
        figures = {
            "catalog_products": args.products,
            "catalog_read_csv_s": round(read_csv, 3), "baseline_csv_module_s": round(base_csv, 3),
            "catalog_read_xlsx_s": round(read_xlsx, 3),
            "baseline_openpyxl_values_s": round(base_xlsx, 3),
            "catalog_import_s": round(first, 3), "catalog_reimport_unchanged_s": round(again, 3),
            "baseline_sqlite_insert_s": round(baseline_insert(folder, lines), 3),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            unit = name.rsplit("_", 1)[-1] if name.endswith("_s") else "count"
            print(f"{name} {value} {unit}")


def _openpyxl_values(data: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    values = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return values


if __name__ == "__main__":
    main()
