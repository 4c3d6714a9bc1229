"""The stock rules (app.services.ledger) as every service applies them: shipping an order and
transferring goods take the same batches and refuse the same shortfall, batch_id None is the
stock without a batch wherever it is asked, and a shortfall has one shape whoever refuses it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from app.errors import StockShortfall
from app.services import ledger
from app.services.sales import LineInput
from app.services.stock_types import BatchBalance, BatchPart
from tests.services.factories import (
    main_warehouse,
    make_batch,
    make_outlet,
    make_product,
    make_warehouse,
    unit_of,
)

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def shelf(store):
    """Green tea: lot T1 holds 50 bottles in the main warehouse; an outlet buys at tier A."""
    with store.ctx.write() as uow:
        s = uow.session
        tea = make_product(s, sku="TEA", name="绿茶", price_fen=500, tier="A")
        lot = make_batch(s, tea, "T1", expiry_date=TODAY + dt.timedelta(days=100))
        outlet = make_outlet(s, name="好运超市", credit_limit_fen=10_000_000, tier_code="A")
        main, north = main_warehouse(s), make_warehouse(s, "WH02", "北仓")
        ledger.post_move(uow, product_id=tea.id, warehouse_id=main.id, quantity=50,
                         kind="receipt", batch_id=lot.id)
        return SimpleNamespace(tea=tea.id, bottle=unit_of(s, tea, "瓶").id, lot=lot.id,
                               outlet=outlet.id, main=main.id, north=north.id)


def negative_stock(store, allowed: bool) -> None:
    store.company.set_setting("allow_negative_stock", "1" if allowed else "0")


def oversold_without_a_batch(store, shelf, quantity: int) -> None:
    """Goods shipped beyond stock without a batch while negative stock was allowed."""
    negative_stock(store, True)
    with store.ctx.write() as uow:
        ledger.post_move(uow, product_id=shelf.tea, warehouse_id=shelf.main,
                         quantity=-quantity, kind="shipment")
    negative_stock(store, False)


def ship(store, shelf, quantity: int) -> list[tuple[str | None, int]]:
    order = store.sales.create_order(outlet_id=shelf.outlet,
                                     lines=[LineInput(shelf.tea, shelf.bottle, quantity)])
    result = store.sales.ship(order_id=order.id)
    return [(a.batch_id, a.base_quantity) for a in result.allocations]


def transfer(store, shelf, quantity: int) -> list[tuple[str | None, int]]:
    result = store.stock.transfer(shelf.tea, shelf.main, shelf.north, quantity)
    return [(m.batch_id, m.quantity) for m in result.moves if m.kind == "transfer_in"]


TAKES = pytest.mark.parametrize("take", [ship, transfer], ids=["ship", "transfer"])


@TAKES
def test_a_negative_balance_without_a_batch_does_not_stop_a_lot_on_the_shelf(store, shelf, take):
    """Stock is a ledger: a balance gone below zero is flagged, and the 50 bottles of T1 on the
    shelf still go out in full (shipping used to count the -3 against them and refuse)."""
    oversold_without_a_batch(store, shelf, 3)
    assert take(store, shelf, 50) == [(shelf.lot, 50)]
    assert store.stock.on_hand(shelf.tea, shelf.main, shelf.lot) == 0
    assert store.stock.on_hand(shelf.tea, shelf.main, None) == -3


@TAKES
def test_with_negative_stock_allowed_only_what_the_lots_lack_goes_without_a_batch(
    store, shelf, take
):
    oversold_without_a_batch(store, shelf, 3)
    negative_stock(store, True)
    assert take(store, shelf, 52) == [(shelf.lot, 50), (None, 2)]
    assert store.stock.on_hand(shelf.tea, shelf.main, None) == -5


def test_shipping_and_transferring_refuse_a_shortfall_with_the_same_record(store, shelf):
    refusals = []
    for take in (ship, transfer):
        with pytest.raises(StockShortfall) as err:
            take(store, shelf, 60)
        refusals.append(err.value.params)
    shipped, transferred = refusals
    assert shipped["shortages"] == transferred["shortages"] == [{
        "product_id": shelf.tea, "sku": "TEA", "name": "绿茶", "warehouse_id": shelf.main,
        "batch_id": None, "lot_no": "", "all_batches": True, "needed": 60, "available": 50,
    }]
    assert shipped["details"] == transferred["details"]


def test_a_shortfall_of_one_batch_names_it_and_no_batch_is_a_batch_of_its_own(store, shelf):
    with pytest.raises(StockShortfall) as err:
        store.stock.adjust(shelf.tea, shelf.main, -51, "破损", batch_id=shelf.lot)
    (lot_short,) = err.value.params["shortages"]
    assert (lot_short["batch_id"], lot_short["lot_no"], lot_short["all_batches"]) == (
        shelf.lot, "T1", False)
    assert (lot_short["needed"], lot_short["available"]) == (51, 50)
    with pytest.raises(StockShortfall) as err:
        store.stock.adjust(shelf.tea, shelf.main, -1, "破损")  # T1's stock has a batch
    (unbatched,) = err.value.params["shortages"]
    assert (unbatched["batch_id"], unbatched["all_batches"], unbatched["available"]) == (
        None, False, 0)
    assert unbatched.keys() == lot_short.keys()


def test_on_hand_of_batch_none_is_the_stock_without_a_batch(store, shelf):
    """As on a move, an adjustment and a stocktake line; all of it is the default."""
    store.stock.adjust(shelf.tea, shelf.main, 3, "盘盈")
    assert store.stock.on_hand(shelf.tea, shelf.main, None) == 3
    assert store.stock.on_hand(shelf.tea, shelf.main, shelf.lot) == 50
    assert store.stock.on_hand(shelf.tea, shelf.main) == 53
    with store.ctx.read() as s:
        assert ledger.on_hand(s, shelf.tea, shelf.main, None) == 3
        assert ledger.on_hand(s, shelf.tea) == 53


def test_quantities_of_one_product_draw_on_the_same_batches_in_turn():
    early = BatchBalance("A", "A", TODAY + dt.timedelta(days=5), 5)
    unbatched = BatchBalance(None, "", None, 2)
    undated = BatchBalance("B", "B", None, 10)
    plan = ledger.allocate_fefo([early, unbatched, undated], [4, 6, 10], business_date=TODAY)
    assert plan.parts == (
        (BatchPart("A", 4),),
        (BatchPart("A", 1), BatchPart(None, 2), BatchPart("B", 3)),
        (BatchPart("B", 7), BatchPart(None, 3)),  # the uncovered rest goes without a batch
    )
    assert (plan.needed, plan.available, plan.short) == (20, 17, 3)
