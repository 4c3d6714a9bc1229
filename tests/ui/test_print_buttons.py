"""Issue 5: print from the purchase-order and outlet screens, and the print log in the settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdfWidgets")

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from app.services.doc_loaders import statement_number  # noqa: E402
from app.services.purchasing import PoLineIn  # noqa: E402
from tests.ui.conftest import wait_idle  # noqa: E402

TIMEOUT = 15_000


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def preview_text(dialog) -> str:
    """The previewed PDF's first page as QtPdf extracts it, without layout spaces."""
    return "".join(dialog.document.getAllText(0).text().split())


def loaded(qtbot, dialog):
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() >= 1, timeout=TIMEOUT)
    return dialog


@pytest.fixture
def po(ui_ctx, sample):
    return ui_ctx.store.purchasing.create_draft(
        warehouse_id=sample.warehouse_id, lines=[PoLineIn(sample.water_id, None, 48, 120)])


def test_po_print_button_previews_the_open_purchase_order(ui_ctx, sample, po, qtbot):
    from ui.screens.purchasing import PurchasingScreen

    screen = PurchasingScreen(ui_ctx)
    qtbot.addWidget(screen)
    button = screen.buttons["print"]
    assert button.text() == "打印订货单"
    assert not button.isEnabled()  # nothing open yet
    screen.open_item(po.id)
    qtbot.waitUntil(button.isEnabled, timeout=TIMEOUT)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = loaded(qtbot, screen.preview_dialog)
    assert po.number in dialog.windowTitle()
    text = preview_text(dialog)
    assert po.number in text
    assert "订货单" in text and "农夫山泉" in text
    assert ui_ctx.store.printing.print_log() == []  # a preview is not a print


def test_outlet_statement_button_previews_that_outlets_statement_for_the_period(
    ui_ctx, sample, qtbot, monkeypatch, tmp_path
):
    from ui.printing import flow
    from ui.screens.outlets import OutletsScreen

    outlet = ui_ctx.store.outlets.get(sample.outlet_id)
    screen = OutletsScreen(ui_ctx)
    qtbot.addWidget(screen)
    assert screen.statement_button.text() == "打印对账单"
    assert not screen.statement_button.isEnabled()  # a new, unsaved outlet has no statement
    today = dt.date.today()
    assert screen.statement_period() == (today.replace(day=1), today)
    screen.open_item(sample.outlet_id)
    qtbot.waitUntil(screen.statement_button.isEnabled, timeout=TIMEOUT)
    screen.statement_from.setDate(QDate(2026, 1, 1))
    screen.statement_to.setDate(QDate(2026, 1, 31))
    qtbot.mouseClick(screen.statement_button, Qt.MouseButton.LeftButton)
    dialog = loaded(qtbot, screen.preview_dialog)
    assert outlet.code in dialog.windowTitle()
    text = preview_text(dialog)
    assert "好又多便利店" in text and "对账单" in text
    assert "2026-01-01" in text and "2026-01-31" in text
    # 打印 in the preview prints that statement and logs it under the outlet and period.
    monkeypatch.setattr(flow, "choose_printer",
                        lambda *a, **k: pdf_printer(tmp_path / "statement.pdf"))
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    (entry,) = ui_ctx.store.printing.print_log()
    assert entry.doc_type == "statement"
    assert entry.doc_number == statement_number(outlet.code, dt.date(2026, 1, 1),
                                                dt.date(2026, 1, 31))
    assert entry.doc_number == f"ST-{outlet.code}-260101-260131"  # the whole period survives


def log_rows(widget) -> list[list[str]]:
    model = widget.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_print_log_tab_lists_a_print_as_soon_as_it_is_made(ui_ctx, sample, po, qtbot,
                                                           tmp_path):
    from ui.printing import operations as print_ops
    from ui.printing.operations import DocumentRef
    from ui.screens.settings import SettingsScreen

    screen = SettingsScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    tab = screen.tabs.indexOf(screen.print_log)
    assert screen.tabs.tabText(tab) == "打印记录"
    screen.tabs.setCurrentIndex(tab)
    wait_idle(qtbot, ui_ctx)
    assert screen.print_log.model.rowCount() == 0
    printed = []
    for count in (1, 2):  # the second is a reprint
        print_ops.print_document(ui_ctx, ref=DocumentRef("purchase_order", po.number),
                                 printer=pdf_printer(tmp_path / "po.pdf"), on_done=printed.append)
        qtbot.waitUntil(lambda n=count: len(printed) == n, timeout=TIMEOUT)
    # The change bus announced the prints: the visible tab reloaded by itself, newest first.
    qtbot.waitUntil(lambda: screen.print_log.model.rowCount() == 2, timeout=TIMEOUT)
    newest, first = log_rows(screen.print_log)
    assert newest[1:] == ["manager", "订货单", po.number, "1", "1", "A4"]
    assert first[5] == ""  # the original print is no reprint
    assert newest[0].startswith(dt.date.today().isoformat()[:4])


def test_print_log_tab_reloads_when_shown_again(ui_ctx, sample, po, qtbot):
    from ui.screens.settings import SettingsScreen

    screen = SettingsScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.tabs.setCurrentIndex(screen.tabs.indexOf(screen.print_log))
    wait_idle(qtbot, ui_ctx)
    screen.tabs.setCurrentIndex(0)
    # Printed elsewhere without the bus (e.g. `channeldesk print` beside the desktop).
    ui_ctx.store.printing.render("purchase_order", po.number)
    wait_idle(qtbot, ui_ctx)
    assert screen.print_log.model.rowCount() == 0
    screen.tabs.setCurrentIndex(screen.tabs.indexOf(screen.print_log))
    qtbot.waitUntil(lambda: screen.print_log.model.rowCount() == 1, timeout=TIMEOUT)
