"""The main window: navigation bar on the left, the current screen, the sync status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ui.context import AppContext
from ui.screens.base import Screen
from ui.statusbar import SyncStatusBar


def _screen_factories() -> list[tuple[str, Callable[[AppContext], Screen]]]:
    # Imported here so that only the first screen's module is loaded before the window shows.
    def lazy(module: str, cls: str) -> Callable[[AppContext], Screen]:
        def build(ctx: AppContext) -> Screen:
            import importlib

            return getattr(importlib.import_module(f"ui.screens.{module}"), cls)(ctx)

        return build

    return [
        ("dashboard", lazy("dashboard", "DashboardScreen")),
        ("sales", lazy("sales", "SalesScreen")),
        ("outlets", lazy("outlets", "OutletsScreen")),
        ("stock", lazy("stock", "StockScreen")),
        ("purchasing", lazy("purchasing", "PurchasingScreen")),
        ("receivables", lazy("receivables", "ReceivablesScreen")),
        ("sync", lazy("sync", "SyncScreen")),
        ("settings", lazy("settings", "SettingsScreen")),
    ]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("ChannelDesk"))
        self.screens: dict[str, Screen] = {}
        self._factories = dict(_screen_factories())
        self._keys = list(self._factories)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(120)
        self.nav.setStyleSheet("QListWidget { font-size: 14px; } QListWidget::item { padding: 8px; }")
        for key in self._keys:
            self.nav.addItem(QListWidgetItem(self._title(key)))
        self.stack = QStackedWidget(self)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = SyncStatusBar(self)
        self.setStatusBar(self.status)
        # The store may still be opening on the database thread: ask there, show when known.
        ctx.runner.run_db(lambda: ctx.store.ctx.user,
                          on_done=lambda user: self.status.set_user(user.username, user.role))
        self.status.parked_clicked.connect(lambda: self.show_screen("sync"))
        self.status.integrity_clicked.connect(lambda: self.show_screen("sync"))
        self.nav.currentRowChanged.connect(lambda row: self.show_screen(self._keys[row]))
        ctx.navigator.go.connect(self.show_screen)
        self._shortcuts()
        if ctx.sync is not None:
            ctx.sync.status_changed.connect(self.status.show_status)
        self.resize(1200, 760)
        geometry = ctx.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.nav.setCurrentRow(0)

    def _title(self, key: str) -> str:
        titles = {
            "dashboard": self.tr("Dashboard"),
            "sales": self.tr("Sales orders"),
            "outlets": self.tr("Outlets"),
            "stock": self.tr("Products & stock"),
            "purchasing": self.tr("Purchasing"),
            "receivables": self.tr("Receivables"),
            "sync": self.tr("Sync"),
            "settings": self.tr("Settings"),
        }
        return titles[key]

    def _shortcuts(self) -> None:
        for number, key in enumerate(self._keys, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=key: self.show_screen(key))

    def screen(self, key: str) -> Screen:
        """The screen for `key`, built on first use."""
        if key not in self.screens:
            widget = self._factories[key](self.ctx)
            self.screens[key] = widget
            self.stack.addWidget(widget)
        return self.screens[key]

    def show_screen(self, key: str, item: Any = None) -> Screen:
        widget = self.screen(key)
        self.stack.setCurrentWidget(widget)
        row = self._keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        widget.activate()
        if item is not None:
            QTimer.singleShot(0, lambda: widget.open_item(item))
        return widget

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        self.ctx.settings.save_window_geometry(self.saveGeometry())
        super().closeEvent(event)
