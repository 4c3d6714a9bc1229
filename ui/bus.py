"""One app-wide signal that something changed (STYLE §5).

An operation that succeeded announces the area it touched ("sales_order", "outlet", "stock",
"payment", "filing", "purchase_order", "user", "company", "sync") and the ids involved; every
screen listens and refreshes itself. No widget calls another widget's refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    changed = Signal(str, object)  # area, tuple of ids (may be empty)

    def announce(self, area: str, *ids: str) -> None:
        self.changed.emit(area, tuple(ids))
