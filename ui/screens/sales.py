"""销售单: the order list (filter by status, dates, outlet; search by number) and the editor."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Changes
from app.services.lifecycles import ORDER_STATUSES
from ui import fmt
from ui.lookups import OrderFilter
from ui.models.orders import OrderListModel
from ui.operations import sales as ops
from ui.screens.base import Screen, make_table
from ui.screens.order_editor import OrderEditor
from ui.widgets.search_field import SearchField


class SalesScreen(Screen):
    def shows(self, changes: Changes) -> bool:
        return bool(changes.sales_orders or changes.outlets)  # the list names outlets

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.pages = QStackedWidget(self)
        self.list_page = QWidget(self)
        self.editor = OrderEditor(ctx, self)
        self.editor.closed.connect(self.show_list)
        self._build_list()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        new = QShortcut(QKeySequence("Ctrl+N"), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.new_order)

    def _build_list(self) -> None:
        self.model = OrderListModel(self.ctx.runner, self.ctx.store, self)
        self.table = make_table(self.list_page, self.model, "orderList")
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.status_box = QComboBox(self.list_page)
        self.status_box.setObjectName("statusFilter")
        self.status_box.addItem(self.tr("All statuses"), None)
        for status in ORDER_STATUSES:
            self.status_box.addItem(fmt.name_of(status), status)
        self.use_dates = QCheckBox(self.tr("Dates"), self.list_page)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30), self.list_page)
        self.date_to = QDateEdit(today, self.list_page)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.outlet_filter = SearchField(
            lambda text, done: ops.find_outlets(self.ctx, text=text, on_done=done),
            lambda o: o.name, parent=self.list_page)
        self.outlet_filter.setObjectName("outletFilter")
        self.outlet_filter.setPlaceholderText(self.tr("Outlet"))
        self.outlet_filter.picked.connect(lambda o: self._set_outlet(o.id))
        self.outlet_filter.textChanged.connect(lambda t: self._set_outlet(None) if not t else None)
        self._outlet_id: str | None = None
        self.number_search = QLineEdit(self.list_page)
        self.number_search.setObjectName("numberSearch")
        self.number_search.setPlaceholderText(self.tr("Search by number"))
        self.number_search.returnPressed.connect(self.apply_filter)
        search = QPushButton(self.tr("Search"), self.list_page)
        search.clicked.connect(self.apply_filter)
        new = QPushButton(self.tr("New order (Ctrl+N)"), self.list_page)
        new.setObjectName("newOrderButton")
        new.clicked.connect(self.new_order)
        batch = QPushButton(self.tr("Batch print delivery notes"), self.list_page)
        batch.setObjectName("batchPrintButton")
        batch.clicked.connect(self.batch_print)
        self.count_label = QLabel(self.list_page)
        self.count_label.setObjectName("orderCount")
        self.model.loaded.connect(lambda: self.count_label.setText(
            self.tr("{count} orders").format(count=self.model.rowCount())))
        for box in (self.status_box,):
            box.currentIndexChanged.connect(self.apply_filter)
        filters = QHBoxLayout()
        for widget in (new, batch, self.status_box, self.use_dates, self.date_from, QLabel("—"),
                       self.date_to, self.outlet_filter, self.number_search, search):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self.list_page)
        layout.addLayout(filters)
        layout.addWidget(self.outlet_filter.results)
        layout.addWidget(self.table, 1)

    def current_filter(self) -> OrderFilter:
        dates = self.use_dates.isChecked()
        return OrderFilter(
            status=self.status_box.currentData(),
            outlet_id=self._outlet_id,
            date_from=_to_date(self.date_from.date()) if dates else None,
            date_to=_to_date(self.date_to.date()) if dates else None,
            number_like=self.number_search.text().strip() or None,
        )

    def _set_outlet(self, outlet_id: str | None) -> None:
        if outlet_id != self._outlet_id:
            self._outlet_id = outlet_id
            self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def reload(self) -> None:
        if self.pages.currentWidget() is self.editor:
            self._list_stale = True  # every typed line changes the order: refresh on return
            return
        self._list_stale = False
        self.model.set_filter(self.current_filter())

    def _open_row(self, row: int) -> None:
        order_id = self.model.key_at(row)
        if order_id:
            self.open_item(order_id)

    def open_item(self, item) -> None:
        self.pages.setCurrentWidget(self.editor)
        self.editor.open_order(item)
        self.editor.lines.setFocus()

    def new_order(self) -> None:
        self.pages.setCurrentWidget(self.editor)
        self.editor.clear()

    def batch_print(self) -> None:
        """The morning job: today's delivery notes in one go (printing's own dialog)."""
        from ui.printing.batch import BatchPrintDialog

        self.batch_dialog = BatchPrintDialog(self.ctx, self)
        self.batch_dialog.show()

    def show_list(self) -> None:
        self.pages.setCurrentWidget(self.list_page)
        if getattr(self, "_list_stale", False):
            self.reload()
        self.table.setFocus()


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
