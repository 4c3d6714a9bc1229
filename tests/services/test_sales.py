"""Sales orders as a clerk uses them: drafts, prices, credit, shipping by lot, returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from app.db.models import (
    AuditEntry,
    Barcode,
    DeliveryNote,
    OutboxOp,
    Product,
    SalesOrder,
    SalesOrderLine,
    StockMove,
)
from app.errors import (
    ConcurrentChange,
    CreditLimitExceeded,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    PriceBelowFloor,
    StockShortfall,
    ValidationError,
)
from app.ids import derived_id
from app.services import ledger, pricing
from app.services.context import CurrentUser, set_setting
from app.services.sales import LineInput
from tests.services.factories import main_warehouse, make_batch, make_outlet, make_product, unit_of

TODAY = dt.date.today()


@dataclass
class World:
    outlet: str
    warehouse: str
    cola: str  # 350 fen a bottle for tier A, floor 300
    cola_bottle: str
    cola_case: str  # 24 bottles
    tea: str  # 500 fen, no floor
    tea_bottle: str
    early: str  # cola lot expiring first
    late: str


@pytest.fixture
def world(store) -> World:
    with store.ctx.write() as uow:
        s = uow.session
        wh = main_warehouse(s)
        cola = make_product(s, sku="COLA", name="可乐", price_fen=350, floor_fen=300, tier="A")
        tea = make_product(s, sku="TEA", name="绿茶", price_fen=500, tier="A")
        outlet = make_outlet(s, name="好运超市", credit_limit_fen=10_000_000, tier_code="A")
        s.add(Barcode(code="6900000000017", unit_id=unit_of(s, cola, "瓶").id, product_id=cola.id))
        s.add(Barcode(code="6900000000024", unit_id=unit_of(s, cola, "箱").id, product_id=cola.id))
        early = make_batch(s, cola, "L1", expiry_date=TODAY + dt.timedelta(days=30))
        late = make_batch(s, cola, "L2", expiry_date=TODAY + dt.timedelta(days=300))
        tea_lot = make_batch(s, tea, "T1", expiry_date=TODAY + dt.timedelta(days=100))
        for product, batch, qty in ((cola, late, 100), (cola, early, 30), (tea, tea_lot, 50)):
            ledger.post_move(uow, product_id=product.id, warehouse_id=wh.id, quantity=qty,
                             kind="receipt", batch_id=batch.id)
        return World(outlet.id, wh.id, cola.id, unit_of(s, cola, "瓶").id,
                     unit_of(s, cola, "箱").id, tea.id, unit_of(s, tea, "瓶").id,
                     early.id, late.id)


def ops(store, op_type: str, entity_id: str | None = None) -> list[OutboxOp]:
    with store.ctx.read() as s:
        query = select(OutboxOp).where(OutboxOp.op_type == op_type)
        if entity_id is not None:
            query = query.where(OutboxOp.entity_id == entity_id)
        return list(s.scalars(query.order_by(OutboxOp.seq)))


def audits(store, action: str, entity_id: str | None = None) -> list[AuditEntry]:
    with store.ctx.read() as s:
        query = select(AuditEntry).where(AuditEntry.action == action)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == entity_id)
        return list(s.scalars(query))


def count(store, model) -> int:
    with store.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def stock(store, product_id: str, batch_id: str | None = None) -> int:
    with store.ctx.read() as s:
        return ledger.on_hand(s, product_id, batch_id=batch_id)


def as_clerk(store) -> None:
    clerk = store.users.create(username="clerk", password="clerk-pw", role="clerk")
    store.login_as(CurrentUser(id=clerk.id, username="clerk", role="clerk"))


def confirmed_order(store, w: World, *lines: LineInput, order_date: dt.date | None = None):
    lines = lines or (LineInput(w.cola, w.cola_bottle, 10),)
    return store.sales.create_order(outlet_id=w.outlet, lines=list(lines), order_date=order_date)


def set_outlet(store, outlet_id: str, **fields) -> None:
    from app.db.models import Outlet

    with store.ctx.write() as uow:
        outlet = uow.session.get(Outlet, outlet_id)
        for key, value in fields.items():
            setattr(outlet, key, value)


# -- pricing ----------------------------------------------------------------------------------


def test_order_totals_are_exact_integer_sums():
    totals = pricing.order_totals([(3, 350), (2, 8400), (1, 1)])
    assert totals.line_amounts_fen == (1050, 16800, 1)
    assert totals.total_fen == 17851
    with pytest.raises(TypeError):
        pricing.order_totals([(1, 3.5)])


def test_returning_a_line_in_steps_credits_exactly_its_amount():
    # 7 bottles for 1000 fen: per-bottle value is not a whole fen.
    parts, done_q, done_a = [], 0, 0
    for q in (3, 3, 1):
        amount = pricing.return_amount(1000, 7, done_q, done_a, q)
        parts.append(amount)
        done_q, done_a = done_q + q, done_a + amount
    assert sum(parts) == 1000
    assert parts == [429, 428, 143]


# -- drafts and lines -------------------------------------------------------------------------


def test_draft_lines_take_the_tier_price_times_the_unit_factor(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    assert order.status == "draft" and order.number.startswith("SO-D01-")
    assert order.warehouse_id == world.warehouse
    bottle = store.sales.add_line(order_id=order.id, product_id=world.cola,
                                  unit_id=world.cola_bottle, quantity=5)
    case = store.sales.add_line(order_id=order.id, product_id=world.cola,
                                unit_id=world.cola_case, quantity=2)
    assert bottle.line.unit_price_fen == 350 and bottle.line.amount_fen == 1750
    assert case.line.unit_price_fen == 350 * 24 and case.line.base_quantity == 48
    assert case.order.total_fen == 1750 + 2 * 8400
    detail = store.sales.get(order.id)
    assert [ln.unit_name for ln in detail.lines] == ["瓶", "箱"]
    assert detail.lines[1].sku == "COLA" and detail.lines[1].product_name == "可乐"


def test_drafts_stay_local_but_are_audited(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    store.sales.add_line(order_id=order.id, product_id=world.cola, unit_id=world.cola_bottle,
                         quantity=1)
    with store.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxOp)
                        .where(OutboxOp.entity == "sales_order")) == 0
    assert len(audits(store, "sales_order.create_draft", order.id)) == 1
    assert len(audits(store, "sales_order.add_line", order.id)) == 1


def test_update_and_remove_lines_retotal_and_renumber(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    first = store.sales.add_line(order_id=order.id, product_id=world.cola,
                                 unit_id=world.cola_bottle, quantity=1).line
    second = store.sales.add_line(order_id=order.id, product_id=world.tea,
                                  unit_id=world.tea_bottle, quantity=2).line
    changed = store.sales.update_line(line_id=second.id, quantity=4, unit_price_fen=450)
    assert changed.line.amount_fen == 1800 and changed.order.total_fen == 350 + 1800
    after = store.sales.remove_line(line_id=first.id)
    assert after.total_fen == 1800
    assert [(ln.line_no, ln.sku) for ln in store.sales.get(order.id).lines] == [(1, "TEA")]
    noted = store.sales.set_note(order_id=order.id, note=" 下午送 ")
    assert noted.note == "下午送"


def test_quantity_must_be_a_positive_whole_number(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    for bad in (0, -2, 1.5):
        with pytest.raises(ValidationError) as err:
            store.sales.add_line(order_id=order.id, product_id=world.cola,
                                 unit_id=world.cola_bottle, quantity=bad)
        assert err.value.message_id == "quantity.not_positive"
    assert store.sales.get(order.id).lines == ()


def test_no_price_for_the_outlets_tier_asks_for_one(store, world):
    with store.ctx.write() as uow:
        plain = make_product(uow.session, sku="NOPRICE")
        unit = unit_of(uow.session, plain, "瓶").id
    order = store.sales.create_draft(outlet_id=world.outlet)
    with pytest.raises(ValidationError) as err:
        store.sales.add_line(order_id=order.id, product_id=plain.id, unit_id=unit, quantity=1)
    assert err.value.message_id == "order.no_price"
    assert err.value.params["sku"] == "NOPRICE" and err.value.params["tier"] == "A"
    typed = store.sales.add_line(order_id=order.id, product_id=plain.id, unit_id=unit,
                                 quantity=1, unit_price_fen=990)
    assert typed.line.amount_fen == 990


def test_price_below_floor_needs_a_reason_and_is_flagged(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    with pytest.raises(PriceBelowFloor) as err:
        store.sales.add_line(order_id=order.id, product_id=world.cola,
                             unit_id=world.cola_case, quantity=1, unit_price_fen=24 * 299)
    assert err.value.message_id == "order.price_below_floor"
    assert err.value.params["floor_fen"] == 24 * 300
    assert store.sales.get(order.id).lines == ()
    at_floor = store.sales.add_line(order_id=order.id, product_id=world.cola,
                                    unit_id=world.cola_case, quantity=1, unit_price_fen=24 * 300)
    assert at_floor.line.below_floor is False
    flagged = store.sales.add_line(order_id=order.id, product_id=world.cola,
                                   unit_id=world.cola_bottle, quantity=1, unit_price_fen=250,
                                   below_floor_reason="临期清货")
    assert flagged.line.below_floor is True and flagged.line.below_floor_reason == "临期清货"
    with pytest.raises(PriceBelowFloor):
        store.sales.update_line(line_id=at_floor.line.id, unit_price_fen=100)
    confirmed = store.sales.confirm(order_id=order.id)
    (op,) = ops(store, "sales_order.confirm", confirmed.id)
    assert [ln["below_floor"] for ln in op.payload["lines"]] == [False, True]
    assert op.payload["lines"][1]["below_floor_reason"] == "临期清货"


def test_scanning_adds_the_scanned_unit_or_counts_up(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    store.sales.add_scanned(order_id=order.id, barcode="6900000000017")
    again = store.sales.add_scanned(order_id=order.id, barcode="６９００００００００ ０１７")
    case = store.sales.add_scanned(order_id=order.id, barcode=" 6900000000024\n")
    lines = store.sales.get(order.id).lines
    assert [(ln.unit_name, ln.quantity) for ln in lines] == [("瓶", 2), ("箱", 1)]
    assert again.line.amount_fen == 700
    assert case.order.total_fen == 700 + 8400
    with pytest.raises(NotFound):
        store.sales.add_scanned(order_id=order.id, barcode="123")


def test_lines_cannot_change_after_confirmation(store, world):
    order = confirmed_order(store, world)
    line_id = store.sales.get(order.id).lines[0].id
    with pytest.raises(InvalidTransition) as err:
        store.sales.update_line(line_id=line_id, quantity=3)
    assert err.value.params == {"number": order.number, "status": "confirmed", "action": "edit"}


# -- confirmation and credit --------------------------------------------------------------------


def test_confirm_emits_the_full_snapshot_with_base_rev(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    seen = store.sales.add_line(order_id=order.id, product_id=world.cola,
                                unit_id=world.cola_case, quantity=2).order
    confirmed = store.sales.confirm(order_id=order.id, expected_rev=seen.rev)
    assert confirmed.status == "confirmed" and confirmed.rev == seen.rev + 1
    (op,) = ops(store, "sales_order.confirm", order.id)
    assert op.base_rev == seen.rev
    assert op.payload["total_fen"] == 16800 and op.payload["rev"] == confirmed.rev
    (line,) = op.payload["lines"]
    assert line["base_quantity"] == 48 and line["unit_price_fen"] == 8400
    assert len(audits(store, "sales_order.confirm", order.id)) == 1


def test_confirm_refuses_an_empty_order(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    with pytest.raises(ValidationError) as err:
        store.sales.confirm(order_id=order.id)
    assert err.value.message_id == "order.empty"


def test_a_stale_revision_is_refused(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    store.sales.add_line(order_id=order.id, product_id=world.cola, unit_id=world.cola_bottle,
                         quantity=1)
    with pytest.raises(ConcurrentChange):
        store.sales.confirm(order_id=order.id, expected_rev=order.rev)
    assert store.sales.get(order.id).order.status == "draft"


def test_credit_limit_refuses_then_a_manager_overrides_with_a_reason(store, world):
    set_outlet(store, world.outlet, credit_limit_fen=10_000)
    confirmed_order(store, world, LineInput(world.cola, world.cola_bottle, 20))  # 7,000 owed
    order = store.sales.create_draft(outlet_id=world.outlet)
    store.sales.add_line(order_id=order.id, product_id=world.tea, unit_id=world.tea_bottle,
                         quantity=7)  # 3,500 more: 10,500 > 10,000
    ops_before = count(store, OutboxOp)
    with pytest.raises(CreditLimitExceeded) as err:
        store.sales.confirm(order_id=order.id)
    assert err.value.params["outstanding_fen"] == 7000
    assert err.value.params["order_total_fen"] == 3500
    assert count(store, OutboxOp) == ops_before
    assert audits(store, "sales_order.confirm", order.id) == []
    confirmed = store.sales.confirm(order_id=order.id, override_reason="老客户，月底结清")
    assert confirmed.status == "confirmed"
    detail = store.sales.get(order.id)
    assert detail.credit_override_reason == "老客户，月底结清"
    assert detail.credit_override_by == store.ctx.user.id
    (entry,) = audits(store, "sales_order.credit_override", order.id)
    assert entry.detail["reason"] == "老客户，月底结清"
    (op,) = ops(store, "sales_order.confirm", order.id)
    assert op.payload["credit_override"]["reason"] == "老客户，月底结清"


def test_a_clerk_cannot_override_the_credit_limit(store, world):
    set_outlet(store, world.outlet, credit_limit_fen=1000)
    as_clerk(store)
    order = store.sales.create_draft(outlet_id=world.outlet)
    store.sales.add_line(order_id=order.id, product_id=world.tea, unit_id=world.tea_bottle,
                         quantity=3)
    with pytest.raises(CreditLimitExceeded):
        store.sales.confirm(order_id=order.id)
    with pytest.raises(PermissionDenied) as err:
        store.sales.confirm(order_id=order.id, override_reason="我担保")
    assert err.value.message_id == "order.override_requires_manager"
    assert store.sales.get(order.id).order.status == "draft"
    assert ops(store, "sales_order.confirm") == []


def test_credit_limit_zero_means_not_controlled(store, world):
    set_outlet(store, world.outlet, credit_limit_fen=0)
    big = confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 5000))
    assert big.status == "confirmed"
    assert store.sales.get(big.id).credit_override_by is None


def test_prepaid_deposit_adds_to_the_credit_headroom(store, world):
    set_outlet(store, world.outlet, credit_limit_fen=100)
    with pytest.raises(CreditLimitExceeded):
        confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 1))
    assert count(store, SalesOrder) == 0  # the one-call save wrote nothing either
    store.receivables.record_payment(outlet_id=world.outlet, amount_fen=900, method="cash",
                                     purpose="deposit")
    ok = confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 2))
    assert ok.status == "confirmed"
    with pytest.raises(CreditLimitExceeded):
        confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 1))


def test_outstanding_counts_open_invoices_uninvoiced_orders_minus_credits(store, world):
    from app.services.receivables import outstanding_for_credit

    a = confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 10))  # 5,000
    confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 2))  # 1,000
    store.sales.ship(order_id=a.id)
    store.sales.invoice(order_id=a.id)
    store.receivables.record_payment(outlet_id=world.outlet, amount_fen=1500, method="cash")
    draft = store.sales.create_draft(outlet_id=world.outlet)
    store.sales.add_line(order_id=draft.id, product_id=world.tea, unit_id=world.tea_bottle,
                         quantity=99)  # drafts do not count
    with store.ctx.read() as s:
        assert outstanding_for_credit(s, world.outlet) == 5000 - 1500 + 1000


def test_create_order_saves_lines_and_confirms_in_one_call(store, world):
    order = store.sales.create_order(
        outlet_id=world.outlet,
        lines=[LineInput(world.cola, world.cola_case, 1),
               {"product_id": world.tea, "unit_id": world.tea_bottle, "quantity": 3,
                "unit_price_fen": 480}],
        note="电话订单",
    )
    assert order.status == "confirmed" and order.total_fen == 8400 + 1440
    assert len(ops(store, "sales_order.confirm", order.id)) == 1
    assert len(audits(store, "sales_order.create", order.id)) == 1
    draft = store.sales.create_order(outlet_id=world.outlet, confirm=False,
                                     lines=[LineInput(world.tea, world.tea_bottle, 1)])
    assert draft.status == "draft" and ops(store, "sales_order.confirm", draft.id) == []


def test_a_refused_line_saves_nothing_of_the_order(store, world):
    audit_before = count(store, AuditEntry)
    with pytest.raises(PriceBelowFloor):
        store.sales.create_order(outlet_id=world.outlet, lines=[
            LineInput(world.tea, world.tea_bottle, 1),
            LineInput(world.cola, world.cola_bottle, 1, unit_price_fen=1),
        ])
    assert count(store, SalesOrder) == 0 and count(store, SalesOrderLine) == 0
    assert count(store, AuditEntry) == audit_before


# -- shipping ---------------------------------------------------------------------------------


def test_ship_allocates_first_expiry_first_across_lots_and_lines(store, world):
    order = confirmed_order(store, world, LineInput(world.cola, world.cola_case, 1),
                            LineInput(world.cola, world.cola_bottle, 10))  # 24 + 10 bottles
    result = store.sales.ship(order_id=order.id)
    assert result.order.status == "shipped" and result.delivery_note_number.startswith("DN-D01-")
    assert result.negative_stock == ()
    got = [(a.lot_no, a.base_quantity) for a in result.allocations]
    assert got == [("L1", 24), ("L1", 6), ("L2", 4)]
    assert stock(store, world.cola, world.early) == 0
    assert stock(store, world.cola, world.late) == 96
    lines = store.sales.get(order.id).lines
    with store.ctx.read() as s:
        note_id = s.scalar(select(DeliveryNote.id).where(DeliveryNote.order_id == order.id))
        move = s.get(StockMove, derived_id("ship", note_id, lines[1].id, world.late))
        assert move.kind == "shipment" and move.quantity == -4
    detail = store.sales.get(order.id)
    assert detail.allocations[0].expiry_date == TODAY + dt.timedelta(days=30)
    assert detail.delivery_note_number == result.delivery_note_number
    (op,) = ops(store, "sales_order.ship", order.id)
    assert len(op.payload["delivery_note"]["lines"]) == 3
    assert len(audits(store, "sales_order.ship", order.id)) == 1
    # The moves travel inside the ship command (HQ posts them only if it accepts it).
    assert [o for o in ops(store, "stock_move.post") if o.payload["kind"] == "shipment"] == []
    assert sorted(m["quantity"] for m in op.payload["moves"]) == [-24, -6, -4]


def test_a_shortfall_names_every_product_short_and_writes_nothing(store, world):
    order = confirmed_order(store, world, LineInput(world.cola, world.cola_case, 6),  # 144 > 130
                            LineInput(world.tea, world.tea_bottle, 60))  # 60 > 50
    before = (count(store, StockMove), count(store, OutboxOp), count(store, AuditEntry),
              count(store, DeliveryNote))
    with pytest.raises(StockShortfall) as err:
        store.sales.ship(order_id=order.id)
    shortages = err.value.params["shortages"]
    assert [(x["sku"], x["needed"], x["available"]) for x in shortages] == [
        ("COLA", 144, 130), ("TEA", 60, 50)]
    assert shortages[1]["name"] == "绿茶"
    assert "COLA" in err.value.params["details"] and "TEA" in err.value.params["details"]
    after = (count(store, StockMove), count(store, OutboxOp), count(store, AuditEntry),
             count(store, DeliveryNote))
    assert after == before
    assert store.sales.get(order.id).order.status == "confirmed"


def test_negative_stock_setting_ships_the_rest_without_a_lot_and_flags_it(store, world):
    with store.ctx.write() as uow:
        set_setting(uow.session, "allow_negative_stock", "1")
    order = confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 60))
    result = store.sales.ship(order_id=order.id)
    assert [(a.lot_no, a.base_quantity) for a in result.allocations] == [("T1", 50), ("", 10)]
    (flag,) = result.negative_stock
    assert (flag.sku, flag.needed, flag.available) == ("TEA", 60, 50)
    assert stock(store, world.tea) == -10
    (op,) = ops(store, "sales_order.ship", order.id)
    assert op.payload["negative_stock"][0]["sku"] == "TEA"


def test_stock_without_a_lot_and_the_shortfall_go_out_as_one_entry(store, world):
    """Lot T1 has 50, 2 more bottles have no lot, 54 ordered, negative stock allowed: the
    2 without a lot and the 2 short are one delivery line and one move of 4 without a lot
    (two entries for one line and lot would collide)."""
    with store.ctx.write() as uow:
        set_setting(uow.session, "allow_negative_stock", "1")
        ledger.post_move(uow, product_id=world.tea, warehouse_id=world.warehouse, quantity=2,
                         kind="receipt")
    order = confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 54))
    result = store.sales.ship(order_id=order.id)
    assert [(a.lot_no, a.base_quantity) for a in result.allocations] == [("T1", 50), ("", 4)]
    assert stock(store, world.tea) == -2
    (flag,) = result.negative_stock
    assert (flag.needed, flag.available) == (54, 52)


def test_illegal_transitions_are_refused(store, world):
    draft = store.sales.create_draft(outlet_id=world.outlet)
    store.sales.add_line(order_id=draft.id, product_id=world.tea, unit_id=world.tea_bottle,
                         quantity=1)
    for action in (store.sales.ship, store.sales.deliver, store.sales.invoice):
        with pytest.raises(InvalidTransition):
            action(order_id=draft.id)
    order = confirmed_order(store, world)
    with pytest.raises(InvalidTransition):
        store.sales.confirm(order_id=order.id)
    with pytest.raises(InvalidTransition):
        store.sales.invoice(order_id=order.id)
    store.sales.ship(order_id=order.id)
    with pytest.raises(InvalidTransition) as err:
        store.sales.cancel(order_id=order.id, reason="不要了")
    assert err.value.params["status"] == "shipped"
    with pytest.raises(InvalidTransition):
        store.sales.ship(order_id=order.id)


def test_each_order_record_names_what_the_current_user_may_do_next(store, world):
    draft = store.sales.create_draft(outlet_id=world.outlet)
    assert draft.actions == ("edit", "confirm", "cancel", "override_credit")  # a manager
    line = store.sales.add_line(order_id=draft.id, product_id=world.tea,
                                unit_id=world.tea_bottle, quantity=1)
    assert line.order.actions == draft.actions
    as_clerk(store)
    assert store.sales.get(draft.id).order.actions == ("edit", "confirm", "cancel")
    assert store.sales.confirm(order_id=draft.id).actions == ("ship", "cancel")
    assert store.sales.ship(order_id=draft.id).order.actions == ("deliver", "invoice", "return")
    assert store.sales.deliver(order_id=draft.id).actions == ("invoice", "return")
    store.sales.invoice(order_id=draft.id)
    assert store.sales.get(draft.id).order.actions == ("return",)
    cancelled = store.sales.cancel(order_id=store.sales.create_draft(outlet_id=world.outlet).id)
    assert cancelled.actions == ()


def test_deliver_then_invoice_with_due_date_from_payment_terms(store, world):
    set_outlet(store, world.outlet, payment_terms_days=45)
    order = confirmed_order(store, world)
    store.sales.ship(order_id=order.id)
    delivered = store.sales.deliver(order_id=order.id, signed_by="王老板")
    assert delivered.status == "delivered"
    day = dt.date(2026, 11, 1)
    invoice = store.sales.invoice(order_id=order.id, invoice_date=day)
    assert invoice.number.startswith("INV-D01-")
    assert invoice.due_date == dt.date(2026, 12, 16) and invoice.total_fen == 3500
    assert store.sales.get(order.id).invoice_number == invoice.number
    (op,) = ops(store, "sales_order.deliver", order.id)
    assert op.payload["signed_by"] == "王老板"
    (op,) = ops(store, "sales_order.invoice", order.id)
    assert op.payload["invoice"]["due_date"] == "2026-12-16"
    assert len(audits(store, "sales_order.invoice", order.id)) == 1


def test_cancel_a_draft_locally_and_a_confirmed_order_with_an_op(store, world):
    draft = store.sales.create_draft(outlet_id=world.outlet)
    assert store.sales.cancel(order_id=draft.id).status == "cancelled"
    assert ops(store, "sales_order.cancel") == []
    order = confirmed_order(store, world)
    with pytest.raises(ValidationError):
        store.sales.cancel(order_id=order.id)  # a confirmed order needs a reason
    cancelled = store.sales.cancel(order_id=order.id, reason="客户取消")
    assert cancelled.status == "cancelled"
    (op,) = ops(store, "sales_order.cancel", order.id)
    assert op.payload["reason"] == "客户取消"
    assert len(audits(store, "sales_order.cancel")) == 2


# -- returns ----------------------------------------------------------------------------------


def test_returns_go_back_to_the_lots_shipped_from_and_are_limited(store, world):
    order = confirmed_order(store, world, LineInput(world.cola, world.cola_bottle, 40))
    store.sales.ship(order_id=order.id)  # 30 from L1, 10 from L2
    line = store.sales.get(order.id).lines[0]
    first = store.sales.create_return(order_id=order.id, lines=[(line.id, 35)], reason="破损")
    assert first.number.startswith("RT-D01-")
    assert [(ln.batch_id, ln.base_quantity) for ln in first.lines] == [
        (world.early, 30), (world.late, 5)]
    assert first.total_fen == 35 * 350
    assert stock(store, world.cola, world.early) == 30
    assert stock(store, world.cola, world.late) == 95
    with pytest.raises(ValidationError) as err:
        store.sales.create_return(order_id=order.id, lines=[(line.id, 6)], reason="多退")
    assert err.value.message_id == "order.return_too_much" and err.value.params["max"] == 5
    last = store.sales.create_return(order_id=order.id, lines=[(line.id, 5)], reason="破损")
    assert last.total_fen == 5 * 350
    (op,) = ops(store, "sales_return.create", first.id)
    assert op.payload["total_fen"] == 35 * 350 and len(op.payload["lines"]) == 2
    returns = [o for o in ops(store, "stock_move.post") if o.payload["kind"] == "return"]
    assert sorted(o.payload["quantity"] for o in returns) == [5, 5, 30]
    assert len(audits(store, "sales_return.create")) == 2


def test_a_return_before_shipping_is_refused(store, world):
    order = confirmed_order(store, world)
    line = store.sales.get(order.id).lines[0]
    with pytest.raises(InvalidTransition):
        store.sales.create_return(order_id=order.id, lines=[(line.id, 1)], reason="x")


def test_a_return_credits_the_orders_open_invoice(store, world):
    order = confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 10))
    store.sales.ship(order_id=order.id)
    invoice = store.sales.invoice(order_id=order.id)
    line = store.sales.get(order.id).lines[0]
    ret = store.sales.create_return(order_id=order.id, lines=[(line.id, 4)], reason="过期")
    assert ret.total_fen == 2000 and ret.applied_fen == 2000
    (open_invoice,) = store.receivables.open_invoices(world.outlet)
    assert open_invoice.id == invoice.id and open_invoice.open_fen == 5000 - 2000
    (op,) = ops(store, "sales_return.create", ret.id)
    assert op.payload["allocations"] == [
        {"invoice_id": invoice.id, "amount_fen": 2000, "payment_id": None, "return_id": ret.id}]
    assert store.receivables.balance(world.outlet) == 3000


# -- queries ----------------------------------------------------------------------------------


def test_list_orders_pages_newest_first_with_filters(store, world):
    for day in range(1, 8):
        store.sales.create_order(outlet_id=world.outlet, order_date=dt.date(2026, 11, day),
                                 lines=[LineInput(world.tea, world.tea_bottle, 1)])
    first = store.sales.list_orders(limit=3)
    assert [o.order_date.day for o in first] == [7, 6, 5]
    second = store.sales.list_orders(limit=3, after_key=first[-1].key)
    assert [o.order_date.day for o in second] == [4, 3, 2]
    assert store.sales.list_orders(status="draft") == []
    assert store.sales.count_orders() == 7 and store.sales.count_orders(status="draft") == 0
    window = store.sales.list_orders(date_from=dt.date(2026, 11, 3),
                                     date_to=dt.date(2026, 11, 4), outlet_id=world.outlet)
    assert [o.order_date.day for o in window] == [4, 3] and window[0].outlet_name == "好运超市"
    assert [o.number for o in store.sales.list_orders(number_like=first[0].number[-4:])] == [
        first[0].number]


def test_last_prices_are_the_three_newest_charged_to_the_outlet(store, world):
    for day, price in ((1, 500), (2, 480), (3, 470), (4, 460)):
        store.sales.create_order(outlet_id=world.outlet, order_date=dt.date(2026, 11, day),
                                 lines=[LineInput(world.tea, world.tea_bottle, 1, price)])
    store.sales.create_order(outlet_id=world.outlet, confirm=False,
                             lines=[LineInput(world.tea, world.tea_bottle, 1, 1)])
    prices = store.sales.last_prices(outlet_id=world.outlet, product_id=world.tea)
    assert [p.unit_price_fen for p in prices] == [460, 470, 480]


def test_today_summary_counts_confirmed_orders_of_the_day(store, world):
    # Dated explicitly: a suite that runs across midnight must not move orders to another day.
    confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 2), order_date=TODAY)
    confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 1), order_date=TODAY)
    confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 4),
                    order_date=TODAY - dt.timedelta(days=1))
    store.sales.create_draft(outlet_id=world.outlet, order_date=TODAY)
    cancelled = confirmed_order(store, world, order_date=TODAY)
    store.sales.cancel(order_id=cancelled.id, reason="重复")
    summary = store.sales.today_summary(TODAY)
    assert (summary.order_count, summary.total_fen) == (2, 1500)


def test_undated_lots_and_stock_without_a_lot_go_out_after_dated_lots(store, world):
    # Same order as ledger.batch_balances: dated lots by expiry, then no-lot stock, then
    # undated lots by lot number.
    with store.ctx.write() as uow:
        s = uow.session
        undated = make_batch(s, s.get(Product, world.tea), "T0")
        for batch, qty in ((undated.id, 5), (None, 5)):
            ledger.post_move(uow, product_id=world.tea, warehouse_id=world.warehouse,
                             quantity=qty, kind="receipt", batch_id=batch)
    order = confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 58))
    result = store.sales.ship(order_id=order.id)
    assert [(a.lot_no, a.base_quantity) for a in result.allocations] == [
        ("T1", 50), ("", 5), ("T0", 3)]
    assert result.negative_stock == ()


def test_an_order_reaching_exactly_the_credit_limit_is_allowed(store, world):
    set_outlet(store, world.outlet, credit_limit_fen=5000)
    confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 6))  # 3,000
    exact = confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 4))  # 5,000
    assert exact.status == "confirmed"
    with pytest.raises(CreditLimitExceeded):
        confirmed_order(store, world, LineInput(world.tea, world.tea_bottle, 1, 1))


def test_every_step_of_an_orders_life_is_audited_and_only_commands_reach_hq(store, world):
    order = store.sales.create_draft(outlet_id=world.outlet)
    line = store.sales.add_line(order_id=order.id, product_id=world.tea,
                                unit_id=world.tea_bottle, quantity=2).line
    store.sales.add_scanned(order_id=order.id, barcode="6900000000017")
    store.sales.update_line(line_id=line.id, quantity=3)
    scanned = store.sales.get(order.id).lines[1]
    store.sales.remove_line(line_id=scanned.id)
    store.sales.set_note(order_id=order.id, note="上午送")
    local_only = {o.op_type for o in ops_of_order(store, order.id)}
    assert local_only == set()
    store.sales.confirm(order_id=order.id)
    store.sales.ship(order_id=order.id)
    store.sales.deliver(order_id=order.id, signed_by="张三")
    store.sales.invoice(order_id=order.id)
    ret = store.sales.create_return(order_id=order.id, lines=[(line.id, 1)], reason="破损")
    with store.ctx.read() as s:
        actions = [a for (a,) in s.execute(
            select(AuditEntry.action).where(AuditEntry.entity_id.in_([order.id, ret.id]))
            .order_by(AuditEntry.at, AuditEntry.id))]
    assert actions == [
        "sales_order.create_draft", "sales_order.add_line", "sales_order.scan",
        "sales_order.update_line", "sales_order.remove_line", "sales_order.set_note",
        "sales_order.confirm", "sales_order.ship", "sales_order.deliver",
        "sales_order.invoice", "sales_return.create",
    ]
    assert [o.op_type for o in ops_of_order(store, order.id)] == [
        "sales_order.confirm", "sales_order.ship", "sales_order.deliver", "sales_order.invoice"]
    bases = [o.base_rev for o in ops_of_order(store, order.id)]
    assert bases == sorted(bases) and len(set(bases)) == 4


def ops_of_order(store, order_id: str) -> list[OutboxOp]:
    with store.ctx.read() as s:
        return list(s.scalars(select(OutboxOp).where(OutboxOp.entity == "sales_order",
                                                     OutboxOp.entity_id == order_id)
                              .order_by(OutboxOp.seq)))
