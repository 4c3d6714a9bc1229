"""Build printable document records (`app.documents`) from the local database.

Each loader takes an open session and a human number and returns a `Loaded`: the document
with `reprint_count` set to the prints made so far, plus where that count lives, so that the
print service can bump it in the transaction that logs the print.

Quantities on delivery and return notes (the rule clerks and outlets read):

* One printed line per batch allocation, so every lot and expiry date is on paper.
* An allocation that is a whole number of the unit the line was sold in (2 箱 out of lot L1)
  is shown in that unit at the line's unit price.
* Otherwise (30 瓶 of a 箱 line split over two lots) it is shown in the product's base unit; the
  unit price shown is the per-base-unit price rounded half up to a fen.
* Each allocation's amount is its share of the line amount, rounded half up on the cumulative
  quantity (`pricing.return_amount`), so the allocations of a line add up to the line amount
  exactly and the note's total equals the order total.

A confirmed order that has not shipped yet has no delivery note row: its note prints under the
order number with the order lines and no lots (they are allocated at shipment), for the morning
picking run. Prints of documents without a print counter (such notes, returns, statements) are
counted from the print log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Batch,
    DeliveryNote,
    DeliveryNoteLine,
    Invoice,
    Outlet,
    PrintLogEntry,
    Product,
    ProductUnit,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    SalesReturn,
    SalesReturnLine,
)
from app.documents.model import (
    CompanyHeader,
    Document,
    DocumentKind,
    DocumentLine,
    Party,
    Statement,
    StatementEntry,
    TradeDocument,
)
from app.errors import NotFound
from app.services import pricing
from app.services.context import get_setting

# Business settings naming the brand printed on purchase orders (the 供货单位).
BRAND_SETTINGS = ("brand_name", "brand_contact", "brand_phone", "brand_address")
DEFAULT_BRAND_NAME = "品牌商总部"

_STATEMENT_WORDS = {"invoice": "销售发票", "payment": "收款", "return": "退货"}


@dataclass(frozen=True)
class Loaded:
    """A document ready to render and the facts needed to log its print."""

    doc: Document
    prints_so_far: int
    counter: tuple[type, str] | None  # (model with print_count, row id), or None: use the log
    entity: str  # audit entity of the printed record
    entity_id: str


# -- delivery notes ------------------------------------------------------------------------------


def load_delivery_note(session: Session, ref: str, company: CompanyHeader) -> Loaded:
    """By delivery note number (DN-…) or by its order's number (SO-…)."""
    note = session.scalar(
        select(DeliveryNote)
        .join(SalesOrder, SalesOrder.id == DeliveryNote.order_id)
        .where(or_(DeliveryNote.number == ref, SalesOrder.number == ref))
    )
    if note is not None:
        return _shipped_note(session, note, company)
    order = session.scalar(select(SalesOrder).where(SalesOrder.number == ref))
    if order is None or order.status != "confirmed":
        raise NotFound("print.document_not_found", kind=DocumentKind.DELIVERY_NOTE.value,
                       number=ref)
    return _unshipped_note(session, order, company)


def delivery_note_for_order(session: Session, order_id: str, company: CompanyHeader) -> Loaded:
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound("order.not_found", ref=order_id)
    return load_delivery_note(session, order.number, company)


def _shipped_note(session: Session, note: DeliveryNote, company: CompanyHeader) -> Loaded:
    order = session.get(SalesOrder, note.order_id)
    rows = session.execute(
        select(DeliveryNoteLine.order_line_id, DeliveryNoteLine.base_quantity, Batch.lot_no,
               Batch.expiry_date)
        .join(SalesOrderLine, SalesOrderLine.id == DeliveryNoteLine.order_line_id)
        .outerjoin(Batch, Batch.id == DeliveryNoteLine.batch_id)
        .where(DeliveryNoteLine.note_id == note.id)
        .order_by(SalesOrderLine.line_no, DeliveryNoteLine.id)  # id: allocation order (FEFO)
    ).all()
    facts = _order_line_facts(session, order.id)
    lines = _allocated_lines(facts, [(r[0], r[1], r[2] or "", r[3]) for r in rows])
    doc = TradeDocument(
        kind=DocumentKind.DELIVERY_NOTE, number=note.number, date=_local_date(note.shipped_at),
        company=company, party=_outlet_party(session, order.outlet_id),
        notes=_joined(f"订单号 {order.number}", order.note), reprint_count=note.print_count,
        lines=tuple(lines), total_fen=sum(line.amount_fen for line in lines),
    )
    return Loaded(doc, note.print_count, (DeliveryNote, note.id), "delivery_note", note.id)


def _unshipped_note(session: Session, order: SalesOrder, company: CompanyHeader) -> Loaded:
    facts = _order_line_facts(session, order.id)
    lines = tuple(_order_line(f) for f in facts.values())
    prints = logged_prints(session, DocumentKind.DELIVERY_NOTE.value, order.number)
    doc = TradeDocument(
        kind=DocumentKind.DELIVERY_NOTE, number=order.number, date=order.order_date,
        company=company, party=_outlet_party(session, order.outlet_id),
        notes=_joined("批次于出库时分配", order.note), reprint_count=prints,
        lines=lines, total_fen=order.total_fen,
    )
    return Loaded(doc, prints, None, "sales_order", order.id)


# -- invoices and returns ------------------------------------------------------------------------


def load_invoice(session: Session, number: str, company: CompanyHeader) -> Loaded:
    invoice = session.scalar(select(Invoice).where(Invoice.number == number))
    if invoice is None:
        raise NotFound("print.document_not_found", kind=DocumentKind.SALES_INVOICE.value,
                       number=number)
    order = session.get(SalesOrder, invoice.order_id)
    lines = tuple(_order_line(f) for f in _order_line_facts(session, order.id).values())
    notes = _joined(f"订单号 {order.number}", f"付款期限 {invoice.due_date.isoformat()}",
                    order.note)
    # The invoice bills the order as it was; returns print as their own credit notes.
    doc = TradeDocument(
        kind=DocumentKind.SALES_INVOICE, number=invoice.number, date=invoice.invoice_date,
        company=company, party=_outlet_party(session, invoice.outlet_id), notes=notes,
        reprint_count=invoice.print_count, lines=lines,
        total_fen=sum(line.amount_fen for line in lines),
    )
    return Loaded(doc, invoice.print_count, (Invoice, invoice.id), "invoice", invoice.id)


def load_return_note(session: Session, number: str, company: CompanyHeader) -> Loaded:
    ret = session.scalar(select(SalesReturn).where(SalesReturn.number == number))
    if ret is None:
        raise NotFound("print.document_not_found", kind=DocumentKind.RETURN_NOTE.value,
                       number=number)
    order = session.get(SalesOrder, ret.order_id)
    rows = session.execute(
        select(SalesReturnLine.order_line_id, SalesReturnLine.base_quantity,
               SalesReturnLine.amount_fen, Batch.lot_no, Batch.expiry_date)
        .join(SalesOrderLine, SalesOrderLine.id == SalesReturnLine.order_line_id)
        .outerjoin(Batch, Batch.id == SalesReturnLine.batch_id)
        .where(SalesReturnLine.return_id == ret.id)
        .order_by(SalesOrderLine.line_no, SalesReturnLine.id)
    ).all()
    facts = _order_line_facts(session, order.id)
    lines = tuple(
        _shown_line(facts[line_id], qty, amount, lot or "", expiry)
        for line_id, qty, amount, lot, expiry in rows
    )
    prints = logged_prints(session, DocumentKind.RETURN_NOTE.value, ret.number)
    doc = TradeDocument(
        kind=DocumentKind.RETURN_NOTE, number=ret.number, date=ret.return_date, company=company,
        party=_outlet_party(session, ret.outlet_id),
        notes=_joined(f"原订单号 {order.number}", f"退货原因 {ret.reason}" if ret.reason else ""),
        reprint_count=prints, lines=lines, total_fen=ret.total_fen,
    )
    return Loaded(doc, prints, None, "sales_return", ret.id)


# -- purchase orders -----------------------------------------------------------------------------


def load_purchase_order(session: Session, number: str, company: CompanyHeader) -> Loaded:
    po = session.scalar(select(PurchaseOrder).where(PurchaseOrder.number == number))
    if po is None:
        raise NotFound("print.document_not_found", kind=DocumentKind.PURCHASE_ORDER.value,
                       number=number)
    rows = session.execute(
        select(PurchaseOrderLine, Product.sku, Product.name, Product.spec, ProductUnit.name)
        .join(Product, Product.id == PurchaseOrderLine.product_id)
        .join(ProductUnit, ProductUnit.id == PurchaseOrderLine.unit_id)
        .where(PurchaseOrderLine.po_id == po.id)
        .order_by(PurchaseOrderLine.line_no)
    ).all()
    lines = tuple(
        DocumentLine(sku=sku, name=name, spec=spec, unit_name=unit, quantity=ln.quantity,
                     unit_price_fen=ln.unit_price_fen, amount_fen=ln.amount_fen)
        for ln, sku, name, spec, unit in rows
    )
    doc = TradeDocument(
        kind=DocumentKind.PURCHASE_ORDER, number=po.number, date=po.order_date, company=company,
        party=brand_party(session), notes=po.note, reprint_count=po.print_count, lines=lines,
        total_fen=po.total_fen,
    )
    return Loaded(doc, po.print_count, (PurchaseOrder, po.id), "purchase_order", po.id)


def brand_party(session: Session) -> Party:
    name, contact, phone, address = (get_setting(session, key) for key in BRAND_SETTINGS)
    return Party(name=name or DEFAULT_BRAND_NAME, contact=contact, phone=phone, address=address)


# -- statements ----------------------------------------------------------------------------------


def statement_number(outlet_code: str, date_from: dt.date, date_to: dt.date) -> str:
    """A statement has no stored number: outlet code and period identify it (and its prints).

    Two-digit years keep ST-<CU-D01-20261127-0001>-<yymmdd>-<yymmdd> within the 40 characters
    of a document number without cutting off the end of the period.
    """
    return f"ST-{outlet_code}-{date_from:%y%m%d}-{date_to:%y%m%d}"


def find_outlet(session: Session, code: str) -> Outlet:
    outlet = session.scalar(select(Outlet).where(Outlet.code == code))
    if outlet is None:
        raise NotFound("outlet.not_found", ref=code)
    return outlet


def build_statement(
    session: Session, outlet: Outlet, account, company: CompanyHeader
) -> Loaded:
    """`account` is `ReceivableService.statement(...)`: opening, movements and closing."""
    number = statement_number(outlet.code, account.date_from, account.date_to)
    entries = tuple(
        StatementEntry(date=e.date, doc_number=e.number, description=_STATEMENT_WORDS[e.kind],
                       debit_fen=e.debit_fen, credit_fen=e.credit_fen)
        for e in account.entries
    )
    prints = logged_prints(session, DocumentKind.STATEMENT.value, number)
    doc = Statement(
        number=number, date=account.date_to, company=company, party=_party(outlet),
        period_start=account.date_from, period_end=account.date_to,
        opening_balance_fen=account.opening_fen, entries=entries,
        closing_balance_fen=account.closing_fen, reprint_count=prints,
    )
    return Loaded(doc, prints, None, "outlet", outlet.id)


# -- shared --------------------------------------------------------------------------------------


def logged_prints(session: Session, doc_type: str, number: str) -> int:
    return session.scalar(
        select(func.count(PrintLogEntry.id))
        .where(PrintLogEntry.doc_type == doc_type, PrintLogEntry.doc_number == number)
    ) or 0


@dataclass(frozen=True)
class _LineFacts:
    line: SalesOrderLine
    sku: str
    name: str
    spec: str
    base_unit: str
    unit_name: str
    factor: int


def _order_line_facts(session: Session, order_id: str) -> dict[str, _LineFacts]:
    rows = session.execute(
        select(SalesOrderLine, Product.sku, Product.name, Product.spec, Product.base_unit,
               ProductUnit.name, ProductUnit.factor)
        .join(Product, Product.id == SalesOrderLine.product_id)
        .join(ProductUnit, ProductUnit.id == SalesOrderLine.unit_id)
        .where(SalesOrderLine.order_id == order_id)
        .order_by(SalesOrderLine.line_no)
    ).all()
    return {row[0].id: _LineFacts(*row) for row in rows}


def _order_line(f: _LineFacts) -> DocumentLine:
    ln = f.line
    return DocumentLine(sku=f.sku, name=f.name, spec=f.spec, unit_name=f.unit_name,
                        quantity=ln.quantity, unit_price_fen=ln.unit_price_fen,
                        amount_fen=ln.amount_fen, note=ln.note)


def _allocated_lines(
    facts: dict[str, _LineFacts], allocations: Sequence[tuple[str, int, str, dt.date | None]]
) -> list[DocumentLine]:
    done: dict[str, tuple[int, int]] = {}  # order line -> (base quantity, amount) printed so far
    lines = []
    for line_id, quantity, lot, expiry in allocations:
        f = facts[line_id]
        before_qty, before_amount = done.get(line_id, (0, 0))
        amount = pricing.return_amount(f.line.amount_fen, f.line.base_quantity, before_qty,
                                       before_amount, quantity)
        done[line_id] = (before_qty + quantity, before_amount + amount)
        lines.append(_shown_line(f, quantity, amount, lot, expiry))
    return lines


def _shown_line(
    f: _LineFacts, base_quantity: int, amount_fen: int, lot: str, expiry: dt.date | None
) -> DocumentLine:
    """In the unit sold when the quantity is a whole number of it, else in base units."""
    if base_quantity % f.factor == 0:
        unit, quantity, price = f.unit_name, base_quantity // f.factor, f.line.unit_price_fen
    else:
        unit, quantity = f.base_unit, base_quantity
        price = (2 * f.line.unit_price_fen + f.factor) // (2 * f.factor)  # half up, exact ints
    return DocumentLine(sku=f.sku, name=f.name, spec=f.spec, unit_name=unit, quantity=quantity,
                        unit_price_fen=price, amount_fen=amount_fen, batch_lot=lot,
                        expiry_date=expiry, note=f.line.note)


def _outlet_party(session: Session, outlet_id: str) -> Party:
    return _party(session.get(Outlet, outlet_id))


def _party(outlet: Outlet) -> Party:
    return Party(name=outlet.name, contact=outlet.contact, phone=outlet.phone,
                 address=outlet.address)


def _local_date(value: dt.datetime) -> dt.date:
    return value.replace(tzinfo=dt.UTC).astimezone().date()


def _joined(*parts: str) -> str:
    return "；".join(part for part in parts if part)
