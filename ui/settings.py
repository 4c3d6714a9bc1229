"""Window state and per-PC preferences in QSettings, behind a small typed wrapper (STYLE §13).

Business settings (company data, tax rate, HQ address) live in the database via services.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES


class UiSettings:
    def __init__(self, data_dir: Path) -> None:
        # One ini file per data folder: tests and the demo never touch the clerk's real settings.
        self._q = QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = str(self._q.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("ui/language", value if value in LANGUAGES else DEFAULT_LANGUAGE)
        self._q.sync()

    @property
    def last_username(self) -> str:
        return str(self._q.value("login/last_username", ""))

    @last_username.setter
    def last_username(self, value: str) -> None:
        self._q.setValue("login/last_username", value)

    @property
    def sync_interval_s(self) -> int:
        try:
            return max(15, int(self._q.value("sync/interval_s", 60)))
        except (TypeError, ValueError):
            return 60

    def window_geometry(self) -> QByteArray | None:
        value = self._q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def save_window_geometry(self, geometry: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.sync()
