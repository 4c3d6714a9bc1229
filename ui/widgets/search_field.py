"""A type-ahead field for products or outlets, and the barcode scanner's keyboard wedge.

Typing searches in the background (debounced) and lists the matches in `results`; Up/Down move
in the list and Enter picks. A barcode scanner types a burst of digits ending in Enter, often
as full-width digits when the Chinese input method is on: such input is emitted as `scanned`
(half-width) instead of being searched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from app.text import to_halfwidth

DEBOUNCE_MS = 120
SCAN_GAP_S = 0.05  # a scanner types faster than anyone: keys under 50 ms apart
BARCODE_LENGTHS = (8, 12, 13, 14)


def looks_like_barcode(text: str) -> bool:
    code = "".join(to_halfwidth(text).split())
    return code.isdigit() and len(code) in BARCODE_LENGTHS


class SearchField(QLineEdit):
    picked = Signal(object)
    scanned = Signal(str)

    def __init__(self, search: Callable[[str, Callable[[list], None]], None],
                 label: Callable[[Any], str], *, scanner: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search, self._label, self.scanner = search, label, scanner
        self.results = QListWidget(parent)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setMaximumHeight(160)
        self.results.hide()
        self.results.itemActivated.connect(lambda item: self._pick(item.data(Qt.ItemDataRole.UserRole)))
        self.results.itemClicked.connect(lambda item: self._pick(item.data(Qt.ItemDataRole.UserRole)))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_search)
        self._asked = ""
        self._enter_waiting = False
        self._key_times: list[float] = []
        self.textEdited.connect(self._edited)

    # -- typing -------------------------------------------------------------------------------
    def _edited(self, text: str) -> None:
        self._key_times.append(time.monotonic())
        if self.scanner and looks_like_barcode(text) and self._burst():
            return  # a scan in progress: do not search on every digit
        self._timer.start(DEBOUNCE_MS)

    def _burst(self) -> bool:
        times = self._key_times[-6:]
        return len(times) >= 6 and all(b - a < SCAN_GAP_S for a, b in zip(times, times[1:], strict=False))

    def _run_search(self) -> None:
        text = self.text().strip()
        self._asked = text
        if not text:
            self._show([])
            return
        self._search(text, lambda rows, asked=text: self._results_for(asked, rows))

    def _results_for(self, asked: str, rows: list) -> None:
        if asked != self.text().strip():
            return  # the clerk typed on; a newer search is coming
        self._show(rows)
        if self._enter_waiting:
            self._enter_waiting = False
            self._pick_current()

    def _show(self, rows: list) -> None:
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(self._label(row))
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.results.addItem(item)
        self.results.setVisible(bool(rows))
        if rows:
            self.results.setCurrentRow(0)

    # -- keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if key == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
            return
        if key == Qt.Key.Key_Escape and self.results.isVisible():
            self._show([])
            return
        super().keyPressEvent(event)

    def _enter(self) -> None:
        text = self.text()
        self._key_times.clear()
        if self.scanner and looks_like_barcode(text):
            self._timer.stop()
            code = "".join(to_halfwidth(text).split())
            self.clear()
            self._show([])
            self.scanned.emit(code)
            return
        if self._timer.isActive() or self._asked != text.strip():
            # Enter before the results arrived: pick the first match when they do.
            self._timer.stop()
            self._enter_waiting = True
            self._run_search()
            return
        self._pick_current()

    def _pick_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._pick(item.data(Qt.ItemDataRole.UserRole))

    def _pick(self, row: Any) -> None:
        self.blockSignals(True)
        self.setText(self._label(row))
        self.blockSignals(False)
        self._asked = self.text().strip()
        self._show([])
        self.picked.emit(row)

    def reset(self) -> None:
        self._timer.stop()
        self._enter_waiting = False
        self.clear()
        self._asked = ""
        self._show([])
