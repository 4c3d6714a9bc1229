"""Documents built from the database say what happened: lots, units, amounts, parties."""

from __future__ import annotations

import datetime as dt

import pytest

from app.documents import DocumentKind
from app.errors import NotFound, ValidationError
from tests.printing.conftest import TODAY


def test_delivery_note_prints_one_line_per_lot_in_the_unit_sold_when_whole(printing, world):
    note = printing.document("delivery-note", world.note_number)
    rows = [(ln.name, ln.quantity, ln.unit_name, ln.unit_price_fen, ln.amount_fen, ln.batch_lot)
            for ln in note.lines]
    # 2 cases of cola drew 30 bottles from the lot expiring first and 18 from the next: neither
    # is a whole case, so both print in bottles; their amounts add up to the case line exactly.
    assert rows == [
        ("可口可乐500ml", 30, "瓶", 350, 10500, "L2026A"),
        ("可口可乐500ml", 18, "瓶", 350, 6300, "L2026B"),
        ("康师傅绿茶", 10, "瓶", 300, 3000, "T88"),
    ]
    assert note.lines[0].expiry_date == TODAY + dt.timedelta(days=60)
    assert note.total_fen == 19800
    assert note.party.name == "好运来便利店"
    assert note.party.phone == "13800000001"
    assert note.company.name == "测试商贸有限公司"
    assert world.order_number in note.notes


def test_delivery_note_found_by_order_number_too(printing, world):
    assert printing.document("delivery_note", world.order_number).number == world.note_number


def test_whole_cases_from_one_lot_print_as_cases(store, printing, world):
    from app.services.sales import LineInput

    order = store.sales.create_order(outlet_id=world.outlet_id,
                                     lines=[LineInput(world.cola_id, world.cola_case, 3)])
    shipped = store.sales.ship(order_id=order.id)
    (line,) = printing.document("delivery-note", shipped.delivery_note_number).lines
    assert (line.quantity, line.unit_name, line.unit_price_fen, line.amount_fen) == (
        3, "箱", 8400, 25200)
    assert line.batch_lot == "L2026B"


def test_confirmed_order_prints_a_note_under_its_number_without_lots(store, printing, world):
    from app.services.sales import LineInput

    order = store.sales.create_order(outlet_id=world.outlet_id,
                                     lines=[LineInput(world.cola_id, world.cola_case, 1)])
    note = printing.document("delivery-note", order.number)
    assert note.number == order.number
    assert [(ln.quantity, ln.unit_name, ln.batch_lot) for ln in note.lines] == [(1, "箱", "")]
    assert note.total_fen == 8400


def test_invoice_bills_the_order_lines_in_the_units_sold(printing, world):
    invoice = printing.document("invoice", world.invoice_number)
    assert [(ln.name, ln.quantity, ln.unit_name, ln.amount_fen) for ln in invoice.lines] == [
        ("可口可乐500ml", 2, "箱", 16800), ("康师傅绿茶", 10, "瓶", 3000)]
    assert invoice.total_fen == 19800
    assert invoice.kind is DocumentKind.SALES_INVOICE


def test_return_note_credits_what_came_back_with_its_lot(printing, world):
    ret = printing.document("return", world.return_number)
    assert [(ln.name, ln.quantity, ln.amount_fen, ln.batch_lot) for ln in ret.lines] == [
        ("康师傅绿茶", 2, 600, "T88")]
    assert ret.total_fen == 600
    assert "包装破损" in ret.notes


def test_purchase_order_is_addressed_to_the_brand(printing, world):
    printing.set_brand(name="康师傅华东大区", contact="李经理", phone="400-800-8888")
    po = printing.document("purchase-order", world.po_number)
    assert po.party.name == "康师傅华东大区"
    assert [(ln.quantity, ln.unit_name, ln.amount_fen) for ln in po.lines] == [
        (10, "箱", 72000), (48, "瓶", 11520)]
    assert po.total_fen == 83520


def test_statement_runs_from_opening_to_closing_balance(printing, world):
    st = printing.document("statement", world.outlet_code, date_from=TODAY.replace(day=1),
                           date_to=TODAY)
    assert st.opening_balance_fen == 0
    assert [(e.description, e.debit_fen, e.credit_fen) for e in st.entries] == [
        ("销售发票", 19800, 0), ("退货", 0, 600), ("收款", 0, 5000)]
    assert st.closing_balance_fen == 14200
    assert st.party.name == "好运来便利店"


def test_statement_before_the_sales_has_them_as_opening_balance(printing, world):
    tomorrow = TODAY + dt.timedelta(days=1)
    st = printing.document("statement", world.outlet_code, date_from=tomorrow, date_to=tomorrow)
    assert (st.opening_balance_fen, st.entries, st.closing_balance_fen) == (14200, (), 14200)


@pytest.mark.parametrize("kind", ["delivery-note", "invoice", "return", "purchase-order"])
def test_unknown_number_is_not_found_with_a_message_id(printing, world, kind):
    with pytest.raises(NotFound) as caught:
        printing.document(kind, "XX-D01-20000101-0001")
    assert caught.value.message_id == "print.document_not_found"
    assert caught.value.params["number"] == "XX-D01-20000101-0001"


def test_unknown_outlet_and_kind_are_refused(printing, world):
    with pytest.raises(NotFound):
        printing.document("statement", "NOPE")
    with pytest.raises(ValidationError) as caught:
        printing.document("receipt", world.note_number)
    assert caught.value.message_id == "print.kind_unknown"
