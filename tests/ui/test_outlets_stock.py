"""Outlet with filing, goods receipt and a stocktake, driven through the real screens."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.services.changes import Changes
from tests.ui.conftest import type_and_enter, type_text, wait_idle


def test_new_outlet_warns_of_duplicate_then_files_with_hq(main_window, ui_ctx, sample, qtbot):
    screen = main_window.show_screen("outlets")
    wait_idle(qtbot, ui_ctx)
    screen.new_outlet()
    type_text(qtbot, screen.inputs["name"], "好又多超市")  # the sample outlet is 好又多便利店
    type_text(qtbot, screen.inputs["phone"], "138 0013 8000")
    type_text(qtbot, screen.inputs["address"], "人民路1号")
    screen.save_button.click()
    qtbot.waitUntil(lambda: screen.save_anyway.isVisible(), timeout=5000)
    assert "好又多便利店" in screen.error.text()
    assert screen.current is None  # nothing was saved

    screen.save_anyway.click()
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5000)
    outlet = screen.current
    assert outlet.name == "好又多超市"
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=5000)

    screen.file_button.click()
    qtbot.waitUntil(lambda: screen.filing_model.rowCount() == 1, timeout=5000)
    filing = screen.filing_model.row_at(0)
    assert filing.status == "pending"
    index = screen.filing_model.index(0, 0)
    assert screen.filing_model.data(index) == "总部审核中"

    # HQ approves through sync; the screen refreshes itself and shows the protection end.
    until = dt.date.today() + dt.timedelta(days=180)
    ui_ctx.store.filings.apply_hq_decision(filing.id, status="approved", protection_until=until)
    ui_ctx.bus.announce(Changes(from_hq=True))
    qtbot.waitUntil(lambda: screen.filing_model.row_at(0).status == "approved", timeout=5000)
    assert screen.filing_model.data(screen.filing_model.index(0, 2)) == until.isoformat()


def test_goods_receipt_with_lot_and_expiry(main_window, ui_ctx, sample, qtbot):
    screen = main_window.show_screen("stock")
    screen.tabs.setCurrentIndex(1)
    wait_idle(qtbot, ui_ctx)
    type_and_enter(qtbot, screen.receipt_product, "nfsq")
    qtbot.waitUntil(lambda: screen.receipt_unit.count() > 0, timeout=5000)
    screen.receipt_qty.setValue(5)
    screen.receipt_has_expiry.setChecked(True)
    type_and_enter(qtbot, screen.receipt_lot, "W2026-11")
    assert screen.receipt_model.rowCount() == 1
    before = ui_ctx.store.stock.on_hand(sample.water_id)
    screen.post_receipt()
    qtbot.waitUntil(lambda: screen.receipt_model.rowCount() == 0, timeout=5000)
    assert "已入库" in screen.receipt_message.text()
    assert ui_ctx.store.stock.on_hand(sample.water_id) == before + 5 * 24
    batches = ui_ctx.store.stock.batches(sample.water_id)
    assert [b.lot_no for b in batches] == ["W2026-11"] and batches[0].expiry_date is not None


def test_stocktake_counts_and_posts_the_difference(main_window, ui_ctx, sample, qtbot):
    screen = main_window.show_screen("stock")
    screen.tabs.setCurrentIndex(3)
    wait_idle(qtbot, ui_ctx)
    screen.start_stocktake()
    qtbot.waitUntil(lambda: screen.count_model.rowCount() == 1, timeout=5000)
    line = screen.count_model.row_at(0)
    assert line.expected_qty == 240
    # Type the count into the table: the first key opens the editor, Enter commits.
    table = screen.count_table
    table.setFocus()
    table.setCurrentIndex(screen.count_model.index(0, 4))
    qtbot.keyClicks(table, "2")  # opens the cell editor with the first digit
    editor = table.focusWidget()
    assert editor is not table
    qtbot.keyClicks(editor, "36")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.count_model.row_at(0).counted_qty == 236, timeout=5000)
    assert screen.count_model.row_at(0).difference == -4
    screen.post_stocktake()
    qtbot.waitUntil(lambda: screen.stocktake.status == "posted", timeout=5000)
    assert ui_ctx.store.stock.on_hand(sample.cola_id) == 236
    assert "已过账" in screen.count_title.text()
