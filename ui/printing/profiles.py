"""Printer profiles (settings page): paper, X/Y calibration, copies, copy labels, printer.

Dot-matrix printers are often 1–3 mm off: the clerk prints a test page, measures, and enters
the shift here. Validation (offset range, paper names) is the service's; this widget shows
the refusal next to the form.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.documents.paper import PAPERS
from app.services.printing import MAX_COPIES, MAX_OFFSET_MM
from ui.context import AppContext
from ui.errors import message_text
from ui.printing import operations as ops

# How clerks know the papers.
PAPER_LABELS = {
    "A4": "A4",
    "A5": QT_TR_NOOP("A5 (landscape)"),
    "241x140": QT_TR_NOOP("241×140 mm (2-part form)"),
    "241x93": QT_TR_NOOP("241×93 mm (3-part form)"),
}
_LABEL_SEPARATORS = ("、", "，", ",")


class PrinterProfilesWidget(QWidget):
    """List of profiles on the left, the selected one's form on the right."""

    saved = Signal(str)
    deleted = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("printerProfiles")
        self._profiles: dict = {}
        self._select_after_reload = ""
        self.list = QListWidget(self)
        self.list.setObjectName("profileList")
        self.list.currentTextChanged.connect(self._show_profile)
        self._build_form()
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(self._right, 2)
        self.reload()

    def _build_form(self) -> None:
        self.name_edit = QLineEdit(self)
        self.paper_combo = QComboBox(self)
        for name in PAPERS:
            self.paper_combo.addItem(self.tr(PAPER_LABELS.get(name, name)), name)
        self.offset_x = self._offset_box()
        self.offset_y = self._offset_box()
        self.copies_box = QSpinBox(self)
        self.copies_box.setRange(1, MAX_COPIES)
        self.labels_edit = QLineEdit(self)
        self.labels_edit.setPlaceholderText(self.tr("e.g. 存根联、客户联、回单联"))
        self.printer_combo = QComboBox(self)
        self.printer_combo.setEditable(True)  # a printer of another PC can be named too
        self.printer_combo.addItem("")
        self.printer_combo.addItems(QPrinterInfo.availablePrinterNames())
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Paper"), self.paper_combo)
        form.addRow(self.tr("Shift right (mm)"), self.offset_x)
        form.addRow(self.tr("Shift down (mm)"), self.offset_y)
        form.addRow(self.tr("Copies"), self.copies_box)
        form.addRow(self.tr("Copy labels"), self.labels_edit)
        form.addRow(self.tr("Printer (empty: ask)"), self.printer_combo)
        self.error = QLabel(self)
        self.error.setObjectName("profileError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        buttons = QHBoxLayout()
        for text, slot, name in ((self.tr("New"), self.new_profile, "new"),
                                 (self.tr("Save"), self.save, "save"),
                                 (self.tr("Delete"), self.delete, "delete")):
            button = QPushButton(text, self)
            button.setObjectName(f"{name}Button")
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self._right = QVBoxLayout()
        self._right.addLayout(form)
        self._right.addWidget(self.error)
        self._right.addLayout(buttons)
        self._right.addStretch(1)

    def _offset_box(self) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        return box

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        ops.load_profiles(self.ctx, on_done=self._show_profiles, on_error=self._show_error)

    def _show_profiles(self, profiles: list) -> None:
        current = self._select_after_reload or (
            self.list.currentItem().text() if self.list.currentItem() else "")
        self._select_after_reload = ""
        self._profiles = {p.name: p for p in profiles}
        self.list.clear()
        self.list.addItems(list(self._profiles))
        matches = self.list.findItems(current, Qt.MatchFlag.MatchExactly)
        if matches:
            self.list.setCurrentItem(matches[0])
        elif self.list.count():
            self.list.setCurrentRow(0)

    def _show_profile(self, name: str) -> None:
        profile = self._profiles.get(name)
        if profile is None:
            return
        self.name_edit.setText(profile.name)
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(profile.paper)))
        self.offset_x.setValue(profile.offset_x_mm)
        self.offset_y.setValue(profile.offset_y_mm)
        self.copies_box.setValue(profile.copies)
        self.labels_edit.setText("、".join(profile.copy_labels))
        self.printer_combo.setCurrentText(profile.printer_name)
        self.error.hide()

    def form_fields(self) -> dict:
        labels = self.labels_edit.text()
        for separator in _LABEL_SEPARATORS[1:]:
            labels = labels.replace(separator, _LABEL_SEPARATORS[0])
        return {
            "name": self.name_edit.text(),
            "paper": self.paper_combo.currentData(),
            "offset_x_mm": self.offset_x.value(),
            "offset_y_mm": self.offset_y.value(),
            "copies": self.copies_box.value(),
            "copy_labels": [x for x in labels.split(_LABEL_SEPARATORS[0]) if x.strip()],
            "printer_name": self.printer_combo.currentText(),
        }

    # -- actions --------------------------------------------------------------------------

    def new_profile(self) -> None:
        self.list.clearSelection()
        self.name_edit.clear()
        self.paper_combo.setCurrentIndex(0)
        self.offset_x.setValue(0)
        self.offset_y.setValue(0)
        self.copies_box.setValue(1)
        self.labels_edit.clear()
        self.printer_combo.setCurrentText("")
        self.name_edit.setFocus()

    def save(self) -> None:
        fields = self.form_fields()
        ops.save_profile(self.ctx, fields=fields, on_done=self._saved, on_error=self._show_error)

    def delete(self) -> None:
        name = self.name_edit.text().strip()
        if name:
            ops.delete_profile(self.ctx, name=name, on_done=lambda _: self._deleted(name),
                               on_error=self._show_error)

    def _saved(self, profile) -> None:
        self.error.hide()
        self._select_after_reload = profile.name
        self.reload()
        self.saved.emit(profile.name)

    def _deleted(self, name: str) -> None:
        self.error.hide()
        self.reload()
        self.deleted.emit(name)

    def _show_error(self, error: BaseException) -> None:
        if hasattr(error, "message_id"):
            self.error.setText(message_text(error))
            self.error.show()
        else:
            from ui.errors import show_exception

            show_exception(error, self)
