"""Batch printing (the morning run): tick the day's orders, print their delivery notes as one
job. The list is one day's orders (tens to a few hundred), held in a small checkable model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TR_NOOP, QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.money import format_fen
from app.services.changes import Changes
from ui.context import AppContext
from ui.errors import show_exception
from ui.printing import operations as ops
from ui.printing.flow import with_printer
from ui.printing.preview import PrintPreviewDialog


class BatchModel(QAbstractTableModel):
    """Batch candidates (`PrintService.BatchCandidate`) with a check box each, all ticked."""

    HEADERS = (QT_TR_NOOP("Order"), QT_TR_NOOP("Delivery note"), QT_TR_NOOP("Outlet"),
               QT_TR_NOOP("Amount"), QT_TR_NOOP("Printed"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []
        self.checked: list[bool] = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows, self.checked = list(rows), [True] * len(rows)
        self.endResetModel()

    def set_all(self, checked: bool) -> None:
        self.checked = [checked] * len(self.rows)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def checked_order_ids(self) -> list[str]:
        return [row.order_id for row, on in zip(self.rows, self.checked, strict=True) if on]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            on = self.checked[index.row()]
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.order_number, row.note_number or "", row.outlet_name,
                    format_fen(row.total_fen), str(row.print_count))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        self.checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base


class BatchPrintDialog(QDialog):
    """Pick a day and status, tick orders, preview or print their delivery notes in one job."""

    printed = Signal(int)  # pages sent to the printer
    loaded = Signal(int)  # rows listed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 day: dt.date | None = None, status: str = "shipped") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("batchPrintDialog")
        self.setWindowTitle(self.tr("Batch print delivery notes"))
        self.resize(760, 560)
        self.model = BatchModel(self)
        self._build(day or dt.date.today(), status)
        self.reload()
        ops.load_profiles(ctx, on_done=self._fill_profiles)
        # Prints change the counts shown, new shipments the list.
        ctx.bus.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.prints or changes.sales_orders:
            self.reload()

    def _build(self, day: dt.date, status: str) -> None:
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.dateChanged.connect(self.reload)
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(self.tr("Shipped that day"), "shipped")
        self.status_combo.addItem(self.tr("Confirmed, not shipped"), "confirmed")
        self.status_combo.setCurrentIndex(0 if status == "shipped" else 1)
        self.status_combo.currentIndexChanged.connect(self.reload)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("profileCombo")
        self.profile_combo.addItem(self.tr("A4, choose printer"), "")
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("Date"), self), self.date_edit, self.status_combo,
                       QLabel(self.tr("Printer profile"), self), self.profile_combo):
            top.addWidget(widget)
        top.addStretch(1)
        self.table = QTableView(self)
        self.table.setObjectName("batchTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("batchSummary")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        for text, slot, name in (
            (self.tr("Select all"), lambda: self.model.set_all(True), "selectAll"),
            (self.tr("Select none"), lambda: self.model.set_all(False), "selectNone"),
            (self.tr("Preview"), self.preview, "preview"),
            (self.tr("Print"), self.print_checked, "print"),
            (self.tr("Close"), self.reject, "close"),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"{name}Button")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    # -- data -----------------------------------------------------------------------------

    @property
    def day(self) -> dt.date:
        return self.date_edit.date().toPython()

    @property
    def status(self) -> str:
        return self.status_combo.currentData()

    @property
    def profile_name(self) -> str | None:
        return self.profile_combo.currentData() or None

    def reload(self) -> None:
        ops.load_delivery_batch(self.ctx, day=self.day, status=self.status,
                                on_done=self._show_rows,
                                on_error=lambda e: show_exception(e, self))

    def _show_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("{count} orders").format(count=len(rows)))
        self.loaded.emit(len(rows))

    def _fill_profiles(self, profiles: list) -> None:
        for profile in profiles:
            self.profile_combo.addItem(profile.name, profile.name)

    # -- actions --------------------------------------------------------------------------

    def preview(self) -> None:
        refs = self.model.checked_order_ids()
        if not refs:
            return
        dialog = PrintPreviewDialog(self, title=self.tr("Batch preview"))
        ops.preview_delivery_batch(self.ctx, refs=refs, profile_name=self.profile_name,
                                   on_done=dialog.set_pdf,
                                   on_error=lambda e: show_exception(e, dialog))
        dialog.print_requested.connect(lambda: (dialog.accept(), self.print_checked()))
        dialog.show()

    def print_checked(self, *, ask: bool = False) -> None:
        refs = self.model.checked_order_ids()
        if not refs:
            self.summary.setText(self.tr("Tick the orders to print"))
            return
        with_printer(self.ctx, self, profile_name=self.profile_name, ask=ask,
                     then=lambda printer: self.print_to(printer, refs))

    def print_to(self, printer, refs: list[str] | None = None) -> None:
        """Print the ticked orders' notes to `printer` as one job (tests pass a PDF printer)."""
        refs = self.model.checked_order_ids() if refs is None else refs
        self.summary.setText(self.tr("Printing {count} delivery notes…").format(count=len(refs)))
        ops.print_delivery_batch(self.ctx, refs=refs, printer=printer,
                                 profile_name=self.profile_name, on_done=self._printed,
                                 on_error=lambda e: show_exception(e, self), parent=self)

    def _printed(self, pages: int) -> None:
        self.summary.setText(self.tr("Printed {pages} pages").format(pages=pages))
        self.printed.emit(pages)
