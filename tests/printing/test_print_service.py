"""Printing as the clerk sees it: the right words on paper, reprints marked and logged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import AuditEntry, DeliveryNote, Invoice, OutboxOp, PrintLogEntry
from app.errors import NotFound, PermissionDenied, ValidationError
from app.services.context import CurrentUser
from tests.printing.conftest import TODAY, compact, pdf_pages, pdf_text, ship_orders

# (kind, World attribute holding the number, amount in words of the document's total)
KINDS = [
    ("delivery-note", "note_number", "壹佰玖拾捌元整"),
    ("invoice", "invoice_number", "壹佰玖拾捌元整"),
    ("return", "return_number", "陆元整"),
    ("purchase-order", "po_number", "捌佰叁拾伍元贰角整"),
]


@pytest.mark.parametrize(("kind", "attr", "words"), KINDS)
def test_printed_text_names_outlet_products_number_and_amount_in_words(
    printing, world, kind, attr, words
):
    number = getattr(world, attr)
    text = compact(pdf_text(printing.render(kind, number).pdf))
    assert number in text
    assert words in text
    assert "康师傅绿茶" in text
    party = "品牌商总部" if kind == "purchase-order" else "好运来便利店"
    assert party in text


def test_printed_statement_shows_outlet_movements_and_closing_in_words(printing, world):
    pdf = printing.render("statement", world.outlet_code, date_from=TODAY.replace(day=1),
                          date_to=TODAY).pdf
    text = compact(pdf_text(pdf))
    assert "好运来便利店" in text
    for number in (world.invoice_number, world.return_number):
        assert number in text
    assert "壹佰肆拾贰元整" in text


def test_second_print_is_marked_as_reprint_and_both_are_logged(store, printing, world):
    first = compact(pdf_text(printing.render("delivery-note", world.note_number).pdf))
    second = compact(pdf_text(printing.render("delivery-note", world.note_number, copies=2).pdf))
    assert "补打" not in first
    assert "补打(第1次)" in second
    log = printing.print_log(number=world.note_number)
    assert [(r.reprint_no, r.copies, r.paper, r.username) for r in log] == [
        (1, 2, "A4", "manager"), (0, 1, "A4", "manager")]
    with store.ctx.read() as s:
        assert s.scalar(select(DeliveryNote.print_count)
                        .where(DeliveryNote.number == world.note_number)) == 2
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "document.print")) == 2


def test_printing_queues_nothing_for_hq(store, printing, world):
    with store.ctx.read() as s:
        before = s.scalar(select(func.count()).select_from(OutboxOp))
    printing.render("invoice", world.invoice_number)
    with store.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == before


def test_reprints_of_documents_without_a_counter_come_from_the_log(printing, world):
    printing.render("return", world.return_number)
    again = compact(pdf_text(printing.render("return", world.return_number).pdf))
    assert "补打(第1次)" in again
    assert [r.reprint_no for r in printing.print_log(number=world.return_number)] == [1, 0]


def test_preview_neither_logs_nor_counts_but_shows_the_next_mark(store, printing, world):
    printing.render("invoice", world.invoice_number)
    preview = compact(pdf_text(printing.preview("invoice", world.invoice_number)))
    assert "补打(第1次)" in preview
    assert len(printing.print_log(number=world.invoice_number)) == 1
    with store.ctx.read() as s:
        assert s.scalar(select(Invoice.print_count)
                        .where(Invoice.number == world.invoice_number)) == 1


def test_unknown_number_logs_nothing(store, printing, world):
    with pytest.raises(NotFound):
        printing.render("invoice", "INV-D01-20000101-0009")
    with store.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(PrintLogEntry)) == 0


def test_batch_gives_one_pdf_with_every_note_and_logs_each(store, printing, world):
    numbers = [world.order_number, *ship_orders(store, world, 3)]
    printed = printing.render_batch_delivery_notes(numbers)
    notes = [store.sales.get(o.id).delivery_note_number
             for o in store.sales.list_orders(limit=10) if o.number in numbers]
    text = compact(pdf_text(printed.pdf))
    assert all(note in text for note in notes)
    assert pdf_pages(printed.pdf) == 4
    logged = {r.doc_number for r in printing.print_log()}
    assert logged == set(notes)
    # What the print log and the batch list refresh on: the notes whose print was logged.
    assert set(printed.changes.prints) == set(notes) and len(printed.changes.prints) == 4


def test_batch_by_order_ids_keeps_their_order(store, printing, world):
    more = ship_orders(store, world, 2)
    orders = {o.number: o.id for o in store.sales.list_orders(limit=10)}
    ids = [orders[more[1]], orders[more[0]]]
    pdf = printing.render_batch_delivery_notes(ids).pdf
    notes = [store.sales.get(i).delivery_note_number for i in ids]
    text = compact(pdf_text(pdf))
    assert text.index(notes[0]) < text.index(notes[1])


def test_batch_with_one_unknown_number_prints_and_logs_nothing(store, printing, world):
    with pytest.raises(NotFound):
        printing.render_batch_delivery_notes([world.note_number, "DN-D01-20000101-0001"])
    assert printing.print_log() == []


def test_morning_batch_lists_orders_shipped_today_or_confirmed(store, printing, world):
    from app.services.sales import LineInput

    shipped = printing.delivery_batch(TODAY, "shipped")
    assert [c.note_number for c in shipped] == [world.note_number]
    confirmed = store.sales.create_order(outlet_id=world.outlet_id,
                                         lines=[LineInput(world.tea_id, world.tea_bottle, 1)])
    waiting = printing.delivery_batch(TODAY, "confirmed")
    assert [(c.order_number, c.note_number) for c in waiting] == [(confirmed.number, None)]
    assert printing.delivery_batch(TODAY - dt.timedelta(days=1), "shipped") == []


def test_profile_supplies_paper_copies_and_labels(printing, world):
    printing.save_profile(name="针式打印机", paper="241x93", offset_x_mm=1.5, offset_y_mm=-2,
                          copies=3, printer_name="OKI 5860SP")
    pdf = printing.render("delivery-note", world.note_number, profile_name="针式打印机").pdf
    text = compact(pdf_text(pdf))
    for label in ("存根联", "客户联", "回单联"):
        assert label in text
    (entry,) = printing.print_log(number=world.note_number)
    assert (entry.paper, entry.copies) == ("241x93", 3)
    import io

    from pypdf import PdfReader

    width = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)
    assert round(width / 72 * 25.4) == 241


def test_profiles_are_saved_replaced_listed_and_deleted(printing):
    printing.save_profile(name="A4激光", paper="A4")
    printing.save_profile(name="针式", paper="241x140", offset_x_mm=2, copies=2,
                          copy_labels=["存根", "回单"])
    printing.save_profile(name="针式", paper="241x93", offset_y_mm=3.25)
    assert [(p.name, p.paper, p.offset_y_mm, p.copies) for p in printing.profiles()] == [
        ("A4激光", "A4", 0.0, 1), ("针式", "241x93", 3.2, 1)]
    printing.delete_profile("A4激光")
    assert [p.name for p in printing.profiles()] == ["针式"]
    with pytest.raises(NotFound):
        printing.delete_profile("A4激光")


@pytest.mark.parametrize(("changes", "message_id"), [
    ({"offset_x_mm": 20.5}, "print.offset_invalid"),
    ({"offset_y_mm": -25}, "print.offset_invalid"),
    ({"offset_x_mm": float("nan")}, "print.offset_invalid"),
    ({"paper": "Letter"}, "print.paper_unknown"),
    ({"copies": 0}, "print.copies_invalid"),
    ({"name": "  "}, "field.required"),
])
def test_bad_profiles_are_refused_and_nothing_is_stored(printing, changes, message_id):
    with pytest.raises(ValidationError) as caught:
        printing.save_profile(**{"name": "P1", **changes})
    assert caught.value.message_id == message_id
    assert printing.profiles() == []


def test_only_a_manager_sets_up_printers(store, printing):
    store.login_as(CurrentUser(id=None, username="clerk", role="clerk"))
    with pytest.raises(PermissionDenied):
        printing.save_profile(name="P1")


def test_unknown_profile_or_paper_refuses_to_print(printing, world):
    with pytest.raises(NotFound):
        printing.render("invoice", world.invoice_number, profile_name="nope")
    with pytest.raises(ValidationError):
        printing.render("invoice", world.invoice_number, paper="B5")
    assert printing.print_log() == []


def test_a_print_made_meanwhile_is_not_counted_twice(store, printing, world, monkeypatch):
    """Another window prints the same note while ours renders: ours becomes 补打 (第 1 次)."""
    from app.services import printing as module

    real = module._render_pdf
    interfered = []

    def render_with_interference(docs, options, **kw):
        pdf = real(docs, options, **kw)
        if not interfered:
            interfered.append(True)
            module.PrintService(store.ctx).render("delivery-note", world.note_number)
        return pdf

    monkeypatch.setattr(module, "_render_pdf", render_with_interference)
    ours = compact(pdf_text(printing.render("delivery-note", world.note_number).pdf))
    assert "补打(第1次)" in ours
    assert sorted(r.reprint_no for r in printing.print_log(number=world.note_number)) == [0, 1]
