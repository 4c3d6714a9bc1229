"""Read-only look-ups the core services do not offer yet (each one is listed in the report
to move into its service): warehouses, counting and positioning in the order list, stocktakes,
and the outbox counts the status bar shows before the sync engine lands.

They run on the database thread like every other query, through the store's read sessions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select


@dataclass(frozen=True)
class WarehouseRow:
    id: str
    code: str
    name: str


@dataclass(frozen=True)
class OrderFilter:
    status: str | None = None
    outlet_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    number_like: str | None = None

    def as_kwargs(self) -> dict:
        return {"status": self.status, "outlet_id": self.outlet_id, "date_from": self.date_from,
                "date_to": self.date_to, "number_like": self.number_like or None}


@dataclass(frozen=True)
class StocktakeRow:
    id: str
    number: str
    warehouse_id: str
    status: str
    created_at: dt.datetime


def warehouses(store) -> list[WarehouseRow]:
    from app.db.models import Warehouse

    with store.ctx.read() as s:
        rows = s.execute(select(Warehouse.id, Warehouse.code, Warehouse.name)
                         .where(Warehouse.archived.is_(False)).order_by(Warehouse.code))
        return [WarehouseRow(*r) for r in rows]


def _order_query(columns, flt: OrderFilter):
    from app.db.models import SalesOrder
    from app.text import to_halfwidth

    query = select(*columns)
    if flt.status:
        query = query.where(SalesOrder.status == flt.status)
    if flt.outlet_id:
        query = query.where(SalesOrder.outlet_id == flt.outlet_id)
    if flt.date_from:
        query = query.where(SalesOrder.order_date >= flt.date_from)
    if flt.date_to:
        query = query.where(SalesOrder.order_date <= flt.date_to)
    if flt.number_like:
        query = query.where(SalesOrder.number.contains(to_halfwidth(flt.number_like).strip(),
                                                       autoescape=True))
    return query


def count_orders(store, flt: OrderFilter) -> int:
    """Rows of the order list (SalesService.count_orders is missing)."""
    from app.db.models import SalesOrder

    with store.ctx.read() as s:
        # count(*) reads the smallest covering index; count(id) would read every id.
        return int(s.scalar(_order_query([func.count()], flt).select_from(SalesOrder)))


def order_key_at(store, flt: OrderFilter, offset: int) -> tuple[dt.date, str] | None:
    """The (order_date, number) keyset position of row `offset` in list_orders' order, so a
    page far down the list is one index walk instead of all the pages before it."""
    from app.db.models import SalesOrder

    query = (_order_query([SalesOrder.order_date, SalesOrder.number], flt)
             .order_by(SalesOrder.order_date.desc(), SalesOrder.number.desc())
             .offset(offset).limit(1))
    with store.ctx.read() as s:
        row = s.execute(query).first()
    return (row[0], row[1]) if row else None


def stocktakes(store, *, limit: int = 50) -> list[StocktakeRow]:
    from app.db.models import Stocktake

    with store.ctx.read() as s:
        rows = s.execute(select(Stocktake.id, Stocktake.number, Stocktake.warehouse_id,
                                Stocktake.status, Stocktake.created_at)
                         .order_by(Stocktake.created_at.desc()).limit(limit))
        return [StocktakeRow(*r) for r in rows]


def outbox_counts(store) -> tuple[int, int, list[tuple[str, str, str, str, dt.datetime]]]:
    """(pending, parked, parked ops) straight from the outbox."""
    from app.db.models import OutboxOp

    with store.ctx.read() as s:
        counts = dict(s.execute(select(OutboxOp.state, func.count(OutboxOp.seq))
                                .group_by(OutboxOp.state)).all())
        parked = s.execute(select(OutboxOp.op_id, OutboxOp.op_type, OutboxOp.entity_id,
                                  OutboxOp.last_error, OutboxOp.device_time)
                           .where(OutboxOp.state == "parked").order_by(OutboxOp.seq)
                           .limit(200)).all()
    return int(counts.get("pending", 0)), int(counts.get("parked", 0)), [tuple(r) for r in parked]


__all__ = ["OrderFilter", "WarehouseRow", "count_orders", "order_key_at", "outbox_counts",
           "stocktakes", "warehouses"]
