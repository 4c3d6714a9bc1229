"""同步: connection status, last success, pending and parked operations with their reasons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout

from app.sync import withdraw
from ui import fmt
from ui.errors import format_message
from ui.models.base import Column, ListTableModel
from ui.screens.base import Screen, heading, make_table

translate = QCoreApplication.translate


def parked_columns() -> list[Column]:
    return [
        Column(translate("SyncScreen", "Operation"), lambda op: op.op_type),
        Column(translate("SyncScreen", "Record"), lambda op: op.entity_id),
        Column(translate("SyncScreen", "Queued at"), lambda op: fmt.local_time(op.device_time)),
        Column(translate("SyncScreen", "Reason"), _reason_text),
    ]


def _reason_text(op) -> str:
    """A withdrawn order command is explained in the clerk's words; other ops show HQ's code."""
    message_id = withdraw.message_id(op.op_type, op.reason)
    return format_message(message_id, {"number": op.number}) if message_id else op.reason


class SyncScreen(Screen):
    areas = ()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.state = QLabel(self)
        self.state.setObjectName("syncState")
        self.last = QLabel(self)
        self.pending = QLabel(self)
        self.pending.setObjectName("syncPending")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(ctx.sync.sync_now)
        self.parked_model = ListTableModel(parked_columns(), parent=self)
        self.parked = make_table(self, self.parked_model, "parkedOps")
        form = QFormLayout()
        form.addRow(self.tr("Connection"), self.state)
        form.addRow(self.tr("Last successful sync"), self.last)
        form.addRow(self.tr("Waiting to upload"), self.pending)
        form.addRow("", self.message)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Sync with HQ"), self))
        layout.addLayout(form)
        layout.addWidget(self.sync_button)
        layout.addWidget(heading(self.tr("Operations HQ refused (parked)"), self))
        layout.addWidget(QLabel(self.tr("These changes were kept on this PC but HQ did not "
                                        "accept them. The operations behind them were sent."),
                                self))
        layout.addWidget(self.parked, 1)
        ctx.sync.status_changed.connect(self.show_status)
        ctx.sync.cycle_started.connect(lambda: self.sync_button.setEnabled(False))
        ctx.sync.cycle_finished.connect(lambda _ok: self.sync_button.setEnabled(True))
        if ctx.sync.last_status is not None:
            self.show_status(ctx.sync.last_status)

    def reload(self) -> None:
        self.ctx.sync.refresh_status()

    def show_status(self, status) -> None:
        if not status.configured:
            self.state.setText(self.tr("Not connected to HQ (set the HQ address in Settings)"))
        elif status.online:
            self.state.setText(self.tr("Online"))
        else:
            self.state.setText(self.tr("Offline: changes are kept and sent when HQ is reachable"))
        self.last.setText(fmt.local_time(status.last_success) or self.tr("never"))
        self.pending.setText(str(status.pending))
        self.message.setText(format_message(status.error_id, status.error_params)
                             if status.error_id else status.message)
        self.parked_model.set_rows(status.parked_ops)
