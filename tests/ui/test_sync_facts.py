"""The sync screen and the status bar tell the clerk whether this PC's data matches HQ's and
how many HQ changes wait for related data, in Chinese and in English."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import pytest
from PySide6.QtWidgets import QFormLayout

from app.sync.status import SyncStatus
from tests.ui.conftest import sync_status, wait_idle

CHECKED_UTC = dt.datetime(2026, 11, 27, 8, 0)  # stored naive UTC, shown as Beijing time
CHECKED_SHOWN = "2026-11-27 16:00"

NEVER = sync_status()
MATCHES = dataclasses.replace(NEVER, integrity_ok=True, integrity_checked_at=CHECKED_UTC)
DIFFERS = dataclasses.replace(NEVER, integrity_ok=False, integrity_checked_at=CHECKED_UTC,
                              integrity_streams=("outlets", "sales_orders"))
WAITING_ONE = dataclasses.replace(MATCHES, inbound_waiting=1)
WAITING_MANY = dataclasses.replace(MATCHES, inbound_waiting=3)

EXPECTED = {  # state → (Chinese, English) of the "Data check" line
    "never": (NEVER, "尚未核对", "Not checked yet"),
    "matches": (MATCHES, f"与总部一致（核对于 {CHECKED_SHOWN}）", f"Matches HQ (checked {CHECKED_SHOWN})"),
    "differs": (DIFFERS, f"与总部不一致（核对于 {CHECKED_SHOWN}）：门店、销售订单。请联系技术支持。",
                f"Differs from HQ (checked {CHECKED_SHOWN}): outlets, sales orders. "
                "Please contact support."),
}


@pytest.fixture
def beijing_time(monkeypatch):
    """Times on screen are the PC's local time: pin it so the expected text is exact."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp_prepared, tmp_path):
    """Widgets take their words when built, as after a restart in that language."""
    from ui.i18n import install_translators

    install_translators(qapp_prepared, request.param, fallback_dir=tmp_path / "i18n")
    yield request.param
    install_translators(qapp_prepared, "zh_CN", fallback_dir=tmp_path / "i18n")


def open_sync_screen(ctx, qtbot):
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window, window.show_screen("sync")


@pytest.fixture
def adapter_ctx(store, qapp_prepared, tmp_path):
    """The app's context around the real adapter: the facts are read from the database."""
    from ui.app import make_context
    from ui.settings import UiSettings
    from ui.sync_adapter import SyncEngineAdapter
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    yield make_context(store, runner, UiSettings(tmp_path), tmp_path,
                       sync_engine=SyncEngineAdapter(store))
    runner.shutdown()


def open_with_first_status(ctx, qtbot):
    window, screen = open_sync_screen(ctx, qtbot)
    qtbot.waitUntil(lambda: ctx.sync.last_status is not None, timeout=5000)
    wait_idle(qtbot, ctx)
    return window, screen


def show(ctx, qtbot, status: SyncStatus):
    """The engine reports `status`; the controller reads it on the database thread and
    publishes it to the screen and the status bar, as in the app."""
    ctx.sync.engine.status = lambda: status
    window, screen = open_sync_screen(ctx, qtbot)
    wait_idle(qtbot, ctx)
    assert ctx.sync.last_status is status
    return window, screen


def row_label(screen, field) -> str:
    form = next(child for child in screen.layout().children() if isinstance(child, QFormLayout))
    return form.labelForField(field).text()


@pytest.mark.parametrize("state", EXPECTED)
def test_data_check_line_in_each_state(ui_ctx, language, beijing_time, qtbot, state):
    status, chinese, english = EXPECTED[state]
    window, screen = show(ui_ctx, qtbot, status)
    assert row_label(screen, screen.integrity) == ("数据核对" if language == "zh_CN" else "Data check")
    assert screen.integrity.text() == (chinese if language == "zh_CN" else english)
    assert ("#c0392b" in screen.integrity.styleSheet()) == (state == "differs")
    assert not screen.waiting.isVisibleTo(screen)


@pytest.mark.parametrize(("status", "chinese", "english"), [
    (WAITING_ONE, "1 条总部数据等待关联数据到达", "1 change from HQ is waiting for related data"),
    (WAITING_MANY, "3 条总部数据等待关联数据到达", "3 changes from HQ are waiting for related data"),
])
def test_waiting_count_is_shown_when_above_zero(ui_ctx, language, qtbot, status, chinese, english):
    window, screen = show(ui_ctx, qtbot, status)
    assert screen.waiting.isVisibleTo(screen)
    assert screen.waiting.text() == (chinese if language == "zh_CN" else english)


@pytest.mark.parametrize("status", [NEVER, MATCHES, WAITING_MANY])
def test_status_bar_marker_hidden_unless_data_differs(ui_ctx, qtbot, status):
    window, _screen = show(ui_ctx, qtbot, status)
    assert not window.status.integrity_button.isVisibleTo(window)


def test_status_bar_marker_on_mismatch_explains_and_opens_sync(ui_ctx, language, qtbot):
    window, _screen = show(ui_ctx, qtbot, DIFFERS)
    marker = window.status.integrity_button
    assert marker.isVisibleTo(window)
    if language == "zh_CN":
        assert marker.text() == "⚠ 数据与总部不一致"
        assert "联系技术支持" in marker.toolTip()
    else:
        assert marker.text() == "⚠ Data differs from HQ"
        assert "contact support" in marker.toolTip()
    window.show_screen("dashboard")
    marker.click()
    assert window.stack.currentWidget() is window.screen("sync")


def test_facts_from_a_real_database_reach_the_screen(store, adapter_ctx, beijing_time, qtbot):
    """What the pull and the convergence check leave in sync_meta and inbound_deferred, read
    by the real adapter on the database thread."""
    from app.db.models.sync import InboundDeferred
    from app.sync.status import write_meta

    write_meta(store.ctx, integrity_ok="0", integrity_checked_at=CHECKED_UTC.isoformat(),
               integrity_streams="stock,payments")
    with store.ctx.write() as uow:
        for n in (1, 2):
            uow.session.add(InboundDeferred(entity="payment", entity_id=f"pay-{n}", change={},
                                            missing="outlet"))
    window, screen = open_with_first_status(adapter_ctx, qtbot)
    assert screen.integrity.text() == (
        f"与总部不一致（核对于 {CHECKED_SHOWN}）：库存、收款。请联系技术支持。")
    assert screen.waiting.text() == "2 条总部数据等待关联数据到达"
    assert window.status.integrity_button.isVisibleTo(window)

    write_meta(store.ctx, integrity_ok="1")  # the next check found everything equal
    with store.ctx.write() as uow:
        uow.session.query(InboundDeferred).delete()
    adapter_ctx.sync.refresh_status()
    wait_idle(qtbot, adapter_ctx)
    assert screen.integrity.text() == f"与总部一致（核对于 {CHECKED_SHOWN}）"
    assert not screen.waiting.isVisibleTo(screen)
    assert not window.status.integrity_button.isVisibleTo(window)
    window.close()


def test_an_op_hq_refused_reaches_the_badge_the_sync_screen_and_the_dashboard(
        store, adapter_ctx, beijing_time, qtbot):
    """The core's parked ops, read by the real adapter, are what the three places list."""
    from app.db.models.sync import OutboxOp
    from ui import fmt

    outlet = store.outlets.create(name="好又多便利店", phone="13800138000")
    store.outlets.create(name="第二家", phone="13900139000")  # still waiting to upload
    with store.ctx.write() as uow:
        op = uow.session.query(OutboxOp).filter_by(entity_id=outlet.id).one()
        op.state, op.last_error = "parked", "outlet.code_taken"
        queued_at = op.device_time
    window, screen = open_with_first_status(adapter_ctx, qtbot)
    assert window.status.parked_button.isVisibleTo(window)
    assert window.status.parked_button.text() == "1 条被拒"
    assert window.status.pending_label.text() == "待上传：1"
    assert window.status.online_label.text() == "未连接总部"  # never enrolled
    assert screen.pending.text() == "1"
    assert screen.parked_model.rowCount() == 1
    row = [screen.parked_model.data(screen.parked_model.index(0, column)) for column in range(4)]
    assert row == ["outlet.create", outlet.id, fmt.local_time(queued_at), "outlet.code_taken"]
    dashboard = window.show_screen("dashboard")
    assert dashboard.lists["parked"].item(0).text() == "outlet.create: outlet.code_taken"
    window.close()
