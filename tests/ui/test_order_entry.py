"""A clerk's whole order, typed and scanned with the keyboard, through shipping and payment."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import (
    open_draft_order,
    return_from_first_line,
    type_and_enter,
    wait_idle,
)


def test_clerk_types_and_scans_an_order_then_ships_and_collects(main_window, ui_ctx, sample,
                                                                  qtbot):
    screen = main_window.show_screen("sales")
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = screen.editor
    assert screen.pages.currentWidget() is editor

    # Outlet by part of its name, Enter picks the first match and starts a draft.
    type_and_enter(qtbot, editor.outlet, "好又多")
    qtbot.waitUntil(lambda: editor.order_status == "draft", timeout=5000)
    assert editor.product.hasFocus()

    # Product by pinyin initials; Enter picks; quantity; Enter; tier price is proposed; Enter adds.
    type_and_enter(qtbot, editor.product, "kkkl")
    qtbot.waitUntil(lambda: editor.entry is not None and editor.quantity.hasFocus(), timeout=5000)
    assert editor.price.text() == "3.00"  # tier A bottle price
    assert "没有" in editor.last_prices.text() or editor.last_prices.text()
    editor.quantity.lineEdit().selectAll()
    type_and_enter(qtbot, editor.quantity.lineEdit(), "6")
    assert editor.price.hasFocus()
    qtbot.keyClick(editor.price, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.lines_model.rowCount() == 1, timeout=5000)
    line = editor.lines_model.row_at(0)
    assert (line.sku, line.unit_name, line.quantity, line.amount_fen) == ("KKKL500", "瓶", 6, 1800)

    # Scanner: a case barcode in full-width digits (IME on) adds one case; again increments it.
    full_width_case = sample.case_ean.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    type_and_enter(qtbot, editor.product, full_width_case)
    qtbot.waitUntil(lambda: editor.lines_model.rowCount() == 2, timeout=5000)
    type_and_enter(qtbot, editor.product, sample.case_ean)
    qtbot.waitUntil(lambda: editor.lines_model.row_at(1).quantity == 2, timeout=5000)
    assert editor.lines_model.row_at(1).unit_name == "箱"

    # A price under the floor asks for a reason, then the line is saved with it.
    type_and_enter(qtbot, editor.product, "NFSQ")
    qtbot.waitUntil(lambda: editor.entry is not None and editor.quantity.hasFocus(), timeout=5000)
    qtbot.keyClick(editor.quantity.lineEdit(), Qt.Key.Key_Return)
    editor.price.selectAll()
    type_and_enter(qtbot, editor.price, "0.50")
    qtbot.waitUntil(lambda: editor.reason.isVisible(), timeout=5000)
    assert "最低价" in editor.error.text()
    type_and_enter(qtbot, editor.reason, "临期促销")
    qtbot.waitUntil(lambda: editor.lines_model.rowCount() == 3, timeout=5000)
    assert editor.lines_model.row_at(2).below_floor_reason == "临期促销"
    expected_total = 1800 + 2 * 24 * 300 + 50
    qtbot.waitUntil(lambda: editor.detail.order.total_fen == expected_total, timeout=5000)

    # Delete the last line with the keyboard.
    editor.lines.setFocus()
    editor.lines.selectRow(2)
    qtbot.keyClick(editor.lines, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.lines_model.rowCount() == 2, timeout=5000)

    # Confirm (F9) and ship (F10).
    qtbot.keyClick(editor, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: editor.order_status == "confirmed", timeout=5000)
    qtbot.keyClick(editor, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: editor.order_status == "shipped", timeout=5000)
    assert editor.detail.delivery_note_number.startswith("DN-D01-")
    assert ui_ctx.store.stock.on_hand(sample.cola_id) == 10 * 24 - 6 - 48

    # Invoice, then record the payment on the receivables screen.
    editor.buttons["invoice"].click()
    qtbot.waitUntil(lambda: editor.order_status == "invoiced", timeout=5000)
    order_total = editor.detail.order.total_fen
    receivables = main_window.show_screen("receivables")
    receivables.open_item(sample.outlet_id)
    wait_idle(qtbot, ui_ctx)
    assert ui_ctx.store.receivables.balance(sample.outlet_id) == order_total
    receivables.amount.setText(f"{order_total // 100}.{order_total % 100:02d}")
    qtbot.keyClick(receivables.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui_ctx.store.receivables.balance(sample.outlet_id) == 0, timeout=5000)
    wait_idle(qtbot, ui_ctx)
    assert "0.00" in receivables.balance_label.text()


def test_manager_overrides_credit_limit_with_a_reason(main_window, ui_ctx, sample, qtbot):
    ui_ctx.store.outlets.update(sample.outlet_id, credit_limit_fen=100)
    editor = open_draft_order(main_window, ui_ctx, sample, qtbot)
    qtbot.keyClick(editor.lines, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: editor.reason.isVisible(), timeout=5000)
    assert "超出信用额度" in editor.error.text()
    type_and_enter(qtbot, editor.reason, "老客户，月底结清")
    qtbot.waitUntil(lambda: editor.order_status == "confirmed", timeout=5000)
    assert ui_ctx.store.sales.get(editor.order_id).credit_override_reason == "老客户，月底结清"


def test_order_list_filters_by_status_and_number(main_window, ui_ctx, sample, qtbot):
    from app.services.sales import LineInput

    line = [LineInput(sample.cola_id, sample.cola_bottle, 1)]
    confirmed = ui_ctx.store.sales.create_order(outlet_id=sample.outlet_id, lines=line)
    draft = ui_ctx.store.sales.create_order(outlet_id=sample.outlet_id, lines=line, confirm=False)
    screen = main_window.show_screen("sales")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=5000)
    screen.status_box.setCurrentIndex(screen.status_box.findData("draft"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: screen.model.key_at(0) == draft.id, timeout=5000)
    screen.status_box.setCurrentIndex(0)
    type_and_enter(qtbot, screen.number_search, confirmed.number[-4:])
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.model.key_at(0) == confirmed.id,
                    timeout=5000)
    # Enter on the row opens the editor on that order.
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.editor.order_id == confirmed.id, timeout=5000)
    assert screen.pages.currentWidget() is screen.editor


def test_deliver_return_and_cancel_from_the_editor(main_window, ui_ctx, sample, qtbot):
    from app.services.sales import LineInput

    sales = ui_ctx.store.sales
    order = sales.create_order(outlet_id=sample.outlet_id,
                               lines=[LineInput(sample.cola_id, sample.cola_case, 2)])
    sales.ship(order_id=order.id)
    screen = main_window.show_screen("sales")
    screen.open_item(order.id)
    editor = screen.editor
    qtbot.waitUntil(lambda: editor.order_status == "shipped", timeout=5000)

    editor.buttons["deliver"].click()
    assert editor.reason.isVisible()
    type_and_enter(qtbot, editor.reason, "李老板")
    qtbot.waitUntil(lambda: editor.order_status == "delivered", timeout=5000)

    return_from_first_line(qtbot, editor, 6, "破损")
    qtbot.waitUntil(lambda: ui_ctx.store.stock.on_hand(sample.cola_id) == 240 - 48 + 6,
                    timeout=5000)

    # A confirmed order needs a reason to cancel; Esc closes the reason field without cancelling.
    second = sales.create_order(outlet_id=sample.outlet_id,
                                lines=[LineInput(sample.cola_id, sample.cola_bottle, 1)])
    screen.open_item(second.id)
    qtbot.waitUntil(lambda: editor.order_id == second.id, timeout=5000)
    editor.buttons["cancel"].click()
    assert editor.reason.isVisible()
    qtbot.keyClick(editor.reason, Qt.Key.Key_Escape)
    assert not editor.reason.isVisible() and editor.order_status == "confirmed"
    editor.buttons["cancel"].click()
    type_and_enter(qtbot, editor.reason, "客户改订")
    qtbot.waitUntil(lambda: editor.order_status == "cancelled", timeout=5000)


def test_a_late_answer_for_the_previous_order_does_not_replace_the_one_opened(
    main_window, ui_ctx, sample, qtbot
):
    from app.services.sales import LineInput

    sales = ui_ctx.store.sales
    first = sales.create_order(outlet_id=sample.outlet_id,
                               lines=[LineInput(sample.cola_id, sample.cola_bottle, 1)])
    second = sales.create_order(outlet_id=sample.outlet_id,
                                lines=[LineInput(sample.cola_id, sample.cola_bottle, 2)])
    screen = main_window.show_screen("sales")
    editor = screen.editor
    screen.open_item(second.id)
    qtbot.waitUntil(lambda: editor.order_id == second.id, timeout=5000)
    # A reload of the first order queued by an earlier command answers only now.
    editor._show_order(sales.get(first.id))
    assert editor.order_id == second.id
    assert editor.number.text() == second.number
