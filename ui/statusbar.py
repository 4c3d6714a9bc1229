"""Status bar: online/offline, last successful sync, pending operations, parked badge."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from ui import fmt
from ui.sync_status import SyncStatus


class SyncStatusBar(QStatusBar):
    parked_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_label = QLabel(self)
        self.online_label = QLabel(self)
        self.online_label.setObjectName("onlineLabel")
        self.last_sync_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.parked_button = QPushButton(self)
        self.parked_button.setObjectName("parkedBadge")
        self.parked_button.setFlat(True)
        self.parked_button.setStyleSheet("color: white; background: #c0392b; border-radius: 8px;"
                                         " padding: 0 8px;")
        self.parked_button.clicked.connect(self.parked_clicked)
        self.parked_button.hide()
        self.addWidget(self.user_label)
        for widget in (self.online_label, self.last_sync_label, self.pending_label,
                       self.parked_button):
            self.addPermanentWidget(widget)
        self.show_status(None)

    def set_user(self, username: str, role: str) -> None:
        self.user_label.setText(self.tr("User: {name} ({role})").format(
            name=username, role=fmt.name_of(role)))

    def show_status(self, status: SyncStatus | None) -> None:
        if status is None or not status.configured:
            self.online_label.setText(self.tr("HQ not connected"))
            self.online_label.setStyleSheet("color: #7f8c8d;")
        elif status.online:
            self.online_label.setText(self.tr("● Online"))
            self.online_label.setStyleSheet("color: #27ae60;")
        else:
            self.online_label.setText(self.tr("● Offline"))
            self.online_label.setStyleSheet("color: #c0392b;")
        last = fmt.local_time(status.last_success) if status else ""
        self.last_sync_label.setText(self.tr("Last sync: {time}").format(
            time=last or self.tr("never")))
        pending = status.pending if status else 0
        self.pending_label.setText(self.tr("To upload: {count}").format(count=pending))
        parked = status.parked if status else 0
        self.parked_button.setVisible(parked > 0)
        self.parked_button.setText(self.tr("{count} rejected").format(count=parked))
