"""Documents made on the distributor's other PCs, copied from HQ's feed.

A delivery note, an invoice, a payment, a return, a goods receipt or a stocktake sheet made on
one PC must be on every PC: the clerk at the next desk prints the invoice, looks up the lot a
shop received, and sees the same open invoices and balance. Their stock moves travel
separately (as stock moves), so nothing here touches the ledger. After a document that changes what an outlet owes, the
outlet's allocations are recomputed by the one rule of app.services.allocation, so every PC
ends with the same open invoices whatever order the documents arrived in. That happens once
per outlet per transaction (`settle`), not once per document: a first sync brings years of
invoices of each outlet.

A document this PC already has (it made it, or it arrived before) is left alone: the feed
repeats an entity's newest state, and copies are idempotent.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    DeliveryNote,
    DeliveryNoteLine,
    GoodsReceipt,
    GoodsReceiptLine,
    Invoice,
    Payment,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    SalesReturn,
    SalesReturnLine,
    Stocktake,
    StocktakeLine,
)
from app.services.allocation import reallocate_outlet
from app.sync.references import (
    MissingReference,
    ensure_batch,
    ensure_product,
    ensure_warehouse,
    free_number,
    require_order,
    require_outlet,
)


def owes_changed(s: Session, outlet_id: str) -> None:
    """What the outlet owes changed in this transaction: settle() re-allocates it."""
    s.info.setdefault("outlets_to_settle", set()).add(outlet_id)


def settle(s: Session) -> None:
    """Recompute the allocations of every outlet whose documents changed; call before commit."""
    for outlet_id in sorted(s.info.pop("outlets_to_settle", ())):
        reallocate_outlet(s, outlet_id)


def apply_order_events(s: Session, order: SalesOrder, data: dict) -> None:
    """The lifecycle documents HQ keeps with an order (`<action>_event`): its delivery note,
    the signature on it, its invoice and the reason it was cancelled."""
    ship = data.get("ship_event")
    if isinstance(ship, dict) and isinstance(ship.get("delivery_note"), dict):
        _delivery_note(s, order, ship["delivery_note"])
    deliver = data.get("deliver_event")
    if isinstance(deliver, dict):
        _delivered(s, order, deliver)
    invoice = data.get("invoice_event")
    if isinstance(invoice, dict) and isinstance(invoice.get("invoice"), dict):
        _invoice(s, order, invoice["invoice"])
    cancel = data.get("cancel_event")
    if isinstance(cancel, dict) and not order.cancel_reason:
        order.cancel_reason = str(cancel.get("reason") or "")[:300]


def _delivery_note(s: Session, order: SalesOrder, note: dict) -> None:
    if s.scalar(select(DeliveryNote.id).where(DeliveryNote.order_id == order.id)) is not None:
        return
    lines = note.get("lines") or []
    _require_order_lines(s, order, lines)
    ensure_warehouse(s, note.get("warehouse_id") or order.warehouse_id)
    s.add(DeliveryNote(
        id=note["id"], number=free_number(s, DeliveryNote, note.get("number") or note["id"]),
        order_id=order.id, warehouse_id=note.get("warehouse_id") or order.warehouse_id,
        shipped_at=when(note.get("shipped_at")),
    ))
    s.flush()
    # In the order they were allocated (earliest expiry first): returns read them in id order.
    for line in lines:
        ensure_batch(s, line.get("batch_id"), line["product_id"])
        s.add(DeliveryNoteLine(note_id=note["id"], order_line_id=line["order_line_id"],
                               product_id=line["product_id"], batch_id=line.get("batch_id"),
                               base_quantity=int(line["base_quantity"])))
    s.flush()


def _require_order_lines(s: Session, order: SalesOrder, lines: list[dict]) -> None:
    """Every line of a delivery note or return names a line of its order, which is here."""
    order_lines = set(s.scalars(select(SalesOrderLine.id).where(SalesOrderLine.order_id == order.id)))
    for line in lines:
        if line["order_line_id"] not in order_lines:
            raise MissingReference(f"line {line['order_line_id']} of order {order.number}")


def _delivered(s: Session, order: SalesOrder, event: dict) -> None:
    note = s.scalar(select(DeliveryNote).where(DeliveryNote.order_id == order.id))
    if note is not None and note.delivered_at is None and event.get("delivered_at"):
        note.delivered_at = when(event["delivered_at"])
        note.signed_by = str(event.get("signed_by") or "")[:100]


def _invoice(s: Session, order: SalesOrder, inv: dict) -> None:
    if s.scalar(select(Invoice.id).where(Invoice.order_id == order.id)) is not None:
        return
    s.add(Invoice(
        id=inv["id"], number=free_number(s, Invoice, inv.get("number") or inv["id"]),
        order_id=order.id, outlet_id=order.outlet_id,
        invoice_date=dt.date.fromisoformat(inv["invoice_date"]),
        due_date=dt.date.fromisoformat(inv["due_date"]),
        total_fen=int(inv["total_fen"]), paid_fen=0,
    ))
    owes_changed(s, order.outlet_id)


def apply_payment(ctx, s: Session, change: dict, pending) -> None:
    p = change["data"]
    if s.get(Payment, p["id"]) is not None:
        return
    require_outlet(s, p["outlet_id"])
    s.add(Payment(
        id=p["id"], number=free_number(s, Payment, p.get("number") or p["id"]),
        outlet_id=p["outlet_id"], method=p["method"], purpose=p.get("purpose") or "settlement",
        amount_fen=int(p["amount_fen"]), allocated_fen=0,
        payment_date=dt.date.fromisoformat(p["payment_date"]),
        reference=p.get("reference") or "", note=p.get("note") or "",
    ))
    owes_changed(s, p["outlet_id"])


def apply_sales_return(ctx, s: Session, change: dict, pending) -> None:
    r = change["data"]
    if s.get(SalesReturn, r["id"]) is not None:
        return
    order = require_order(s, r["order_id"])
    _require_order_lines(s, order, r.get("lines") or [])
    ensure_warehouse(s, r.get("warehouse_id") or order.warehouse_id)
    s.add(SalesReturn(
        id=r["id"], number=free_number(s, SalesReturn, r.get("number") or r["id"]),
        order_id=order.id, outlet_id=order.outlet_id,
        warehouse_id=r.get("warehouse_id") or order.warehouse_id,
        return_date=dt.date.fromisoformat(r["return_date"]), total_fen=int(r["total_fen"]),
        applied_fen=0, reason=str(r.get("reason") or "")[:300],
    ))
    s.flush()
    for line in r.get("lines") or []:
        ensure_batch(s, line.get("batch_id"), line["product_id"])
        s.add(SalesReturnLine(return_id=r["id"], order_line_id=line["order_line_id"],
                              product_id=line["product_id"], batch_id=line.get("batch_id"),
                              base_quantity=int(line["base_quantity"]),
                              amount_fen=int(line["amount_fen"])))
    owes_changed(s, order.outlet_id)


def apply_goods_receipt(ctx, s: Session, change: dict, pending) -> None:
    """A receipt made on another PC, and what it received against the purchase order."""
    g = change["data"]
    if s.get(GoodsReceipt, g["id"]) is not None:
        return
    po = s.get(PurchaseOrder, g["po_id"]) if g.get("po_id") else None
    if g.get("po_id") and po is None:
        raise MissingReference(f"purchase_order {g['po_id']}")
    ensure_warehouse(s, g["warehouse_id"])
    s.add(GoodsReceipt(
        id=g["id"], number=free_number(s, GoodsReceipt, g.get("number") or g["id"]),
        po_id=g.get("po_id"), warehouse_id=g["warehouse_id"],
        received_at=when(g.get("received_at")), note=str(g.get("note") or "")[:300],
    ))
    s.flush()
    for line in g.get("lines") or []:
        ensure_batch(s, line.get("batch_id"), line["product_id"])
        s.add(GoodsReceiptLine(id=line.get("id"), receipt_id=g["id"],
                               po_line_id=line.get("po_line_id"), product_id=line["product_id"],
                               batch_id=line.get("batch_id"), base_quantity=int(line["base_quantity"])))
    if po is not None:
        _received_against(s, po, g.get("lines") or [])


def apply_stocktake(ctx, s: Session, change: dict, pending) -> None:
    """A posted stocktake sheet of another PC (its differences arrive as stock moves)."""
    t = change["data"]
    if s.get(Stocktake, t["id"]) is not None:
        return
    ensure_warehouse(s, t["warehouse_id"])
    s.add(Stocktake(id=t["id"], number=free_number(s, Stocktake, t.get("number") or t["id"]),
                    warehouse_id=t["warehouse_id"], status="posted",
                    note=str(t.get("note") or "")[:300], posted_at=when(t.get("posted_at"))))
    s.flush()
    for line in t.get("lines") or []:
        ensure_product(s, line["product_id"])
        ensure_batch(s, line.get("batch_id"), line["product_id"])
        s.add(StocktakeLine(id=line.get("id"), stocktake_id=t["id"], product_id=line["product_id"],
                            batch_id=line.get("batch_id"), expected_qty=int(line["expected_qty"]),
                            counted_qty=line.get("counted_qty"),
                            book_qty_at_count=line.get("book_qty_at_count")))


def _received_against(s: Session, po: PurchaseOrder, lines: list[dict]) -> None:
    """The same received quantities and status the receiving PC wrote (purchasing.receive)."""
    by_id = {ln.id: ln for ln in s.scalars(select(PurchaseOrderLine).where(PurchaseOrderLine.po_id == po.id))}
    for line in lines:
        po_line = by_id.get(line.get("po_line_id"))
        if po_line is not None:
            po_line.received_base_qty += int(line["base_quantity"])
    if by_id and po.status not in ("draft", "cancelled", "rejected"):
        done = all(ln.received_base_qty >= ln.base_quantity for ln in by_id.values())
        po.status = "received" if done else "partially_received"


def when(value) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed
