"""Purchase orders to the brand: drafts, submission, HQ's answers and receiving goods."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, Batch, GoodsReceipt, OutboxOp, Product, StockMove
from app.errors import InvalidTransition, NotFound, ValidationError
from app.services.purchasing import PoLineIn, PoReceiveLine, price_lines
from app.sync import apply
from tests.services.factories import (
    main_warehouse,
    make_product,
    make_warehouse,
    row_counts,
    unit_of,
)


@pytest.fixture
def w(store):
    with store.ctx.write() as uow:
        s = uow.session
        cola = make_product(s, sku="COLA", floor_fen=150, shelf_life_days=180)
        tea = make_product(s, sku="TEA", packs={"箱": 12, "提": 6})  # no floor: price needed
        box = unit_of(s, cola, "箱")
        tea_box = unit_of(s, tea, "箱")
        north = make_warehouse(s, "WH02", "北仓")
    return SimpleNamespace(
        cola=cola.id, tea=tea.id, box=box.id, tea_box=tea_box.id,
        main=main_warehouse_id(store), north=north.id,
    )


def main_warehouse_id(store):
    with store.ctx.read() as s:
        return main_warehouse(s).id


def counts(store):
    with store.ctx.read() as s:
        return row_counts(s)


def op_types(store):
    with store.ctx.read() as s:
        return [o.op_type for o in s.scalars(select(OutboxOp).order_by(OutboxOp.seq))]


def audit_actions(store):
    with store.ctx.read() as s:
        return [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.at))]


def draft(store, w, **kw):
    lines = kw.pop("lines", [PoLineIn(w.cola, w.box, 10), PoLineIn(w.tea, w.tea_box, 2, 3600)])
    return store.purchasing.create_draft(warehouse_id=w.main, lines=lines, **kw)


def submitted(store, w, **kw):
    return store.purchasing.submit(draft(store, w, **kw).id)


# -- drafts -----------------------------------------------------------------------------------


def test_draft_prices_from_the_floor_per_pack_or_as_given_and_stays_local(store, w):
    po = draft(store, w, note=" 月底订货 ")
    assert po.status == "draft" and po.number.startswith("PO-D01-")
    cola, tea = po.lines
    assert (cola.unit_name, cola.quantity, cola.base_quantity) == ("箱", 10, 240)
    assert (cola.unit_price_fen, cola.amount_fen) == (150 * 24, 36000)  # floor × 24 per 箱
    assert (tea.unit_price_fen, tea.amount_fen, tea.base_quantity) == (3600, 7200, 24)
    assert po.total_fen == 43200
    assert po.note == "月底订货"
    assert op_types(store) == []  # a draft never goes to HQ
    assert "purchase.create" in audit_actions(store)


def test_price_lines_is_exact_integer_fen():
    amounts, total = price_lines([(3600, 10), (1, 3), (0, 5)])
    assert amounts == [36000, 3, 0]
    assert total == 36003 and isinstance(total, int)


def test_base_unit_is_used_when_no_unit_is_given(store, w):
    po = draft(store, w, lines=[(w.cola, None, 5, None)])
    assert (po.lines[0].unit_name, po.lines[0].base_quantity, po.total_fen) == ("瓶", 5, 750)


@pytest.mark.parametrize(
    ("line", "error", "message_id"),
    [
        (lambda w: (w.tea, None, 1, None), ValidationError, "purchase.no_price"),
        (lambda w: (w.cola, None, 0, None), ValidationError, "quantity.not_positive"),
        (lambda w: (w.cola, None, 2.5, None), ValidationError, "quantity.not_positive"),
        (lambda w: (w.cola, None, 1, 12.5), ValidationError, "money.invalid"),
        (lambda w: (w.cola, None, 1, -1), ValidationError, "money.invalid"),
        (lambda w: ("missing", None, 1, None), NotFound, "product.not_found"),
        (lambda w: (w.cola, w.tea_box, 1, None), NotFound, "unit.not_found"),
    ],
)
def test_draft_refuses_bad_lines_and_writes_nothing(store, w, line, error, message_id):
    before = counts(store)
    with pytest.raises(error) as err:
        draft(store, w, lines=[(w.cola, None, 1, None), line(w)])
    assert err.value.message_id == message_id
    assert counts(store) == before


def test_archived_products_and_unknown_warehouses_cannot_be_ordered(store, w):
    with store.ctx.write() as uow:
        uow.session.get(Product, w.tea).archived = True
    with pytest.raises(ValidationError) as err:
        draft(store, w, lines=[(w.tea, None, 1, 100)])
    assert err.value.message_id == "product.archived"
    with pytest.raises(NotFound):
        store.purchasing.create_draft(warehouse_id="nowhere", lines=[])


def test_update_draft_replaces_lines_and_bumps_the_revision(store, w):
    po = draft(store, w)
    edited = store.purchasing.update_draft(
        po.id, lines=[PoLineIn(w.cola, None, 48)], note="改单", warehouse_id=w.north
    )
    assert [(ln.line_no, ln.base_quantity) for ln in edited.lines] == [(1, 48)]
    assert (edited.total_fen, edited.note, edited.warehouse_id) == (7200, "改单", w.north)
    assert edited.rev == po.rev + 1
    assert store.purchasing.get(po.id) == edited
    unchanged = store.purchasing.update_draft(po.id, note="只改备注")
    assert unchanged.lines == edited.lines


def test_a_submitted_order_cannot_be_edited(store, w):
    po = submitted(store, w)
    with pytest.raises(InvalidTransition) as err:
        store.purchasing.update_draft(po.id, note="x")
    assert err.value.params == {"number": po.number, "status": "submitted", "action": "edit"}


# -- submit and cancel ------------------------------------------------------------------------


def test_submit_sends_the_whole_order_to_hq(store, w):
    po = submitted(store, w)
    assert po.status == "submitted" and po.submitted_at is not None
    with store.ctx.read() as s:
        (op,) = s.scalars(select(OutboxOp)).all()
    assert (op.op_type, op.entity, op.entity_id) == ("purchase_order.submit", "purchase_order", po.id)
    assert op.payload["total_fen"] == 43200
    assert op.payload["order_date"] == po.order_date.isoformat()
    assert [(ln["sku"], ln["factor"], ln["quantity"], ln["amount_fen"])
            for ln in op.payload["lines"]] == [("COLA", 24, 10, 36000), ("TEA", 12, 2, 7200)]
    assert "purchase.submit" in audit_actions(store)


def test_submit_refuses_an_empty_or_already_submitted_order(store, w):
    empty = store.purchasing.create_draft(warehouse_id=w.main)
    with pytest.raises(ValidationError) as err:
        store.purchasing.submit(empty.id)
    assert err.value.message_id == "purchase.empty"
    po = submitted(store, w)
    before = counts(store)
    with pytest.raises(InvalidTransition):
        store.purchasing.submit(po.id)
    with pytest.raises(NotFound):
        store.purchasing.submit("missing")
    assert counts(store) == before


def test_cancelling_a_draft_is_local_but_a_submitted_order_tells_hq(store, w):
    local = store.purchasing.cancel(draft(store, w).id)
    assert local.status == "cancelled"
    assert op_types(store) == []
    sent = submitted(store, w)
    store.purchasing.cancel(sent.id, reason="重复下单")
    assert op_types(store) == ["purchase_order.submit", "purchase_order.cancel"]


def test_an_approved_order_cannot_be_cancelled_locally(store, w):
    po = submitted(store, w)
    store.purchasing.apply_hq_status(po.id, "approved")
    with pytest.raises(InvalidTransition):
        store.purchasing.cancel(po.id)


# -- HQ statuses ------------------------------------------------------------------------------


def test_hq_statuses_flow_forward_without_outbox_ops(store, w):
    po = submitted(store, w)
    assert store.purchasing.apply_hq_status(po.id, "approved").status == "approved"
    assert store.purchasing.apply_hq_status(po.id, "shipped").status == "shipped"
    assert op_types(store) == ["purchase_order.submit"]
    assert audit_actions(store).count("purchase.hq_status") == 2


def test_hq_rejection_records_the_reason_and_blocks_receiving(store, w):
    po = submitted(store, w)
    rejected = store.purchasing.apply_hq_status(po.id, "rejected", reason="超出额度")
    assert (rejected.status, rejected.hq_reason) == ("rejected", "超出额度")
    with pytest.raises(InvalidTransition):
        store.purchasing.receive(po.id, lines=[(po.lines[0].id, 1)])


def test_stale_hq_statuses_are_ignored_and_audited(store, w):
    po = submitted(store, w)
    store.purchasing.apply_hq_status(po.id, "shipped")
    assert store.purchasing.apply_hq_status(po.id, "approved").status == "shipped"
    store.purchasing.receive(po.id, lines=[(po.lines[0].id, 24)])
    for late in ("approved", "shipped", "rejected", "cancelled"):
        assert store.purchasing.apply_hq_status(po.id, late).status == "partially_received"
    assert audit_actions(store).count("purchase.hq_status_ignored") == 5


def test_hq_keeps_an_order_it_already_approved_despite_a_local_cancel(store, w):
    """HQ is the point of order: if it approved before our cancel arrived, its word wins."""
    po = submitted(store, w)
    store.purchasing.cancel(po.id)
    assert store.purchasing.apply_hq_status(po.id, "approved").status == "approved"
    assert store.purchasing.apply_hq_status(po.id, "cancelled").status == "cancelled"


def test_hq_status_for_a_draft_or_unknown_status_is_refused(store, w):
    local = draft(store, w)
    with pytest.raises(InvalidTransition):
        store.purchasing.apply_hq_status(local.id, "approved")
    po = submitted(store, w)
    with pytest.raises(ValidationError) as err:
        store.purchasing.apply_hq_status(po.id, "received")
    assert err.value.message_id == "purchase.hq_status_invalid"
    assert store.purchasing.get(po.id).status == "submitted"


# -- receiving --------------------------------------------------------------------------------


def test_partial_then_full_receipt_with_lots(store, w):
    po = submitted(store, w)
    store.purchasing.apply_hq_status(po.id, "shipped")
    cola, tea = po.lines
    first = store.purchasing.receive(
        po.id, lines=[PoReceiveLine(cola.id, 200, "L2611", dt.date(2026, 11, 1))]
    )
    assert first.po_status == "partially_received"
    assert first.number.startswith("GR-D01-") and first.po_id == po.id
    after = store.purchasing.get(po.id)
    assert [ln.received_base_qty for ln in after.lines] == [200, 0]
    assert [ln.open_base_qty for ln in after.lines] == [40, 24]
    with store.ctx.read() as s:
        batch = s.scalars(select(Batch).where(Batch.lot_no == "L2611")).one()
    assert batch.expiry_date == dt.date(2027, 4, 30)  # production + 180 days
    second = store.purchasing.receive(
        po.id, lines=[(cola.id, 40, "L2611"), (tea.id, 24, "", None, None)]
    )
    assert second.po_status == "received"
    assert store.purchasing.get(po.id).status == "received"
    assert store.stock.on_hand(w.cola, w.main, batch.id) == 240
    assert store.stock.on_hand(w.tea, w.main) == 24
    with store.ctx.read() as s:
        assert len(s.scalars(select(GoodsReceipt).where(GoodsReceipt.po_id == po.id)).all()) == 2
        kinds = {m.kind for m in s.scalars(select(StockMove))}
    assert kinds == {"receipt"}
    types = op_types(store)
    assert types.count("batch.create") == 1
    assert types.count("stock_move.post") == 3
    assert types.count("goods_receipt.post") == 2
    assert audit_actions(store).count("purchase.receive") == 2


def test_receiving_before_hq_approval_arrives_is_allowed(store, w):
    po = submitted(store, w)
    done = store.purchasing.receive(po.id, lines=[(ln.id, ln.base_quantity) for ln in po.lines])
    assert done.po_status == "received"
    # The approval that reaches us later must not reopen the order.
    assert store.purchasing.apply_hq_status(po.id, "approved").status == "received"


def test_over_receipt_is_refused_and_writes_nothing(store, w):
    po = submitted(store, w)
    tea = po.lines[1]
    store.purchasing.receive(po.id, lines=[(tea.id, 20)])
    before = counts(store)
    with pytest.raises(ValidationError) as err:
        store.purchasing.receive(po.id, lines=[(tea.id, 5)])
    assert err.value.params == {"sku": "TEA", "quantity": 5, "remaining": 4}
    with pytest.raises(ValidationError) as err:  # two lines that together exceed the rest
        store.purchasing.receive(po.id, lines=[(tea.id, 3, "T1"), (tea.id, 3, "T2")])
    assert err.value.message_id == "purchase.over_receipt"
    assert counts(store) == before
    assert store.purchasing.get(po.id).lines[1].received_base_qty == 20


@pytest.mark.parametrize("state", ["draft", "cancelled", "rejected", "received"])
def test_receiving_is_refused_outside_the_open_statuses(store, w, state):
    po = draft(store, w)
    if state != "draft":
        po = store.purchasing.submit(po.id)
    if state == "cancelled":
        store.purchasing.cancel(po.id)
    elif state == "rejected":
        store.purchasing.apply_hq_status(po.id, "rejected")
    elif state == "received":
        store.purchasing.receive(po.id, lines=[(ln.id, ln.base_quantity) for ln in po.lines])
    before = counts(store)
    with pytest.raises(InvalidTransition) as err:
        store.purchasing.receive(po.id, lines=[(po.lines[0].id, 1)])
    assert err.value.params["status"] == state
    assert counts(store) == before


def test_receive_refuses_bad_quantities_and_unknown_lines(store, w):
    po = submitted(store, w)
    before = counts(store)
    with pytest.raises(ValidationError) as err:
        store.purchasing.receive(po.id, lines=[(po.lines[0].id, 0)])
    assert err.value.message_id == "quantity.not_positive"
    with pytest.raises(NotFound) as err:
        store.purchasing.receive(po.id, lines=[(po.lines[0].id, 1), ("other-line", 1)])
    assert err.value.message_id == "purchase.line_not_found"
    with pytest.raises(ValidationError):  # expiry before production
        store.purchasing.receive(
            po.id, lines=[(po.lines[0].id, 1, "BAD", dt.date(2026, 5, 1), dt.date(2026, 4, 1))]
        )
    assert counts(store) == before


# -- queries ----------------------------------------------------------------------------------


def test_list_orders_filters_by_status_and_pages(store, w):
    first = submitted(store, w)
    second = draft(store, w)
    third = draft(store, w)
    assert [o.number for o in store.purchasing.list_orders()] == [
        third.number, second.number, first.number,
    ]
    assert [o.id for o in store.purchasing.list_orders("submitted")] == [first.id]
    page = store.purchasing.list_orders(limit=1, offset=1)
    assert [o.id for o in page] == [second.id]
    assert len(page[0].lines) == 2


def test_get_unknown_order_is_not_found(store):
    with pytest.raises(NotFound) as err:
        store.purchasing.get("missing")
    assert err.value.message_id == "purchase.not_found"


def test_each_purchase_order_record_names_what_may_be_done_next(store, w):
    po = draft(store, w)
    assert po.actions == ("edit", "submit", "cancel")
    po = store.purchasing.submit(po.id)
    assert po.actions == ("cancel", "receive")  # receiving does not wait for HQ's approval
    assert store.purchasing.apply_hq_status(po.id, "approved").actions == ("receive",)
    store.purchasing.receive(po.id, lines=[(po.lines[0].id, 1)])
    assert store.purchasing.get(po.id).actions == ("receive",)
    assert store.purchasing.apply_hq_status(submitted(store, w).id, "rejected").actions == ()
    assert [o.actions for o in store.purchasing.list_orders("rejected")] == [()]


def test_hq_echo_of_submitted_changes_nothing(store, w):
    po = submitted(store, w)
    assert store.purchasing.apply_hq_status(po.id, "submitted").status == "submitted"
    assert store.purchasing.get(po.id).rev == po.rev


@pytest.mark.parametrize(
    ("local", "hq", "applies"),
    [
        ("submitted", "approved", True),
        ("approved", "rejected", True),  # HQ changed its mind: latest word wins
        ("cancelled", "approved", True),
        ("approved", "shipped", True),
        ("shipped", "approved", False),
        ("partially_received", "shipped", False),
        ("received", "cancelled", False),
        ("draft", "approved", False),
        ("submitted", "submitted", False),
    ],
)
def test_hq_status_rule_is_shared_with_the_sync_engine(store, w, local, hq, applies):
    """The same status from HQ's feed (sync, in its own transaction) and through the service
    ends the same way."""
    by_feed, by_service = po_in(store, w, local), po_in(store, w, local)
    change = {"entity": "purchase_order", "entity_id": by_feed.id, "op": "upsert", "rev": 7,
              "data": {"id": by_feed.id, "status": hq, "reason": "总部"}}
    assert apply.apply_page(store.ctx, [change], "cursor-1").errors == []
    expected = hq if applies else local
    assert store.purchasing.get(by_feed.id).status == expected
    if local == "draft":
        with pytest.raises(InvalidTransition):
            store.purchasing.apply_hq_status(by_service.id, hq)
    else:
        assert store.purchasing.apply_hq_status(by_service.id, hq).status == expected


def po_in(store, w, status):
    """A purchase order brought to `status` the way it gets there."""
    if status == "draft":
        return draft(store, w)
    po = submitted(store, w)
    if status in ("approved", "rejected", "shipped"):
        store.purchasing.apply_hq_status(po.id, status)
    elif status == "cancelled":
        store.purchasing.cancel(po.id)
    elif status in ("partially_received", "received"):
        lines = po.lines if status == "received" else po.lines[:1]
        store.purchasing.receive(po.id, lines=[(ln.id, ln.base_quantity) for ln in lines])
    found = store.purchasing.get(po.id)
    assert found.status == status
    return found
