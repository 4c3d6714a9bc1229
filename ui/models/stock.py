"""Stock tables: balances of a product, its ledger (keyset pages), a stocktake's lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from ui import fmt
from ui.models.base import ALIGN_RIGHT, Column, Index, LazyTableModel, ListTableModel

translate = QCoreApplication.translate
COUNT_COLUMN = 4


def balance_columns() -> list[Column]:
    return [
        Column(translate("Stock", "Warehouse"), lambda b: b.warehouse_code),
        Column(translate("Stock", "Batch"), lambda b: b.lot_no or "—"),
        Column(translate("Stock", "Produced"), lambda b: fmt.date(b.production_date)),
        Column(translate("Stock", "Expires"), lambda b: fmt.date(b.expiry_date)),
        Column(translate("Stock", "On hand"), lambda b: b.quantity, ALIGN_RIGHT),
    ]


def ledger_columns() -> list[Column]:
    return [
        Column(translate("Stock", "Time"), lambda e: fmt.local_time(e.created_at), width=150),
        Column(translate("Stock", "Kind"), lambda e: fmt.name_of(e.kind)),
        Column(translate("Stock", "Batch"), lambda e: e.lot_no or ""),
        Column(translate("Stock", "Quantity"), lambda e: e.quantity, ALIGN_RIGHT),
        Column(translate("Stock", "Balance"), lambda e: e.balance, ALIGN_RIGHT),
        Column(translate("Stock", "Reason"), lambda e: e.reason),
    ]


class LedgerSource:
    def __init__(self, store, product_id: str) -> None:
        self.store, self.product_id = store, product_id

    def count(self) -> None:
        return None

    def fetch(self, offset: int, limit: int, after: Any | None) -> Sequence[Any]:
        return self.store.stock.ledger(self.product_id, limit=limit,
                                       before=after.id if after is not None else None)


class LedgerModel(LazyTableModel):
    def __init__(self, runner, store, parent=None) -> None:
        super().__init__(runner, ledger_columns(), None, page_size=50, parent=parent)
        self.store = store

    def show_product(self, product_id: str) -> None:
        self.set_source(LedgerSource(self.store, product_id))


def stocktake_columns() -> list[Column]:
    return [
        Column(translate("Stock", "SKU"), lambda ln: ln.sku),
        Column(translate("Stock", "Batch"), lambda ln: ln.lot_no or "—"),
        Column(translate("Stock", "Expected"), lambda ln: ln.expected_qty, ALIGN_RIGHT),
        Column(translate("Stock", "Book at count"), lambda ln: ln.book_qty_at_count, ALIGN_RIGHT),
        Column(translate("Stock", "Counted"), lambda ln: ln.counted_qty, ALIGN_RIGHT),
        Column(translate("Stock", "Difference"), lambda ln: ln.difference, ALIGN_RIGHT),
    ]


class StocktakeLinesModel(ListTableModel):
    """The counted column is typed in place; each count goes to the service at once."""

    def __init__(self, on_count: Callable[[Any, int], None], parent=None) -> None:
        super().__init__(stocktake_columns(), parent=parent)
        self.on_count = on_count
        self.editable = False

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.isValid() and index.column() == COUNT_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not self.editable or index.column() != COUNT_COLUMN:
            return False
        try:
            counted = int(fmt.halfwidth(str(value)).strip())
        except ValueError:
            return False
        self.on_count(self.row_at(index.row()), counted)
        return True
