"""Receivables as the clerk and the owner use them: payments, credits, deposits, aging."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import AuditEntry, Invoice, OutboxOp, Payment, PaymentAllocation
from app.errors import ValidationError
from app.services import ledger
from app.services.sales import LineInput
from tests.services.factories import main_warehouse, make_outlet, make_product, unit_of

AS_OF = dt.date(2026, 11, 27)


@pytest.fixture
def shop(store):
    """Two outlets, one product at 1,000 fen a box, plenty of stock without lots."""
    with store.ctx.write() as uow:
        s = uow.session
        product = make_product(s, sku="BOX", name="礼盒", price_fen=1000, tier="A", packs={})
        first = make_outlet(s, name="东门店", credit_limit_fen=100_000_000, tier_code="A")
        second = make_outlet(s, name="西门店", credit_limit_fen=100_000_000, tier_code="A")
        first.payment_terms_days = 30
        ledger.post_move(uow, product_id=product.id, warehouse_id=main_warehouse(s).id,
                         quantity=100_000, kind="receipt")
        return {"product": product.id, "unit": unit_of(s, product, "瓶").id,
                "outlet": first.id, "other": second.id}


def bill(store, shop, boxes: int, day: dt.date, outlet: str | None = None):
    """An order of `boxes` × 1,000 fen, shipped and invoiced on `day`."""
    order = store.sales.create_order(outlet_id=outlet or shop["outlet"], order_date=day,
                                     lines=[LineInput(shop["product"], shop["unit"], boxes)])
    store.sales.ship(order_id=order.id)
    return store.sales.invoice(order_id=order.id, invoice_date=day)


def days_ago(n: int) -> dt.date:
    return AS_OF - dt.timedelta(days=n)


def count(store, model) -> int:
    with store.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def payment_ops(store) -> list[OutboxOp]:
    with store.ctx.read() as s:
        return list(s.scalars(select(OutboxOp).where(OutboxOp.op_type == "payment.record")
                              .order_by(OutboxOp.seq)))


def allocation_sum(store, invoice_id: str) -> int:
    with store.ctx.read() as s:
        return s.scalar(select(func.coalesce(func.sum(PaymentAllocation.amount_fen), 0))
                        .where(PaymentAllocation.invoice_id == invoice_id))


def test_a_payment_pays_the_oldest_invoices_first(store, shop):
    newest = bill(store, shop, 3, days_ago(1))
    oldest = bill(store, shop, 2, days_ago(20))
    middle = bill(store, shop, 4, days_ago(10))
    payment = store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=5000,
                                               method="wechat", reference="WX123")
    assert payment.number.startswith("PAY-D01-")
    assert [(a.invoice_id, a.amount_fen) for a in payment.allocations] == [
        (oldest.id, 2000), (middle.id, 3000)]
    open_now = {i.id: i.open_fen for i in store.receivables.open_invoices(shop["outlet"])}
    assert open_now == {middle.id: 1000, newest.id: 3000}
    with store.ctx.read() as s:
        for invoice in s.scalars(select(Invoice)):
            assert invoice.paid_fen == allocation_sum(store, invoice.id)
    (op,) = payment_ops(store)
    assert op.payload["amount_fen"] == 5000 and op.payload["method"] == "wechat"
    assert [a["amount_fen"] for a in op.payload["allocations"]] == [2000, 3000]
    with store.ctx.read() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "payment.record"))
    assert entry.entity_id == payment.id and entry.detail["amount_fen"] == 5000


def test_balance_is_zero_after_full_payment(store, shop):
    bill(store, shop, 2, days_ago(5))
    bill(store, shop, 1, days_ago(3))
    assert store.receivables.balance(shop["outlet"]) == 3000
    store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=3000, method="cash")
    assert store.receivables.balance(shop["outlet"]) == 0
    assert store.receivables.open_invoices(shop["outlet"]) == []


def test_an_overpayment_stays_as_credit_for_the_next_invoice(store, shop):
    bill(store, shop, 1, days_ago(5))
    payment = store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=2500,
                                               method="bank")
    assert payment.allocated_fen == 1000 and payment.unallocated_fen == 1500
    assert store.receivables.balance(shop["outlet"]) == -1500  # the outlet is in credit
    later = bill(store, shop, 2, days_ago(1))
    (still_open,) = store.receivables.open_invoices(shop["outlet"])
    assert still_open.id == later.id and still_open.open_fen == 500
    assert allocation_sum(store, later.id) == 1500
    with store.ctx.read() as s:
        op = s.scalar(select(OutboxOp).where(OutboxOp.op_type == "sales_order.invoice")
                      .order_by(OutboxOp.seq.desc()).limit(1))
        assert op.payload["allocations"][0]["payment_id"] == payment.id
        assert s.get(Payment, payment.id).allocated_fen == 2500


def test_invalid_payments_are_refused_and_write_nothing(store, shop):
    before = (count(store, Payment), count(store, OutboxOp), count(store, AuditEntry))
    for amount, method, purpose, message in (
        (0, "cash", "settlement", "payment.amount_not_positive"),
        (-100, "cash", "settlement", "payment.amount_not_positive"),
        (100, "cheque", "settlement", "payment.method_invalid"),
        (100, "cash", "gift", "payment.purpose_invalid"),
        (100, "prepaid", "deposit", "payment.method_invalid"),
    ):
        with pytest.raises(ValidationError) as err:
            store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=amount,
                                             method=method, purpose=purpose)
        assert err.value.message_id == message
    assert (count(store, Payment), count(store, OutboxOp), count(store, AuditEntry)) == before


def test_the_prepaid_deposit_is_topped_up_spent_and_guarded(store, shop):
    store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=3000,
                                     method="alipay", purpose="deposit")
    assert store.receivables.deposit_balance(shop["outlet"]) == 3000
    assert store.receivables.balance(shop["outlet"]) == 0  # a deposit is not a settlement
    invoice = bill(store, shop, 2, days_ago(2))
    assert store.receivables.open_invoices(shop["outlet"])[0].open_fen == 2000
    spent = store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=2000,
                                             method="prepaid")
    assert [(a.invoice_id, a.amount_fen) for a in spent.allocations] == [(invoice.id, 2000)]
    assert store.receivables.deposit_balance(shop["outlet"]) == 1000
    assert store.receivables.balance(shop["outlet"]) == 0
    ops_before = len(payment_ops(store))
    with pytest.raises(ValidationError) as err:
        store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=1001,
                                         method="prepaid")
    assert err.value.message_id == "payment.deposit_insufficient"
    assert err.value.params["balance_fen"] == 1000
    assert len(payment_ops(store)) == ops_before
    assert store.receivables.deposit_balance(shop["outlet"]) == 1000


def test_a_return_on_a_paid_invoice_becomes_credit_for_later_invoices(store, shop):
    first = bill(store, shop, 5, days_ago(9))
    store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=5000, method="cash")
    line = store.sales.get(first.order_id).lines[0]
    ret = store.sales.create_return(order_id=first.order_id, lines=[(line.id, 2)], reason="破损")
    assert ret.total_fen == 2000 and ret.applied_fen == 0
    assert store.receivables.balance(shop["outlet"]) == -2000
    later = bill(store, shop, 3, days_ago(1))
    (still_open,) = store.receivables.open_invoices(shop["outlet"])
    assert still_open.id == later.id and still_open.open_fen == 1000
    assert store.receivables.balance(shop["outlet"]) == 1000


def test_aging_buckets_count_days_since_the_invoice_date(store, shop):
    bill(store, shop, 1, days_ago(0))
    bill(store, shop, 2, days_ago(30))
    bill(store, shop, 3, days_ago(31))
    bill(store, shop, 4, days_ago(75))
    bill(store, shop, 5, days_ago(91))
    bill(store, shop, 7, days_ago(40), outlet=shop["other"])
    bill(store, shop, 9, AS_OF + dt.timedelta(days=1))  # after as_of: not yet aged
    # 6,000 pays the 91-day invoice and 1,000 of the 75-day one (oldest first).
    store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=6000, method="cash")
    report = store.receivables.aging(as_of=AS_OF)
    east = next(r for r in report.rows if r.outlet_id == shop["outlet"])
    assert (east.days_0_30, east.days_31_60, east.days_61_90, east.days_over_90) == (
        3000, 3000, 3000, 0)
    west = next(r for r in report.rows if r.outlet_id == shop["other"])
    assert west.days_31_60 == 7000 and west.outlet_name == "西门店"
    assert report.total.days_31_60 == 10000 and report.total.total_fen == 16000
    only_west = store.receivables.aging(outlet_id=shop["other"], as_of=AS_OF)
    assert [r.outlet_id for r in only_west.rows] == [shop["other"]]


def test_overdue_lists_outlets_with_invoices_past_their_due_date(store, shop):
    bill(store, shop, 2, days_ago(31))  # due 30 days after: yesterday
    bill(store, shop, 1, days_ago(30))  # due today: not overdue yet
    bill(store, shop, 4, days_ago(5), outlet=shop["other"])
    (late,) = store.receivables.overdue(AS_OF)
    assert (late.outlet_id, late.overdue_fen, late.invoice_count) == (shop["outlet"], 2000, 1)
    assert late.oldest_due_date == days_ago(1)
    store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=2000, method="cash")
    assert store.receivables.overdue(AS_OF) == []


def test_statement_shows_opening_movements_and_closing(store, shop):
    bill(store, shop, 3, dt.date(2026, 10, 20))
    store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=1000, method="cash",
                                     payment_date=dt.date(2026, 10, 25))
    november = bill(store, shop, 5, dt.date(2026, 11, 3))
    store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=4000, method="bank",
                                     payment_date=dt.date(2026, 11, 10))
    store.receivables.record_payment(outlet_id=shop["outlet"], amount_fen=500, method="cash",
                                     payment_date=dt.date(2026, 12, 2))
    statement = store.receivables.statement(shop["outlet"], dt.date(2026, 11, 1),
                                            dt.date(2026, 11, 30))
    assert statement.opening_fen == 2000
    assert [(e.kind, e.debit_fen, e.credit_fen, e.balance_fen) for e in statement.entries] == [
        ("invoice", 5000, 0, 7000), ("payment", 0, 4000, 3000)]
    assert statement.entries[0].number == november.number
    assert statement.closing_fen == 3000 and statement.outlet_name == "东门店"
