"""The allocation rule converges: every PC that holds the same invoices, payments and returns
holds the same allocations, whatever order the documents arrived in (its own first, the other
PCs' later through HQ's feed, in pages)."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.db.models import (
    Invoice,
    Outlet,
    Payment,
    PaymentAllocation,
    SalesOrder,
    SalesReturn,
    Warehouse,
)
from app.ids import new_id
from app.services.allocation import reallocate_outlet

DAY0 = dt.date(2026, 10, 1)
_serial = itertools.count(1)

documents = st.lists(
    st.tuples(
        st.sampled_from(["invoice", "payment", "return"]),
        st.integers(min_value=0, max_value=20),  # day offset
        st.integers(min_value=1, max_value=50_000),  # fen
        st.integers(min_value=0, max_value=7),  # which order a return or invoice belongs to
    ),
    min_size=1, max_size=12,
)


def _setup(session) -> tuple[str, list[str]]:
    n = next(_serial)
    outlet = Outlet(code=f"AL{n}", name=f"分配测试{n}")
    session.add(outlet)
    warehouse_id = session.scalar(select(Warehouse.id).limit(1))
    orders = []
    for k in range(8):
        order = SalesOrder(number=f"SO-AL{n}-{k}", outlet_id=outlet.id, warehouse_id=warehouse_id,
                           status="invoiced", order_date=DAY0, total_fen=0)
        session.add(order)
        orders.append(order)
    session.flush()
    return outlet.id, [o.id for o in orders]


def _rows(spec, outlet_id: str, order_ids: list[str], warehouse_id: str) -> list:
    """The documents as rows with ids made in spec order (ids sort by creation time)."""
    rows, invoiced = [], set()
    for n, (kind, offset, fen, which) in enumerate(spec):
        day, number = DAY0 + dt.timedelta(days=offset), f"{kind[:3].upper()}-{outlet_id[-6:]}-{n:03d}"
        if kind == "invoice" and which not in invoiced:
            invoiced.add(which)
            rows.append(Invoice(id=new_id(), number=number, order_id=order_ids[which],
                                outlet_id=outlet_id, invoice_date=day, due_date=day, total_fen=fen))
        elif kind == "payment":
            rows.append(Payment(id=new_id(), number=number, outlet_id=outlet_id, method="cash",
                                amount_fen=fen, payment_date=day))
        elif kind == "return":
            rows.append(SalesReturn(id=new_id(), number=number, order_id=order_ids[which],
                                    outlet_id=outlet_id, warehouse_id=warehouse_id,
                                    return_date=day, total_fen=fen))
    return rows


def _state(session, outlet_id: str):
    allocations = sorted(
        (a.invoice_id, a.payment_id or "", a.return_id or "", a.amount_fen)
        for a in session.scalars(select(PaymentAllocation).join(Invoice).where(Invoice.outlet_id == outlet_id))
    )
    paid = dict(session.execute(select(Invoice.id, Invoice.paid_fen).where(Invoice.outlet_id == outlet_id)).all())
    return allocations, paid


def _copy(row):
    cls = type(row)
    return cls(**{c.key: getattr(row, c.key) for c in cls.__table__.columns if getattr(row, c.key) is not None})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=documents, order=st.randoms(use_true_random=False))
def test_same_documents_in_any_arrival_order_give_the_same_allocations(store, spec, order):
    with store.ctx.write() as uow:
        s = uow.session
        outlet_a, orders_a = _setup(s)
        rows = _rows(spec, outlet_a, orders_a, s.scalar(select(Warehouse.id).limit(1)))
        for row in rows:  # PC A: its own documents, one write each
            s.add(row)
            reallocate_outlet(s, outlet_a)
        expected = _state(s, outlet_a)

        outlet_b, orders_b = _setup(s)  # PC B: the same documents, shuffled, in two pages
        remap = {outlet_a: outlet_b, **dict(zip(orders_a, orders_b, strict=True))}
        copies = []
        for row in rows:
            copy = _copy(row)
            copy.id = row.id + "b"  # same creation order as on PC A
            for attr in ("outlet_id", "order_id"):
                if hasattr(copy, attr):
                    setattr(copy, attr, remap[getattr(copy, attr)])
            copy.number = row.number + "b"
            for attr in ("paid_fen", "applied_fen", "allocated_fen"):
                if hasattr(copy, attr):
                    setattr(copy, attr, 0)
            copies.append(copy)
        order.shuffle(copies)
        half = len(copies) // 2
        for page in (copies[:half], copies[half:]):
            s.add_all(page)
            reallocate_outlet(s, outlet_b)
        got = _state(s, outlet_b)

    rename = {f"{row.id}b": row.id for row in rows}
    got_allocations = sorted(
        (rename[i], rename.get(p, p), rename.get(r, r), fen) for i, p, r, fen in got[0]
    )
    assert got_allocations == expected[0]
    assert {rename[k]: v for k, v in got[1].items()} == expected[1]


def test_an_older_invoice_arriving_late_is_paid_first(store):
    """PC B recorded a payment that paid its newest invoice; an older invoice made on PC A
    arrives afterwards: the payment moves to the older invoice, as on PC A."""
    with store.ctx.write() as uow:
        s = uow.session
        outlet, orders = _setup(s)
        new = Invoice(number="INV-D02-1", order_id=orders[0], outlet_id=outlet,
                      invoice_date=DAY0 + dt.timedelta(days=5), due_date=DAY0, total_fen=3000)
        pay = Payment(number="PAY-D02-1", outlet_id=outlet, method="cash", amount_fen=3000,
                      payment_date=DAY0 + dt.timedelta(days=6))
        s.add_all([new, pay])
        reallocate_outlet(s, outlet)
        assert new.paid_fen == 3000
        old = Invoice(number="INV-D01-1", order_id=orders[1], outlet_id=outlet,
                      invoice_date=DAY0, due_date=DAY0, total_fen=2000)
        s.add(old)
        changed = reallocate_outlet(s, outlet)
        assert (old.paid_fen, new.paid_fen, pay.allocated_fen) == (2000, 1000, 3000)
        assert {(a.invoice_number, a.amount_fen) for a in changed} == {("INV-D01-1", 2000), ("INV-D02-1", 1000)}
        rows = s.scalars(select(PaymentAllocation).where(PaymentAllocation.payment_id == pay.id)).all()
        assert sorted(a.amount_fen for a in rows) == [1000, 2000]
