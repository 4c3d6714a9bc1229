"""Every screen renders (not blank, Chinese glyphs available) and shows no untranslated text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)

from tests.ui.conftest import wait_idle
from ui.i18n import ts_file

SCREENS = ["dashboard", "sales", "outlets", "stock", "purchasing", "receivables", "sync",
           "settings"]


def english_sources() -> set[str]:
    """English source strings whose Chinese translation differs (so seeing one is a bug)."""
    tree = ET.parse(ts_file("zh_CN"))
    found = set()
    for message in tree.iter("message"):
        source = message.findtext("source")
        if source and message.findtext("translation") != source:
            found.add(source)
    return found


def visible_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal))
                      for c in range(model.columnCount())]
            for row in range(min(model.rowCount(), 20)):
                texts += [str(model.data(model.index(row, c)) or "")
                          for c in range(model.columnCount())]
    return [t for t in texts if t]


def _with_data(ui_ctx, sample) -> None:
    """Something on every list: a shipped order, a pending filing, a receivable, a PO."""
    from app.services.purchasing import PoLineIn
    from app.services.sales import LineInput

    store = ui_ctx.store
    order = store.sales.create_order(outlet_id=sample.outlet_id,
                                     lines=[LineInput(sample.cola_id, sample.cola_case, 2)])
    store.sales.ship(order_id=order.id)
    store.sales.invoice(order_id=order.id)
    store.filings.create(sample.outlet_id, submit=True)
    store.purchasing.create_draft(warehouse_id=sample.warehouse_id,
                                  lines=[PoLineIn(sample.water_id, None, 48, 120)])


@pytest.mark.parametrize("key", SCREENS)
def test_screen_renders_in_chinese_without_english_left(main_window, ui_ctx, sample, qtbot,
                                                        tmp_path, key):
    _with_data(ui_ctx, sample)
    screen = main_window.show_screen(key)
    wait_idle(qtbot, ui_ctx)
    qtbot.wait(50)
    wait_idle(qtbot, ui_ctx)
    image = main_window.grab().toImage()
    path = tmp_path / f"{key}.png"
    assert image.save(str(path))
    assert path.stat().st_size > 5000
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 8, f"{key} looks blank"
    metrics = QFontMetrics(QApplication.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "客户销售单库存"), "no CJK glyphs"

    english = english_sources()
    leftovers = [t for t in visible_texts(main_window) if t in english]
    assert not leftovers, f"untranslated on {key}: {leftovers}"
    assert screen.isVisible()


def test_order_editor_renders_in_chinese(main_window, ui_ctx, sample, qtbot):
    screen = main_window.show_screen("sales")
    screen.new_order()
    wait_idle(qtbot, ui_ctx)
    english = english_sources()
    assert not [t for t in visible_texts(main_window) if t in english]
