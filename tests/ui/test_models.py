"""Every table model passes Qt's model tester, and the order list stays small in memory."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from tests.ui.conftest import wait_idle


def _check(qtmodeltester, model) -> None:
    qtmodeltester.check(model, force_py=True)


def _orders(store, sample, count: int) -> None:
    """Bulk orders straight into the table (the list only reads them)."""
    from app.db.models import SalesOrder
    from app.ids import new_id

    day = dt.date(2026, 1, 1)
    rows = [dict(id=new_id(), number=f"SO-D01-2026{i:06d}", outlet_id=sample.outlet_id,
                 warehouse_id=sample.warehouse_id, status="confirmed",
                 order_date=day + dt.timedelta(days=i % 300), total_fen=100 * i, note="",
                 credit_override_reason="", cancel_reason="", rev=1,
                 created_at=dt.datetime(2026, 1, 1), updated_at=dt.datetime(2026, 1, 1))
            for i in range(count)]
    with store.ctx.write() as uow:
        uow.session.execute(insert(SalesOrder), rows)


def test_order_list_model_windowed_pages(ui_ctx, sample, qtbot, qtmodeltester):
    from ui.lookups import OrderFilter
    from ui.models.orders import OrderListModel

    _orders(ui_ctx.store, sample, 2500)
    model = OrderListModel(ui_ctx.runner, ui_ctx.store)
    model.set_filter(OrderFilter())
    qtbot.waitUntil(lambda: model.rowCount() == 2500, timeout=5000)
    first = model.row_at(0)
    assert first.order_date == max(dt.date(2026, 1, 1) + dt.timedelta(days=i % 300)
                                   for i in range(2500))
    # Jump to the end: one page is fetched for it, not every page before it.
    model.data(model.index(2499, 0))
    qtbot.waitUntil(lambda: model.row_at(2499) is not None, timeout=5000)
    keys = [model.row_at(2499).key]
    assert keys[0][0] == dt.date(2026, 1, 1)
    for row in range(0, 2500, 100):
        model.data(model.index(row, 0))
        wait_idle(qtbot, ui_ctx)
    assert model.cached_rows() <= model.max_pages * model.page_size
    _check(qtmodeltester, model)
    model.set_filter(OrderFilter(status="draft"))
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=5000)
    _check(qtmodeltester, model)


def test_incremental_models(ui_ctx, sample, qtbot, qtmodeltester):
    from ui.models.outlets import OutletListModel
    from ui.models.stock import LedgerModel

    outlets = OutletListModel(ui_ctx.runner, ui_ctx.store)
    outlets.search("")
    qtbot.waitUntil(lambda: outlets.rowCount() == 1, timeout=5000)
    assert not outlets.canFetchMore()
    _check(qtmodeltester, outlets)
    ledger = LedgerModel(ui_ctx.runner, ui_ctx.store)
    ledger.show_product(sample.cola_id)
    qtbot.waitUntil(lambda: ledger.rowCount() == 1, timeout=5000)
    assert ledger.data(ledger.index(0, 4)) == "240"
    _check(qtmodeltester, ledger)


@pytest.mark.parametrize("screen_key", ["sales", "outlets", "stock", "purchasing",
                                        "receivables", "sync", "settings"])
def test_models_of_every_screen(main_window, ui_ctx, sample, qtbot, qtmodeltester, screen_key):
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QAbstractItemView

    screen = main_window.show_screen(screen_key)
    wait_idle(qtbot, ui_ctx)
    models = {view.model() for view in screen.findChildren(QAbstractItemView)
              if isinstance(view.model(), QAbstractItemModel)}
    ours = [m for m in models if type(m).__module__.startswith("ui.")]
    assert ours, "every data screen has at least one of our table models"
    for model in ours:
        _check(qtmodeltester, model)
