"""The CJK font used in every PDF, registered with reportlab once per process."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.resources import resource_path

#: reportlab name of the document font (WenQuanYi Micro Hei: CJK and Latin in one face).
FONT_NAME = "WQYMicroHei"
FONT_FILE = ("fonts", "wqy-microhei.ttc")

_lock = threading.Lock()
_registered = False


def ensure_font() -> str:
    """Register the font on first use and return its name.

    reportlab embeds only the glyphs a PDF uses (a subset, with a ToUnicode map so the text
    stays searchable); parsing the 5 MB .ttc costs ~90 ms, hence once per process.
    """
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            path = resource_path(*FONT_FILE)
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
            _registered = True
    return FONT_NAME


def text_width(text: str, size: float) -> float:
    """Width of text in points at the given size, in the document font."""
    return pdfmetrics.stringWidth(text, FONT_NAME, size)
