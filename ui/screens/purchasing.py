"""订货: purchase orders to the brand: draft, submit, follow HQ's status, receive the goods."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Changes
from ui import fmt
from ui.errors import show_exception
from ui.models.base import ALIGN_RIGHT, Column, LazyTableModel, ListTableModel
from ui.operations import purchasing as ops
from ui.operations.sales import search_products
from ui.operations.stock import load_product_stock, load_warehouses
from ui.screens.base import Screen, error_label, heading, make_table
from ui.widgets.search_field import SearchField

translate = QCoreApplication.translate
# Buttons that take a lifecycle action, by the action's name in the order's `actions`.
LIFECYCLE_BUTTONS = {"add": "edit", "submit": "submit", "cancel": "cancel", "receive": "receive"}


class PurchaseSource:
    def __init__(self, store) -> None:
        self.store = store

    def count(self) -> None:
        return None

    def fetch(self, offset: int, limit: int, after: Any | None) -> Sequence[Any]:
        return self.store.purchasing.list_orders(limit=limit, offset=offset)


def po_columns() -> list[Column]:
    return [
        Column(translate("Purchasing", "Number"), lambda p: p.number, width=190),
        Column(translate("Purchasing", "Date"), lambda p: fmt.date(p.order_date)),
        Column(translate("Purchasing", "Status"), lambda p: fmt.name_of(p.status)),
        Column(translate("Purchasing", "Total"), lambda p: fmt.money(p.total_fen), ALIGN_RIGHT),
        Column(translate("Purchasing", "HQ note"), lambda p: p.hq_reason),
    ]


def po_line_columns() -> list[Column]:
    return [
        Column(translate("Purchasing", "SKU"), lambda ln: ln.sku),
        Column(translate("Purchasing", "Product"), lambda ln: ln.product_name, width=220),
        Column(translate("Purchasing", "Unit"), lambda ln: ln.unit_name),
        Column(translate("Purchasing", "Quantity"), lambda ln: ln.quantity, ALIGN_RIGHT),
        Column(translate("Purchasing", "Amount"), lambda ln: fmt.money(ln.amount_fen), ALIGN_RIGHT),
        Column(translate("Purchasing", "Received"), lambda ln: ln.received_base_qty, ALIGN_RIGHT),
    ]


class PurchasingScreen(Screen):
    def shows(self, changes: Changes) -> bool:
        return bool(changes.purchase_orders or changes.from_hq)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.po = None
        self._hit = None
        self.model = LazyTableModel(ctx.runner, po_columns(), None, page_size=50, parent=self)
        self.table = make_table(self, self.model, "purchaseList")
        self.table.activated.connect(self._open_row)
        self.table.clicked.connect(self._open_row)
        self.warehouse = QComboBox(self)
        new = QPushButton(self.tr("New purchase order"), self)
        new.setObjectName("newPurchase")
        new.clicked.connect(self.new_draft)
        self.title = heading(self.tr("No purchase order selected"), self)
        self.line_model = ListTableModel(po_line_columns(), parent=self)
        self.lines = make_table(self, self.line_model, "purchaseLines")
        self.product = SearchField(lambda text, done: search_products(ctx, text=text, on_done=done),
                                   lambda h: f"{h.sku}  {h.name}", parent=self)
        self.product.setObjectName("purchaseProduct")
        self.product.setPlaceholderText(self.tr("Product to order"))
        self.product.picked.connect(self._product_picked)
        self.unit = QComboBox(self)
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, 99_999)
        self.quantity.lineEdit().returnPressed.connect(self.add_line)
        self.lot = QLineEdit(self)
        self.lot.setPlaceholderText(self.tr("Lot number of the goods received"))
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, slot in (("add", self.tr("Add line"), self.add_line),
                                ("submit", self.tr("Submit to HQ"), self.submit),
                                ("cancel", self.tr("Cancel order"), self.cancel),
                                ("receive", self.tr("Receive all open"), self.receive),
                                ("print", self.tr("Print purchase order"), self.print_order)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        self.buttons["print"].setObjectName("printPurchaseOrder")
        self.error = error_label(self, "purchaseError")
        entry = QHBoxLayout()
        for widget in (self.product, self.unit, self.quantity, self.lot):
            entry.addWidget(widget)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Warehouse"), left))
        top.addWidget(self.warehouse)
        top.addWidget(new)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addLayout(entry)
        right_layout.addWidget(self.product.results)
        right_layout.addWidget(self.lines, 1)
        right_layout.addWidget(self.error)
        right_layout.addLayout(row)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        QVBoxLayout(self).addWidget(split)
        load_warehouses(ctx, on_done=self._fill_warehouses)
        self._show(None)

    def _fill_warehouses(self, warehouses) -> None:
        for wh in warehouses:
            self.warehouse.addItem(f"{wh.code} {wh.name}", wh.id)

    def reload(self) -> None:
        self.model.set_source(PurchaseSource(self.ctx.store))
        if self.po is not None:
            self.open_item(self.po.id)

    def _open_row(self, index) -> None:
        po_id = self.model.key_at(index.row())
        if po_id:
            self.open_item(po_id)

    def open_item(self, item) -> None:
        ops.load_order(self.ctx, po_id=item, on_done=self._show, on_error=self._error)

    def _show(self, po) -> None:
        self.po = po
        self.error.hide()
        if po is not None:
            self.title.setText(self.tr("{number}  {status}  total {total}").format(
                number=po.number, status=fmt.name_of(po.status), total=fmt.money(po.total_fen)))
        self.line_model.set_rows(po.lines if po else [])
        allowed = po.actions if po else ()
        for key, action in LIFECYCLE_BUTTONS.items():
            self.buttons[key].setEnabled(action in allowed)
        self.buttons["print"].setEnabled(po is not None)

    def new_draft(self) -> None:
        ops.create_draft(self.ctx, warehouse_id=self.warehouse.currentData(), on_done=self._show,
                         on_error=self._error)

    def _product_picked(self, hit) -> None:
        self._hit = hit
        load_product_stock(self.ctx, product_id=hit.product_id, on_done=self._units)

    def _units(self, stock) -> None:
        self.unit.clear()
        for unit in stock.product.units:
            self.unit.addItem(f"{unit.name} ×{unit.factor}", unit.id)
        self.unit.setCurrentIndex(self.unit.count() - 1)
        self.quantity.setFocus()
        self.quantity.selectAll()

    def add_line(self) -> None:
        if self.po is None or self._hit is None:
            return
        ops.add_draft_line(self.ctx, po=self.po, product_id=self._hit.product_id,
                           unit_id=self.unit.currentData(), quantity=self.quantity.value(),
                           on_done=self._line_added, on_error=self._error)

    def _line_added(self, po) -> None:
        self._hit = None
        self.product.reset()
        self.product.setFocus()
        self._show(po)

    def submit(self) -> None:
        if self.po is not None:
            ops.submit(self.ctx, po_id=self.po.id, on_done=self._show, on_error=self._error)

    def cancel(self) -> None:
        if self.po is not None:
            ops.cancel(self.ctx, po_id=self.po.id, on_done=self._show, on_error=self._error)

    def receive(self) -> None:
        if self.po is not None:
            ops.receive_open(self.ctx, po=self.po, lot_no=self.lot.text().strip(),
                             on_done=lambda _r: self.open_item(self.po.id), on_error=self._error)

    def print_order(self) -> None:
        """Preview of the open purchase order; 打印 there prints and logs it."""
        if self.po is None:
            return
        from ui.printing.flow import open_preview
        from ui.printing.operations import DocumentRef

        self.preview_dialog = open_preview(self.ctx, self,
                                           ref=DocumentRef("purchase_order", self.po.number))

    def _error(self, error: BaseException) -> None:
        show_exception(error, self, inline=self.error)
