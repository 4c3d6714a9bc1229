"""`channeldesk-hq` admin commands, the catalog import, and HQ's migrations."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from server.cli import main
from server.db import HEAD_REVISION, MIGRATIONS_DIR, Database
from server.models import Change, HqBase, Product
from tests.server.helpers import Device as Dev
from tests.server.helpers import filing_submit, op, outlet_create

CSV_HEADER = "sku,name,spec,category,base_unit,packs,barcodes,tax_rate,shelf_life_days,price_A,price_B,floor_price\n"


def _hq(url: str, *args: str) -> int:
    return main(["--db", url, *args])


def test_code_expects_the_scripts_head():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_migrations_match_the_models(hq_db_url):
    db = Database(hq_db_url)
    db.upgrade()
    assert db.stored_revision() == HEAD_REVISION
    db.upgrade()  # a second start-up finds nothing to do
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), HqBase.metadata)
    db.dispose()
    assert diff == []


def test_catalog_import_from_csv_and_xlsx(hq_db_url, tmp_path, capsys):
    path = tmp_path / "catalog.csv"
    good = (CSV_HEADER + "S1,可乐,500ml,饮料,瓶,箱=24,6901234567892;箱:16901234567899,13,365,3.5,3.20,3.00\n"
            "S2,雪碧,500ml,饮料,瓶,,6901234567908,9,180,3,,\n")
    path.write_text(good + "BAD,,,,,箱=x,,,,,,\n", encoding="utf-8")
    assert _hq(hq_db_url, "catalog", "import", str(path)) == 1  # a file with an error writes nothing
    out = capsys.readouterr()
    assert "would create 2" in out.out and "nothing written" in out.out and "Line 4, packs: '箱=x'" in out.err
    path.write_text(good, encoding="utf-8")
    assert _hq(hq_db_url, "catalog", "import", str(path)) == 0
    assert "created 2" in capsys.readouterr().out
    book = openpyxl.Workbook()
    book.active.append(CSV_HEADER.strip().split(","))
    book.active.append(["S1", "可乐", "500ml", "饮料", "瓶", "箱=24", "6901234567892;箱:16901234567899", "13",
                        "365", "3.6", "3.20", "3.00"])
    xlsx = tmp_path / "catalog.xlsx"
    book.save(xlsx)
    assert _hq(hq_db_url, "catalog", "import", str(xlsx)) == 0
    assert "updated 1" in capsys.readouterr().out
    db = Database(hq_db_url)
    with db.read() as s:
        cola = s.scalar(select(Product).where(Product.sku == "S1"))
        entries = s.scalars(select(Change).where(Change.entity_id == cola.id)).all()
    db.dispose()
    assert cola.prices == {"A": 360, "B": 320} and cola.floor_price_fen == 300
    assert cola.tax_rate_bp == 1300 and [u["factor"] for u in cola.units] == [1, 24]
    assert cola.units[1]["barcodes"] == ["16901234567899"] and len(entries) == 1  # compacted


def test_admin_commands_end_to_end(hq, world, tmp_path, capsys):
    url = hq.db_url
    assert _hq(url, "distributor", "add", "DZ", "新经销商", "--region", "华南") == 0
    assert _hq(url, "enroll-code", "DZ") == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(code.replace("-", "")) == 12
    device = Dev(hq, "DX")
    outlet = outlet_create("命令行的店", "13500000000")
    filing = filing_submit(outlet["entity_id"], "命令行的店", "13500000000")
    po_id = "0193a000-0000-7000-8000-000000000001"
    submit = op("purchase_order.submit", po_id, {"id": po_id, "number": "PO-1", "warehouse_id": "w",
             "lines": [{"product_id": "p", "unit_id": "u", "quantity": 1, "unit_price_fen": 100}]})
    move = op("stock_move.post", "m1", {"id": "m1", "product_id": "p", "warehouse_id": "w",
                                        "quantity": -3, "kind": "shipment"})
    device.push(outlet, filing, submit, move)
    capsys.readouterr()
    assert _hq(url, "filings", "list", "--status", "approved") == 0
    assert filing["entity_id"] in capsys.readouterr().out
    assert _hq(url, "filings", "decide", filing["entity_id"], "reject", "--reason", "重复") == 0
    assert _hq(url, "po", "list") == 0 and "PO-1" in capsys.readouterr().out
    assert _hq(url, "po", "ship", po_id) == 1  # must be approved first
    assert _hq(url, "po", "approve", po_id) == 0 and _hq(url, "po", "ship", po_id) == 0
    assert _hq(url, "settings", "set", "protection_days", "120") == 0
    assert _hq(url, "settings", "set", "no_such", "1") == 1
    report = tmp_path / "st.csv"
    assert _hq(url, "report", "sell-through", "--out", str(report)) == 0
    rows = list(csv.DictReader(report.open(encoding="utf-8-sig")))
    assert rows == [{"distributor": "DX", "sku": "", "product_id": "p", "day": "2026-11-27",
                     "sold_base_qty": "3", "on_hand_base_qty": "-3"}]
    assert _hq(url, "device", "revoke", device.id) == 0


@pytest.mark.parametrize("args", [["po", "approve", "nope"], ["device", "revoke", "nope"],
                                  ["filings", "decide", "nope", "approve"]])
def test_admin_commands_report_unknown_ids(hq_sqlite, args, capsys):
    assert _hq(hq_sqlite.db_url, *args) == 1
    assert "unknown" in capsys.readouterr().err
