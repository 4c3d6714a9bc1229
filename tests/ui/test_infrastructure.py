"""The task runner, error display, translations and start-up pieces."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressDialog, QWidget

from app.errors import MESSAGES_EN, PriceBelowFloor, ValidationError
from ui import errors as ui_errors
from ui.i18n import LANGUAGES, compile_ts, ts_file
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runner(qapp):
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_results_come_back_on_the_gui_thread(runner, qtbot):
    seen = {}
    gui = threading.get_ident()
    runner.run_db(lambda: threading.get_ident(), on_done=lambda worker: seen.update(
        worker=worker, callback=threading.get_ident()))
    qtbot.waitUntil(lambda: "callback" in seen)
    assert seen["worker"] != gui and seen["callback"] == gui


def test_database_work_runs_one_at_a_time_in_order(runner, qtbot):
    order = []
    for n in range(5):
        runner.run_db(lambda n=n: (time.sleep(0.01), order.append(n)))
    qtbot.waitUntil(lambda: not runner.busy)
    assert order == [0, 1, 2, 3, 4]


def test_cancelled_task_stops_and_calls_nothing_back(runner, qtbot):
    calls = []

    def long_job(cancel):
        while not cancel.is_set():
            time.sleep(0.005)
        return "stopped"

    task = runner.run_net(long_job, on_done=calls.append, on_error=calls.append)
    time.sleep(0.03)
    task.request_cancel()
    qtbot.waitUntil(lambda: task.done)
    assert calls == []


def test_progress_dialog_only_for_slow_tasks(runner, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    runner.run_db(lambda: time.sleep(0.05), progress_parent=parent, label="quick")
    qtbot.waitUntil(lambda: not runner.busy)
    qtbot.wait(700)
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
    gate = threading.Event()
    results = []
    runner.run_db(lambda: gate.wait(5) and "slow result", progress_parent=parent, label="slow",
                  on_done=results.append)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)),
                    timeout=3000)
    gate.set()
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in parent.findChildren(QProgressDialog)))
    # Closing the dialog must not count as the clerk pressing Cancel: the result arrives.
    qtbot.waitUntil(lambda: results == ["slow result"], timeout=2000)


def test_expected_error_is_translated_text_next_to_the_field(qapp_prepared, qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    error = PriceBelowFloor("order.price_below_floor", sku="KKKL500", price="0.50", floor="1.00")
    ui_errors.show_exception(error, inline=label)
    assert label.text() == "KKKL500：单价 0.50 低于总部最低价 1.00，需要填写原因"


def test_unexpected_error_is_logged_and_offers_copy_not_a_traceback(qapp_prepared, qtbot,
                                                                    tmp_path):
    log_file = ui_errors.setup_logging(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    try:
        raise KeyError("bug-in-code")
    except KeyError as exc:
        ui_errors.show_exception(exc, parent)
    box = parent.findChild(QMessageBox, "unexpectedErrorBox")
    assert box is not None and box.isVisible()
    assert "Traceback" not in box.text() and "bug-in-code" not in box.text()
    copy = [b for b in box.buttons() if b.text() == "复制详细信息"][0]
    copy.click()
    assert "KeyError" in QApplication.clipboard().text()
    assert box.isVisible()  # copying does not close it
    for handler in __import__("logging").getLogger().handlers:
        handler.flush()
    assert "bug-in-code" in log_file.read_text(encoding="utf-8")
    box.close()


def test_every_core_message_id_is_translated():
    """A new message id in app/errors.py needs `build_translations.py --update` + Chinese."""
    from ui.error_messages import TEMPLATES

    assert set(TEMPLATES) >= set(MESSAGES_EN), "run build_scripts/build_translations.py --update"
    translated = {m.findtext("source"): m.find("translation")
                  for m in ET.parse(ts_file("zh_CN")).iter("message")}
    for template in MESSAGES_EN.values():
        translation = translated.get(template)
        assert translation is not None and translation.get("type") is None, template
        for name in __import__("re").findall(r"\{(\w+)\}", template):
            assert "{" + name + "}" in translation.text, (template, translation.text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_ts_files_are_complete_and_compile(language, tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "build_scripts" / "build_translations.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.unfinished(language) == []
    assert compile_ts(ts_file(language), tmp_path / f"{language}.qm")
    assert (tmp_path / f"{language}.qm").stat().st_size > 1000


def test_english_interface_is_complete(qapp, tmp_path):
    from ui.i18n import install_translators

    install_translators(qapp, "en", fallback_dir=tmp_path)
    try:
        error = ValidationError("field.required", field="name")
        assert ui_errors.message_text(error) == "name is required"
    finally:
        install_translators(qapp, "zh_CN", fallback_dir=tmp_path)
    assert ui_errors.message_text(error) == "name 为必填项"


def test_cli_entry_point_does_not_import_qt():
    code = ("import sys, ui.main; assert callable(ui.main.run); "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_fresh_clone_compiles_missing_or_stale_translations_at_start(tmp_path, monkeypatch):
    import os
    import shutil

    import ui.i18n as i18n

    folder = tmp_path / "i18n"
    folder.mkdir()
    shutil.copy(ts_file("zh_CN"), folder)
    monkeypatch.setattr(i18n, "ts_dir", lambda: folder)
    qm = i18n.compiled_qm("zh_CN")
    assert qm == folder / "channeldesk_zh_CN.qm" and qm.stat().st_size > 1000
    os.utime(qm, (1, 1))  # older than its .ts: rebuilt on the next start
    assert i18n.compiled_qm("zh_CN").stat().st_mtime > 1


def test_sync_now_during_a_cycle_runs_one_more_after_it(runner, qtbot):
    from tests.ui.conftest import StubSyncEngine
    from ui.sync_status import SyncController

    gate = threading.Event()
    engine = StubSyncEngine()
    first_cycle = engine.cycle
    engine.cycle = lambda: (gate.wait(5), first_cycle())
    controller = SyncController(runner, engine, interval_s=3600)
    controller.sync_now()
    controller.sync_now()  # the clerk presses again while the first is still running
    controller.sync_now()
    gate.set()
    qtbot.waitUntil(lambda: engine.cycles == 2 and not controller.running, timeout=5000)
    qtbot.wait(100)
    assert engine.cycles == 2
