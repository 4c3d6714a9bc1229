"""Qt fixtures: a real migrated database with a small catalog, and an AppContext around it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from app.services.catalog import PackSpec
from app.services.stock import ReceiptLineIn
from app.sync.status import SyncStatus


@dataclass
class Sample:
    cola_id: str
    cola_bottle: str
    cola_case: str
    water_id: str
    outlet_id: str
    tier_id: str
    warehouse_id: str
    bottle_ean: str
    case_ean: str


def _ean13(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _gtin14(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


@pytest.fixture
def sample(store) -> Sample:
    """可口可乐 (bottle + case of 24, both with barcodes), 农夫山泉, an outlet on tier A,
    and 10 cases of cola in stock."""
    bottle_ean, case_ean = _ean13("690123456789"), _gtin14("1690123456789")
    catalog = store.catalog
    tier = catalog.create_price_tier(code="A", name="A 类") if not catalog.price_tiers() else \
        catalog.price_tiers()[0]
    cola = catalog.create_product(sku="KKKL500", name="可口可乐 500ml", base_unit="瓶",
                                  base_barcodes=[bottle_ean],
                                  packs=[PackSpec(name="箱", factor=24, barcodes=(case_ean,))],
                                  floor_price_fen=250, reorder_point=10)
    water = catalog.create_product(sku="NFSQ550", name="农夫山泉 550ml", base_unit="瓶",
                                   packs=[PackSpec(name="箱", factor=24)], floor_price_fen=100)
    catalog.set_price(product_id=cola.id, tier_id=tier.id, price_fen=300)
    catalog.set_price(product_id=water.id, tier_id=tier.id, price_fen=150)
    outlet = store.outlets.create(name="好又多便利店", phone="13800138000", address="人民路1号",
                                  tier_id=tier.id, credit_limit_fen=1_000_000)
    from ui.lookups import warehouses

    warehouse = warehouses(store)[0]
    case = cola.unit("箱")
    store.stock.receive(warehouse_id=warehouse.id, lines=[
        ReceiptLineIn(cola.id, case.id, 10, lot_no="L2026A",
                      production_date=dt.date.today() - dt.timedelta(days=10),
                      expiry_date=dt.date.today() + dt.timedelta(days=300)),
    ])
    return Sample(cola.id, cola.base.id, case.id, water.id, outlet.id, tier.id, warehouse.id,
                  bottle_ean, case_ean)


def sync_status(**fields) -> SyncStatus:
    """The core's status record of an enrolled, online PC with nothing waiting, never synced;
    `fields` change what a test needs."""
    quiet = SyncStatus(enrolled=True, online=True, last_success_at=None, last_attempt_at=None,
                       pending_count=0, parked=(), clock_skew_s=None, last_error_id="",
                       last_error_params={}, initial_sync_complete=True, inbound_errors=0)
    return dataclasses.replace(quiet, **fields)


class StubSyncEngine:
    """Status source for widget tests that do not need a real HQ."""

    def __init__(self) -> None:
        self.online = True
        self.cycles = 0

    def cycle(self) -> None:
        self.cycles += 1
        if not self.online:
            raise ConnectionError("HQ unreachable")

    def status(self) -> SyncStatus:
        return sync_status(online=self.online, last_success_at=dt.datetime(2026, 11, 27, 8, 0))


@pytest.fixture
def qapp_prepared(qapp, tmp_path):
    """The Qt application with the bundled font and Chinese translations installed."""
    from ui.fonts import install_app_font
    from ui.i18n import install_translators

    install_app_font(qapp)
    install_translators(qapp, "zh_CN", fallback_dir=tmp_path / "i18n")
    yield qapp


@pytest.fixture
def ui_ctx(store, qapp_prepared, tmp_path):
    from ui.app import make_context
    from ui.settings import UiSettings
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    ctx = make_context(store, runner, UiSettings(tmp_path), tmp_path, sync_engine=StubSyncEngine())
    yield ctx
    runner.shutdown()


@pytest.fixture
def main_window(ui_ctx, qtbot):
    from ui.main_window import MainWindow

    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.isActiveWindow())
    yield window
    window.close()


def wait_idle(qtbot, ctx, timeout: int = 5000) -> None:
    """Wait until the task runner has delivered every result."""
    qtbot.waitUntil(lambda: not ctx.runner.busy, timeout=timeout)


def ime_commit(widget, text: str) -> None:
    """Text as the Chinese input method delivers it (QTest can only type ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_text(qtbot, widget, text: str) -> None:
    """Keys for ASCII, input-method commits for Chinese and full-width characters."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            ime_commit(widget, char)


def type_and_enter(qtbot, widget, text: str) -> None:
    type_text(qtbot, widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def return_from_first_line(qtbot, editor, quantity: int, reason: str) -> None:
    """The clerk opens the return dialog of the editor's order and sends back `quantity` base
    units of its first line."""
    editor.buttons["return"].click()
    dialog = editor.return_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog._spins[0][1].setValue(quantity)
    type_text(qtbot, dialog.reason, reason)
    dialog.accept()


def open_draft_order(main_window, ctx, sample, qtbot):
    """A draft of one case of cola for the sample outlet, open in the order editor."""
    from app.services.sales import LineInput

    order = ctx.store.sales.create_order(
        outlet_id=sample.outlet_id, lines=[LineInput(sample.cola_id, sample.cola_case, 1)],
        confirm=False)
    screen = main_window.show_screen("sales")
    screen.open_item(order.id)
    editor = screen.editor
    qtbot.waitUntil(lambda: editor.order_id == order.id and editor.order_status == "draft",
                    timeout=5000)
    return editor
