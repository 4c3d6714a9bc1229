"""备份: the backups of this database, a backup on demand, and a restore chosen by a manager.

The database is open while the clerk works, so a restore is not done here: the choice is
recorded and the next start applies it before the database opens (ui.operations.settings).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ui import fmt
from ui.errors import show_exception
from ui.models.base import ALIGN_RIGHT, Column, ListTableModel
from ui.operations import settings as ops
from ui.screens.base import error_label, make_table

translate = QCoreApplication.translate

_KINDS = {
    "daily": QT_TRANSLATE_NOOP("Backups", "Daily"),
    "manual": QT_TRANSLATE_NOOP("Backups", "Manual"),
    "before-restore": QT_TRANSLATE_NOOP("Backups", "Before restore"),
    "before-upgrade": QT_TRANSLATE_NOOP("Backups", "Before upgrade"),
    "other": QT_TRANSLATE_NOOP("Backups", "Other"),
}


def kind_name(kind: str) -> str:
    # Copies taken before a schema upgrade carry the revision: before-<revision>.
    key = kind if kind in _KINDS else "before-upgrade" if kind.startswith("before-") else "other"
    return translate("Backups", _KINDS[key])


def file_size(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return f"{max(1, round(size_bytes / 1024))} KB"
    return f"{size_bytes / (1024 * 1024):.1f} MB"


def backup_columns() -> list[Column]:
    return [
        Column(translate("Backups", "Date"), lambda b: fmt.local_time(b.created), width=140),
        Column(translate("Backups", "Kind"), lambda b: kind_name(b.kind)),
        Column(translate("Backups", "Size"), lambda b: file_size(b.size_bytes), ALIGN_RIGHT),
        Column(translate("Backups", "File"), lambda b: b.path.name, width=320),
    ]


class BackupsWidget(QWidget):
    """Lists the backups when shown; 立即备份 and 恢复所选备份 (manager only)."""

    backed_up = Signal(object)  # Path of the new backup
    restore_requested = Signal(object)  # PendingRestore

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.manager = ctx.can("manager")
        self.pending = None
        self.model = ListTableModel(backup_columns(), parent=self)
        self.table = make_table(self, self.model, "backupList")
        self.backup_button = self._button(self.tr("Back up now"), "backupNow", self.back_up)
        self.restore_button = self._button(self.tr("Restore selected backup"), "restoreBackup",
                                           self.restore_selected)
        self.cancel_button = self._button(self.tr("Cancel the pending restore"),
                                          "cancelRestore", self.cancel_restore)
        self.restore_button.setEnabled(self.manager)
        self.cancel_button.setEnabled(self.manager)
        self.message = QLabel(self)
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        self.error = error_label(self, "backupError")
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        if not self.manager:
            layout.addWidget(QLabel(self.tr("Only a manager can restore a backup."), self))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self._show_pending(None)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        ops.load_backups(self.ctx, on_done=self._show, on_error=self._error)

    def _show(self, loaded) -> None:
        backups, pending = loaded
        self.model.set_rows(backups)
        self._show_pending(pending)

    def _show_pending(self, pending) -> None:
        self.pending = pending
        self.cancel_button.setVisible(pending is not None)
        if pending is not None:
            self.message.setText(self.tr("The backup {name} will be restored when ChannelDesk "
                                         "next starts. Close and restart ChannelDesk to "
                                         "restore it now.").format(name=pending.backup.name))
        self.message.setVisible(pending is not None)

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- actions ----------------------------------------------------------------------------------
    def back_up(self) -> None:
        self.error.hide()
        self.backup_button.setEnabled(False)
        ops.make_backup(self.ctx, on_done=self._backed_up, on_error=self._error)

    def _backed_up(self, path) -> None:
        self.backup_button.setEnabled(True)
        self.backed_up.emit(path)
        self.reload()

    def restore_selected(self) -> None:
        backup = self.selected()
        self.error.hide()
        if not self.manager:
            return
        if backup is None:
            self.error.setText(self.tr("Select the backup to restore."))
            self.error.show()
            return
        if self.confirm_restore(backup):
            ops.choose_restore(self.ctx, backup=backup.path, on_done=self._restore_chosen,
                               on_error=self._error)

    def confirm_restore(self, backup) -> bool:
        """The clerk's yes, in words that say what happens to the current data."""
        text = self.tr(
            "Restore the backup of {when} ({name})?\n\n"
            "The current database is saved to the backups folder first, so nothing is "
            "deleted. The restore is done the next time ChannelDesk starts: please restart "
            "it afterwards. Documents entered after this backup must be entered again or "
            "synced from HQ.").format(when=fmt.local_time(backup.created), name=backup.path.name)
        answer = QMessageBox.question(self, self.tr("Restore backup"), text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _restore_chosen(self, pending) -> None:
        self._show_pending(pending)
        self.restore_requested.emit(pending)

    def cancel_restore(self) -> None:
        ops.drop_restore(self.ctx, on_done=lambda _r: self._show_pending(None),
                         on_error=self._error)

    def _error(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        show_exception(error, self, inline=self.error)


def show_restore_outcome(outcome, parent: QWidget | None = None) -> None:
    """At start-up: say that the chosen backup was restored (and where the old data went), or
    why it was not."""
    title = translate("Backups", "Restore backup")
    if outcome.error is None:
        text = translate("Backups", "The backup {name} has been restored. The database as it "
                         "was before is saved as {saved}.").format(
            name=outcome.backup.name,
            saved=outcome.safety_copy.name if outcome.safety_copy else "-")
        QMessageBox.information(parent, title, text)
        return
    from app.errors import ChannelDeskError
    from ui.errors import message_text

    reason = message_text(outcome.error) if isinstance(outcome.error, ChannelDeskError) \
        else str(outcome.error)
    text = translate("Backups", "The backup {name} could not be restored: {reason}\n\nThe "
                     "database was left as it was.").format(name=outcome.backup.name,
                                                            reason=reason)
    QMessageBox.warning(parent, title, text)
