"""Each command of the order editor is one service call: its result names what it changed,
the operation announces exactly that on the change bus, and the editor reloads its order once,
from the notice (STYLE §5, §6b)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from app.services.changes import Changes
from app.services.sales import LineInput
from tests.ui.conftest import return_from_first_line, type_and_enter, wait_idle
from ui.models.lines import QTY_COLUMN
from ui.operations import sales as ops


@dataclass(frozen=True)
class Command:
    state: str  # what the order is when the clerk opens it
    lines: int  # how many lines it has
    act: Callable  # (editor, qtbot, sample) -> None: what the clerk does
    done: Callable  # (editor, detail before) -> bool: the editor shows the result
    notice: Callable  # (order id, sample) -> the Changes announced
    prepare: Callable | None = None  # (editor, qtbot) before the command, not counted


def only_order(order_id, _sample) -> Changes:
    return Changes(sales_orders=(order_id,))


def pick_water(editor, qtbot) -> None:
    type_and_enter(qtbot, editor.product, "nfsq")
    qtbot.waitUntil(lambda: editor.entry is not None and editor.quantity.hasFocus(), timeout=5000)
    qtbot.keyClick(editor.quantity.lineEdit(), Qt.Key.Key_Return)


def add_line(editor, qtbot, _sample) -> None:
    qtbot.keyClick(editor.price, Qt.Key.Key_Return)


def change_quantity(editor, _qtbot, _sample) -> None:
    editor.lines_model.setData(editor.lines_model.index(0, QTY_COLUMN), "5")


def scan_case(editor, qtbot, sample) -> None:
    type_and_enter(qtbot, editor.product, sample.case_ean)


def delete_last_line(editor, qtbot, _sample) -> None:
    editor.lines.setFocus()
    editor.lines.selectRow(1)
    qtbot.keyClick(editor.lines, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)


def key(which):
    return lambda editor, qtbot, _sample: qtbot.keyClick(editor.lines, which)


def button(name):
    return lambda editor, _qtbot, _sample: editor.buttons[name].click()


def deliver(editor, qtbot, _sample) -> None:
    editor.buttons["deliver"].click()
    type_and_enter(qtbot, editor.reason, "李老板")


def return_six(editor, qtbot, _sample) -> None:
    return_from_first_line(qtbot, editor, 6, "破损")


def status(wanted):
    return lambda editor, _before: editor.order_status == wanted


def rows(count):
    return lambda editor, _before: editor.lines_model.rowCount() == count


COMMANDS = {
    "add line": Command("draft", 1, add_line, rows(2), only_order, prepare=pick_water),
    "change quantity": Command("draft", 1, change_quantity,
                               lambda e, _b: e.lines_model.row_at(0).quantity == 5, only_order),
    "scan": Command("draft", 1, scan_case,  # the order's line is a case: one more case
                    lambda e, _b: e.lines_model.row_at(0).quantity == 3, only_order),
    "delete line": Command("draft", 2, delete_last_line, rows(1), only_order),
    "confirm": Command("draft", 1, key(Qt.Key.Key_F9), status("confirmed"), only_order),
    "cancel draft": Command("draft", 1, button("cancel"), status("cancelled"), only_order),
    "ship": Command("confirmed", 1, key(Qt.Key.Key_F10), status("shipped"),
                    lambda order_id, sample: Changes(sales_orders=(order_id,),
                                                     stock=(sample.cola_id,))),
    "deliver": Command("shipped", 1, deliver, status("delivered"), only_order),
    "invoice": Command("shipped", 1, button("invoice"), status("invoiced"),
                       lambda order_id, sample: Changes(sales_orders=(order_id,),
                                                        receivables=(sample.outlet_id,))),
    "return": Command("shipped", 1, return_six,
                      lambda e, before: e.detail.order.rev > before.order.rev,
                      lambda order_id, sample: Changes(sales_orders=(order_id,),
                                                       stock=(sample.cola_id,),
                                                       receivables=(sample.outlet_id,))),
}


def order_in(store, sample, state: str, lines: int) -> str:
    products = [sample.cola_id, sample.water_id][:lines]
    units = {sample.cola_id: sample.cola_case}
    order = store.sales.create_order(
        outlet_id=sample.outlet_id, confirm=state != "draft",
        lines=[LineInput(p, units.get(p) or store.catalog.get(p).base.id, 2) for p in products])
    if state == "shipped":
        store.sales.ship(order_id=order.id)
    return order.id


@pytest.fixture
def loads(monkeypatch):
    """The order ids the editor asks to load, one entry per reload."""
    asked: list[str] = []
    real = ops.load_order

    def counted(ctx, *, order_id, **callbacks):
        asked.append(order_id)
        real(ctx, order_id=order_id, **callbacks)

    monkeypatch.setattr(ops, "load_order", counted)
    return asked


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_reloads_the_order_once_from_its_notice(main_window, ui_ctx, sample, qtbot,
                                                             loads, name):
    command = COMMANDS[name]
    order_id = order_in(ui_ctx.store, sample, command.state, command.lines)
    screen = main_window.show_screen("sales")
    editor = screen.editor
    screen.open_item(order_id)
    qtbot.waitUntil(lambda: editor.order_status == command.state, timeout=5000)
    if command.prepare is not None:
        command.prepare(editor, qtbot)
    wait_idle(qtbot, ui_ctx)
    notices: list[Changes] = []
    ui_ctx.bus.changed.connect(notices.append)
    loads.clear()
    before = editor.detail

    command.act(editor, qtbot, sample)
    qtbot.waitUntil(lambda: command.done(editor, before), timeout=5000)
    wait_idle(qtbot, ui_ctx)

    assert loads == [order_id]
    assert notices == [command.notice(order_id, sample)]


def test_other_screens_refresh_from_the_notices_of_the_editor(main_window, ui_ctx, sample, qtbot):
    """Shipping names the products it moved, invoicing the outlet that owes: the stock and
    receivables screens, hidden meanwhile, show the new figures when the clerk comes back."""
    from ui import fmt

    order_id = order_in(ui_ctx.store, sample, "confirmed", 1)
    stock = main_window.show_screen("stock")
    stock.open_item(sample.cola_id)
    qtbot.waitUntil(lambda: "240" in stock.product_label.text(), timeout=5000)
    receivables = main_window.show_screen("receivables")
    receivables.open_item(sample.outlet_id)
    qtbot.waitUntil(lambda: fmt.money(0) in receivables.balance_label.text(), timeout=5000)

    sales = main_window.show_screen("sales")
    sales.open_item(order_id)
    editor = sales.editor
    qtbot.waitUntil(lambda: editor.order_status == "confirmed", timeout=5000)
    qtbot.keyClick(editor.lines, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: editor.order_status == "shipped", timeout=5000)
    editor.buttons["invoice"].click()
    qtbot.waitUntil(lambda: editor.order_status == "invoiced", timeout=5000)
    owed = editor.detail.order.total_fen

    main_window.show_screen("stock")
    qtbot.waitUntil(lambda: "192" in stock.product_label.text(), timeout=5000)
    main_window.show_screen("receivables")
    qtbot.waitUntil(lambda: fmt.money(owed) in receivables.balance_label.text(), timeout=5000)
    assert receivables.invoice_model.rowCount() == 1
