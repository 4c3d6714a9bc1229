"""Every write names what it changed (`Changes`), the way screens need it to refresh: the
products whose stock moved, the outlet whose account moved, the order, the purchase order...
(The sales commands are checked through the order editor in tests/ui/test_change_notices.py.)"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.services.changes import Changes
from app.services.purchasing import PoLineIn, PoReceiveLine
from app.services.stock import ReceiptLineIn
from tests.services.factories import (
    main_warehouse,
    make_outlet,
    make_product,
    make_warehouse,
    unit_of,
)


@pytest.fixture
def w(store):
    with store.ctx.write() as uow:
        s = uow.session
        cola = make_product(s, sku="COLA", floor_fen=150)
        water = make_product(s, sku="WATER", floor_fen=100)
        north = make_warehouse(s, "WH02", "北仓")
        outlet = make_outlet(s, name="好又多便利店", phone="13800138000", address="人民路1号")
        return SimpleNamespace(cola=cola.id, water=water.id, box=unit_of(s, cola, "箱").id,
                               main=main_warehouse(s).id, north=north.id, outlet=outlet.id)


def test_stock_writes_name_each_product_they_moved_once(store, w):
    receipt = store.stock.receive(warehouse_id=w.main, lines=[
        ReceiptLineIn(w.cola, None, 10, lot_no="A"), ReceiptLineIn(w.cola, None, 5, lot_no="B"),
        ReceiptLineIn(w.water, None, 3)])
    assert receipt.changes == Changes(stock=(w.cola, w.water))
    assert store.stock.adjust(w.water, w.main, -1, "破损").changes == Changes(stock=(w.water,))
    assert store.stock.transfer(w.cola, w.main, w.north, 12).changes == Changes(stock=(w.cola,))


def test_a_stocktake_moves_stock_only_when_posted(store, w):
    store.stock.receive(warehouse_id=w.main, lines=[ReceiptLineIn(w.water, None, 3)])
    take = store.stock.start_stocktake(w.main)
    assert take.changes == Changes(stocktakes=(take.id,))
    counted = store.stock.record_count(take.id, w.water, None, 2)
    assert counted.changes == Changes(stocktakes=(take.id,))
    posted = store.stock.post_stocktake(take.id)
    assert posted.changes.stocktakes == (take.id,) and w.water in posted.changes.stock


def test_receiving_a_purchase_order_names_the_order_and_the_stock(store, w):
    po = store.purchasing.create_draft(warehouse_id=w.main, lines=[PoLineIn(w.cola, w.box, 2)])
    assert po.changes == Changes(purchase_orders=(po.id,))
    po = store.purchasing.submit(po.id)
    receipt = store.purchasing.receive(po.id, lines=[PoReceiveLine(po.lines[0].id, 48, "L1")])
    assert receipt.changes == Changes(stock=(w.cola,), purchase_orders=(po.id,))


def test_outlet_account_and_master_data_writes_name_the_outlet(store, w):
    payment = store.receivables.record_payment(outlet_id=w.outlet, amount_fen=5000,
                                               method="cash", purpose="deposit")
    assert payment.changes == Changes(receivables=(w.outlet,))
    outlet = store.outlets.update(w.outlet, expected_rev=store.outlets.get(w.outlet).rev,
                                  contact="李老板")
    assert outlet.changes == Changes(outlets=(w.outlet,))
    filing = store.filings.create(w.outlet, submit=True)
    assert filing.changes == Changes(filings=(filing.id,))


def test_settings_company_and_users_name_themselves(store):
    assert store.company.set_setting("filing_warning_days", "30") == Changes(
        settings=("filing_warning_days",))
    assert store.company.update(phone="0571-1234567").changes == Changes(company=True)
    clerk = store.users.create(username="xiaoli", password="s3cret-pw", role="clerk")
    assert clerk.changes == Changes(users=(clerk.id,))
    profile = store.printing.save_profile(name="针式打印机", paper="241x93")
    assert profile.changes == Changes(print_profiles=("针式打印机",))
    assert store.printing.delete_profile("针式打印机") == Changes(print_profiles=("针式打印机",))
