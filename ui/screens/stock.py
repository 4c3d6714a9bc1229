"""商品/库存: a product's stock by warehouse and batch, its ledger, goods receipt, adjustment,
transfer and stocktake sessions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Changes
from app.services.stock import ReceiptLineIn
from ui import fmt
from ui.errors import show_exception
from ui.models.base import ALIGN_RIGHT, Column, ListTableModel
from ui.models.stock import LedgerModel, StocktakeLinesModel, balance_columns
from ui.operations import stock as ops
from ui.operations.sales import search_products
from ui.screens.base import Screen, error_label, heading, make_table
from ui.widgets.search_field import SearchField

translate = QCoreApplication.translate


def _product_field(ctx, parent, name: str) -> SearchField:
    field = SearchField(lambda text, done: search_products(ctx, text=text, on_done=done),
                        lambda h: f"{h.sku}  {h.name}", scanner=False, parent=parent)
    field.setObjectName(name)
    field.setPlaceholderText(translate("StockScreen", "Pinyin initials, name, SKU or barcode"))
    return field


def receipt_columns() -> list[Column]:
    return [
        Column(translate("StockScreen", "Product"), lambda r: r["label"]),
        Column(translate("StockScreen", "Unit"), lambda r: r["unit"]),
        Column(translate("StockScreen", "Quantity"), lambda r: r["line"].quantity, ALIGN_RIGHT),
        Column(translate("StockScreen", "Batch"), lambda r: r["line"].lot_no),
        Column(translate("StockScreen", "Expires"), lambda r: fmt.date(r["line"].expiry_date)),
    ]


class StockScreen(Screen):
    def shows(self, changes: Changes) -> bool:
        return bool(changes.stock or changes.stocktakes or changes.from_hq)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.warehouses = []
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._lookup_tab(), self.tr("Stock"))
        self.tabs.addTab(self._receipt_tab(), self.tr("Goods receipt"))
        self.tabs.addTab(self._correction_tab(), self.tr("Adjust / transfer"))
        self.tabs.addTab(self._stocktake_tab(), self.tr("Stocktake"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        ops.load_warehouses(ctx, on_done=self._fill_warehouses)
        ops.load_allowed_actions(ctx, on_done=self._allow)

    def _allow(self, actions: tuple[str, ...]) -> None:
        """Enable what the stock service says this user may do; until it answers, nothing."""
        for action, button in self.guarded.items():
            button.setEnabled(action in actions)
        self.correction_note.setVisible("stock.adjust" not in actions)

    # -- stock lookup ---------------------------------------------------------------------------
    def _lookup_tab(self) -> QWidget:
        tab = QWidget(self)
        self.lookup = _product_field(self.ctx, tab, "stockProduct")
        self.lookup.picked.connect(lambda hit: self.open_item(hit.product_id))
        self.product_label = heading("", tab)
        self.balance_model = ListTableModel(balance_columns(), parent=self)
        self.balances = make_table(tab, self.balance_model, "balanceTable")
        self.ledger_model = LedgerModel(self.ctx.runner, self.ctx.store, self)
        self.ledger = make_table(tab, self.ledger_model, "ledgerTable")
        layout = QVBoxLayout(tab)
        layout.addWidget(self.lookup)
        layout.addWidget(self.lookup.results)
        layout.addWidget(self.product_label)
        layout.addWidget(self.balances, 1)
        layout.addWidget(QLabel(self.tr("Ledger (newest first)"), tab))
        layout.addWidget(self.ledger, 2)
        return tab

    def open_item(self, item) -> None:
        self.product_id = item
        self.tabs.setCurrentIndex(0)
        ops.load_product_stock(self.ctx, product_id=item, on_done=self._show_stock,
                               on_error=lambda e: show_exception(e, self))
        self.ledger_model.show_product(item)

    def _show_stock(self, stock) -> None:
        total = sum(b.quantity for b in stock.balances)
        self.product_label.setText(self.tr("{sku} {name}: {total} {unit} on hand").format(
            sku=stock.product.sku, name=stock.product.name, total=total,
            unit=stock.product.base_unit))
        self.balance_model.set_rows(stock.balances)

    def reload(self) -> None:
        if getattr(self, "product_id", None):
            self.open_item(self.product_id)
        ops.load_stocktakes(self.ctx, on_done=self._show_stocktakes)

    def _fill_warehouses(self, warehouses) -> None:
        self.warehouses = warehouses
        for box in (self.receipt_wh, self.adjust_wh, self.transfer_to, self.count_wh):
            box.clear()
            for wh in warehouses:
                box.addItem(f"{wh.code} {wh.name}", wh.id)

    # -- goods receipt ----------------------------------------------------------------------------
    def _receipt_tab(self) -> QWidget:
        tab = QWidget(self)
        self.receipt_product = _product_field(self.ctx, tab, "receiptProduct")
        self.receipt_product.picked.connect(self._receipt_product_picked)
        self.receipt_unit = QComboBox(tab)
        self.receipt_unit.setObjectName("receiptUnit")
        self.receipt_qty = QSpinBox(tab)
        self.receipt_qty.setObjectName("receiptQuantity")
        self.receipt_qty.setRange(1, 999_999)
        self.receipt_lot = QLineEdit(tab)
        self.receipt_lot.setObjectName("receiptLot")
        self.receipt_has_expiry = QCheckBox(self.tr("Has expiry date"), tab)
        self.receipt_expiry = QDateEdit(QDate.currentDate().addYears(1), tab)
        self.receipt_expiry.setDisplayFormat("yyyy-MM-dd")
        self.receipt_wh = QComboBox(tab)
        add = QPushButton(self.tr("Add line"), tab)
        add.setObjectName("addReceiptLine")
        add.clicked.connect(self.add_receipt_line)
        self.receipt_lot.returnPressed.connect(self.add_receipt_line)
        self.receipt_model = ListTableModel(receipt_columns(), parent=self)
        self.receipt_table = make_table(tab, self.receipt_model, "receiptLines")
        post = QPushButton(self.tr("Post receipt"), tab)
        post.setObjectName("postReceipt")
        post.clicked.connect(self.post_receipt)
        self.receipt_error = error_label(tab, "receiptError")
        self.receipt_message = QLabel(tab)
        self.receipt_message.setObjectName("receiptMessage")
        form = QFormLayout()
        form.addRow(self.tr("Warehouse"), self.receipt_wh)
        form.addRow(self.tr("Product"), self.receipt_product)
        form.addRow("", self.receipt_product.results)
        form.addRow(self.tr("Unit"), self.receipt_unit)
        form.addRow(self.tr("Quantity"), self.receipt_qty)
        form.addRow(self.tr("Batch / lot number"), self.receipt_lot)
        expiry = QHBoxLayout()
        expiry.addWidget(self.receipt_has_expiry)
        expiry.addWidget(self.receipt_expiry)
        form.addRow(self.tr("Expiry"), expiry)
        form.addRow("", add)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self.receipt_table, 1)
        layout.addWidget(self.receipt_error)
        layout.addWidget(self.receipt_message)
        layout.addWidget(post)
        self._receipt_hit = None
        return tab

    def _receipt_product_picked(self, hit) -> None:
        self._receipt_hit = hit
        ops.load_product_stock(self.ctx, product_id=hit.product_id, on_done=self._receipt_units)

    def _receipt_units(self, stock) -> None:
        self.receipt_unit.clear()
        for unit in stock.product.units:
            self.receipt_unit.addItem(f"{unit.name} ×{unit.factor}", unit.id)
        self.receipt_unit.setCurrentIndex(self.receipt_unit.count() - 1)  # goods come in packs
        self.receipt_qty.setFocus()
        self.receipt_qty.selectAll()

    def add_receipt_line(self) -> None:
        if self._receipt_hit is None:
            self.receipt_product.setFocus()
            return
        expiry = _to_date(self.receipt_expiry.date()) if self.receipt_has_expiry.isChecked() else None
        line = ReceiptLineIn(self._receipt_hit.product_id, self.receipt_unit.currentData(),
                             self.receipt_qty.value(), lot_no=self.receipt_lot.text().strip(),
                             expiry_date=expiry)
        rows = self.receipt_model.rows()
        rows.append({"label": f"{self._receipt_hit.sku} {self._receipt_hit.name}",
                     "unit": self.receipt_unit.currentText(), "line": line})
        self.receipt_model.set_rows(rows)
        self._receipt_hit = None
        self.receipt_product.reset()
        self.receipt_lot.clear()
        self.receipt_product.setFocus()

    def post_receipt(self) -> None:
        lines = [row["line"] for row in self.receipt_model.rows()]
        self.receipt_error.hide()
        ops.receive_goods(self.ctx, warehouse_id=self.receipt_wh.currentData(), lines=lines,
                          on_done=self._received,
                          on_error=lambda e: show_exception(e, self, inline=self.receipt_error))

    def _received(self, receipt) -> None:
        self.receipt_model.set_rows([])
        self.receipt_message.setText(self.tr("Receipt {number} posted").format(number=receipt.number))

    # -- adjustment and transfer ------------------------------------------------------------------
    def _correction_tab(self) -> QWidget:
        tab = QWidget(self)
        self.adjust_product = _product_field(self.ctx, tab, "adjustProduct")
        self.adjust_product.picked.connect(lambda hit: setattr(self, "_adjust_hit", hit))
        self._adjust_hit = None
        self.adjust_wh = QComboBox(tab)
        self.adjust_qty = QSpinBox(tab)
        self.adjust_qty.setObjectName("adjustQuantity")
        self.adjust_qty.setRange(-999_999, 999_999)
        self.adjust_reason = QLineEdit(tab)
        self.adjust_reason.setObjectName("adjustReason")
        self.transfer_to = QComboBox(tab)
        adjust = QPushButton(self.tr("Post adjustment"), tab)
        adjust.setObjectName("postAdjustment")
        adjust.clicked.connect(self.adjust)
        transfer = QPushButton(self.tr("Transfer to warehouse"), tab)
        transfer.clicked.connect(self.transfer)
        self.correction_error = error_label(tab, "correctionError")
        self.correction_message = QLabel(tab)
        self.correction_note = QLabel(self.tr("Only the warehouse keeper or a manager may adjust "
                                              "or transfer stock."), tab)
        self.correction_note.hide()
        self.guarded = {"stock.adjust": adjust, "stock.transfer": transfer}
        for button in self.guarded.values():
            button.setEnabled(False)
        form = QFormLayout(tab)
        form.addRow(self.correction_note)
        form.addRow(self.tr("Product"), self.adjust_product)
        form.addRow("", self.adjust_product.results)
        form.addRow(self.tr("Warehouse"), self.adjust_wh)
        form.addRow(self.tr("Quantity (base units, − to remove)"), self.adjust_qty)
        form.addRow(self.tr("Reason"), self.adjust_reason)
        form.addRow("", adjust)
        form.addRow(self.tr("Transfer to"), self.transfer_to)
        form.addRow("", transfer)
        form.addRow("", self.correction_error)
        form.addRow("", self.correction_message)
        return tab

    def _correction_done(self, _result) -> None:
        self.correction_error.hide()
        self.correction_message.setText(self.tr("Stock updated"))

    def adjust(self) -> None:
        if self._adjust_hit is None:
            return
        ops.adjust_stock(self.ctx, product_id=self._adjust_hit.product_id,
                         warehouse_id=self.adjust_wh.currentData(),
                         quantity_delta=self.adjust_qty.value(), reason=self.adjust_reason.text(),
                         on_done=self._correction_done,
                         on_error=lambda e: show_exception(e, self, inline=self.correction_error))

    def transfer(self) -> None:
        if self._adjust_hit is None:
            return
        ops.transfer_stock(self.ctx, product_id=self._adjust_hit.product_id,
                           from_wh=self.adjust_wh.currentData(),
                           to_wh=self.transfer_to.currentData(),
                           quantity=abs(self.adjust_qty.value()), reason=self.adjust_reason.text(),
                           on_done=self._correction_done,
                           on_error=lambda e: show_exception(e, self, inline=self.correction_error))

    # -- stocktake ------------------------------------------------------------------------------------
    def _stocktake_tab(self) -> QWidget:
        tab = QWidget(self)
        self.stocktake = None
        self.count_wh = QComboBox(tab)
        start = QPushButton(self.tr("Start stocktake"), tab)
        start.setObjectName("startStocktake")
        start.clicked.connect(self.start_stocktake)
        self.open_counts = QComboBox(tab)
        self.open_counts.setObjectName("openStocktakes")
        self.open_counts.activated.connect(
            lambda _i: self.open_stocktake(self.open_counts.currentData()))
        self.count_model = StocktakeLinesModel(self._count_entered, self)
        self.count_table = make_table(tab, self.count_model, "stocktakeLines")
        self.count_table.setEditTriggers(self.count_table.EditTrigger.AnyKeyPressed
                                         | self.count_table.EditTrigger.EditKeyPressed
                                         | self.count_table.EditTrigger.DoubleClicked)
        self.count_title = heading("", tab)
        post = QPushButton(self.tr("Post stocktake"), tab)
        post.setObjectName("postStocktake")
        post.clicked.connect(self.post_stocktake)
        post.setEnabled(False)
        self.guarded["stocktake.post"] = post
        self.count_error = error_label(tab, "stocktakeError")
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("Warehouse"), tab), self.count_wh, start,
                       QLabel(self.tr("Open or recent"), tab), self.open_counts):
            top.addWidget(widget)
        top.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.count_title)
        layout.addWidget(self.count_table, 1)
        layout.addWidget(self.count_error)
        layout.addWidget(post)
        return tab

    def _show_stocktakes(self, rows) -> None:
        self.open_counts.clear()
        for row in rows:
            self.open_counts.addItem(f"{row.number} {fmt.name_of(row.status)}", row.id)

    def start_stocktake(self) -> None:
        ops.start_stocktake(self.ctx, warehouse_id=self.count_wh.currentData(),
                            on_done=self._show_stocktake, on_error=self._count_failed)

    def open_stocktake(self, stocktake_id: str | None) -> None:
        if stocktake_id:
            ops.load_stocktake(self.ctx, stocktake_id=stocktake_id, on_done=self._show_stocktake,
                               on_error=self._count_failed)

    def _show_stocktake(self, info) -> None:
        self.stocktake = info
        self.count_error.hide()
        self.count_title.setText(f"{info.number}  {fmt.name_of(info.status)}")
        self.count_model.editable = info.status == "open"
        self.count_model.set_rows(info.lines)

    def _count_entered(self, line, counted: int) -> None:
        ops.record_count(self.ctx, stocktake_id=self.stocktake.id, product_id=line.product_id,
                         batch_id=line.batch_id, counted=counted, on_done=self._show_stocktake,
                         on_error=self._count_failed)

    def post_stocktake(self) -> None:
        if self.stocktake is not None:
            ops.post_stocktake(self.ctx, stocktake_id=self.stocktake.id,
                               on_done=self._show_stocktake, on_error=self._count_failed)

    def _count_failed(self, error: BaseException) -> None:
        show_exception(error, self, inline=self.count_error)


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
