"""The order editor: keyboard-first entry of a sales order and its whole lifecycle.

Flow without a mouse: type the outlet, Enter; type a product (pinyin initials, name, SKU or
barcode), Enter; quantity, Enter; price, Enter adds the line and returns to the product field.
A scanner's burst adds the scanned unit or increments its line. Shortcuts: Ctrl+S save,
F9 confirm, F10 ship, Ctrl+L new line, Ctrl+Delete delete line, Esc back to the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ChannelDeskError, CreditLimitExceeded, NotFound, PriceBelowFloor
from app.money import parse_yuan
from app.services.changes import Changes
from ui import fmt
from ui.context import AppContext
from ui.errors import message_text, show_exception
from ui.models.lines import OrderLinesModel
from ui.operations import sales as ops
from ui.screens.base import error_label, make_table
from ui.widgets.search_field import SearchField

# Buttons that take a lifecycle action, by the action's name in the order's `actions`.
LIFECYCLE_BUTTONS = {"save": "edit", "confirm": "confirm", "ship": "ship", "deliver": "deliver",
                     "invoice": "invoice", "cancel": "cancel", "return": "return"}


class OrderEditor(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = None  # sales OrderDetail of the open order
        self._wanted: str | None = None  # the order asked for last (see open_order)
        self.entry = None  # ops.ProductForEntry of the picked product
        self._pending_reason: str | None = None  # what the reason field is for
        self._build()
        self._shortcuts()
        self.ctx.bus.changed.connect(self._on_changed)
        self.clear()

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.outlet = SearchField(self._search_outlets, lambda o: f"{o.name}  {o.phone}", parent=self)
        self.outlet.setObjectName("outletField")
        self.outlet.setPlaceholderText(self.tr("Outlet name, phone or code"))
        self.outlet.picked.connect(self._outlet_picked)
        self.number = QLabel(self)
        self.number.setObjectName("orderNumber")
        self.status = QLabel(self)
        self.status.setObjectName("orderStatus")
        self.total = QLabel(self)
        self.total.setObjectName("orderTotal")
        self.total.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.product = SearchField(self._search_products, _product_label, scanner=True, parent=self)
        self.product.setObjectName("productField")
        self.product.setPlaceholderText(self.tr("Pinyin initials, name, SKU or scan a barcode"))
        self.product.picked.connect(self._product_picked)
        self.product.scanned.connect(self._scanned)
        self.unit = QComboBox(self)
        self.unit.setObjectName("unitBox")
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName("quantityBox")
        self.quantity.setRange(1, 999_999)
        self.price = QLineEdit(self)
        self.price.setObjectName("priceField")
        self.add_button = QPushButton(self.tr("Add line"), self)
        self.add_button.clicked.connect(self.add_line)
        self.last_prices = QLabel(self)
        self.last_prices.setObjectName("lastPrices")
        self.reason_label = QLabel(self)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reasonField")
        self.reason.returnPressed.connect(self._reason_entered)
        self.reason.installEventFilter(self)  # Esc in the reason field closes only the field
        self.error = error_label(self, "orderError")
        self.info = QLabel(self)
        self.info.setObjectName("orderInfo")
        self.lines_model = OrderLinesModel(self._edit_line, self._show_error, self)
        self.lines = make_table(self, self.lines_model, "orderLines")
        self.lines.setEditTriggers(self.lines.EditTrigger.DoubleClicked
                                   | self.lines.EditTrigger.EditKeyPressed
                                   | self.lines.EditTrigger.AnyKeyPressed)
        self.quantity.lineEdit().returnPressed.connect(self._quantity_entered)
        self.price.returnPressed.connect(self.add_line)
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        layout.addWidget(self.outlet.results)
        layout.addLayout(self._entry_row())
        layout.addWidget(self.product.results)
        layout.addWidget(self.last_prices)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason, 1)
        layout.addLayout(reason_row)
        layout.addWidget(self.error)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.info)
        layout.addLayout(self._buttons())

    def _header(self) -> QGridLayout:
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Outlet"), self), 0, 0)
        grid.addWidget(self.outlet, 0, 1)
        grid.addWidget(self.number, 0, 2)
        grid.addWidget(self.status, 0, 3)
        grid.addWidget(self.total, 0, 4)
        grid.setColumnStretch(1, 1)
        return grid

    def _entry_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Product"), self))
        row.addWidget(self.product, 3)
        row.addWidget(QLabel(self.tr("Unit"), self))
        row.addWidget(self.unit)
        row.addWidget(QLabel(self.tr("Quantity"), self))
        row.addWidget(self.quantity)
        row.addWidget(QLabel(self.tr("Unit price"), self))
        row.addWidget(self.price)
        row.addWidget(self.add_button)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        specs = [
            ("back", self.tr("Back to list (Esc)"), self.closed.emit),
            ("save", self.tr("Save (Ctrl+S)"), self.save),
            ("confirm", self.tr("Confirm (F9)"), self.confirm),
            ("ship", self.tr("Ship (F10)"), self.ship),
            ("deliver", self.tr("Delivered"), self.deliver),
            ("invoice", self.tr("Invoice"), self.invoice),
            ("cancel", self.tr("Cancel order"), self.cancel),
            ("return", self.tr("Return goods"), self.return_goods),
            ("print", self.tr("Print delivery note (Ctrl+P)"), self.print_delivery_note),
            ("print_invoice", self.tr("Print invoice"), self.print_invoice),
        ]
        for key, text, slot in specs:
            button = QPushButton(text, self)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _shortcuts(self) -> None:
        keys = [("Ctrl+S", self.save), ("F9", self.confirm), ("F10", self.ship),
                ("Ctrl+L", self.new_line), ("Ctrl+Delete", self.delete_line),
                ("Ctrl+P", self.print_delivery_note), ("Escape", self._escape)]
        for sequence, slot in keys:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- state ------------------------------------------------------------------------------------
    @property
    def order_id(self) -> str | None:
        return self.detail.order.id if self.detail else None

    @property
    def order_status(self) -> str | None:
        return self.detail.order.status if self.detail else None

    def allows(self, action: str) -> bool:
        """Whether the service said the clerk may take `action` on the open order now."""
        return bool(self.detail) and action in self.detail.order.actions

    def clear(self) -> None:
        """A new, empty order: the outlet comes first."""
        self.detail, self.entry = None, None
        self._wanted = None
        self.outlet.reset()
        self.outlet.setEnabled(True)
        self.product.reset()
        self.lines_model.set_rows([])
        self.number.setText(self.tr("New order"))
        self.status.setText("")
        self.total.setText(fmt.money(0))
        self.last_prices.setText("")
        self.info.setText("")
        self._hide_reason()
        self._hide_error()
        self._update_actions()
        self.outlet.setFocus()

    def open_order(self, order_id: str) -> None:
        # Loads finish in the order they were queued, but a reload queued by an earlier
        # command can arrive after the clerk opened another order: only the order asked for
        # last may be shown.
        self._wanted = order_id
        ops.load_order(self.ctx, order_id=order_id, on_done=self._show_order,
                       on_error=self._show_error)

    def _reload(self) -> None:
        wanted = self._wanted or self.order_id
        if wanted:
            self.open_order(wanted)

    def _on_changed(self, changes: Changes) -> None:
        # The one reload after a command, ours or another screen's: the notice names the order.
        wanted = self._wanted or self.order_id
        if wanted and wanted in changes.sales_orders and self.isVisible():
            self._reload()

    def _show_order(self, detail) -> None:
        if self._wanted is not None and detail.order.id != self._wanted:
            return  # an older answer: the clerk has moved on to another order
        self.detail = detail
        order = detail.order
        self.outlet.blockSignals(True)
        self.outlet.setText(detail.outlet_name)
        self.outlet.blockSignals(False)
        self.outlet.setEnabled(False)
        self.number.setText(order.number)
        self.status.setText(fmt.name_of(order.status))
        self.total.setText(self.tr("Total {amount}").format(amount=fmt.money(order.total_fen)))
        self.lines_model.editable = self.allows("edit")
        self.lines_model.set_rows(detail.lines)
        notes = []
        if detail.delivery_note_number:
            notes.append(self.tr("Delivery note {number}").format(number=detail.delivery_note_number))
        if detail.invoice_number:
            notes.append(self.tr("Invoice {number}").format(number=detail.invoice_number))
        self.info.setText("   ".join(notes))
        self._update_actions()

    def _update_actions(self) -> None:
        for key, action in LIFECYCLE_BUTTONS.items():
            self.buttons[key].setEnabled(self.allows(action))
        self.buttons["print"].setEnabled(bool(self.detail and self.detail.delivery_note_number))
        self.buttons["print_invoice"].setEnabled(bool(self.detail and self.detail.invoice_number))
        editable = self.allows("edit")
        for widget in (self.product, self.unit, self.quantity, self.price, self.add_button):
            # Before the outlet is picked there is no order yet: only the product field is on.
            widget.setEnabled(editable or (self.detail is None and widget is self.product))

    # -- outlet and product -----------------------------------------------------------------------
    def _search_outlets(self, text: str, done) -> None:
        ops.find_outlets(self.ctx, text=text, on_done=done)

    def _search_products(self, text: str, done) -> None:
        ops.search_products(self.ctx, text=text, on_done=done)

    def _outlet_picked(self, outlet) -> None:
        ops.start_order(self.ctx, outlet_id=outlet.id, on_done=self._draft_created,
                        on_error=self._show_error)

    def _draft_created(self, order) -> None:
        self.open_order(order.id)
        self.product.setEnabled(True)
        self.product.setFocus()

    def _product_picked(self, hit) -> None:
        if not self.order_id:
            return
        ops.pick_product(self.ctx, product_id=hit.product_id, outlet_id=self.detail.order.outlet_id,
                         on_done=self._entry_ready, on_error=self._show_error)

    def _entry_ready(self, entry) -> None:
        self.entry = entry
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in entry.product.units:
            self.unit.addItem(f"{unit.name} ×{unit.factor}" if unit.factor > 1 else unit.name, unit.id)
        self.unit.blockSignals(False)
        self.unit.setCurrentIndex(0)
        self._unit_changed()
        self.last_prices.setText(self._last_prices_text(entry.last_prices))
        self.quantity.setValue(1)
        self.quantity.setFocus()
        self.quantity.selectAll()

    def _last_prices_text(self, prices) -> str:
        if not prices:
            return self.tr("No earlier sales to this outlet")
        parts = [f"{p.order_date.isoformat()} {fmt.money(p.unit_price_fen)}/{p.unit_name}"
                 for p in prices]
        return self.tr("Last prices: {prices}").format(prices="；".join(parts))

    def _unit_changed(self, *_args) -> None:
        if self.entry is None:
            return
        price = self.entry.unit_prices.get(self.unit.currentData())
        self.price.setText(fmt.money(price).replace(",", "") if price is not None else "")

    def _quantity_entered(self) -> None:
        self.price.setFocus()
        self.price.selectAll()

    # -- lines --------------------------------------------------------------------------------------
    def add_line(self, *, reason: str = "") -> None:
        if not self.order_id or self.entry is None:
            self.product.setFocus()
            return
        try:
            text = self.price.text().strip()
            price = parse_yuan(text, field="unit_price") if text else None
        except ChannelDeskError as error:
            self._show_error(error)
            return
        request = dict(order_id=self.order_id, product_id=self.entry.product.id,
                       unit_id=self.unit.currentData(), quantity=self.quantity.value(),
                       unit_price_fen=price)
        self._retry = lambda why: ops.add_line(self.ctx, **request, below_floor_reason=why,
                                               on_done=self._line_added, on_error=self._line_failed)
        self._retry(reason)

    def _line_added(self, result) -> None:
        self._hide_error()
        self._hide_reason()
        self.entry = None
        self.product.reset()
        self.unit.clear()
        self.price.clear()
        self.last_prices.setText("")
        self.product.setFocus()

    def _line_failed(self, error: BaseException) -> None:
        if isinstance(error, PriceBelowFloor):
            self._ask_reason("floor", message_text(error), self.tr("Reason for the low price"))
        else:
            self._show_error(error)

    def _scanned(self, code: str) -> None:
        if not self.order_id:
            return
        ops.scan_barcode(self.ctx, order_id=self.order_id, barcode=code,
                         on_done=self._scan_done,
                         on_error=lambda error: self._scan_failed(code, error))

    def _scan_done(self, result) -> None:
        self._hide_error()
        self.info.setText(self.tr("Scanned: {name} {unit} × {quantity}").format(
            name=result.line.product_name, unit=result.line.unit_name,
            quantity=result.line.quantity))
        self.product.setFocus()

    def _scan_failed(self, code: str, error: BaseException) -> None:
        if isinstance(error, NotFound):
            # Not a known barcode: perhaps a numeric SKU typed by hand; search for it.
            self.product.setText(code)
            self.product._enter_waiting = True
            self.product._run_search()
        self._show_error(error)

    def _edit_line(self, line, **change) -> None:
        ops.update_line(self.ctx, line_id=line.id, **change,
                        on_error=lambda error: self._edit_failed(line, change, error))

    def _edit_failed(self, line, change: dict, error: BaseException) -> None:
        if isinstance(error, PriceBelowFloor):
            self._retry = lambda why: ops.update_line(
                self.ctx, line_id=line.id, **change, below_floor_reason=why,
                on_done=lambda _r: self._hide_reason(), on_error=self._show_error)
            self._ask_reason("floor", message_text(error), self.tr("Reason for the low price"))
        else:
            self._show_error(error)
        self._reload()  # a refused edit announces nothing: show the stored line again

    def new_line(self) -> None:
        self.product.reset()
        self.product.setFocus()

    def delete_line(self) -> None:
        index = self.lines.currentIndex()
        line = self.lines_model.row_at(index.row()) if index.isValid() else None
        if line is None or not self.allows("edit"):
            return
        ops.remove_line(self.ctx, line_id=line.id, on_error=self._show_error)

    # -- lifecycle ----------------------------------------------------------------------------------
    def save(self) -> None:
        """Lines are stored as they are entered; saving keeps the draft and says so."""
        if self.allows("edit"):
            self.info.setText(self.tr("Draft {number} saved").format(
                number=self.detail.order.number))

    def confirm(self, *, override_reason: str | None = None) -> None:
        if not self.allows("confirm"):
            return
        ops.confirm_order(self.ctx, order_id=self.order_id, override_reason=override_reason,
                          on_done=self._after_command, on_error=self._confirm_failed)

    def _confirm_failed(self, error: BaseException) -> None:
        if isinstance(error, CreditLimitExceeded) and self.allows("override_credit"):
            self._retry = lambda why: self.confirm(override_reason=why)
            self._ask_reason("credit", message_text(error),
                             self.tr("Reason to exceed the credit limit"))
        else:
            self._show_error(error)

    def ship(self) -> None:
        if self.allows("ship"):
            ops.ship_order(self.ctx, order_id=self.order_id, on_done=self._after_command,
                           on_error=self._show_error)

    def deliver(self) -> None:
        if self.allows("deliver"):
            self._retry = lambda who: ops.deliver_order(
                self.ctx, order_id=self.order_id, signed_by=who, on_done=self._after_command,
                on_error=self._show_error)
            self._ask_reason("deliver", self.tr("Who signed the receipt copy?"),
                             self.tr("Signed by"))

    def invoice(self) -> None:
        if self.allows("invoice"):
            ops.invoice_order(self.ctx, order_id=self.order_id, on_done=self._after_command,
                              on_error=self._show_error)

    def cancel(self) -> None:
        if not self.allows("cancel"):
            return
        self._retry = lambda why: ops.cancel_order(self.ctx, order_id=self.order_id, reason=why,
                                                   on_done=self._after_command,
                                                   on_error=self._show_error)
        if self.order_status == "draft":
            self._retry("")
        else:
            self._ask_reason("cancel", self.tr("A confirmed order needs a reason to cancel."),
                             self.tr("Cancel reason"))

    def return_goods(self) -> None:
        if not self.allows("return"):
            return
        dialog = ReturnDialog(self.detail.lines, self)
        dialog.accepted.connect(lambda: ops.return_goods(
            self.ctx, order_id=self.order_id, lines=dialog.lines(), reason=dialog.reason.text(),
            on_done=self._after_command, on_error=self._show_error))
        self.return_dialog = dialog
        dialog.open()

    def print_delivery_note(self) -> None:
        if self.detail and self.detail.delivery_note_number:
            self._preview("delivery_note", self.detail.delivery_note_number)

    def print_invoice(self) -> None:
        if self.detail and self.detail.invoice_number:
            self._preview("sales_invoice", self.detail.invoice_number)

    def _preview(self, kind: str, number: str) -> None:
        from ui.printing.flow import open_preview
        from ui.printing.operations import DocumentRef

        self.preview_dialog = open_preview(self.ctx, self, ref=DocumentRef(kind, number))

    def _after_command(self, _result) -> None:
        self._hide_error()
        self._hide_reason()

    # -- reason field and errors ----------------------------------------------------------------------
    def _ask_reason(self, purpose: str, message: str, label: str) -> None:
        self._pending_reason = purpose
        self.error.setText(message)
        self.error.show()
        self.reason_label.setText(label)
        self.reason_label.show()
        self.reason.clear()
        self.reason.show()
        self.reason.setFocus()

    def _reason_entered(self) -> None:
        text = self.reason.text().strip()
        if self._pending_reason and (text or self._pending_reason == "deliver"):
            self._retry(text)

    def _hide_reason(self) -> None:
        self._pending_reason = None
        self.reason_label.hide()
        self.reason.hide()

    def _show_error(self, error: BaseException) -> None:
        show_exception(error, self, inline=self.error)

    def _hide_error(self) -> None:
        self.error.hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt name
        if (watched is self.reason and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape):
            self._escape()
            return True
        return super().eventFilter(watched, event)

    def _escape(self) -> None:
        if self.reason.isVisible():
            self._hide_reason()
            self._hide_error()
        else:
            self.closed.emit()


class ReturnDialog(QDialog):
    """Choose how much of each shipped line comes back (in base units), and why."""

    def __init__(self, lines, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return goods"))
        self._spins: list[tuple[str, QSpinBox]] = []
        form = QFormLayout(self)
        for line in lines:
            spin = QSpinBox(self)
            spin.setRange(0, line.base_quantity)
            spin.setObjectName(f"return_{line.line_no}")
            form.addRow(f"{line.sku} {line.product_name} (≤ {line.base_quantity})", spin)
            self._spins.append((line.id, spin))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("returnReason")
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def lines(self) -> list[tuple[str, int]]:
        return [(line_id, spin.value()) for line_id, spin in self._spins if spin.value() > 0]


def _product_label(hit) -> str:
    spec = f" {hit.spec}" if hit.spec else ""
    return f"{hit.sku}  {hit.name}{spec}"
