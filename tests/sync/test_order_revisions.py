"""Sales order commands checked against the revision the clerk saw (DESIGN.md §5.5): two PCs
acting on one order while offline end with HQ's version everywhere, the refused PC's
documents withdrawn, and stock sums equal on HQ and every PC."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.db.models import (
    AuditEntry,
    DeliveryNote,
    Invoice,
    OpResult,
    Payment,
    PaymentAllocation,
    SalesOrder,
)
from app.services.stock_types import ReceiptLineIn
from app.sync import outbox
from app.sync.status import read_status
from server.models import Device, ProcessedOp
from server.models import SalesOrder as HqOrder
from server.models import StockMove as HqMove
from server.ops import process_batch
from tests.sync import actions
from tests.sync.harness import check_invariants

TODAY = dt.date.today()


def _two_pcs_with_an_order(hq, make_pc, *, ship: bool = False):
    """pc1 and pc2 both hold a confirmed (or shipped) order of 10 COLA, lot L-A in stock."""
    pc1 = make_pc(hq, "DX", "pc1", "D01")
    pc2 = make_pc(hq, "DX", "pc2", "D02")
    assert pc1.sync().ok  # the catalog
    outlet_id = actions.new_outlet(pc1, "华联超市")
    _receive_lot(pc1, "L-A", 100, TODAY + dt.timedelta(days=90))
    pid, unit = actions.product(pc1, "COLA")
    order = pc1.store.sales.create_order(outlet_id=outlet_id, lines=[
        {"product_id": pid, "unit_id": unit, "quantity": 10, "unit_price_fen": 350}])
    if ship:
        pc1.store.sales.ship(order_id=order.id)
    assert pc1.sync().ok and pc2.sync().ok
    return pc1, pc2, order.id


def _receive_lot(pc, lot: str, quantity: int, expiry: dt.date) -> None:
    pid, unit = actions.product(pc, "COLA")
    pc.store.stock.receive(warehouse_id=actions.warehouse(pc), lines=[
        ReceiptLineIn(pid, unit, quantity, lot_no=lot, expiry_date=expiry)])


def _notes(pc) -> set[str]:
    with pc.ctx.read() as s:
        return set(s.scalars(select(DeliveryNote.id)))


def _invoices(pc) -> set[str]:
    with pc.ctx.read() as s:
        return set(s.scalars(select(Invoice.id)))


def _order(pc, order_id: str) -> SalesOrder:
    with pc.ctx.read() as s:
        return s.get(SalesOrder, order_id)


def _hq_order(hq, order_id: str) -> HqOrder:
    with hq.db.read() as s:
        return s.get(HqOrder, order_id)


def _answer(pc, op_type: str) -> OpResult:
    with pc.ctx.read() as s:
        return s.scalar(select(OpResult).where(OpResult.op_type == op_type))


def _parked(pc) -> list:
    return list(read_status(pc.ctx).parked)


def test_two_pcs_shipping_one_order_keep_one_delivery_note_and_equal_stock(hq, world, make_pc):
    pc1, pc2, order_id = _two_pcs_with_an_order(hq, make_pc)
    # Offline, pc2 receives a lot expiring sooner, so the two shipments take different lots.
    _receive_lot(pc2, "L-B", 50, TODAY + dt.timedelta(days=10))
    winner = pc1.store.sales.ship(order_id=order_id)
    loser = pc2.store.sales.ship(order_id=order_id)
    assert {a.lot_no for a in winner.allocations} == {"L-A"}
    assert {a.lot_no for a in loser.allocations} == {"L-B"}

    for pc in (pc1, pc2, pc1):
        assert pc.sync().ok

    hq_order = _hq_order(hq, order_id)
    assert hq_order.status == "shipped"
    assert hq_order.data["ship_event"]["delivery_note"]["id"] == winner.delivery_note_id
    assert _notes(pc1) == {winner.delivery_note_id}
    assert _notes(pc2) == {winner.delivery_note_id}  # its own note is gone, pc1's is copied
    with hq.db.read() as s:
        shipped_at_hq = s.scalar(select(func.sum(HqMove.quantity)).where(HqMove.kind == "shipment"))
    assert shipped_at_hq == -10  # the refused shipment deducted nothing
    assert actions.stock_of(pc1, "COLA") == actions.stock_of(pc2, "COLA") == 100 + 50 - 10
    refused = _answer(pc2, "sales_order.ship")
    assert (refused.status, refused.reason_code) == ("conflict", "stale_revision")
    (parked,) = _parked(pc2)
    assert parked.op_type == "sales_order.ship" and parked.reason == "stale_revision"
    assert parked.number == _order(pc2, order_id).number
    assert _order(pc2, order_id).status == "shipped"
    assert _order(pc2, order_id).rev == _order(pc1, order_id).rev == hq_order.rev
    with pc2.ctx.read() as s:
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "sales_order.withdrawn"))
    assert audit.detail["withdrawn"]["delivery_note"]["number"] == loser.delivery_note_number
    assert audit.detail["message_id"] == "order.ship_withdrawn"
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_two_pcs_invoicing_one_order_keep_one_invoice(hq, world, make_pc):
    pc1, pc2, order_id = _two_pcs_with_an_order(hq, make_pc, ship=True)
    outlet_id = _order(pc1, order_id).outlet_id
    # pc2 took a payment earlier: its withdrawn invoice must give that money back as credit.
    pc2.store.receivables.record_payment(outlet_id=outlet_id, amount_fen=1000, method="cash")
    kept = pc1.store.sales.invoice(order_id=order_id)
    withdrawn = pc2.store.sales.invoice(order_id=order_id)
    assert pc2.store.receivables.open_invoices(outlet_id)[0].paid_fen == 1000

    for pc in (pc1, pc2, pc1):
        assert pc.sync().ok

    assert _hq_order(hq, order_id).data["invoice_event"]["invoice"]["id"] == kept.id
    assert _invoices(pc1) == {kept.id}
    assert _invoices(pc2) == {kept.id}  # its own invoice is gone, pc1's is copied
    assert _order(pc2, order_id).status == "invoiced"
    with pc2.ctx.read() as s:
        payment = s.scalar(select(Payment))
        allocations = list(s.scalars(select(PaymentAllocation)))
    assert withdrawn.id not in {a.invoice_id for a in allocations}
    assert payment.allocated_fen == sum(a.amount_fen for a in allocations if a.payment_id == payment.id)
    # Both PCs: one invoice, less the payment, which now pays pc1's invoice.
    for pc in (pc1, pc2):
        assert pc.store.receivables.balance(outlet_id) == 3500 - 1000
        (still_open,) = pc.store.receivables.open_invoices(outlet_id)
        assert (still_open.id, still_open.paid_fen) == (kept.id, 1000)
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_cancel_of_an_order_another_pc_shipped_is_withdrawn(hq, world, make_pc):
    pc1, pc2, order_id = _two_pcs_with_an_order(hq, make_pc)
    pc1.store.sales.ship(order_id=order_id)
    pc2.store.sales.cancel(order_id=order_id, reason="客户改订")

    for pc in (pc1, pc2, pc1):
        assert pc.sync().ok

    assert _hq_order(hq, order_id).status == "shipped"
    assert _order(pc1, order_id).status == _order(pc2, order_id).status == "shipped"
    assert _order(pc2, order_id).cancel_reason == ""
    assert _answer(pc2, "sales_order.cancel").reason_code == "stale_revision"
    with pc2.ctx.read() as s:
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "sales_order.withdrawn"))
    assert audit.detail["withdrawn"]["reason"] == "客户改订"  # what the clerk typed is kept
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_commands_behind_a_withdrawn_one_are_withdrawn_in_later_pushes_too(hq, world, make_pc):
    """A long outbox goes in several pushes: after its shipment is withdrawn, pc2's delivery
    of that shipment, still queued, is sent as stale and refused."""
    pc1, pc2, order_id = _two_pcs_with_an_order(hq, make_pc)
    pc1.store.sales.cancel(order_id=order_id, reason="缺货")
    assert pc1.sync().ok
    pc2.store.sales.ship(order_id=order_id)
    pc2.store.sales.deliver(order_id=order_id, signed_by="陈老板")
    assert pc2.sync(batch_size=1).ok

    assert _answer(pc2, "sales_order.ship").reason_code == "stale_revision"
    refused = _answer(pc2, "sales_order.deliver")
    assert (refused.status, refused.reason_code) == ("conflict", "stale_revision")
    assert [p.reason for p in _parked(pc2)] == ["stale_revision", "stale_revision"]
    assert _notes(pc2) == set() and _order(pc2, order_id).status == "cancelled"
    assert actions.stock_of(pc2, "COLA") == 100
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_delivery_of_a_withdrawn_shipment_never_lands_on_the_other_pcs_shipment(hq, world, make_pc):
    """pc2 ships and delivers offline while pc1 ships the same order. pc2's outbox goes one op
    per push: after its shipment is withdrawn, its delivery could carry HQ's current revision
    number by chance and would mark pc1's shipment delivered. It must be refused."""
    pc1, pc2, order_id = _two_pcs_with_an_order(hq, make_pc)
    pc1.store.sales.ship(order_id=order_id)
    assert pc1.sync().ok
    pc2.store.sales.ship(order_id=order_id)
    pc2.store.sales.deliver(order_id=order_id, signed_by="陈老板")
    assert pc2.sync(batch_size=1).ok

    assert _hq_order(hq, order_id).status == "shipped"
    assert _answer(pc2, "sales_order.deliver").status in ("conflict", "rejected")
    assert [p.op_type for p in _parked(pc2)] == ["sales_order.ship", "sales_order.deliver"]
    assert _order(pc2, order_id).status == "shipped"
    with pc2.ctx.read() as s:
        assert s.scalar(select(DeliveryNote.signed_by)) == ""  # pc1's note, not signed
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_command_on_an_old_revision_is_stale_even_when_the_step_is_legal(hq, world, make_pc):
    pc1, pc2, order_id = _two_pcs_with_an_order(hq, make_pc, ship=True)
    line = pc1.store.sales.get(order_id).lines[0]
    pc1.store.sales.create_return(order_id=order_id, lines=[(line.id, 2)], reason="破损")
    assert pc1.sync().ok
    seen_by_pc2 = _order(pc2, order_id).rev
    pc2.store.sales.invoice(order_id=order_id)  # shipped -> invoiced is legal at HQ

    assert pc2.sync().ok

    refused = _answer(pc2, "sales_order.invoice")
    assert (refused.status, refused.reason_code) == ("conflict", "stale_revision")
    assert _hq_order(hq, order_id).status == "shipped"
    assert _invoices(pc2) == set() and _order(pc2, order_id).status == "shipped"
    assert _order(pc2, order_id).rev == _hq_order(hq, order_id).rev > seen_by_pc2
    # Now on HQ's revision, the clerk invoices again and HQ accepts it.
    again = pc2.store.sales.invoice(order_id=order_id)
    assert pc2.sync().ok and pc1.sync().ok
    assert _hq_order(hq, order_id).data["invoice_event"]["invoice"]["id"] == again.id
    assert _order(pc1, order_id).status == "invoiced"
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_the_normal_path_across_two_pcs_is_never_falsely_stale(hq, world, make_pc):
    pc1, pc2, order_id = _two_pcs_with_an_order(hq, make_pc, ship=True)
    pc1.store.sales.deliver(order_id=order_id, signed_by="陈老板")
    assert pc1.sync().ok and pc2.sync().ok
    pc2.store.sales.invoice(order_id=order_id)  # on the revision pc2 took from the feed
    assert pc2.sync().ok and pc1.sync().ok
    line = pc1.store.sales.get(order_id).lines[0]
    pc1.store.sales.create_return(order_id=order_id, lines=[(line.id, 1)])
    pc1.store.sales.create_return(order_id=order_id, lines=[(line.id, 2)])
    assert pc1.sync().ok and pc2.sync().ok
    other = pc2.store.sales.create_order(outlet_id=_order(pc2, order_id).outlet_id, lines=[
        {"product_id": line.product_id, "unit_id": line.unit_id, "quantity": 1,
         "unit_price_fen": 350}])
    pc2.store.sales.ship(order_id=other.id)
    pc2.store.sales.deliver(order_id=other.id)
    pc2.store.sales.invoice(order_id=other.id)
    pc2.store.sales.create_return(order_id=other.id, lines=[
        (pc2.store.sales.get(other.id).lines[0].id, 1)])
    assert pc2.sync().ok and pc1.sync().ok

    for pc in (pc1, pc2):
        assert _parked(pc) == []
        with pc.ctx.read() as s:
            assert s.scalar(select(func.count()).select_from(OpResult).where(
                OpResult.status != "applied")) == 0
    for oid in (order_id, other.id):
        assert _order(pc1, oid).rev == _order(pc2, oid).rev == _hq_order(hq, oid).rev
        assert _order(pc1, oid).status == _hq_order(hq, oid).status == "invoiced"
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_retried_shipment_posts_its_moves_once(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    outlet_id = actions.new_outlet(pc, "小卖部")
    actions.receive(pc, "COLA", 20)
    pid, unit = actions.product(pc, "COLA")
    order = pc.store.sales.create_order(outlet_id=outlet_id, lines=[
        {"product_id": pid, "unit_id": unit, "quantity": 5, "unit_price_fen": 350}])
    pc.store.sales.ship(order_id=order.id)
    ops = outbox.next_batch(pc.ctx, 500)
    (ship,) = [op for op in ops if op["op_type"] == "sales_order.ship"]
    assert [op["payload"]["kind"] for op in ops if op["op_type"] == "stock_move.post"] == ["adjustment"]
    # As an older client would have: the shipment's move sent on its own first.
    (move,) = ship["payload"]["moves"]
    # (Such a client's seqs are not unique, and HQ never sees them: no seq here.)
    alone = {**ship, "op_id": "m-" + ship["op_id"][2:], "op_type": "stock_move.post",
             "entity": "stock_move", "entity_id": move["id"], "payload": move, "base_rev": None,
             "seq": None}
    ops.insert(ops.index(ship), alone)

    with hq.db.write() as s:
        device = s.scalar(select(Device).where(Device.distributor_id == world["DX"]))
        first = process_batch(s, device, ops)
    with hq.db.write() as s:
        device = s.scalar(select(Device).where(Device.distributor_id == world["DX"]))
        again = process_batch(s, device, ops)

    assert [a["status"] for a in first] == ["applied"] * len(ops)
    assert [a["status"] for a in again] == ["duplicate"] * len(ops)
    answer = next(a for a in first if a["op_id"] == ship["op_id"])
    assert answer["detail"]["moves"] == 1
    with hq.db.read() as s:
        assert s.scalar(select(func.count()).select_from(HqMove).where(HqMove.id == move["id"])) == 1
        assert s.scalar(select(func.sum(HqMove.quantity)).where(HqMove.distributor_id == world["DX"])) == 15
        assert s.get(ProcessedOp, ship["op_id"]).status == "applied"
