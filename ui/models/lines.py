"""The lines of one sales order, editable in place (quantity and price) while a draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from app.errors import ChannelDeskError
from app.money import parse_yuan
from ui import fmt
from ui.models.base import ALIGN_RIGHT, Column, Index, ListTableModel

translate = QCoreApplication.translate
QTY_COLUMN, PRICE_COLUMN = 4, 5


def line_columns() -> list[Column]:
    return [
        Column(translate("OrderLines", "#"), lambda ln: ln.line_no, ALIGN_RIGHT, width=50),
        Column(translate("OrderLines", "SKU"), lambda ln: ln.sku),
        Column(translate("OrderLines", "Product"), lambda ln: ln.product_name, width=260),
        Column(translate("OrderLines", "Unit"), lambda ln: ln.unit_name),
        Column(translate("OrderLines", "Quantity"), lambda ln: ln.quantity, ALIGN_RIGHT),
        Column(translate("OrderLines", "Unit price"), lambda ln: fmt.money(ln.unit_price_fen),
               ALIGN_RIGHT),
        Column(translate("OrderLines", "Amount"), lambda ln: fmt.money(ln.amount_fen), ALIGN_RIGHT),
        Column(translate("OrderLines", "Below floor"),
               lambda ln: ln.below_floor_reason if ln.below_floor else ""),
    ]


class OrderLinesModel(ListTableModel):
    """Edits are handed to `on_edit(line, quantity=None, unit_price_fen=None)`; the service
    answers and the editor reloads, so the model never holds a value the database refused."""

    def __init__(self, on_edit: Callable[..., None], on_invalid: Callable[[Exception], None],
                 parent=None) -> None:
        super().__init__(line_columns(), parent=parent)
        self.on_edit, self.on_invalid = on_edit, on_invalid
        self.editable = False

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.isValid() and index.column() in (QTY_COLUMN, PRICE_COLUMN):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            line = self.row_at(index.row())
            if index.column() == QTY_COLUMN:
                return str(line.quantity)
            if index.column() == PRICE_COLUMN:
                return fmt.money(line.unit_price_fen).replace(",", "")
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not self.editable or not index.isValid():
            return False
        line = self.row_at(index.row())
        try:
            if index.column() == QTY_COLUMN:
                self.on_edit(line, quantity=int(fmt.halfwidth(str(value)).strip()))
            elif index.column() == PRICE_COLUMN:
                self.on_edit(line, unit_price_fen=parse_yuan(str(value), field="unit_price"))
            else:
                return False
        except (ValueError, ChannelDeskError) as error:
            self.on_invalid(error)
            return False
        return True
