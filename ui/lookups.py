"""Thin look-ups the screens share, each a call into a core service (no SQL in ui/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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


def warehouses(store):
    """Active warehouses (id, code, name) in code order."""
    return store.company.warehouses()


def count_orders(store, flt: OrderFilter) -> int:
    return store.sales.count_orders(**flt.as_kwargs())


def order_key_at(store, flt: OrderFilter, offset: int) -> tuple[dt.date, str] | None:
    """The keyset position of row `offset` in list_orders' order."""
    return store.sales.order_key_at(offset, **flt.as_kwargs())


def stocktakes(store, *, limit: int = 50):
    return store.stock.stocktakes(limit=limit)


__all__ = ["OrderFilter", "count_orders", "order_key_at", "stocktakes", "warehouses"]
