"""同步: connection status, last success, pending and parked operations with their reasons,
the last data check against HQ and the HQ changes still waiting for their related rows."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout

from app.sync import withdraw
from ui import fmt
from ui.errors import format_message
from ui.models.base import Column, ListTableModel
from ui.screens.base import Screen, heading, make_table

translate = QCoreApplication.translate

# The convergence check's stream codes (app/sync/integrity.py) in the clerk's words.
_STREAM_NAMES = {
    "stock": QT_TRANSLATE_NOOP("SyncScreen", "stock"),
    "outlets": QT_TRANSLATE_NOOP("SyncScreen", "outlets"),
    "sales_orders": QT_TRANSLATE_NOOP("SyncScreen", "sales orders"),
    "payments": QT_TRANSLATE_NOOP("SyncScreen", "payments"),
}
_WARNING_STYLE = "color: #c0392b; font-weight: bold;"


def stream_names(streams) -> str:
    """E.g. 库存、收款 / stock, payments; a code this build does not know is shown as is."""
    names = [translate("SyncScreen", _STREAM_NAMES[code]) if code in _STREAM_NAMES else code
             for code in streams]
    return translate("SyncScreen", ", ", "separator between the names of differing data").join(names)


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
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.state = QLabel(self)
        self.state.setObjectName("syncState")
        self.last = QLabel(self)
        self.pending = QLabel(self)
        self.pending.setObjectName("syncPending")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.integrity = QLabel(self)
        self.integrity.setObjectName("syncIntegrity")
        self.integrity.setWordWrap(True)
        self.waiting = QLabel(self)
        self.waiting.setObjectName("syncInboundWaiting")
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(ctx.sync.sync_now)
        self.parked_model = ListTableModel(parked_columns(), parent=self)
        self.parked = make_table(self, self.parked_model, "parkedOps")
        form = QFormLayout()
        form.addRow(self.tr("Connection"), self.state)
        form.addRow(self.tr("Last successful sync"), self.last)
        form.addRow(self.tr("Waiting to upload"), self.pending)
        form.addRow(self.tr("Data check"), self.integrity)
        form.addRow("", self.waiting)
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
        if not status.enrolled:
            self.state.setText(self.tr("Not connected to HQ (set the HQ address in Settings)"))
        elif status.online:
            self.state.setText(self.tr("Online"))
        else:
            self.state.setText(self.tr("Offline: changes are kept and sent when HQ is reachable"))
        self.last.setText(fmt.local_time(status.last_success_at) or self.tr("never"))
        self.pending.setText(str(status.pending_count))
        self.message.setText(format_message(status.last_error_id, status.last_error_params)
                             if status.last_error_id else "")
        self.parked_model.set_rows(status.parked)
        self._show_integrity(status)
        # Usually 0 again after the next page; support looks when it stays above 0.
        self.waiting.setVisible(status.inbound_waiting > 0)
        self.waiting.setText(self.tr("%n change(s) from HQ waiting for related data", "",
                                     status.inbound_waiting))

    def _show_integrity(self, status) -> None:
        checked = fmt.local_time(status.integrity_checked_at)
        if status.integrity_ok is None:
            text = self.tr("Not checked yet")
        elif status.integrity_ok:
            text = self.tr("Matches HQ (checked {time})").format(time=checked)
        else:  # still different after the automatic repair: only support can sort it out
            text = self.tr("Differs from HQ (checked {time}): {data}. Please contact support."
                           ).format(time=checked, data=stream_names(status.integrity_streams))
        self.integrity.setText(text)
        self.integrity.setStyleSheet(_WARNING_STYLE if status.integrity_ok is False else "")
