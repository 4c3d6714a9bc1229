"""收款: outlet balances with aging, one outlet's open invoices, record a payment."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.db.models.receivables import PAYMENT_METHODS
from app.errors import ChannelDeskError
from app.money import parse_yuan
from app.services.changes import Changes
from ui import fmt
from ui.errors import show_exception
from ui.models.base import ALIGN_RIGHT, Column, ListTableModel
from ui.operations import receivables as ops
from ui.operations.sales import find_outlets
from ui.screens.base import Screen, error_label, heading, make_table
from ui.widgets.search_field import SearchField

translate = QCoreApplication.translate


def aging_columns() -> list[Column]:
    return [
        Column(translate("Receivables", "Outlet"), lambda r: r.outlet_name, width=200),
        Column(translate("Receivables", "0–30 days"), lambda r: fmt.money(r.days_0_30), ALIGN_RIGHT),
        Column(translate("Receivables", "31–60 days"), lambda r: fmt.money(r.days_31_60), ALIGN_RIGHT),
        Column(translate("Receivables", "61–90 days"), lambda r: fmt.money(r.days_61_90), ALIGN_RIGHT),
        Column(translate("Receivables", "Over 90 days"), lambda r: fmt.money(r.days_over_90),
               ALIGN_RIGHT),
        Column(translate("Receivables", "Total"), lambda r: fmt.money(r.total_fen), ALIGN_RIGHT),
    ]


def invoice_columns() -> list[Column]:
    return [
        Column(translate("Receivables", "Invoice"), lambda i: i.number, width=190),
        Column(translate("Receivables", "Date"), lambda i: fmt.date(i.invoice_date)),
        Column(translate("Receivables", "Due"), lambda i: fmt.date(i.due_date)),
        Column(translate("Receivables", "Total"), lambda i: fmt.money(i.total_fen), ALIGN_RIGHT),
        Column(translate("Receivables", "Open"), lambda i: fmt.money(i.open_fen), ALIGN_RIGHT),
    ]


class ReceivablesScreen(Screen):
    def shows(self, changes: Changes) -> bool:
        return bool(changes.receivables or changes.outlets)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.outlet_id: str | None = None
        self.aging_model = ListTableModel(aging_columns(), parent=self)
        self.aging = make_table(self, self.aging_model, "agingTable")
        self.aging.activated.connect(self._aging_row)
        self.invoice_model = ListTableModel(invoice_columns(), parent=self)
        self.invoices = make_table(self, self.invoice_model, "openInvoices")
        self.outlet = SearchField(lambda text, done: find_outlets(ctx, text=text, on_done=done),
                                  lambda o: o.name, parent=self)
        self.outlet.setObjectName("receivableOutlet")
        self.outlet.setPlaceholderText(self.tr("Outlet"))
        self.outlet.picked.connect(lambda o: self.open_item(o.id))
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("balanceLabel")
        self.balance_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.amount = QLineEdit(self)
        self.amount.setObjectName("paymentAmount")
        self.amount.returnPressed.connect(self.record)
        self.method = QComboBox(self)
        self.method.setObjectName("paymentMethod")
        for method in PAYMENT_METHODS:
            self.method.addItem(fmt.name_of(method), method)
        self.purpose = QComboBox(self)
        self.purpose.addItem(fmt.name_of("settlement"), "settlement")
        self.purpose.addItem(fmt.name_of("deposit"), "deposit")
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("Transfer or WeChat transaction number"))
        record = QPushButton(self.tr("Record payment"), self)
        record.setObjectName("recordPayment")
        record.clicked.connect(self.record)
        self.error = error_label(self, "paymentError")
        self.message = QLabel(self)
        self.message.setObjectName("paymentMessage")
        form = QFormLayout()
        form.addRow(self.tr("Outlet"), self.outlet)
        form.addRow("", self.outlet.results)
        form.addRow(self.tr("Balance"), self.balance_label)
        form.addRow(self.tr("Amount (yuan)"), self.amount)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("Reference"), self.reference)
        form.addRow("", record)
        form.addRow("", self.error)
        form.addRow("", self.message)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(form)
        right_layout.addWidget(heading(self.tr("Open invoices"), right))
        right_layout.addWidget(self.invoices, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading(self.tr("Receivables by age"), left))
        left_layout.addWidget(self.aging, 1)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        layout = QHBoxLayout(self)
        layout.addWidget(split)

    def reload(self) -> None:
        ops.load_aging(self.ctx, on_done=self._show_aging)
        if self.outlet_id:
            ops.load_account(self.ctx, outlet_id=self.outlet_id, on_done=self._show_account,
                             on_error=self._error)

    def _show_aging(self, report) -> None:
        self.aging_model.set_rows([*report.rows, report.total])

    def _aging_row(self, index) -> None:
        row = self.aging_model.row_at(index.row())
        if row is not None and row.outlet_id:
            self.open_item(row.outlet_id)

    def open_item(self, item) -> None:
        self.outlet_id = item
        ops.load_account(self.ctx, outlet_id=item, on_done=self._show_account, on_error=self._error)

    def _show_account(self, account) -> None:
        self.outlet.blockSignals(True)
        self.outlet.setText(account.outlet.name)
        self.outlet.blockSignals(False)
        self.balance_label.setText(self.tr("Owes {balance}; prepaid deposit {deposit}").format(
            balance=fmt.money(account.balance_fen), deposit=fmt.money(account.deposit_fen)))
        self.invoice_model.set_rows(account.open_invoices)
        self.amount.setFocus()

    def record(self) -> None:
        self.error.hide()
        if not self.outlet_id:
            self.outlet.setFocus()
            return
        try:
            amount = parse_yuan(self.amount.text(), field=self.tr("Amount"))
        except ChannelDeskError as error:
            self._error(error)
            return
        ops.record_payment(self.ctx, outlet_id=self.outlet_id, amount_fen=amount,
                           method=self.method.currentData(), purpose=self.purpose.currentData(),
                           reference=self.reference.text(), on_done=self._recorded,
                           on_error=self._error)

    def _recorded(self, payment) -> None:
        self.message.setText(self.tr("Payment {number} recorded: {amount}").format(
            number=payment.number, amount=fmt.money(payment.amount_fen)))
        self.amount.clear()
        self.reference.clear()

    def _error(self, error: BaseException) -> None:
        show_exception(error, self, inline=self.error)
