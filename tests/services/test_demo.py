"""Demo data: a small database whose stock, documents and money all add up."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.barcodes import is_valid_gtin
from app.demo import build_demo, demo_summary
from app.errors import ValidationError
from app.services.lifecycles import ORDER_STATUSES
from app.store import Store


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, products=120, outlets=40, orders=400, seed=7)
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_summary_counts_every_order_status(demo_db):
    summary = demo_summary(demo_db)
    assert summary["products"] == 120 and summary["outlets"] == 40
    assert set(summary["orders_by_status"]) == set(ORDER_STATUSES)
    assert all(n > 0 for n in summary["orders_by_status"].values()), summary
    assert summary["order_lines"] >= summary["orders"]
    assert summary["stock_value_fen"] > 0 and summary["receivables_fen"] >= 0


def test_on_hand_is_the_sum_of_moves_and_no_batch_goes_negative(demo_db):
    # Walk each batch's moves in time order: the running balance never dips below zero.
    moves = rows(demo_db, "SELECT batch_id, warehouse_id, quantity FROM stock_move "
                          "ORDER BY batch_id, warehouse_id, created_at, quantity DESC")
    balance: dict[tuple, int] = {}
    for batch_id, warehouse_id, quantity in moves:
        key = (batch_id, warehouse_id)
        balance[key] = balance.get(key, 0) + quantity
        assert balance[key] >= 0, key
    received = rows(demo_db, "SELECT SUM(base_quantity) FROM goods_receipt_line")[0][0]
    delivered = rows(demo_db, "SELECT SUM(base_quantity) FROM delivery_note_line")[0][0]
    assert sum(balance.values()) == received - delivered
    assert demo_summary(demo_db)["stock_on_hand_base_units"] == received - delivered


def test_delivery_notes_ship_exactly_the_order_lines(demo_db):
    mismatched = rows(demo_db, """
        SELECT l.id FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id
        LEFT JOIN delivery_note_line d ON d.order_line_id = l.id
        WHERE o.status IN ('shipped', 'delivered', 'invoiced')
        GROUP BY l.id HAVING COALESCE(SUM(d.base_quantity), 0) != l.base_quantity""")
    assert mismatched == []
    unshipped_with_notes = rows(demo_db, """
        SELECT COUNT(*) FROM delivery_note n JOIN sales_order o ON o.id = n.order_id
        WHERE o.status IN ('draft', 'confirmed', 'cancelled')""")[0][0]
    assert unshipped_with_notes == 0
    moves_vs_notes = rows(demo_db, """
        SELECT (SELECT -SUM(quantity) FROM stock_move WHERE kind = 'shipment'),
               (SELECT SUM(base_quantity) FROM delivery_note_line)""")[0]
    assert moves_vs_notes[0] == moves_vs_notes[1]


def test_order_totals_invoices_and_payments_balance(demo_db):
    assert rows(demo_db, """
        SELECT o.id FROM sales_order o JOIN sales_order_line l ON l.order_id = o.id
        GROUP BY o.id HAVING SUM(l.amount_fen) != o.total_fen""") == []
    assert rows(demo_db, "SELECT COUNT(*) FROM sales_order_line "
                         "WHERE amount_fen != quantity * unit_price_fen")[0][0] == 0
    assert rows(demo_db, """
        SELECT i.id FROM invoice i JOIN sales_order o ON o.id = i.order_id
        WHERE i.total_fen != o.total_fen OR o.status != 'invoiced'
           OR i.paid_fen < 0 OR i.paid_fen > i.total_fen""") == []
    assert rows(demo_db, """
        SELECT i.id FROM invoice i LEFT JOIN payment_allocation a ON a.invoice_id = i.id
        GROUP BY i.id HAVING COALESCE(SUM(a.amount_fen), 0) != i.paid_fen""") == []
    assert rows(demo_db, """
        SELECT p.id FROM payment p LEFT JOIN payment_allocation a ON a.payment_id = p.id
        GROUP BY p.id HAVING COALESCE(SUM(a.amount_fen), 0) != p.allocated_fen
                         OR p.allocated_fen > p.amount_fen""") == []
    invoiced = rows(demo_db, "SELECT SUM(total_fen - paid_fen) FROM invoice")[0][0]
    assert demo_summary(demo_db)["receivables_fen"] == invoiced


def test_outlets_pay_oldest_invoices_first(demo_db):
    per_outlet: dict[str, list[tuple[int, int]]] = {}
    for outlet_id, total, paid in rows(
        demo_db, "SELECT outlet_id, total_fen, paid_fen FROM invoice ORDER BY invoice_date, number"
    ):
        per_outlet.setdefault(outlet_id, []).append((total, paid))
    for invoices in per_outlet.values():
        open_seen = False
        for total, paid in invoices:
            assert not (open_seen and paid), "a newer invoice was paid before an older one"
            open_seen = open_seen or paid < total


def test_products_have_valid_barcodes_prices_and_search_keys(demo_db):
    codes = [c for (c,) in rows(demo_db, "SELECT code FROM barcode")]
    assert len(codes) == 240 and all(is_valid_gtin(c) for c in codes)
    assert rows(demo_db, "SELECT COUNT(*) FROM product_price")[0][0] == 360
    assert rows(demo_db, "SELECT COUNT(*) FROM product WHERE floor_price_fen IS NULL")[0][0] == 0
    name, sku = rows(demo_db, "SELECT name, sku FROM product ORDER BY sku LIMIT 1")[0]
    with Store.open(demo_db) as store:
        assert sku in [h.sku for h in store.catalog.search(name[:4])]
        assert store.catalog.find_by_barcode(codes[0]) is not None


def test_demo_is_synced_history_not_queued_work(demo_db):
    assert rows(demo_db, "SELECT COUNT(*) FROM outbox_op")[0][0] == 0
    assert rows(demo_db, "SELECT COUNT(*) FROM sales_order WHERE server_rev IS NULL")[0][0] == 0
    note = json.loads(rows(demo_db, "SELECT value FROM sync_meta WHERE key = 'demo_data'")[0][0])
    assert note["seed"] == 7


def test_new_documents_continue_the_demo_numbering(demo_db):
    numbers = {n for (n,) in rows(demo_db, "SELECT number FROM sales_order")}
    with Store.open(demo_db) as store, store.ctx.write() as uow:
        fresh = uow.next_number("SO")
    assert fresh not in numbers


def test_demo_users_can_log_in(demo_db):
    with Store.open(demo_db) as store:
        assert store.users.authenticate("demo", "demo123").role == "manager"
        assert store.users.authenticate("keeper", "keeper123").role == "warehouse"


def test_demo_refuses_a_database_with_products(demo_db):
    with pytest.raises(ValidationError) as err:
        build_demo(demo_db, products=5, outlets=2, orders=5)
    assert err.value.message_id == "demo.not_empty"


def test_same_seed_gives_the_same_catalog(tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    build_demo(first, products=30, outlets=5, orders=20, seed=11)
    build_demo(second, products=30, outlets=5, orders=20, seed=11)
    query = "SELECT sku, name, spec, floor_price_fen FROM product ORDER BY sku"
    assert rows(first, query) == rows(second, query)
