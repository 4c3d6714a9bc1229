"""Entry point of the desktop, called by `channeldesk` and `channeldesk --demo`.

Importing this module imports no Qt, so CLI commands that import it stay light.
"""

from __future__ import annotations

from pathlib import Path


def run(data_dir: Path, demo: bool = False) -> int:
    """Open the desktop on the database in `data_dir` (or the demo database); exit code."""
    from ui.app import run_app

    return run_app(Path(data_dir), demo=demo)
