"""Sales orders and payments this PC has never seen, a whole run in a few statements.

A PC joining a distributor with years of history receives every order with its delivery note
and invoice. Row by row (apply_order_snapshot) that is about seven ORM inserts and a savepoint
per order; here the new ones go in one executemany per table. The result is the same rows the
single path writes: both map HQ's order to rows with order_row and line_row. Orders this PC
already has, or whose outlet or units are not here yet, are handed back to the single path
(which updates them, or keeps them waiting).
"""

from __future__ import annotations

import datetime as dt
from itertools import chain

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db.models import (
    Batch,
    DeliveryNote,
    DeliveryNoteLine,
    Invoice,
    Outlet,
    Payment,
    ProductUnit,
    SalesOrder,
    SalesOrderLine,
)
from app.ids import derived_id, new_id
from app.sync.references import ensure_batch, ensure_warehouse


def apply_orders(ctx, s: Session, run: list[dict], pending) -> list[dict]:
    """Insert the new orders of `run`; returns the changes left for the single path."""
    fresh, rest = _split(s, run, SalesOrder)
    fresh, missing = _with_references(s, fresh)
    if fresh:
        _insert_orders(s, [c["data"] | {"_rev": c.get("rev")} for c in fresh])
    return rest + missing


def apply_payments(ctx, s: Session, run: list[dict], pending) -> list[dict]:
    from app.sync.remote_documents import owes_changed

    fresh, rest = _split(s, run, Payment)
    outlets = _existing(s, Outlet.id, {c["data"]["outlet_id"] for c in fresh})
    ready = [c for c in fresh if c["data"]["outlet_id"] in outlets]
    numbers = _free_numbers(s, Payment, [c["data"] for c in ready])
    now = utcnow()
    rows = [{
        "id": p["id"], "number": numbers[p["id"]], "outlet_id": p["outlet_id"], "method": p["method"],
        "purpose": p.get("purpose") or "settlement", "amount_fen": int(p["amount_fen"]),
        "allocated_fen": 0, "payment_date": dt.date.fromisoformat(p["payment_date"]),
        "reference": p.get("reference") or "", "note": p.get("note") or "",
        "created_at": now, "updated_at": now,
    } for p in (c["data"] for c in ready)]
    if rows:
        s.execute(insert(Payment), rows)
    for row in rows:
        owes_changed(s, row["outlet_id"])
    return rest + [c for c in fresh if c["data"]["outlet_id"] not in outlets]


def _split(s: Session, run: list[dict], model) -> tuple[list[dict], list[dict]]:
    """(new to this PC, already here or a tombstone); a repeated id in one run goes single."""
    known = _existing(s, model.id, {c["entity_id"] for c in run})
    fresh, rest, seen = [], [], set()
    for change in run:
        if change.get("op") == "tombstone" or change["entity_id"] in known | seen:
            rest.append(change)
        else:
            fresh.append(change)
            seen.add(change["entity_id"])
    return fresh, rest


def _existing(s: Session, column, ids: set) -> set:
    found: set = set()
    ids = [i for i in ids if i]
    for start in range(0, len(ids), 500):
        found |= set(s.scalars(select(column).where(column.in_(ids[start:start + 500]))))
    return found


def _with_references(s: Session, fresh: list[dict]) -> tuple[list[dict], list[dict]]:
    outlets = _existing(s, Outlet.id, {c["data"]["outlet_id"] for c in fresh})
    units = _existing(s, ProductUnit.id, {ln["unit_id"] for c in fresh for ln in c["data"].get("lines") or []})
    ready, missing = [], []
    for change in fresh:
        o = change["data"]
        whole = o["outlet_id"] in outlets and all(ln["unit_id"] in units for ln in o.get("lines") or [])
        (ready if whole else missing).append(change)
    return ready, missing


def _insert_orders(s: Session, orders: list[dict]) -> None:
    from app.sync.remote_documents import owes_changed

    for warehouse_id in {o["warehouse_id"] for o in orders}:
        ensure_warehouse(s, warehouse_id)
    now = utcnow()
    numbers = _free_numbers(s, SalesOrder, orders)
    s.execute(insert(SalesOrder), [order_row(o, o["_rev"], numbers[o["id"]], now) for o in orders])
    s.execute(insert(SalesOrderLine), [
        line_row(o["id"], n, line) for o in orders for n, line in enumerate(o.get("lines") or [], 1)])
    notes = [(o, o["ship_event"]["delivery_note"]) for o in orders if _event(o, "ship_event", "delivery_note")]
    if notes:
        _insert_notes(s, notes, now)
    invoices = [(o, o["invoice_event"]["invoice"]) for o in orders if _event(o, "invoice_event", "invoice")]
    if invoices:
        numbers = _free_numbers(s, Invoice, [inv for _o, inv in invoices])
        s.execute(insert(Invoice), [{
            "id": inv["id"], "number": numbers[inv["id"]], "order_id": o["id"], "outlet_id": o["outlet_id"],
            "invoice_date": dt.date.fromisoformat(inv["invoice_date"]),
            "due_date": dt.date.fromisoformat(inv["due_date"]), "total_fen": int(inv["total_fen"]),
            "paid_fen": 0, "created_at": now, "updated_at": now,
        } for o, inv in invoices])
        for o, _inv in invoices:
            owes_changed(s, o["outlet_id"])


def _event(o: dict, key: str, part: str) -> bool:
    event = o.get(key)
    return isinstance(event, dict) and isinstance(event.get(part), dict)


def order_row(o: dict, rev: int | None, number: str, now: dt.datetime) -> dict:
    """The local sales_order row of HQ's order `o` at HQ's revision `rev`."""
    cancel = o.get("cancel_event") if isinstance(o.get("cancel_event"), dict) else {}
    return {
        "id": o["id"], "number": number, "outlet_id": o["outlet_id"], "warehouse_id": o["warehouse_id"],
        "status": o["status"], "order_date": dt.date.fromisoformat(o["order_date"]),
        "total_fen": int(o["total_fen"]), "note": o.get("note") or "", "rev": rev or 1,
        "server_rev": rev, "cancel_reason": str(cancel.get("reason") or "")[:300],
        "created_at": now, "updated_at": now,
    }


def line_row(order_id: str, n: int, line: dict) -> dict:
    """The local sales_order_line row of line `n` (from 1) of HQ's order."""
    return {
        "id": line.get("id") or derived_id("so_line", order_id, str(n)), "order_id": order_id,
        "line_no": line.get("line_no") or n, "product_id": line["product_id"], "unit_id": line["unit_id"],
        "quantity": int(line["quantity"]), "base_quantity": int(line["base_quantity"]),
        "unit_price_fen": int(line["unit_price_fen"]), "amount_fen": int(line["amount_fen"]),
        "below_floor": bool(line.get("below_floor")),
        "below_floor_reason": line.get("below_floor_reason") or "",
    }


def _insert_notes(s: Session, notes: list[tuple[dict, dict]], now: dt.datetime) -> None:
    from app.sync.remote_documents import when

    lines = list(chain.from_iterable(note.get("lines") or [] for _o, note in notes))
    known = _existing(s, Batch.id, {ln.get("batch_id") for ln in lines})
    for line in lines:
        if line.get("batch_id") and line["batch_id"] not in known:
            ensure_batch(s, line["batch_id"], line["product_id"])
            known.add(line["batch_id"])
    numbers = _free_numbers(s, DeliveryNote, [note for _o, note in notes])
    rows = []
    for o, note in notes:
        delivered = o.get("deliver_event") if isinstance(o.get("deliver_event"), dict) else {}
        rows.append({
            "id": note["id"], "number": numbers[note["id"]], "order_id": o["id"],
            "warehouse_id": note.get("warehouse_id") or o["warehouse_id"],
            "shipped_at": when(note.get("shipped_at")),
            "delivered_at": when(delivered["delivered_at"]) if delivered.get("delivered_at") else None,
            "signed_by": str(delivered.get("signed_by") or "")[:100] if delivered.get("delivered_at") else "",
            "created_at": now, "updated_at": now,
        })
    s.execute(insert(DeliveryNote), rows)
    # In allocation order (earliest expiry first): returns read them back in id order.
    s.execute(insert(DeliveryNoteLine), [{
        "id": new_id(), "note_id": note["id"], "order_line_id": ln["order_line_id"],
        "product_id": ln["product_id"], "batch_id": ln.get("batch_id"),
        "base_quantity": int(ln["base_quantity"]),
    } for _o, note in notes for ln in note.get("lines") or []])


def _free_numbers(s: Session, model, docs: list[dict]) -> dict[str, str]:
    """{id: number}; a number already taken (here or earlier in the run) gets a * (see
    references.free_number)."""
    wanted = {d["id"]: d.get("number") or d["id"] for d in docs}
    taken = _existing(s, model.number, set(wanted.values()))
    result = {}
    for doc_id, number in wanted.items():
        result[doc_id] = f"{number}*" if number in taken else number
        taken.add(result[doc_id])
    return result
