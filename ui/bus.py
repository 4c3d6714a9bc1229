"""One app-wide signal that something changed (STYLE §5, §6b).

An operation that succeeded announces the `Changes` its service returned (the ids it changed,
area by area); every screen listens and refreshes itself when an area it shows is named.
No widget calls another widget's refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.changes import Changes


class ChangeBus(QObject):
    changed = Signal(object)  # Changes

    def announce(self, changes: Changes) -> None:
        self.changed.emit(changes)
