"""Which credit pays which invoice: one rule, recomputed from the outlet's documents.

Every PC of a distributor ends up with the same invoices, payments and returns (its own, and
the other PCs' through HQ's feed), but they arrive in different orders on different PCs. If
each PC allocated credits as documents arrived, an invoice could be paid on one PC and open on
another. So allocation is a pure function of the set of documents, and every write that adds
an invoice or a credit (locally or from the feed) recomputes it for that outlet:

1. Credits in the order they were made: by date, then by id (ids are UUIDv7, so they sort
   by creation time on every PC). Credits are return values and settlement payments; deposits
   are not, spending the deposit is a settlement payment with method "prepaid".
2. A return credit pays the invoice of its own order first; then, like a payment, the open
   invoices oldest first (invoice date, number, id).
3. What is left of a credit stays unallocated. So an outlet never has an open invoice and
   unused credit at the same time.

Only the rows that differ from the stored allocation are written.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.db.models import Invoice, Payment, PaymentAllocation, SalesReturn

# (invoice id, payment id, return id): exactly one of the last two is set.
Key = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class AllocationInfo:
    invoice_id: str
    invoice_number: str
    amount_fen: int
    payment_id: str | None = None
    return_id: str | None = None


def reallocate_outlet(session: Session, outlet_id: str) -> list[AllocationInfo]:
    """Bring the outlet's allocations to the rule above; returns the allocations that were
    added or changed (what this write did, for its outbox op)."""
    session.flush()
    invoices = list(session.scalars(
        select(Invoice).where(Invoice.outlet_id == outlet_id)
        .order_by(Invoice.invoice_date, Invoice.number, Invoice.id)
    ))
    returns = list(session.scalars(select(SalesReturn).where(SalesReturn.outlet_id == outlet_id)))
    payments = list(session.scalars(
        select(Payment).where(Payment.outlet_id == outlet_id, Payment.purpose == "settlement")
    ))
    target = _target(invoices, returns, payments)
    changed = _store(session, invoices, returns, payments, target)
    numbers = {i.id: i.number for i in invoices}
    return [AllocationInfo(k[0], numbers[k[0]], target[k], k[1], k[2]) for k in changed]


def _target(invoices: list[Invoice], returns: list[SalesReturn], payments: list[Payment]) -> dict[Key, int]:
    open_fen = {i.id: i.total_fen for i in invoices}
    own_invoice = {i.order_id: i.id for i in invoices}
    oldest_first = [i.id for i in invoices]
    target: dict[Key, int] = {}

    def pay(key_of, amount: int, order: list[str]) -> None:
        for invoice_id in order:
            if amount <= 0:
                return
            take = min(open_fen[invoice_id], amount)
            if take > 0:
                target[key_of(invoice_id)] = take
                open_fen[invoice_id] -= take
                amount -= take

    credits = sorted(
        [(r.return_date, r.id, r) for r in returns] + [(p.payment_date, p.id, p) for p in payments],
        key=lambda c: (c[0], c[1]),
    )
    for _day, credit_id, credit in credits:
        if isinstance(credit, SalesReturn):
            own = own_invoice.get(credit.order_id)
            order = [own, *(i for i in oldest_first if i != own)] if own else oldest_first
            pay(lambda inv, r=credit_id: (inv, None, r), credit.total_fen, order)
        else:
            pay(lambda inv, p=credit_id: (inv, p, None), credit.amount_fen, oldest_first)
    return target


def _store(session, invoices, returns, payments, target: dict[Key, int]) -> list[Key]:
    invoice_ids = [i.id for i in invoices]
    credit_ids = [c.id for c in (*returns, *payments)]
    existing = list(session.scalars(select(PaymentAllocation).where(or_(
        PaymentAllocation.invoice_id.in_(invoice_ids),
        PaymentAllocation.payment_id.in_(credit_ids),
        PaymentAllocation.return_id.in_(credit_ids),
    )))) if invoice_ids or credit_ids else []
    kept: dict[Key, PaymentAllocation] = {}
    stale: list[str] = []
    for row in existing:
        key = (row.invoice_id, row.payment_id, row.return_id)
        if key in target and key not in kept:
            kept[key] = row
        else:
            stale.append(row.id)
    if stale:
        session.execute(delete(PaymentAllocation).where(PaymentAllocation.id.in_(stale)))
    changed = []
    for key, amount in target.items():
        row = kept.get(key)
        if row is None:
            session.add(PaymentAllocation(invoice_id=key[0], payment_id=key[1], return_id=key[2],
                                          amount_fen=amount))
            changed.append(key)
        elif row.amount_fen != amount:
            row.amount_fen = amount
            changed.append(key)
    _store_totals(invoices, returns, payments, target)
    return changed


def _store_totals(invoices, returns, payments, target: dict[Key, int]) -> None:
    """paid_fen / applied_fen / allocated_fen always equal the sums of the allocations."""
    paid: dict[str, int] = {}
    used: dict[str, int] = {}
    for (invoice_id, payment_id, return_id), amount in target.items():
        paid[invoice_id] = paid.get(invoice_id, 0) + amount
        credit = payment_id or return_id
        used[credit] = used.get(credit, 0) + amount
    for invoice in invoices:
        if invoice.paid_fen != paid.get(invoice.id, 0):
            invoice.paid_fen = paid.get(invoice.id, 0)
    for ret in returns:
        if ret.applied_fen != used.get(ret.id, 0):
            ret.applied_fen = used.get(ret.id, 0)
    for payment in payments:
        if payment.allocated_fen != used.get(payment.id, 0):
            payment.allocated_fen = used.get(payment.id, 0)
