"""What every window receives explicitly (STYLE §6): services, task runner, signals, settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.bus import ChangeBus
from ui.settings import UiSettings
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # importing the core costs ~0.7 s (SQLAlchemy): never before the window shows
    from app.store import Store


class Navigator(QObject):
    """Asks the main window to show a screen (and optionally one item on it)."""

    go = Signal(str, object)  # screen key, item id or None

    def open(self, screen: str, item: Any = None) -> None:
        self.go.emit(screen, item)


@dataclass
class AppContext:
    store: Store  # or a StoreHandle that is still opening on the database thread
    runner: TaskRunner
    bus: ChangeBus
    settings: UiSettings
    data_dir: Path
    navigator: Navigator
    sync: Any = None  # ui.sync_status.SyncController, set by the main window

    @property
    def role(self) -> str:
        return self.store.ctx.user.role  # screens that ask are built after the store opened

    @property
    def username(self) -> str:
        return self.store.ctx.user.username

    def can(self, *roles: str) -> bool:
        return self.role in roles
