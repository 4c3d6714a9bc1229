"""Status bar: online/offline, last successful sync, pending operations, parked badge, and a
marker when this PC's data differs from HQ's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from ui import fmt

if TYPE_CHECKING:  # the core's record; importing app.sync costs SQLAlchemy before the window
    from app.sync.status import SyncStatus

_BADGE_STYLE = "color: white; background: {color}; border-radius: 8px; padding: 0 8px;"


class SyncStatusBar(QStatusBar):
    parked_clicked = Signal()
    integrity_clicked = Signal()

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
        self.parked_button.setStyleSheet(_BADGE_STYLE.format(color="#c0392b"))
        self.parked_button.clicked.connect(self.parked_clicked)
        self.parked_button.hide()
        self.integrity_button = self._integrity_marker()
        self.addWidget(self.user_label)
        for widget in (self.online_label, self.last_sync_label, self.pending_label,
                       self.parked_button, self.integrity_button):
            self.addPermanentWidget(widget)
        self.show_status(None)

    def _integrity_marker(self) -> QPushButton:
        """Hidden until a data check finds this PC still differing from HQ after the automatic
        repair: nothing the clerk can fix, so it points to the sync screen and to support."""
        marker = QPushButton(self.tr("⚠ Data differs from HQ"), self)
        marker.setObjectName("integrityMarker")
        marker.setFlat(True)
        marker.setStyleSheet(_BADGE_STYLE.format(color="#d35400"))
        marker.setToolTip(self.tr("This PC's data still differs from HQ's after an automatic "
                                  "repair. Open Sync to see which data, and contact support."))
        marker.clicked.connect(self.integrity_clicked)
        marker.hide()
        return marker

    def set_user(self, username: str, role: str) -> None:
        self.user_label.setText(self.tr("User: {name} ({role})").format(
            name=username, role=fmt.name_of(role)))

    def show_status(self, status: SyncStatus | None) -> None:
        if status is None or not status.enrolled:
            self.online_label.setText(self.tr("HQ not connected"))
            self.online_label.setStyleSheet("color: #7f8c8d;")
        elif status.online:
            self.online_label.setText(self.tr("● Online"))
            self.online_label.setStyleSheet("color: #27ae60;")
        else:
            self.online_label.setText(self.tr("● Offline"))
            self.online_label.setStyleSheet("color: #c0392b;")
        last = fmt.local_time(status.last_success_at) if status else ""
        self.last_sync_label.setText(self.tr("Last sync: {time}").format(
            time=last or self.tr("never")))
        pending = status.pending_count if status else 0
        self.pending_label.setText(self.tr("To upload: {count}").format(count=pending))
        parked = len(status.parked) if status else 0
        self.parked_button.setVisible(parked > 0)
        self.parked_button.setText(self.tr("{count} rejected").format(count=parked))
        self.integrity_button.setVisible(status is not None and status.integrity_ok is False)
