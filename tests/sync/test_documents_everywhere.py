"""A document made on one PC is on every PC of the distributor: the delivery note with its lots,
the invoice, payments, returns and goods receipts, and so the same open invoices and balances
(real HQ on 127.0.0.1, SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from app.db.models import InboundDeferred, Payment, PurchaseOrder, PurchaseOrderLine
from app.services.purchasing import PoLineIn, PoReceiveLine
from app.sync.status import read_status
from server.documents import move_po
from server.models import PurchaseOrder as HqPurchaseOrder
from tests.sync import actions
from tests.sync.harness import check_invariants, pc_paperwork, pc_receivables


def _two_pcs(hq, make_pc):
    pc1 = make_pc(hq, "DX", "pc1", "D01")
    pc2 = make_pc(hq, "DX", "pc2", "D02")
    assert pc1.sync().ok and pc2.sync().ok
    return pc1, pc2


def _sell(pc, outlet_id: str, sku: str, quantity: int, price_fen: int):
    pid, unit = actions.product(pc, sku)
    order = pc.store.sales.create_order(outlet_id=outlet_id, lines=[
        {"product_id": pid, "unit_id": unit, "quantity": quantity, "unit_price_fen": price_fen}])
    pc.store.sales.ship(order_id=order.id)
    return order


def test_the_next_desk_sees_the_delivery_note_invoice_and_what_the_shop_owes(hq, world, make_pc):
    pc1, pc2 = _two_pcs(hq, make_pc)
    shop = actions.new_outlet(pc1, "红星便利店")
    actions.receive(pc1, "COLA", 100)
    order = _sell(pc1, shop, "COLA", 10, 350)
    pc1.store.sales.deliver(order_id=order.id, signed_by="王店长")
    invoice = pc1.store.sales.invoice(order_id=order.id)
    assert pc1.sync().ok and pc2.sync().ok

    # PC2 takes the shop's money and books a return of two bottles on PC1's order.
    detail = pc2.store.sales.get(order.id)
    assert detail.delivery_note_number and detail.invoice_number == invoice.number
    pc2.store.receivables.record_payment(outlet_id=shop, amount_fen=1000, method="cash")
    pc2.store.sales.create_return(order_id=order.id, lines=[(detail.lines[0].id, 2)], reason="破损")
    for pc in (pc2, pc1):
        assert pc.sync().ok

    for pc in (pc1, pc2):
        (still_open,) = pc.store.receivables.open_invoices(shop)
        assert (still_open.number, still_open.paid_fen) == (invoice.number, 1700)
        assert pc.store.receivables.balance(shop) == 1800
        note = pc.store.printing.document("delivery_note", detail.delivery_note_number)
        assert (note.party.name, note.total_fen) == ("红星便利店", 3500)
        assert [(ln.sku, ln.quantity) for ln in note.lines] == [("COLA", 10)]
        printed_invoice = pc.store.printing.document("invoice", invoice.number)
        assert printed_invoice.total_fen == 3500
    assert pc_receivables(pc1) == pc_receivables(pc2)
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_an_older_invoice_from_another_pc_takes_the_payment_first(hq, world, make_pc):
    """PC2's payment paid PC2's invoice; PC1's older invoice arrives later: both PCs end with the
    payment on the older invoice, as the oldest-first rule says."""
    pc1, pc2 = _two_pcs(hq, make_pc)
    shop = actions.new_outlet(pc1, "老街小卖部")
    actions.receive(pc1, "COLA", 50)
    assert pc1.sync().ok and pc2.sync().ok
    older = _sell(pc1, shop, "COLA", 4, 350)
    older_invoice = pc1.store.sales.invoice(order_id=older.id)
    newer = _sell(pc2, shop, "COLA", 2, 350)
    newer_invoice = pc2.store.sales.invoice(order_id=newer.id)
    pc2.store.receivables.record_payment(outlet_id=shop, amount_fen=700, method="wechat")
    assert [i.id for i in pc2.store.receivables.open_invoices(shop)] == []
    for pc in (pc1, pc2, pc1):
        assert pc.sync().ok

    for pc in (pc1, pc2):
        paid = {i.id: i.paid_fen for i in pc.store.receivables.open_invoices(shop)}
        assert paid == {older_invoice.id: 700, newer_invoice.id: 0}
        assert pc.store.receivables.balance(shop) == 1400
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_payment_ahead_of_its_outlet_in_the_feed_waits_and_is_applied(hq, world, make_pc):
    """The feed keeps an outlet's newest change only, so an outlet edited after its payment
    comes after the payment. A new PC reading the feed a page at a time must keep the payment
    until the outlet arrives."""
    pc1 = make_pc(hq, "DX", "pc1", "D01")
    assert pc1.sync().ok
    shop = actions.new_outlet(pc1, "晚改名的店")
    paid = pc1.store.receivables.record_payment(outlet_id=shop, amount_fen=5000, method="cash",
                                                purpose="deposit")
    assert pc1.sync().ok
    pc1.store.outlets.update(shop, contact="李老板")
    assert pc1.sync().ok

    pc2 = make_pc(hq, "DX", "pc2", "D02")
    assert pc2.sync(page_limit=1).ok
    with pc2.ctx.read() as s:
        assert s.get(Payment, paid.id).amount_fen == 5000
        assert s.scalar(select(InboundDeferred)) is None
    assert read_status(pc2.ctx).inbound_waiting == 0
    assert pc2.store.receivables.deposit_balance(shop) == 5000
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_goods_received_on_one_pc_show_on_the_purchase_order_everywhere(hq, world, make_pc):
    pc1, pc2 = _two_pcs(hq, make_pc)
    pid, unit = actions.product(pc1, "COLA")
    po = pc1.store.purchasing.create_draft(warehouse_id=actions.warehouse(pc1),
                                           lines=[PoLineIn(pid, unit, 40, 300)])
    pc1.store.purchasing.submit(po.id)
    assert pc1.sync().ok
    with hq.db.write() as s:
        hq_po = s.get(HqPurchaseOrder, po.id)
        move_po(s, hq_po, "approve")
        move_po(s, hq_po, "ship")
    assert pc1.sync().ok
    pc1.store.purchasing.receive(po.id, lines=[PoReceiveLine(po.lines[0].id, 30, "L-2611")])
    assert pc1.sync().ok and pc2.sync().ok

    with pc2.ctx.read() as s:
        assert s.get(PurchaseOrder, po.id).status == "partially_received"
        line = s.scalar(select(PurchaseOrderLine).where(PurchaseOrderLine.po_id == po.id))
        assert line.received_base_qty == 30
    assert actions.stock_of(pc2, "COLA") == 30
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_stocktake_posted_on_one_pc_is_in_every_pcs_history(hq, world, make_pc):
    pc1, pc2 = _two_pcs(hq, make_pc)
    actions.receive(pc1, "COLA", 12)
    pid, _unit = actions.product(pc1, "COLA")
    take = pc1.store.stock.start_stocktake(actions.warehouse(pc1), [pid], note="月末盘点")
    pc1.store.stock.record_count(take.id, pid, None, 10)
    posted = pc1.store.stock.post_stocktake(take.id)
    assert pc1.sync().ok and pc2.sync().ok

    seen = pc2.store.stock.get_stocktake(take.id)
    assert (seen.number, seen.status, seen.note) == (posted.number, "posted", "月末盘点")
    assert [(ln.expected_qty, ln.counted_qty, ln.difference) for ln in seen.lines] == [(12, 10, -2)]
    assert actions.stock_of(pc2, "COLA") == 10
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_new_pc_gets_the_same_history_in_bulk_as_row_by_row(hq, world, make_pc, monkeypatch):
    """A PC joining later receives the order history in bulk; the rows must be exactly the ones
    the row-by-row path writes (orders, lines, delivery notes with lots and signatures,
    invoices, cancel reasons, payments and what they pay)."""
    pc1 = make_pc(hq, "DX", "pc1", "D01")
    assert pc1.sync().ok
    shops = [actions.new_outlet(pc1, f"老客户{n}") for n in range(3)]
    actions.receive(pc1, "COLA", 500)
    for n in range(12):
        order = actions.sell(pc1, shops[n % 3], "COLA", 1 + n % 4)
        actions.advance(pc1, order, ("ship", "deliver", "invoice", "return", "cancel", "invoice")[n % 6])
        if n % 4 == 0:
            pc1.store.receivables.record_payment(outlet_id=shops[n % 3], amount_fen=900, method="cash")
    assert pc1.sync().ok

    in_bulk = make_pc(hq, "DX", "pc2", "D02")
    assert in_bulk.sync().ok
    from app.sync import apply

    monkeypatch.setattr(apply, "BULK", {k: v for k, v in apply.BULK.items()
                                        if k not in ("sales_order", "payment")})
    row_by_row = make_pc(hq, "DX", "pc3", "D03")
    assert row_by_row.sync().ok

    for pc in (in_bulk, row_by_row):
        assert pc_paperwork(pc) == pc_paperwork(pc1)
        assert pc_receivables(pc) == pc_receivables(pc1)
        assert _orders(pc) == _orders(pc1)
    check_invariants(hq.db, world["DX"], [pc1, in_bulk, row_by_row])


def _orders(pc) -> dict:
    from app.db.models import SalesOrder, SalesOrderLine

    with pc.ctx.read() as s:
        orders = {o.id: (o.number, o.status, o.total_fen, o.cancel_reason, o.outlet_id)
                  for o in s.scalars(select(SalesOrder))}
        lines = sorted(s.execute(select(SalesOrderLine.id, SalesOrderLine.order_id, SalesOrderLine.quantity,
                                        SalesOrderLine.amount_fen)).all())
    return {"orders": orders, "lines": lines}
