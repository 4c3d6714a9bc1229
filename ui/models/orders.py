"""The order list: 200,000 orders open as fast as 20 (windowed pages over the service's
keyset-paginated list_orders)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui import fmt
from ui.lookups import OrderFilter, count_orders, order_key_at
from ui.models.base import ALIGN_RIGHT, Column, LazyTableModel

translate = QCoreApplication.translate


class OrderListSource:
    def __init__(self, store, flt: OrderFilter) -> None:
        self.store, self.flt = store, flt

    def count(self) -> int:
        return count_orders(self.store, self.flt)

    def fetch(self, offset: int, limit: int, after: Any | None) -> Sequence[Any]:
        if offset == 0:
            key = None
        elif after is not None:
            key = after.key  # the row before this page is loaded: continue the keyset walk
        else:
            key = order_key_at(self.store, self.flt, offset - 1)
            if key is None:
                return []
        return self.store.sales.list_orders(**self.flt.as_kwargs(), after_key=key, limit=limit)


def order_columns() -> list[Column]:
    return [
        Column(translate("OrderList", "Number"), lambda o: o.number, width=190),
        Column(translate("OrderList", "Date"), lambda o: fmt.date(o.order_date)),
        Column(translate("OrderList", "Outlet"), lambda o: o.outlet_name, width=220),
        Column(translate("OrderList", "Status"), lambda o: fmt.name_of(o.status)),
        Column(translate("OrderList", "Total"), lambda o: fmt.money(o.total_fen), ALIGN_RIGHT),
    ]


class OrderListModel(LazyTableModel):
    def __init__(self, runner, store, parent=None) -> None:
        super().__init__(runner, order_columns(), None, page_size=100, max_pages=20,
                         parent=parent)
        self.store = store
        self.filter = OrderFilter()

    def set_filter(self, flt: OrderFilter) -> None:
        self.filter = flt
        self.set_source(OrderListSource(self.store, flt))
