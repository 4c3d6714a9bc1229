"""Start-up: Qt application, font, language, database, log-in or first-run set-up, main window."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from app.config import backup_dir, database_path, demo_database_path
from app.services.changes import Changes
from ui.bus import ChangeBus
from ui.context import AppContext, Navigator
from ui.errors import setup_logging
from ui.fonts import install_app_font
from ui.i18n import install_translators
from ui.settings import UiSettings
from ui.single_instance import SingleInstance, bring_to_front
from ui.startup import check_database_before_open, report_daily_backup
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)



def make_qapp() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ChannelDesk")
    app.setOrganizationName("ChannelDesk")
    return app


def prepare_qapp(data_dir: Path) -> tuple[QApplication, UiSettings]:
    """Qt application with the bundled font and the chosen language installed (the settings
    are only read here, so this works before the data folder is known to be writable)."""
    app = make_qapp()
    settings = UiSettings(data_dir)
    install_app_font(app)
    install_translators(app, settings.language, fallback_dir=data_dir / "i18n")
    return app, settings


def wait_for(runner: TaskRunner, fn: Callable[[], Any], *, label: str = "") -> Any:
    """Run `fn` on the database thread while the GUI keeps painting (start-up only)."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    dialog = None
    if label:
        dialog = QProgressDialog(label, "", 0, 0)
        dialog.setCancelButton(None)
        QTimer.singleShot(600, lambda: None if outcome else dialog.show())
    runner.run_db(fn, on_done=done, on_error=failed)
    if not outcome:
        loop.exec()
    if dialog is not None:
        dialog.close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def open_store(path: Path, data_dir: Path):
    from app.store import Store

    # Backups sit beside the database they copy (the demo has its own folder), where the
    # daily backups and the settings screen's list look for them.
    return Store.open(path, backup_dir=backup_dir(path.parent))


def build_demo_database(path: Path) -> None:
    from app.demo import build_demo

    build_demo(path)


class StoreHandle:
    """The store while it opens on the database thread (importing the core and opening the
    file take most of a second; the window does not wait for them). Every task queued on the
    database thread after the open runs after it, so services reached from tasks are ready;
    the GUI thread itself should only touch the store through tasks."""

    def __init__(self, opening) -> None:
        self._opening = opening

    @property
    def ready(self) -> bool:
        return self._opening.done()

    def result(self):
        return self._opening.result()

    def __getattr__(self, name: str):
        return getattr(self._opening.result(), name)


def demo_manager(store):
    """The demo logs in as its first active manager without a password."""
    from app.services.context import CurrentUser

    for user in store.users.list():
        if user.role == "manager" and user.active:
            return CurrentUser(id=user.id, username=user.username, role=user.role)
    created = store.users.create(username="demo", password="demo-manager", role="manager")
    return CurrentUser(id=created.id, username=created.username, role=created.role)


def warm_up(store) -> None:
    """Import the services and touch the order list once, on the database thread, while the
    clerk looks at the first screen: the first click on a list then costs only its query."""
    from ui.lookups import OrderFilter, count_orders

    for name in ("sales", "catalog", "outlets", "stock", "receivables", "filings", "purchasing"):
        getattr(store, name)
    count_orders(store, OrderFilter())
    store.sales.list_orders(limit=1)


def make_context(store, runner: TaskRunner, settings: UiSettings, data_dir: Path,
                 sync_engine=None) -> AppContext:
    from ui.sync_adapter import SyncEngineAdapter
    from ui.sync_status import SyncController

    ctx = AppContext(store=store, runner=runner, bus=ChangeBus(), settings=settings,
                     data_dir=data_dir, navigator=Navigator())
    engine = sync_engine if sync_engine is not None else SyncEngineAdapter(store)
    ctx.sync = SyncController(runner, engine, settings.sync_interval_s)
    # Whatever changed locally may have queued operations: refresh the pending count.
    ctx.bus.changed.connect(lambda _changes: ctx.sync.refresh_status())
    # A finished cycle may have pulled HQ's changes (filing decisions, prices): screens refresh.
    ctx.sync.cycle_finished.connect(lambda _ok: ctx.bus.announce(Changes(from_hq=True)))
    return ctx


def start_store(runner: TaskRunner, path: Path, data_dir: Path, *, demo: bool,
                gate=None) -> StoreHandle:
    """Open the database (and log the demo manager in) as the first database-thread task.

    With a `gate` (threading.Event) the open waits until the gate is set: importing the core
    holds Python's GIL for most of half a second, and the window paints first without it."""

    def open_and_log_in():
        if gate is not None:
            gate.wait(5)
        store = open_store(path, data_dir)
        if demo:
            store.login_as(demo_manager(store))
        return store

    return StoreHandle(runner.submit_db(open_and_log_in))


def show_main_window(store, runner: TaskRunner, settings: UiSettings, data_dir: Path,
                     gate=None):
    from ui.main_window import MainWindow

    ctx = make_context(store, runner, settings, data_dir)
    window = MainWindow(ctx)
    window.show()
    if gate is not None:
        QTimer.singleShot(0, gate.set)  # the first paint is done: let the database open
    ctx.sync.start()
    runner.run_db(lambda: warm_up(store), on_error=lambda e: log.warning("warm-up: %s", e))
    return ctx, window


def run_app(data_dir: Path, *, demo: bool = False) -> int:
    app, settings = prepare_qapp(data_dir)
    if not data_folder_ready(data_dir):
        return 2
    setup_logging(data_dir)
    runner = TaskRunner()
    path = demo_database_path(data_dir) if demo else database_path(data_dir)
    # One running desktop per database folder: a second start raises the first window.
    instance = SingleInstance(path.parent)
    if not instance.acquire():
        runner.shutdown()
        return 0
    apply_restore_at_start(path)  # a restore chosen in the settings, before the database opens
    try:
        if demo and not path.exists():
            wait_for(runner, lambda: build_demo_database(path),
                     label=app.translate("Startup", "Building the demo database…"))
    except Exception as error:  # noqa: BLE001 - shown to the clerk, then we exit
        fatal_start_error(error)
        runner.shutdown()
        instance.release()
        return 2
    check = check_database_before_open(path, path.parent, language=settings.language)
    if not check.proceed:
        runner.shutdown()
        instance.release()
        return 0
    if check.daily_backup is not None:
        report_daily_backup(check.daily_backup, settings.language)
    gate = threading.Event() if demo else None  # the log-in dialog needs the store at once
    store = start_store(runner, path, data_dir, demo=demo, gate=gate)
    failed: list[BaseException] = []

    def open_failed(error: BaseException) -> None:
        failed.append(error)
        fatal_start_error(error)
        app.exit(2)

    try:
        runner.run_db(lambda: store.result(), on_error=open_failed)
        if not demo and not log_in(store, runner, settings):
            return 2 if failed else 0
        if failed:
            return 2
        _ctx, window = show_main_window(store, runner, settings, data_dir, gate=gate)
        instance.raise_requested.connect(lambda: bring_to_front(window))
        return app.exec()
    finally:
        if check.daily_backup is not None:
            check.daily_backup.cancel()
        runner.shutdown()
        instance.release()
        if store.ready and not store._opening.exception():
            store.close()


def apply_restore_at_start(path: Path, *, tell: Callable[[Any], None] | None = None):
    """Restore the backup a manager chose in the settings (issue 6): the database is still
    closed here, and its current content is saved to the backups folder first. Returns the
    outcome (None when nothing was pending); `tell` shows it (default: a message box)."""
    from ui.operations.settings import RESTORE_PENDING, apply_pending_restore

    if not (path.parent / RESTORE_PENDING).exists():
        return None
    from ui.startup import run_off_gui_thread

    outcome = run_off_gui_thread(lambda: apply_pending_restore(path))
    if outcome is not None:
        if tell is None:
            from ui.widgets.backups import show_restore_outcome as tell
        tell(outcome)
    return outcome


def data_folder_ready(data_dir: Path) -> bool:
    """The data folder exists and takes writes; otherwise the clerk is told why ChannelDesk
    cannot start (a read-only disk or folder), before anything tries to write there."""
    from app.errors import StorageError
    from app.storage import require_writable, storage_errors

    try:
        require_writable(data_dir)
        with storage_errors(data_dir):
            data_dir.mkdir(parents=True, exist_ok=True)
    except StorageError as error:
        fatal_start_error(error)
        return False
    return True


def fatal_start_error(error: BaseException) -> None:
    """The database could not be opened: say why (translated), log details, wait for OK."""
    from PySide6.QtWidgets import QMessageBox

    from app.errors import ChannelDeskError
    from ui.errors import message_text

    if isinstance(error, ChannelDeskError):
        text = message_text(error)
    else:
        log.exception("start-up failed", exc_info=error)
        text = QApplication.translate("Startup", "ChannelDesk could not start. The details "
                                      "were saved to the log file in the data folder.")
    QMessageBox.critical(None, QApplication.translate("Startup", "ChannelDesk"), text)


def log_in(store, runner: TaskRunner, settings: UiSettings) -> bool:
    """First run: the set-up wizard. Otherwise the log-in dialog."""
    ready = wait_for(runner, lambda: store.company.is_set_up() and store.users.has_users())
    if not ready:
        from ui.setup_wizard import SetupWizard

        return SetupWizard(store, runner).exec() == QDialog.DialogCode.Accepted
    from ui.login import LoginDialog

    info = wait_for(runner, store.company.info)
    dialog = LoginDialog(store, runner, company_name=info.name if info else "",
                         username=settings.last_username)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    settings.last_username = dialog.user.username
    return True
