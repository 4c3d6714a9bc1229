"""Load the shipped CJK font so Chinese renders without any system font (STACK-NOTES)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.resources import resource_path

log = logging.getLogger(__name__)

FONT_FILE = ("fonts", "wqy-microhei.ttc")
FALLBACK_FAMILY = "WenQuanYi Micro Hei"


def install_app_font(app: QApplication, point_size: int = 10) -> str:
    """Register the bundled font and make it the application font; returns its family."""
    path = resource_path(*FONT_FILE)
    family = FALLBACK_FAMILY
    if path.exists():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    else:
        log.warning("bundled font %s missing; relying on system fonts", path)
    # Set the family explicitly: with Noto CJK and a non-Chinese locale fontconfig would
    # otherwise pick Japanese glyph shapes.
    font = QFont(family, point_size)
    app.setFont(font)
    return family
