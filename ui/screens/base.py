"""What every screen shares: the context, refresh on the change bus, and opening one item."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from app.services.changes import Changes
from ui.context import AppContext


class Screen(QWidget):
    """A page of the main window. Refreshes itself when something it shows has changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.bus.changed.connect(self._on_changed)

    def shows(self, changes: Changes) -> bool:
        """Whether the screen shows anything the announced change touched."""
        return False

    def _on_changed(self, changes: Changes) -> None:
        if self.shows(changes):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # refresh when next shown: hidden screens do no work

    def activate(self) -> None:
        """Called when the screen becomes the current one."""
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Fetch what the screen shows (in the task runner)."""

    def open_item(self, item: Any) -> None:
        """Show one item (an order id, an outlet id...) when navigated to from elsewhere."""


def make_table(parent: QWidget, model, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultSectionSize(120)
    for number, column in enumerate(getattr(model, "columns", [])):
        if column.width:
            view.setColumnWidth(number, column.width)
    return view


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-size: 16px; font-weight: bold; padding: 4px 0;")
    return label


def error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #c0392b;")
    label.hide()
    return label
