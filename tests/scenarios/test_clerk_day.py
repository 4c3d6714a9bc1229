"""A clerk's day, read like a story: a new outlet is filed with HQ, orders goods in packs and
pieces, the goods leave from the batch that expires first, arrive, are invoiced and paid.

Each step must leave its operations in the outbox for HQ, in the order the clerk did them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.db.models import AuditEntry, OutboxOp
from app.services.catalog import PackSpec
from app.services.context import CurrentUser
from app.services.purchasing import PoLineIn, PoReceiveLine
from app.services.sales import LineInput

TODAY = dt.date.today()


def _new_op_types(store, seen: set[int]) -> list[str]:
    """Operation types appended since the last call (by outbox sequence)."""
    with store.ctx.read() as s:
        ops = [op for op in s.scalars(select(OutboxOp).order_by(OutboxOp.seq)) if op.seq not in seen]
    seen.update(op.seq for op in ops)
    return [op.op_type for op in ops]


def test_a_clerks_day(store):
    seen: set[int] = set()
    manager = store.ctx.user

    # Morning, the manager: the brand's product, its price for the outlet's tier, and stock.
    tier = store.catalog.create_price_tier(code="A", name="A类客户")
    coke = store.catalog.create_product(
        sku="KO-500", name="可口可乐 500ml", base_unit="瓶", spec="500ml×24",
        base_barcodes=["6901939621257"], packs=[PackSpec("箱", 24, ("6901939621264",))],
        shelf_life_days=365, floor_price_fen=250,
    )
    store.catalog.set_price(product_id=coke.id, tier_id=tier.id, price_fen=300)
    bottle, case = coke.units[0], coke.units[1]
    assert (bottle.name, case.name, case.factor) == ("瓶", "箱", 24)
    warehouse_id = store.company.warehouses()[0].id
    po = store.purchasing.create_draft(
        warehouse_id=warehouse_id, lines=[PoLineIn(coke.id, case.id, 4, 5400)]
    )
    store.purchasing.submit(po.id)
    store.purchasing.apply_hq_status(po.id, "approved")
    later, sooner = TODAY + dt.timedelta(days=300), TODAY + dt.timedelta(days=60)
    store.purchasing.receive(
        po.id,
        lines=[
            PoReceiveLine(po.lines[0].id, 48, "L-LATE", TODAY - dt.timedelta(days=5), later),
            PoReceiveLine(po.lines[0].id, 48, "L-SOON", TODAY - dt.timedelta(days=300), sooner),
        ],
    )
    assert store.stock.on_hand(coke.id, warehouse_id) == 96
    _new_op_types(store, seen)  # the manager's preparation is not the clerk's story

    # The clerk logs in.
    clerk = store.users.create(username="xiaoli", password="clerk-pw1", role="clerk")
    store.login_as(store.users.authenticate("xiaoli", "clerk-pw1"))
    assert store.ctx.user == CurrentUser(clerk.id, "xiaoli", "clerk")

    # A new outlet phones in; the clerk registers it and files it with HQ.
    outlet = store.outlets.create(
        name="岳麓山下便利店", contact="陈老板", phone="13975112345",
        address="长沙市岳麓区桃子湖路8号", region="岳麓区", tier_id=tier.id,
        credit_limit_fen=200_000, payment_terms_days=15,
    )
    filing = store.filings.create(outlet.id, note="新店开业", submit=True)
    assert filing.status == "pending"
    assert _new_op_types(store, seen) == ["outlet.create", "filing.submit"]

    # The order: 2 cases and 5 bottles at the tier price, confirmed within the credit limit.
    order = store.sales.create_order(
        outlet_id=outlet.id,
        lines=[LineInput(coke.id, case.id, 2), LineInput(coke.id, bottle.id, 5)],
    )
    assert order.status == "confirmed"
    assert order.total_fen == 2 * 24 * 300 + 5 * 300 == 15_900
    assert _new_op_types(store, seen) == ["sales_order.confirm"]

    # Shipping takes the batch that expires first and prints a numbered delivery note.
    shipped = store.sales.ship(order_id=order.id)
    assert shipped.delivery_note_number.startswith("DN-D01-")
    lots = {a.lot_no: a.base_quantity for a in shipped.allocations}
    assert lots == {"L-SOON": 48, "L-LATE": 5}
    assert store.stock.on_hand(coke.id, warehouse_id) == 96 - 53
    ops = _new_op_types(store, seen)
    assert ops == ["sales_order.ship"]  # its two lot moves travel inside the shipment

    # The driver brings back the signed receipt copy; the clerk invoices and takes payment.
    store.sales.deliver(order_id=order.id, signed_by="陈老板")
    invoice = store.sales.invoice(order_id=order.id)
    assert invoice.total_fen == 15_900
    assert invoice.due_date == invoice.invoice_date + dt.timedelta(days=15)
    assert store.receivables.balance(outlet.id) == 15_900
    payment = store.receivables.record_payment(
        outlet_id=outlet.id, amount_fen=15_900, method="wechat", reference="WX20261127001"
    )
    assert payment.unallocated_fen == 0
    assert _new_op_types(store, seen) == [
        "sales_order.deliver", "sales_order.invoice", "payment.record",
    ]

    # Evening: nothing owed, and every step is in the audit log under the clerk's name.
    assert store.receivables.balance(outlet.id) == 0
    assert store.receivables.open_invoices(outlet.id) == []
    assert store.sales.get(order_id=order.id).order.status == "invoiced"
    with store.ctx.read() as s:
        clerk_actions = {a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.user_id == clerk.id))}
    assert {"outlet.create", "filing.submit", "sales_order.confirm", "payment.record"} <= clerk_actions
    assert manager.role == "manager"
