"""The status bar follows a real HQ server (127.0.0.1) stopping and coming back."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from app.sync.engine import Backoff
from tests.sync.fixtures import hq_sqlite, sqlite_hq_url  # noqa: F401 - fixtures
from tests.sync.harness import enroll_code, seed_hq


def test_status_bar_goes_offline_and_back_online_with_pending_count(
        store, qapp_prepared, tmp_path, qtbot, hq_sqlite):  # noqa: F811
    from ui.app import make_context
    from ui.main_window import MainWindow
    from ui.settings import UiSettings
    from ui.sync_adapter import SyncEngineAdapter
    from ui.tasks import TaskRunner

    seed_hq(hq_sqlite.db, "DX")
    runner = TaskRunner()
    engine = SyncEngineAdapter(store, max_attempts=2, stall_timeout=2.0,
                               backoff=Backoff(base=0.01, cap=0.05))
    ctx = make_context(store, runner, UiSettings(tmp_path), tmp_path, sync_engine=engine)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    bar = window.status
    try:
        # The manager enrolls this PC on the settings screen; a first sync follows by itself.
        settings = window.show_screen("settings")
        settings.tabs.setCurrentIndex(2)
        settings.hq_url.setText(hq_sqlite.url)
        settings.enroll_code.setText(enroll_code(hq_sqlite.db, "DX"))
        settings.findChild(QPushButton, "enrollButton").click()
        qtbot.waitUntil(lambda: "已注册为 DX" in settings.hq_message.text(), timeout=20000)
        qtbot.waitUntil(lambda: bar.online_label.text() == "● 在线"
                        and "从未" not in bar.last_sync_label.text(), timeout=20000)
        assert bar.pending_label.text() == "待上传：0"

        hq_sqlite.stop()
        outlet = store.outlets.create(name="离线新客户", phone="13900000000")  # queued offline
        ctx.bus.announce(outlet.changes)
        ctx.sync.sync_now()
        qtbot.waitUntil(lambda: bar.online_label.text() == "● 离线", timeout=20000)
        qtbot.waitUntil(lambda: bar.pending_label.text() == "待上传：1", timeout=5000)

        hq_sqlite._start()  # same port: HQ is back
        ctx.sync.sync_now()
        qtbot.waitUntil(lambda: bar.online_label.text() == "● 在线", timeout=20000)
        qtbot.waitUntil(lambda: bar.pending_label.text() == "待上传：0", timeout=5000)
        assert not bar.parked_button.isVisible()
    finally:
        window.close()
        runner.shutdown()
