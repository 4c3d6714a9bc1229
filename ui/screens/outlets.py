"""客户: outlets with the duplicate warning, and their filings (客户报备) with HQ's answer."""

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
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import ChannelDeskError
from app.money import parse_yuan
from app.services.changes import Changes
from app.services.outlets import LikelyDuplicate
from ui import fmt
from ui.errors import show_exception
from ui.models.base import Column, ListTableModel
from ui.models.outlets import OutletListModel
from ui.operations import outlets as ops
from ui.screens.base import Screen, error_label, heading, make_table

translate = QCoreApplication.translate
TEXT_FIELDS = ("name", "contact", "phone", "address", "region")


def filing_columns() -> list[Column]:
    return [
        Column(translate("Filings", "Status"), lambda f: fmt.name_of(f.status)),
        Column(translate("Filings", "Submitted"), lambda f: fmt.local_time(f.submitted_at)),
        Column(translate("Filings", "Protected until"), lambda f: fmt.date(f.protection_until)),
        Column(translate("Filings", "HQ reason"), lambda f: f.decision_reason),
        Column(translate("Filings", "Note"), lambda f: f.note),
    ]


class OutletsScreen(Screen):
    def shows(self, changes: Changes) -> bool:
        return bool(changes.outlets or changes.filings or changes.from_hq)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.current = None  # OutletInfo being edited (None: a new outlet)
        self._duplicate_ok = False
        self.model = OutletListModel(ctx.runner, ctx.store, self)
        self.table = make_table(self, self.model, "outletList")
        self.table.activated.connect(lambda i: self._open_row(i.row()))
        self.table.clicked.connect(lambda i: self._open_row(i.row()))
        self.search = QLineEdit(self)
        self.search.setObjectName("outletSearch")
        self.search.setPlaceholderText(self.tr("Search name, phone or code"))
        self.search.returnPressed.connect(self.reload)
        self.show_archived = QCheckBox(self.tr("Show archived"), self)
        self.show_archived.toggled.connect(self.reload)
        new = QPushButton(self.tr("New outlet"), self)
        new.setObjectName("newOutlet")
        new.clicked.connect(self.new_outlet)
        self.filing_model = ListTableModel(filing_columns(), parent=self)
        self.filings = make_table(self, self.filing_model, "filingList")
        split = QSplitter(self)
        left = QWidget(self)
        top = QHBoxLayout()
        for widget in (self.search, self.show_archived, new):
            top.addWidget(widget)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        split.addWidget(left)
        split.addWidget(self._editor())
        layout = QHBoxLayout(self)
        layout.addWidget(split)
        ops.load_tiers(ctx, on_done=self._fill_tiers)

    def _editor(self) -> QWidget:
        box = QWidget(self)
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout()
        labels = {"name": self.tr("Name"), "contact": self.tr("Contact"), "phone": self.tr("Phone"),
                  "address": self.tr("Address"), "region": self.tr("Region")}
        for key in TEXT_FIELDS:
            edit = QLineEdit(box)
            edit.setObjectName(f"outlet_{key}")
            form.addRow(labels[key], edit)
            self.inputs[key] = edit
        self.tier = QComboBox(box)
        self.tier.setObjectName("outlet_tier")
        form.addRow(self.tr("Price tier"), self.tier)
        self.credit = QLineEdit("0", box)
        self.credit.setObjectName("outlet_credit")
        form.addRow(self.tr("Credit limit (yuan)"), self.credit)
        self.terms = QSpinBox(box)
        self.terms.setRange(0, 365)
        self.terms.setValue(30)
        form.addRow(self.tr("Payment terms (days)"), self.terms)
        self.title = heading(self.tr("New outlet"), box)
        self.error = error_label(box, "outletError")
        self.save_button = QPushButton(self.tr("Save"), box)
        self.save_button.setObjectName("saveOutlet")
        self.save_button.clicked.connect(self.save)
        self.save_anyway = QPushButton(self.tr("Save anyway"), box)
        self.save_anyway.setObjectName("saveAnyway")
        self.save_anyway.clicked.connect(lambda: self.save(allow_duplicate=True))
        self.save_anyway.hide()
        self.archive_button = QPushButton(self.tr("Archive"), box)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.file_button = QPushButton(self.tr("Submit filing to HQ"), box)
        self.file_button.setObjectName("submitFiling")
        self.file_button.clicked.connect(self.submit_filing)
        self.withdraw_button = QPushButton(self.tr("Withdraw filing"), box)
        self.withdraw_button.clicked.connect(self.withdraw_filing)
        self.filing_note = QLineEdit(box)
        self.filing_note.setPlaceholderText(self.tr("Note for HQ"))
        buttons = QHBoxLayout()
        for button in (self.save_button, self.save_anyway, self.archive_button):
            buttons.addWidget(button)
        filing_row = QHBoxLayout()
        for widget in (self.filing_note, self.file_button, self.withdraw_button):
            filing_row.addWidget(widget)
        layout = QVBoxLayout(box)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addLayout(self._statement_row(box))
        layout.addWidget(heading(self.tr("Customer filings"), box))
        layout.addLayout(filing_row)
        layout.addWidget(self.filings, 1)
        self._set_current(None, [])
        return box

    def _statement_row(self, box: QWidget) -> QHBoxLayout:
        """对账单 period: this month so far unless the clerk picks other dates."""
        today = dt.date.today()
        self.statement_from = self._date_edit(box, "statementFrom", today.replace(day=1))
        self.statement_to = self._date_edit(box, "statementTo", today)
        self.statement_button = QPushButton(self.tr("Print statement"), box)
        self.statement_button.setObjectName("printStatement")
        self.statement_button.clicked.connect(self.print_statement)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Statement from"), box))
        row.addWidget(self.statement_from)
        row.addWidget(QLabel(self.tr("to"), box))
        row.addWidget(self.statement_to)
        row.addWidget(self.statement_button)
        row.addStretch(1)
        return row

    @staticmethod
    def _date_edit(box: QWidget, name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), box)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def statement_period(self) -> tuple[dt.date, dt.date]:
        start, end = self.statement_from.date().toPython(), self.statement_to.date().toPython()
        return (start, end) if start <= end else (end, start)  # a reversed pick still means it

    def print_statement(self) -> None:
        """Preview of the current outlet's statement; 打印 there prints and logs it."""
        if self.current is None:
            return
        from ui.printing.flow import open_preview
        from ui.printing.operations import DocumentRef

        start, end = self.statement_period()
        self.preview_dialog = open_preview(self.ctx, self, ref=DocumentRef(
            "statement", self.current.code, date_from=start, date_to=end))

    def _fill_tiers(self, tiers) -> None:
        self.tier.clear()
        self.tier.addItem(self.tr("(none)"), None)
        for tier in tiers:
            self.tier.addItem(f"{tier.code} {tier.name}", tier.id)

    def reload(self) -> None:
        self.model.search(self.search.text().strip(), self.show_archived.isChecked())
        if self.current is not None:
            self.open_item(self.current.id)

    def _open_row(self, row: int) -> None:
        outlet_id = self.model.key_at(row)
        if outlet_id:
            self.open_item(outlet_id)

    def open_item(self, item) -> None:
        ops.load_outlet(self.ctx, outlet_id=item, on_done=lambda r: self._set_current(*r),
                        on_error=self._error)

    def new_outlet(self) -> None:
        self._set_current(None, [])
        self.inputs["name"].setFocus()

    def _set_current(self, outlet, filings) -> None:
        self.current = outlet
        self.error.hide()
        self.save_anyway.hide()
        for key, edit in self.inputs.items():
            edit.setText(getattr(outlet, key) if outlet else "")
        self.credit.setText(fmt.money(outlet.credit_limit_fen).replace(",", "") if outlet else "0")
        self.terms.setValue(outlet.payment_terms_days if outlet else 30)
        index = self.tier.findData(outlet.tier_id if outlet else None)
        self.tier.setCurrentIndex(max(index, 0))
        self.title.setText(f"{outlet.code} {outlet.name}" if outlet else self.tr("New outlet"))
        self.archive_button.setText(self.tr("Restore") if outlet and outlet.archived
                                    else self.tr("Archive"))
        self.archive_button.setEnabled(outlet is not None)
        self.file_button.setEnabled(outlet is not None and not outlet.archived)
        self.statement_button.setEnabled(outlet is not None)
        self.withdraw_button.setEnabled(any(f.status in ("draft", "pending") for f in filings))
        self.filing_model.set_rows(filings)

    def _fields(self) -> dict:
        fields = {key: edit.text() for key, edit in self.inputs.items()}
        fields["tier_id"] = self.tier.currentData()
        fields["credit_limit_fen"] = parse_yuan(self.credit.text() or "0",
                                                field=self.tr("Credit limit"))
        fields["payment_terms_days"] = self.terms.value()
        return fields

    def save(self, *, allow_duplicate: bool = False) -> None:
        try:
            fields = self._fields()
        except ChannelDeskError as error:
            self._error(error)
            return
        if self.current is None:
            ops.create_outlet(self.ctx, fields=fields, allow_duplicate=allow_duplicate,
                              on_done=self._saved, on_error=self._error)
        else:
            ops.update_outlet(self.ctx, outlet_id=self.current.id, expected_rev=self.current.rev,
                              fields=fields, allow_duplicate=allow_duplicate,
                              on_done=self._saved, on_error=self._error)

    def _saved(self, outlet) -> None:
        self.open_item(outlet.id)

    def toggle_archive(self) -> None:
        if self.current is not None:
            ops.archive_outlet(self.ctx, outlet_id=self.current.id,
                               archived=not self.current.archived, on_done=self._saved,
                               on_error=self._error)

    def submit_filing(self) -> None:
        if self.current is not None:
            ops.submit_filing(self.ctx, outlet_id=self.current.id, note=self.filing_note.text(),
                              on_done=lambda f: self.open_item(f.outlet_id), on_error=self._error)

    def withdraw_filing(self) -> None:
        open_filings = [f for f in self.filing_model.rows() if f.status in ("draft", "pending")]
        if open_filings:
            ops.withdraw_filing(self.ctx, filing_id=open_filings[0].id,
                                on_done=lambda f: self.open_item(f.outlet_id), on_error=self._error)

    def _error(self, error: BaseException) -> None:
        if isinstance(error, LikelyDuplicate):
            names = "、".join(f"{c.name} {c.phone}" for c in error.candidates)
            self.error.setText(self.tr("This outlet looks like one already on file: {names}. "
                                       "Check it, or save anyway.").format(names=names))
            self.error.show()
            self.save_anyway.show()
            return
        show_exception(error, self, inline=self.error)



