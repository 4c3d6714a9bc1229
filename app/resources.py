"""Locate files shipped in `resources/`, both from a source checkout and a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The `resources/` folder: inside the bundle when frozen, else beside the `app` package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        # PyInstaller unpacks data files under sys._MEIPASS; the spec copies resources/ there.
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. resource_path("fonts", "wqy-microhei.ttc")."""
    return resources_root().joinpath(*parts)
