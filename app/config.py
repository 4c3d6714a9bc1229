"""Where ChannelDesk keeps its data: the per-user data folder unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "channeldesk.db"


def default_data_dir() -> Path:
    override = os.environ.get("CHANNELDESK_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("ChannelDesk", "ChannelDesk"))


def database_path(data_dir: Path | None = None) -> Path:
    return (data_dir or default_data_dir()) / DB_FILENAME


def demo_database_path(data_dir: Path) -> Path:
    """The demo database has its own folder so it never mixes with real business data."""
    return data_dir / "demo" / DB_FILENAME


def backup_dir(data_dir: Path) -> Path:
    return data_dir / "backups"
