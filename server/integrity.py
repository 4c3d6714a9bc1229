"""HQ's side of the convergence check (sync-anchors §8.11): counts and digests of what a
distributor's PCs must hold, computed in the caller's read transaction so that they describe
exactly the state up to the page's next_cursor. The serialisation lives in
app.sync.checksums, shared with the PC."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.sync import checksums
from server.models import Document, Outlet, SalesOrder, StockMove


def for_distributor(session: Session, distributor_id: str) -> dict:
    return {
        "version": checksums.VERSION,
        "stock": _stock(session, distributor_id),
        "outlets": checksums.outlets(session.execute(
            select(Outlet.id, Outlet.name, Outlet.phone, Outlet.address, Outlet.contact, Outlet.archived)
            .where(Outlet.distributor_id == distributor_id)).all()),
        "sales_orders": checksums.sales_orders(session.execute(
            select(SalesOrder.id, SalesOrder.status, SalesOrder.total_fen)
            .where(SalesOrder.distributor_id == distributor_id, SalesOrder.status != "draft")).all()),
        "payments": checksums.payments(
            (doc_id, _fen(data.get("amount_fen") if isinstance(data, dict) else None))
            for doc_id, data in session.execute(
                select(Document.id, Document.data)
                .where(Document.distributor_id == distributor_id, Document.entity == "payment"))),
    }


def _stock(session: Session, distributor_id: str) -> dict:
    mine = StockMove.distributor_id == distributor_id
    count = session.scalar(select(func.count()).select_from(StockMove).where(mine))
    sums = session.execute(
        select(StockMove.product_id, StockMove.warehouse_id, StockMove.batch_id, func.sum(StockMove.quantity))
        .where(mine).group_by(StockMove.product_id, StockMove.warehouse_id, StockMove.batch_id)).all()
    return checksums.stock(count, sums)


def _fen(value):
    """A payment's amount as the PC stores it (int(...) of the pushed value). The document is
    kept as pushed, so a malformed amount must not make the whole answer fail."""
    try:
        return int(value) if not isinstance(value, bool) and float(value).is_integer() else str(value)
    except (TypeError, ValueError, OverflowError):
        return str(value)
