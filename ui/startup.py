"""What the desktop does with the database file before opening it: the integrity check (and,
when the file is damaged, the offer to restore the newest good backup), then the daily backup
in the background.

The check reads the whole file (`PRAGMA quick_check`), so it runs on a worker thread while the
GUI keeps painting. Nothing is lost silently: a damaged file is moved aside under a timestamped
name, never deleted, and the clerk decides whether to restore.

The dialog texts sit in the small table below rather than in the `.ts` files because this
dialog must read right even when the translations themselves did not load.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app import maintenance
from app.clock import to_local
from app.errors import ChannelDeskError

TEXTS = {
    "zh_CN": {
        "title": "数据库已损坏",
        "damaged": "数据库文件已损坏，无法安全使用：\n{path}\n\n检查结果：{detail}",
        "offer": "最近一份完好的备份是 {when}（{name}）。\n\n恢复这份备份吗？损坏的文件不会删除，"
                 "会改名保留，以便日后找回其中的数据。备份之后录入的单据需要重新录入或从总部同步。",
        "none": "没有找到可用的备份。损坏的文件保持原样，请联系技术支持。\n日志文件在：{logs}",
        "restore": "恢复备份",
        "quit": "退出",
        "found_later": "后台检查发现数据库文件已损坏：{detail}\n\n今天的自动备份没有做，以免覆盖完好的"
                       "备份。请尽快保存手头的工作并重新启动程序，程序会提供恢复最近一份完好的备份。",
    },
    "en": {
        "title": "Database damaged",
        "damaged": "The database file is damaged and cannot be used safely:\n{path}\n\n"
                   "Check result: {detail}",
        "offer": "The newest good backup is from {when} ({name}).\n\nRestore it? The damaged "
                 "file is not deleted: it is kept under a new name so its data can still be "
                 "recovered. Documents entered after the backup must be entered again or "
                 "synced from HQ.",
        "none": "No usable backup was found. The damaged file has been left as it is; please "
                "contact support.\nThe log files are in: {logs}",
        "restore": "Restore backup",
        "quit": "Quit",
        "found_later": "A background check found the database file damaged: {detail}\n\n"
                       "Today's automatic backup was skipped so that it cannot replace a good "
                       "one. Please finish what you are doing and restart ChannelDesk; it will "
                       "offer to restore the newest good backup.",
    },
}


@dataclass(frozen=True)
class StartupCheck:
    proceed: bool  # False: the clerk chose to quit; do not open the database
    report: maintenance.IntegrityReport
    restored_from: Path | None = None
    damaged_kept_as: Path | None = None
    daily_backup: DailyBackupJob | None = None


# ask(report, language, parent) -> True to restore report.newest_good_backup
AskRestore = Callable[[maintenance.IntegrityReport, str, QWidget | None], bool]


def check_database_before_open(
    db_path: Path,
    data_dir: Path,
    *,
    language: str | None = None,
    parent: QWidget | None = None,
    ask: AskRestore | None = None,
    backup_delay_s: float = 5.0,
) -> StartupCheck:
    """Call before `Store.open`. When `proceed` is False, exit without opening the database."""
    language = language or _language(data_dir)
    report = run_off_gui_thread(lambda: maintenance.check_integrity(db_path, data_dir))
    restored_from = kept_as = None
    if not report.ok:
        if not (ask or ask_restore)(report, language, parent) or report.newest_good_backup is None:
            return StartupCheck(False, report)
        restored_from = report.newest_good_backup.path
        kept_as = run_off_gui_thread(
            lambda: maintenance.restore_newest_good(db_path, restored_from))
        maintenance.clear_suspect(data_dir)
    job = None
    if Path(db_path).exists():
        job = DailyBackupJob(Path(db_path), Path(data_dir), delay_s=backup_delay_s)
        job.start()
    return StartupCheck(True, report, restored_from, kept_as, job)


class DailyBackupJob(QObject):
    """The daily full check and backup on their own thread, after a delay so they do not compete
    with the first screen. `cancel()` before it starts copying skips it (the next start makes
    it). `damage_found` (queued to the GUI thread) carries SQLite's description of the damage;
    `refused` an expected error, e.g. a full disk (the partial copy is already deleted).
    """

    damage_found = Signal(str)
    refused = Signal(object)

    def __init__(self, db_path: Path, data_dir: Path, *, delay_s: float = 5.0) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self._delay_s = delay_s
        self.db_path, self.data_dir = db_path, data_dir
        self.result: Path | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="daily-backup")

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def join(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)

    def _run(self) -> None:
        if self._cancel.wait(self._delay_s):
            return
        try:
            self.result = maintenance.daily_backup(self.db_path, self.data_dir)
        except maintenance.DamagedDatabase as error:
            self.error = error
            self.damage_found.emit(str(error))
        except ChannelDeskError as error:
            self.error = error
            maintenance.log.warning("daily backup not made: %s", error)
            self.refused.emit(error)
        except Exception as error:  # noqa: BLE001 - logged; a failed backup must not stop work
            self.error = error
            maintenance.log.exception("daily backup failed")


def report_daily_backup(job: DailyBackupJob, language: str) -> None:
    """Tell the clerk when the daily backup found damage or could not be written."""
    from ui.errors import show_exception

    job.damage_found.connect(lambda detail: warn_damage_found(detail, language))
    job.refused.connect(show_exception)


def warn_damage_found(detail: str, language: str, parent: QWidget | None = None) -> None:
    """The background check found damage while the clerk works: say so plainly; the next
    start checks fully and offers the newest good backup."""
    texts = TEXTS.get(language, TEXTS["zh_CN"])
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(texts["title"])
    box.setText(texts["found_later"].format(detail=detail))
    box.open()


def ask_restore(report: maintenance.IntegrityReport, language: str,
                parent: QWidget | None = None) -> bool:
    """The clerk's choice: restore the newest good backup (True) or quit (False)."""
    texts = TEXTS.get(language, TEXTS["zh_CN"])
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(texts["title"])
    box.setText(texts["damaged"].format(path=report.path, detail=report.detail))
    backup = report.newest_good_backup
    restore = None
    if backup is None:
        box.setInformativeText(texts["none"].format(logs=report.path.parent / "logs"))
    else:
        when = to_local(backup.created).strftime("%Y-%m-%d %H:%M")
        box.setInformativeText(texts["offer"].format(when=when, name=backup.path.name))
        restore = box.addButton(texts["restore"], QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(texts["quit"], QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or quit_button)
    box.exec()
    return restore is not None and box.clickedButton() is restore


class _Done(QObject):
    finished = Signal()


def run_off_gui_thread(fn: Callable[[], Any]) -> Any:
    """Run `fn` on a short-lived worker while the GUI thread keeps processing events."""
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit)  # queued to the GUI thread: `done` lives there
    with ThreadPoolExecutor(1, thread_name_prefix="startup-check") as pool:
        future = pool.submit(fn)
        future.add_done_callback(lambda _f: done.finished.emit())
        if not future.done():
            loop.exec()
        return future.result()


def _language(data_dir: Path) -> str:
    from ui.settings import UiSettings

    return UiSettings(Path(data_dir)).language
