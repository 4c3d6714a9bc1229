"""Stock service: receipts, balances, history, corrections, stocktakes and alerts, against a
real migrated SQLite file."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, GoodsReceiptLine, OutboxOp, StockMove, Warehouse
from app.errors import (
    InvalidTransition,
    NotFound,
    PermissionDenied,
    StockShortfall,
    ValidationError,
)
from app.services.context import CurrentUser
from app.services.stock import ReceiptLineIn
from tests.services.factories import (
    main_warehouse,
    make_batch,
    make_product,
    make_warehouse,
    row_counts,
    unit_of,
)

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def w(store):
    """A small world: cola (24/箱, 365-day shelf life, lots A expiring before B), water
    (unbatched), two warehouses."""
    with store.ctx.write() as uow:
        s = uow.session
        cola = make_product(s, sku="COLA", name="可乐 500ml", shelf_life_days=365, reorder_point=30)
        water = make_product(s, sku="WATER", name="矿泉水", packs={"箱": 12})
        main, north = main_warehouse(s), make_warehouse(s, "WH02", "北仓")
        lot_a = make_batch(s, cola, "A", expiry_date=TODAY + dt.timedelta(days=10))
        lot_b = make_batch(s, cola, "B", expiry_date=TODAY + dt.timedelta(days=200))
        box = unit_of(s, cola, "箱")
    return SimpleNamespace(
        cola=cola.id, water=water.id, main=main.id, north=north.id,
        a=lot_a.id, b=lot_b.id, box=box.id,
    )


def counts(store):
    with store.ctx.read() as s:
        return row_counts(s)


def ops(store, op_type=None):
    with store.ctx.read() as s:
        query = select(OutboxOp).order_by(OutboxOp.seq)
        if op_type:
            query = query.where(OutboxOp.op_type == op_type)
        return list(s.scalars(query))


def audits(store, action):
    with store.ctx.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def receive(store, product, wh, qty, batch=None):
    return store.stock.receive(warehouse_id=wh, lines=[ReceiptLineIn(product, None, qty, batch)])


def login(store, role):
    user = store.users.create(username=f"u_{role}", password="secret-pw", role=role)
    store.login_as(CurrentUser(id=user.id, username=user.username, role=role))


def allow_negative(store):
    store.company.set_setting("allow_negative_stock", "1")


# -- receipts -----------------------------------------------------------------------------------


def test_receive_converts_packs_to_base_units_and_writes_receipt_moves_ops_and_audit(store, w):
    receipt = store.stock.receive(
        warehouse_id=w.main,
        lines=[ReceiptLineIn(w.cola, w.box, 2, w.a), ReceiptLineIn(w.water, None, 5)],
    )
    assert receipt.number.startswith("GR-D01-")
    assert [ln.base_quantity for ln in receipt.lines] == [48, 5]
    assert store.stock.on_hand(w.cola, w.main, w.a) == 48
    assert store.stock.on_hand(w.water, w.main) == 5
    with store.ctx.read() as s:
        moves = s.scalars(select(StockMove).where(StockMove.ref_id == receipt.id)).all()
        assert {(m.kind, m.quantity) for m in moves} == {("receipt", 48), ("receipt", 5)}
        assert len(s.scalars(select(GoodsReceiptLine)).all()) == 2
    assert [o.op_type for o in ops(store)] == [
        "stock_move.post", "stock_move.post", "goods_receipt.post",
    ]
    payload = ops(store, "goods_receipt.post")[0].payload
    assert payload["number"] == receipt.number
    assert [ln["base_quantity"] for ln in payload["lines"]] == [48, 5]
    assert len(audits(store, "stock.receive")) == 1


def test_receive_with_a_new_lot_creates_the_batch_and_tells_hq(store, w):
    receipt = store.stock.receive(
        warehouse_id=w.main,
        lines=[ReceiptLineIn(w.cola, None, 10, lot_no="２０２６Ｃ", production_date=TODAY)],
    )
    batch_id = receipt.lines[0].batch_id
    (batch,) = [b for b in store.stock.batches(w.cola) if b.id == batch_id]
    assert batch.lot_no == "2026C"  # full-width digits typed on a Chinese IME are normalised
    assert batch.expiry_date == TODAY + dt.timedelta(days=365)
    first = ops(store)[0]
    assert first.op_type == "batch.create"  # before the move that references it
    assert first.payload["expiry_date"] == batch.expiry_date.isoformat()


@pytest.mark.parametrize("bad", [0, -3, 1.5, True, "2"])
def test_receive_refuses_a_bad_quantity_and_writes_nothing(store, w, bad):
    before = counts(store)
    with pytest.raises(ValidationError) as err:
        receive(store, w.water, w.main, bad)
    assert err.value.message_id == "quantity.not_positive"
    assert err.value.params == {"quantity": bad}
    assert counts(store) == before


def test_receive_refuses_unknown_references_and_writes_nothing(store, w):
    before = counts(store)
    cases = [
        # the first line is fine: the second one must undo it
        ("product.not_found", dict(warehouse_id=w.main, lines=[(w.water, None, 1), ("x", None, 1)])),
        ("warehouse.not_found", dict(warehouse_id="nope", lines=[(w.water, None, 1)])),
        ("batch.not_found", dict(warehouse_id=w.main, lines=[(w.water, None, 1, w.a)])),
        ("unit.not_found", dict(warehouse_id=w.main, lines=[(w.water, w.box, 1)])),
    ]
    for message_id, kwargs in cases:
        with pytest.raises(NotFound) as err:
            store.stock.receive(**kwargs)
        assert err.value.message_id == message_id
    assert counts(store) == before


def test_an_archived_warehouse_takes_no_goods(store, w):
    with store.ctx.write() as uow:
        uow.session.get(Warehouse, w.north).archived = True
    with pytest.raises(NotFound):
        receive(store, w.water, w.north, 1)


# -- batches --------------------------------------------------------------------------------------


def test_create_batch_derives_expiry_from_shelf_life(store, w):
    batch = store.stock.create_batch(w.cola, " L9 ", production_date=dt.date(2026, 3, 1))
    assert batch.lot_no == "L9"
    assert batch.expiry_date == dt.date(2027, 3, 1)
    assert ops(store, "batch.create")[0].payload["lot_no"] == "L9"
    assert len(audits(store, "batch.create")) == 1


def test_create_batch_keeps_a_given_expiry_and_allows_no_dates(store, w):
    given = store.stock.create_batch(w.cola, "L1", dt.date(2026, 1, 1), dt.date(2026, 6, 1))
    assert given.expiry_date == dt.date(2026, 6, 1)
    undated = store.stock.create_batch(w.water, "W1")
    assert (undated.production_date, undated.expiry_date) == (None, None)


def test_create_batch_refuses_expiry_before_production(store, w):
    before = counts(store)
    with pytest.raises(ValidationError) as err:
        store.stock.create_batch(w.cola, "L2", dt.date(2026, 5, 1), dt.date(2026, 4, 1))
    assert err.value.message_id == "batch.dates_invalid"
    assert counts(store) == before


def test_a_known_lot_is_returned_and_conflicting_dates_refused(store, w):
    first = store.stock.create_batch(w.cola, "L3", dt.date(2026, 1, 1))
    again = store.stock.create_batch(w.cola, "L3")
    assert again.id == first.id
    assert len(ops(store, "batch.create")) == 1
    with pytest.raises(ValidationError) as err:
        store.stock.create_batch(w.cola, "L3", dt.date(2026, 2, 2))
    assert err.value.message_id == "batch.lot_dates_conflict"


def test_create_batch_needs_a_lot_number_and_a_known_product(store, w):
    with pytest.raises(ValidationError):
        store.stock.create_batch(w.cola, "  ")
    with pytest.raises(NotFound):
        store.stock.create_batch("missing", "L1")


# -- queries ---------------------------------------------------------------------------------------


def test_on_hand_is_the_sum_of_moves_over_warehouses_and_batches(store, w):
    receive(store, w.cola, w.main, 10, w.a)
    receive(store, w.cola, w.main, 7, w.b)
    receive(store, w.cola, w.north, 4, w.b)
    assert store.stock.on_hand(w.cola) == 21
    assert store.stock.on_hand(w.cola, w.main) == 17
    assert store.stock.on_hand(w.cola, batch_id=w.b) == 11
    assert store.stock.on_hand(w.water) == 0
    with pytest.raises(NotFound):
        store.stock.on_hand("missing")


def test_balances_list_each_batch_with_its_lot_and_flag_negatives(store, w):
    receive(store, w.cola, w.main, 10, w.a)
    receive(store, w.cola, w.main, 5, w.b)
    allow_negative(store)
    store.stock.adjust(w.water, w.north, -2, "两台电脑同时卖出最后一箱")
    rows = store.stock.balances()
    assert [(r.sku, r.warehouse_code, r.lot_no, r.quantity) for r in rows] == [
        ("COLA", "WH01", "A", 10),
        ("COLA", "WH01", "B", 5),
        ("WATER", "WH02", "", -2),
    ]
    assert rows[0].expiry_date == TODAY + dt.timedelta(days=10)
    assert [r.negative for r in rows] == [False, False, True]
    assert [r.sku for r in store.stock.balances(warehouse_id=w.north)] == ["WATER"]
    assert len(store.stock.balances(product_id=w.cola, warehouse_id=w.main)) == 2


def test_ledger_shows_running_balance_newest_first_and_pages_by_keyset(store, w):
    for qty in (10, 20, 30):
        receive(store, w.water, w.main, qty)
    store.stock.adjust(w.water, w.main, -5, "破损")
    receive(store, w.water, w.north, 100)
    page = store.stock.ledger(w.water, w.main, limit=3)
    assert [(e.kind, e.quantity, e.balance) for e in page] == [
        ("adjustment", -5, 55), ("receipt", 30, 60), ("receipt", 20, 30),
    ]
    rest = store.stock.ledger(w.water, w.main, limit=3, before=page[-1].id)
    assert [(e.quantity, e.balance) for e in rest] == [(10, 10)]
    assert store.stock.ledger(w.water, w.main, before=rest[-1].id) == []
    everywhere = store.stock.ledger(w.water)
    assert everywhere[0].balance == 155 == store.stock.on_hand(w.water)


def test_below_reorder_point_lists_products_at_or_under_their_point(store, w):
    assert [a.sku for a in store.stock.below_reorder_point()] == ["COLA"]  # no stock at all
    receive(store, w.cola, w.main, 30, w.a)
    assert [(a.sku, a.on_hand) for a in store.stock.below_reorder_point()] == [("COLA", 30)]
    receive(store, w.cola, w.north, 1, w.a)
    assert store.stock.below_reorder_point() == []
    # Per warehouse, the north warehouse alone is short.
    (alert,) = store.stock.below_reorder_point(warehouse_id=w.north)
    assert (alert.on_hand, alert.reorder_point, alert.warehouse_id) == (1, 30, w.north)


def test_batches_near_expiry_include_expired_lots_with_stock_only(store, w):
    with store.ctx.write() as uow:
        from app.db.models import Product

        cola = uow.session.get(Product, w.cola)
        old = make_batch(uow.session, cola, "OLD", expiry_date=TODAY - dt.timedelta(days=3))
        empty = make_batch(uow.session, cola, "EMPTY", expiry_date=TODAY)
    receive(store, w.cola, w.main, 5, old.id)
    receive(store, w.cola, w.main, 6, w.a)
    receive(store, w.cola, w.main, 7, w.b)
    receive(store, w.cola, w.main, 1, empty.id)
    store.stock.adjust(w.cola, w.main, -1, "过期报废", batch_id=empty.id)
    alerts = store.stock.batches_near_expiry(today=TODAY)
    assert [(a.lot_no, a.quantity, a.days_left, a.expired) for a in alerts] == [
        ("OLD", 5, -3, True),
        ("A", 6, 10, False),
    ]
    assert len(store.stock.batches_near_expiry(days=365, today=TODAY)) == 3
    assert store.stock.batches_near_expiry(warehouse_id=w.north, today=TODAY) == []


# -- adjustments ---------------------------------------------------------------------------------


def test_adjust_posts_an_adjustment_move_with_op_and_audit(store, w):
    receive(store, w.cola, w.main, 10, w.a)
    move = store.stock.adjust(w.cola, w.main, -3, " 破损 ", batch_id=w.a)
    assert (move.kind, move.quantity, move.reason) == ("adjustment", -3, "破损")
    assert store.stock.on_hand(w.cola, w.main, w.a) == 7
    assert ops(store)[-1].payload["quantity"] == -3
    (entry,) = audits(store, "stock.adjust")
    assert entry.detail["reason"] == "破损"


@pytest.mark.parametrize(
    ("delta", "reason", "message_id"),
    [(0, "x", "quantity.not_positive"), (1.0, "x", "quantity.not_positive"),
     (5, "  ", "stock.reason_required")],
)
def test_adjust_refuses_bad_input(store, w, delta, reason, message_id):
    before = counts(store)
    with pytest.raises(ValidationError) as err:
        store.stock.adjust(w.water, w.main, delta, reason)
    assert err.value.message_id == message_id
    assert counts(store) == before


def test_adjust_below_zero_is_refused_unless_negative_stock_is_allowed(store, w):
    receive(store, w.cola, w.main, 2, w.a)
    before = counts(store)
    with pytest.raises(StockShortfall) as err:
        store.stock.adjust(w.cola, w.main, -3, "盘亏", batch_id=w.a)
    wanted = {"sku": "COLA", "lot_no": "A", "available": 2, "needed": 3}
    assert wanted.items() <= err.value.params["shortages"][0].items()
    assert counts(store) == before
    allow_negative(store)
    store.stock.adjust(w.cola, w.main, -3, "盘亏", batch_id=w.a)
    assert store.stock.on_hand(w.cola, w.main, w.a) == -1


def test_adjust_without_batch_touches_only_unbatched_stock(store, w):
    receive(store, w.cola, w.main, 10, w.a)
    with pytest.raises(StockShortfall):
        store.stock.adjust(w.cola, w.main, -1, "损耗")  # lot A's stock is not "no batch"


def test_a_clerk_may_not_adjust_transfer_reverse_or_post_a_stocktake(store, w):
    receipt = receive(store, w.cola, w.main, 10, w.a)
    take = store.stock.start_stocktake(w.main)
    login(store, "clerk")
    before = counts(store)
    attempts = [
        lambda: store.stock.adjust(w.cola, w.main, 1, "x"),
        lambda: store.stock.transfer(w.cola, w.main, w.north, 1),
        lambda: store.stock.reverse_move(receipt.lines[0].move_id, "录错"),
        lambda: store.stock.post_stocktake(take.id),
        lambda: store.stock.cancel_stocktake(take.id),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as err:
            attempt()
        assert err.value.params["role"] == "clerk"
    assert counts(store) == before
    # Clerks may still receive goods and help count.
    store.stock.record_count(take.id, w.cola, w.a, 10)
    receive(store, w.water, w.main, 1)


def test_the_warehouse_keeper_may_adjust_and_transfer(store, w):
    receive(store, w.water, w.main, 10)
    login(store, "warehouse")
    store.stock.adjust(w.water, w.main, -1, "破损")
    store.stock.transfer(w.water, w.main, w.north, 4)
    assert store.stock.on_hand(w.water, w.main) == 5


# -- transfers -------------------------------------------------------------------------------


def test_transfer_of_a_batch_writes_two_linked_moves(store, w):
    receive(store, w.cola, w.main, 10, w.b)
    result = store.stock.transfer(w.cola, w.main, w.north, 4, w.b, reason="补货")
    out, into = result.moves
    assert (out.kind, out.quantity, out.warehouse_id) == ("transfer_out", -4, w.main)
    assert (into.kind, into.quantity, into.warehouse_id) == ("transfer_in", 4, w.north)
    assert out.ref_id == into.ref_id == result.transfer_id
    assert store.stock.on_hand(w.cola, w.north, w.b) == 4
    assert store.stock.on_hand(w.cola) == 10
    assert len(ops(store, "stock_move.post")) == 3
    assert len(audits(store, "stock.transfer")) == 1


def test_transfer_without_batch_takes_first_expiry_first_and_keeps_batches(store, w):
    receive(store, w.cola, w.main, 5, w.b)
    receive(store, w.cola, w.main, 3, w.a)
    result = store.stock.transfer(w.cola, w.main, w.north, 6)
    assert [(m.batch_id, m.quantity) for m in result.moves if m.kind == "transfer_in"] == [
        (w.a, 3), (w.b, 3),
    ]
    assert store.stock.on_hand(w.cola, w.main, w.b) == 2


def test_transfer_refuses_shortfall_same_warehouse_and_bad_quantity(store, w):
    receive(store, w.cola, w.main, 5, w.a)
    before = counts(store)
    with pytest.raises(StockShortfall):
        store.stock.transfer(w.cola, w.main, w.north, 6)
    with pytest.raises(StockShortfall):
        store.stock.transfer(w.cola, w.main, w.north, 1, w.b)
    with pytest.raises(ValidationError) as err:
        store.stock.transfer(w.cola, w.main, w.main, 1)
    assert err.value.message_id == "stock.same_warehouse"
    with pytest.raises(ValidationError):
        store.stock.transfer(w.cola, w.main, w.north, -1)
    with pytest.raises(NotFound):
        store.stock.transfer(w.cola, w.main, "nowhere", 1)
    assert counts(store) == before


def test_transfer_with_negative_stock_allowed_takes_the_rest_unbatched(store, w):
    receive(store, w.cola, w.main, 5, w.a)
    allow_negative(store)
    store.stock.transfer(w.cola, w.main, w.north, 8)
    assert store.stock.on_hand(w.cola, w.main) == -3
    assert store.stock.on_hand(w.cola, w.north) == 8


# -- reversals ---------------------------------------------------------------------------------


def test_reverse_move_posts_the_opposite_and_only_once(store, w):
    receive(store, w.water, w.main, 10)
    mistake = store.stock.adjust(w.water, w.main, 50, "多录了")
    (reversal,) = store.stock.reverse_move(mistake.id, "录错")
    assert (reversal.kind, reversal.quantity, reversal.reverses_id) == ("reversal", -50, mistake.id)
    assert store.stock.on_hand(w.water) == 10
    with store.ctx.read() as s:
        assert s.get(StockMove, mistake.id).quantity == 50  # the original is never edited
    before = counts(store)
    with pytest.raises(InvalidTransition) as err:
        store.stock.reverse_move(mistake.id, "again")
    assert err.value.message_id == "stock.already_reversed"
    with pytest.raises(InvalidTransition) as err:
        store.stock.reverse_move(reversal.id, "undo the undo")
    assert err.value.message_id == "stock.reverse_reversal"
    with pytest.raises(NotFound):
        store.stock.reverse_move("missing", "x")
    with pytest.raises(ValidationError):
        store.stock.reverse_move(mistake.id, "")
    assert counts(store) == before


def test_reversing_a_receipt_already_shipped_is_refused(store, w):
    receipt = receive(store, w.water, w.main, 10)
    store.stock.adjust(w.water, w.main, -8, "出库")
    with pytest.raises(StockShortfall):
        store.stock.reverse_move(receipt.lines[0].move_id, "退回品牌")


def test_reversing_one_leg_of_a_transfer_reverses_both(store, w):
    receive(store, w.cola, w.main, 10, w.a)
    result = store.stock.transfer(w.cola, w.main, w.north, 4, w.a)
    reversals = store.stock.reverse_move(result.moves[1].id, "调错仓")
    assert sorted(m.quantity for m in reversals) == [-4, 4]
    assert store.stock.on_hand(w.cola, w.main) == 10
    assert store.stock.on_hand(w.cola, w.north) == 0
    with pytest.raises(InvalidTransition):
        store.stock.reverse_move(result.moves[0].id, "again")


# -- stocktakes ----------------------------------------------------------------------------------


def test_stocktake_snapshots_counts_and_posts_differences(store, w):
    receive(store, w.cola, w.main, 10, w.a)
    receive(store, w.cola, w.main, 20, w.b)
    receive(store, w.water, w.main, 5)
    receive(store, w.water, w.north, 99)  # other warehouse: not in this stocktake
    take = store.stock.start_stocktake(w.main)
    assert take.number.startswith("ST-D01-")
    assert [(ln.sku, ln.lot_no, ln.expected_qty) for ln in take.lines] == [
        ("COLA", "A", 10), ("COLA", "B", 20), ("WATER", "", 5),
    ]
    assert ops(store, "stocktake.start") == []  # an open stocktake is local
    store.stock.record_count(take.id, w.cola, w.a, 8)
    store.stock.record_count(take.id, w.cola, w.b, 21)
    # water is not counted: it is left as it is
    posted = store.stock.post_stocktake(take.id)
    assert posted.status == "posted" and posted.posted_at is not None
    assert [ln.difference for ln in posted.lines] == [-2, 1, None]
    assert store.stock.on_hand(w.cola, w.main, w.a) == 8
    assert store.stock.on_hand(w.cola, w.main, w.b) == 21
    assert store.stock.on_hand(w.water, w.main) == 5
    with store.ctx.read() as s:
        moves = s.scalars(select(StockMove).where(StockMove.kind == "stocktake")).all()
    assert sorted(m.quantity for m in moves) == [-2, 1]
    assert {m.ref_id for m in moves} == {take.id}
    assert len(ops(store, "stock_move.post")) == 4 + 2
    assert [a.action for a in audits(store, "stocktake.post")] == ["stocktake.post"]


def test_moves_before_the_count_are_in_it_and_moves_after_it_stay(store, w):
    """The rule: posting adds counted - (on-hand when counted); see StockService."""
    receive(store, w.water, w.main, 50)
    take = store.stock.start_stocktake(w.main)  # expected 50
    receive(store, w.water, w.main, 10)  # arrives while counting, before the shelf is counted
    store.stock.record_count(take.id, w.water, None, 58)  # 2 broken bottles found
    store.stock.adjust(w.water, w.main, -6, "出库")  # shipped after the count, before posting
    posted = store.stock.post_stocktake(take.id)
    (line,) = posted.lines
    assert (line.expected_qty, line.book_qty_at_count, line.difference) == (50, 60, -2)
    assert store.stock.on_hand(w.water, w.main) == 52  # 58 counted, 6 shipped since


def test_a_count_contradicted_by_later_shipments_is_refused(store, w):
    receive(store, w.water, w.main, 10)
    take = store.stock.start_stocktake(w.main)
    store.stock.record_count(take.id, w.water, None, 0)
    store.stock.adjust(w.water, w.main, -5, "出库")  # impossible if the shelf was empty
    before = counts(store)
    with pytest.raises(StockShortfall):
        store.stock.post_stocktake(take.id)
    assert counts(store) == before
    assert store.stock.get_stocktake(take.id).status == "open"
    store.stock.record_count(take.id, w.water, None, 4)  # recount
    store.stock.post_stocktake(take.id)
    assert store.stock.on_hand(w.water, w.main) == 4


def test_counting_stock_that_was_not_expected_adds_a_line(store, w):
    receive(store, w.cola, w.main, 10, w.a)
    take = store.stock.start_stocktake(w.main)
    after = store.stock.record_count(take.id, w.cola, w.b, 3)
    found = [ln for ln in after.lines if ln.batch_id == w.b]
    assert [(ln.expected_qty, ln.counted_qty) for ln in found] == [(0, 3)]
    store.stock.post_stocktake(take.id)
    assert store.stock.on_hand(w.cola, w.main, w.b) == 3


def test_stocktake_for_chosen_products_lists_them_even_without_stock(store, w):
    receive(store, w.cola, w.main, 10, w.a)
    take = store.stock.start_stocktake(w.main, product_ids=[w.water])
    assert [(ln.sku, ln.batch_id, ln.expected_qty) for ln in take.lines] == [("WATER", None, 0)]


def test_recording_a_count_again_replaces_it(store, w):
    receive(store, w.water, w.main, 10)
    take = store.stock.start_stocktake(w.main)
    store.stock.record_count(take.id, w.water, None, 7)
    again = store.stock.record_count(take.id, w.water, None, 9)
    assert [ln.counted_qty for ln in again.lines] == [9]
    assert len(again.lines) == 1


def test_stocktake_refusals(store, w):
    receive(store, w.water, w.main, 10)
    take = store.stock.start_stocktake(w.main)
    with pytest.raises(InvalidTransition) as err:
        store.stock.start_stocktake(w.main)
    assert err.value.message_id == "stocktake.already_open"
    for bad in (-1, 1.5, None):
        with pytest.raises(ValidationError):
            store.stock.record_count(take.id, w.water, None, bad)
    with pytest.raises(NotFound):
        store.stock.record_count(take.id, w.water, w.a, 1)  # lot A is cola's
    with pytest.raises(NotFound):
        store.stock.record_count("missing", w.water, None, 1)
    store.stock.cancel_stocktake(take.id)
    before = counts(store)
    for attempt in (
        lambda: store.stock.post_stocktake(take.id),
        lambda: store.stock.record_count(take.id, w.water, None, 1),
        lambda: store.stock.cancel_stocktake(take.id),
    ):
        with pytest.raises(InvalidTransition) as err:
            attempt()
        assert err.value.params["status"] == "cancelled"
    assert counts(store) == before
    assert store.stock.on_hand(w.water) == 10
    store.stock.start_stocktake(w.main)  # the cancelled one no longer blocks a new one


def test_posting_a_stocktake_twice_is_refused(store, w):
    receive(store, w.water, w.main, 10)
    take = store.stock.start_stocktake(w.main)
    store.stock.record_count(take.id, w.water, None, 9)
    store.stock.post_stocktake(take.id)
    with pytest.raises(InvalidTransition):
        store.stock.post_stocktake(take.id)
    assert store.stock.on_hand(w.water) == 9
