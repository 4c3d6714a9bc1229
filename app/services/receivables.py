"""Receivables (应收款): payments, their allocation to invoices, credits, deposits and aging.

Rules kept here:
- A settlement payment pays the oldest open invoices first (invoice date, then number); what is
  left over stays on the payment as unallocated credit.
- Credits (unapplied return values, unallocated settlement payments) are applied to open
  invoices by `apply_open_credits`, which every write that creates an invoice or a credit calls in
  its own transaction. The rule is in app.services.allocation: a pure function of the outlet's
  documents, so every PC that holds the same documents holds the same allocations. An outlet
  never has open invoices and unused credit at the same time.
- The prepaid deposit (预存款) is separate: purpose="deposit" tops it up, method="prepaid" spends
  it on invoices like any settlement payment, refused when the deposit is short.
- `Invoice.paid_fen` always equals the sum of its allocations (payments and return credits).
- Aging buckets count days since the invoice date (账龄), the way distributors read a 账龄表;
  `overdue` is the one view that uses the due date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.clock import today
from app.db.models import Invoice, Outlet, Payment, SalesOrder, SalesReturn
from app.db.models.receivables import PAYMENT_METHODS
from app.errors import NotFound, ValidationError
from app.money import format_fen
from app.services.allocation import AllocationInfo, reallocate_outlet
from app.services.changes import Changes
from app.services.context import ServiceContext, UnitOfWork

PURPOSES = ("settlement", "deposit")
# Orders whose value the outlet owes before an invoice exists.
UNINVOICED_STATUSES = ("confirmed", "shipped", "delivered")
AGING_BUCKETS = ("days_0_30", "days_31_60", "days_61_90", "days_over_90")


@dataclass(frozen=True)
class PaymentInfo:
    id: str
    number: str
    outlet_id: str
    method: str
    purpose: str
    amount_fen: int
    allocated_fen: int
    unallocated_fen: int
    payment_date: dt.date
    allocations: tuple[AllocationInfo, ...]

    @property
    def changes(self) -> Changes:
        return Changes(receivables=(self.outlet_id,))


@dataclass(frozen=True)
class InvoiceInfo:
    id: str
    number: str
    order_id: str
    outlet_id: str
    invoice_date: dt.date
    due_date: dt.date
    total_fen: int
    paid_fen: int

    @property
    def open_fen(self) -> int:
        return self.total_fen - self.paid_fen

    @property
    def changes(self) -> Changes:
        """Invoicing moves the order on and opens a debt on the outlet's account."""
        return Changes(sales_orders=(self.order_id,), receivables=(self.outlet_id,))


@dataclass(frozen=True)
class AgingRow:
    outlet_id: str | None  # None on the total row
    outlet_name: str
    days_0_30: int = 0
    days_31_60: int = 0
    days_61_90: int = 0
    days_over_90: int = 0

    @property
    def total_fen(self) -> int:
        return self.days_0_30 + self.days_31_60 + self.days_61_90 + self.days_over_90


@dataclass(frozen=True)
class AgingReport:
    as_of: dt.date
    rows: tuple[AgingRow, ...]
    total: AgingRow


@dataclass(frozen=True)
class OverdueOutlet:
    outlet_id: str
    outlet_name: str
    overdue_fen: int
    invoice_count: int
    oldest_due_date: dt.date


@dataclass(frozen=True)
class StatementEntry:
    date: dt.date
    kind: str  # invoice | payment | return
    number: str
    debit_fen: int  # increases what the outlet owes
    credit_fen: int  # decreases it
    balance_fen: int


@dataclass(frozen=True)
class Statement:
    """对账单: what the outlet owed before the period, each movement, what it owes after."""

    outlet_id: str
    outlet_name: str
    date_from: dt.date
    date_to: dt.date
    opening_fen: int
    entries: tuple[StatementEntry, ...]
    closing_fen: int


class ReceivableService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- writes ---------------------------------------------------------------------------

    def record_payment(
        self,
        *,
        outlet_id: str,
        amount_fen: int,
        method: str,
        payment_date: dt.date | None = None,
        reference: str = "",
        note: str = "",
        purpose: str = "settlement",
    ) -> PaymentInfo:
        _validate_payment(amount_fen, method, purpose)
        with self.ctx.write() as uow:
            s = uow.session
            _outlet(s, outlet_id)
            if method == "prepaid":
                balance = deposit_balance(s, outlet_id)
                if balance < amount_fen:
                    raise ValidationError(
                        "payment.deposit_insufficient",
                        balance=format_fen(balance),
                        amount=format_fen(amount_fen),
                        balance_fen=balance,
                        amount_fen=amount_fen,
                    )
            payment = Payment(
                number=uow.next_number("PAY"),
                outlet_id=outlet_id,
                method=method,
                purpose=purpose,
                amount_fen=amount_fen,
                allocated_fen=0,
                payment_date=payment_date or today(),
                reference=reference.strip(),
                note=note.strip(),
                created_by=self.ctx.user.id,
            )
            s.add(payment)
            s.flush()
            allocations = apply_open_credits(uow, outlet_id) if purpose == "settlement" else []
            own = tuple(a for a in allocations if a.payment_id == payment.id)
            uow.emit("payment.record", payment.id, _payment_payload(payment, allocations))
            uow.audit(
                "payment.record", "payment", payment.id, number=payment.number,
                outlet_id=outlet_id, amount_fen=amount_fen, method=method, purpose=purpose,
            )
            return _payment_info(payment, own)

    def apply_open_credits(self, uow: UnitOfWork, outlet_id: str) -> list[AllocationInfo]:
        return apply_open_credits(uow, outlet_id)

    # -- queries --------------------------------------------------------------------------

    def balance(self, outlet_id: str) -> int:
        """What the outlet owes: invoiced − settlement payments − return credits (may be < 0)."""
        with self.ctx.read() as s:
            return outlet_balance(s, outlet_id)

    def outstanding_for_credit(self, session: Session, outlet_id: str) -> int:
        return outstanding_for_credit(session, outlet_id)

    def deposit_balance(self, outlet_id: str) -> int:
        with self.ctx.read() as s:
            return deposit_balance(s, outlet_id)

    def open_invoices(self, outlet_id: str) -> list[InvoiceInfo]:
        with self.ctx.read() as s:
            return [_invoice_info(i) for i in _open_invoices(s, outlet_id)]

    def aging(self, outlet_id: str | None = None, as_of: dt.date | None = None) -> AgingReport:
        as_of = as_of or today()
        with self.ctx.read() as s:
            query = (
                select(Invoice.outlet_id, Outlet.name, Invoice.invoice_date,
                       Invoice.total_fen - Invoice.paid_fen)
                .join(Outlet, Outlet.id == Invoice.outlet_id)
                .where(Invoice.paid_fen < Invoice.total_fen, Invoice.invoice_date <= as_of)
            )
            if outlet_id is not None:
                query = query.where(Invoice.outlet_id == outlet_id)
            rows = s.execute(query).all()
        return _aging_report(as_of, rows)

    def overdue(self, as_of: dt.date | None = None) -> list[OverdueOutlet]:
        """Outlets with open invoices whose due date is before as_of, most overdue money first."""
        as_of = as_of or today()
        with self.ctx.read() as s:
            rows = s.execute(
                select(
                    Invoice.outlet_id, Outlet.name,
                    func.sum(Invoice.total_fen - Invoice.paid_fen),
                    func.count(Invoice.id), func.min(Invoice.due_date),
                )
                .join(Outlet, Outlet.id == Invoice.outlet_id)
                .where(Invoice.paid_fen < Invoice.total_fen, Invoice.due_date < as_of)
                .group_by(Invoice.outlet_id, Outlet.name)
            ).all()
        result = [OverdueOutlet(r[0], r[1], int(r[2]), int(r[3]), r[4]) for r in rows]
        return sorted(result, key=lambda o: (-o.overdue_fen, o.outlet_name))

    def statement(self, outlet_id: str, date_from: dt.date, date_to: dt.date) -> Statement:
        with self.ctx.read() as s:
            outlet = _outlet(s, outlet_id)
            opening = outlet_balance(s, outlet_id, before=date_from)
            movements = _movements(s, outlet_id, date_from, date_to)
        entries, balance = [], opening
        for day, kind, number, debit, credit in movements:
            balance += debit - credit
            entries.append(StatementEntry(day, kind, number, debit, credit, balance))
        return Statement(
            outlet_id, outlet.name, date_from, date_to, opening, tuple(entries), balance
        )


# -- shared with the sales service (same transaction) --------------------------------------


def apply_open_credits(uow: UnitOfWork, outlet_id: str) -> list[AllocationInfo]:
    """Apply the outlet's credits to its open invoices by the one rule of
    app.services.allocation (the same on every PC); returns the allocations this write made."""
    return reallocate_outlet(uow.session, outlet_id)


def outstanding_for_credit(session: Session, outlet_id: str) -> int:
    """What counts against the credit limit: open invoice amounts + confirmed, shipped or
    delivered orders not yet invoiced − unapplied return credits − unallocated payments."""
    return credit_position(session, outlet_id)[0]


def deposit_balance(session: Session, outlet_id: str) -> int:
    """Deposits received − payments made from the deposit."""
    return int(session.scalar(_deposit_query(outlet_id)))


def credit_position(session: Session, outlet_id: str) -> tuple[int, int]:
    """(outstanding for the credit check, prepaid deposit) in one round trip: the credit check
    runs inside every order save."""
    open_invoices = select(func.coalesce(func.sum(Invoice.total_fen - Invoice.paid_fen), 0)).where(
        Invoice.outlet_id == outlet_id, Invoice.paid_fen < Invoice.total_fen
    )
    uninvoiced = select(func.coalesce(func.sum(SalesOrder.total_fen), 0)).where(
        SalesOrder.outlet_id == outlet_id, SalesOrder.status.in_(UNINVOICED_STATUSES)
    )
    returns = select(
        func.coalesce(func.sum(SalesReturn.total_fen - SalesReturn.applied_fen), 0)
    ).where(SalesReturn.outlet_id == outlet_id)
    payments = select(func.coalesce(func.sum(Payment.amount_fen - Payment.allocated_fen), 0)).where(
        Payment.outlet_id == outlet_id, Payment.purpose == "settlement"
    )
    row = session.execute(
        select(
            open_invoices.scalar_subquery(), uninvoiced.scalar_subquery(),
            returns.scalar_subquery(), payments.scalar_subquery(),
            _deposit_query(outlet_id).scalar_subquery(),
        )
    ).one()
    return int(row[0]) + int(row[1]) - int(row[2]) - int(row[3]), int(row[4])


def _deposit_query(outlet_id: str):
    return select(
        func.coalesce(
            func.sum(
                case(
                    (Payment.purpose == "deposit", Payment.amount_fen),
                    (Payment.method == "prepaid", -Payment.amount_fen),
                    else_=0,
                )
            ),
            0,
        )
    ).where(Payment.outlet_id == outlet_id)


def outlet_balance(session: Session, outlet_id: str, *, before: dt.date | None = None) -> int:
    """Invoiced − settlement payments − return credits, optionally for dates before `before`."""
    def dated(column, model):
        conditions = [model.outlet_id == outlet_id]
        if before is not None:
            conditions.append(column < before)
        return and_(*conditions)

    invoiced = select(func.coalesce(func.sum(Invoice.total_fen), 0)).where(
        dated(Invoice.invoice_date, Invoice)
    )
    paid = select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
        dated(Payment.payment_date, Payment), Payment.purpose == "settlement"
    )
    returned = select(func.coalesce(func.sum(SalesReturn.total_fen), 0)).where(
        dated(SalesReturn.return_date, SalesReturn)
    )
    row = session.execute(
        select(invoiced.scalar_subquery(), paid.scalar_subquery(), returned.scalar_subquery())
    ).one()
    return int(row[0]) - int(row[1]) - int(row[2])


# -- helpers --------------------------------------------------------------------------------


def _validate_payment(amount_fen: int, method: str, purpose: str) -> None:
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be an int")
    if amount_fen <= 0:
        raise ValidationError("payment.amount_not_positive", amount=format_fen(amount_fen))
    if method not in PAYMENT_METHODS:
        raise ValidationError("payment.method_invalid", method=method)
    if purpose not in PURPOSES:
        raise ValidationError("payment.purpose_invalid", purpose=purpose)
    if purpose == "deposit" and method == "prepaid":
        # Paying the deposit from the deposit would move no money.
        raise ValidationError("payment.method_invalid", method=method)


def _outlet(session: Session, outlet_id: str) -> Outlet:
    outlet = session.get(Outlet, outlet_id)
    if outlet is None:
        raise NotFound("outlet.not_found", ref=outlet_id)
    return outlet


def _open_invoices(session: Session, outlet_id: str) -> list[Invoice]:
    return list(
        session.scalars(
            select(Invoice)
            .where(Invoice.outlet_id == outlet_id, Invoice.paid_fen < Invoice.total_fen)
            .order_by(Invoice.invoice_date, Invoice.number)
        )
    )


def allocation_payload(allocations: list[AllocationInfo]) -> list[dict]:
    return [
        {
            "invoice_id": a.invoice_id,
            "amount_fen": a.amount_fen,
            "payment_id": a.payment_id,
            "return_id": a.return_id,
        }
        for a in allocations
    ]


def _payment_payload(payment: Payment, allocations: list[AllocationInfo]) -> dict:
    return {
        "id": payment.id,
        "number": payment.number,
        "outlet_id": payment.outlet_id,
        "method": payment.method,
        "purpose": payment.purpose,
        "amount_fen": payment.amount_fen,
        "payment_date": payment.payment_date.isoformat(),
        "reference": payment.reference,
        "note": payment.note,
        "allocations": allocation_payload(allocations),
    }


def _payment_info(payment: Payment, allocations: tuple[AllocationInfo, ...]) -> PaymentInfo:
    return PaymentInfo(
        payment.id, payment.number, payment.outlet_id, payment.method, payment.purpose,
        payment.amount_fen, payment.allocated_fen,
        0 if payment.purpose == "deposit" else payment.amount_fen - payment.allocated_fen,
        payment.payment_date, allocations,
    )


def _invoice_info(i: Invoice) -> InvoiceInfo:
    return InvoiceInfo(
        i.id, i.number, i.order_id, i.outlet_id, i.invoice_date, i.due_date, i.total_fen,
        i.paid_fen,
    )


def _bucket(days: int) -> str:
    if days <= 30:
        return "days_0_30"
    if days <= 60:
        return "days_31_60"
    if days <= 90:
        return "days_61_90"
    return "days_over_90"


def _aging_report(as_of: dt.date, rows) -> AgingReport:
    per_outlet: dict[str, dict] = {}
    names: dict[str, str] = {}
    totals = dict.fromkeys(AGING_BUCKETS, 0)
    for outlet_id, name, invoice_date, open_fen in rows:
        bucket = _bucket((as_of - invoice_date).days)
        sums = per_outlet.setdefault(outlet_id, dict.fromkeys(AGING_BUCKETS, 0))
        sums[bucket] += int(open_fen)
        totals[bucket] += int(open_fen)
        names[outlet_id] = name
    result = [AgingRow(oid, names[oid], **sums) for oid, sums in per_outlet.items()]
    result.sort(key=lambda r: (-r.total_fen, r.outlet_name))
    return AgingReport(as_of, tuple(result), AgingRow(None, "", **totals))


def _movements(session: Session, outlet_id: str, date_from: dt.date, date_to: dt.date):
    invoices = session.execute(
        select(Invoice.invoice_date, Invoice.number, Invoice.total_fen).where(
            Invoice.outlet_id == outlet_id, Invoice.invoice_date.between(date_from, date_to)
        )
    ).all()
    payments = session.execute(
        select(Payment.payment_date, Payment.number, Payment.amount_fen).where(
            Payment.outlet_id == outlet_id,
            Payment.purpose == "settlement",
            Payment.payment_date.between(date_from, date_to),
        )
    ).all()
    returns = session.execute(
        select(SalesReturn.return_date, SalesReturn.number, SalesReturn.total_fen).where(
            SalesReturn.outlet_id == outlet_id,
            SalesReturn.return_date.between(date_from, date_to),
        )
    ).all()
    movements = [(d, "invoice", n, int(a), 0) for d, n, a in invoices]
    movements += [(d, "payment", n, 0, int(a)) for d, n, a in payments]
    movements += [(d, "return", n, 0, int(a)) for d, n, a in returns]
    # Within one day, what was billed comes before what settled it.
    order = {"invoice": 0, "return": 1, "payment": 2}
    movements.sort(key=lambda m: (m[0], order[m[1]], m[2]))
    return movements
