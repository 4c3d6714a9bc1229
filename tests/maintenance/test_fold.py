"""The power-loss checks can fail: each half-written document made by hand from a whole file
is named by tests/maintenance/fold.py (a check that passes everything would prove nothing)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from tests.maintenance import fold
from tests.services.factories import make_product, unit_of

HALF_WRITTEN = {
    "an order line lost": (
        "DELETE FROM sales_order_line WHERE id = (SELECT MIN(id) FROM sales_order_line)",
        "order total is not the sum of its lines"),
    "a shipment without its op": (
        "DELETE FROM outbox_op WHERE op_type = 'sales_order.ship'",
        "shipment's op missing"),
    "a shipment without its moves": (
        "DELETE FROM stock_move WHERE kind = 'shipment'",
        "shipment's stock moves do not take out what the note ships"),
    "a payment's audit entry lost": (
        "DELETE FROM audit_entry WHERE action = 'payment.record'",
        "op without an audit entry of its transaction"),
    "an outlet edit without its op": (
        "UPDATE outlet SET phone = '13999999999', rev = rev + 1",
        "its ops say"),
    "an op naming a payment never saved": (
        "DELETE FROM payment",
        "ops naming a payment that does not exist"),
    "a document number handed out without its document": (
        "UPDATE document_counter SET last_seq = last_seq + 1 WHERE doc_type = 'SO'",
        "counter SO-"),
    "a stocktake posted without its moves": (
        "DELETE FROM stock_move WHERE ref_type = 'stocktake'",
        "stocktake's posted moves are not its counted differences"),
}


@pytest.fixture
def whole(store, db_path, tmp_path):
    """A file with one of everything the power-loss writer makes, closed and whole."""
    outlet = store.outlets.create(name="华联超市", phone="13800000001").id
    with store.ctx.write() as uow:
        product = make_product(uow.session, price_fen=350, tier="A")
        unit = unit_of(uow.session, product, "瓶").id
    warehouse = store.company.warehouses()[0].id
    store.stock.adjust(product.id, warehouse, 10, "期初")
    order = store.sales.create_order(outlet_id=outlet, lines=[
        {"product_id": product.id, "unit_id": unit, "quantity": 2, "unit_price_fen": 350}])
    store.sales.ship(order_id=order.id)
    store.sales.invoice(order_id=order.id)
    store.receivables.record_payment(outlet_id=outlet, amount_fen=300, method="cash")
    store.outlets.update(outlet, address="解放路1号")
    stocktake = store.stock.start_stocktake(warehouse, [product.id])
    store.stock.record_count(stocktake.id, product.id, None, 5)
    store.stock.post_stocktake(stocktake.id)
    store.close()
    copy = tmp_path / "whole.db"
    shutil.copy(db_path, copy)
    return copy


def _problems(path) -> list[str]:
    conn = fold.connect(path)
    try:
        return fold.problems(conn)
    finally:
        conn.close()


def test_a_whole_file_has_no_problem(whole):
    assert _problems(whole) == []


@pytest.mark.parametrize("damage", sorted(HALF_WRITTEN))
def test_each_half_written_document_is_named(whole, damage):
    sql, named = HALF_WRITTEN[damage]
    conn = sqlite3.connect(whole)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(sql)
    conn.commit()
    conn.close()
    found = _problems(whole)
    assert any(named in problem for problem in found), found
