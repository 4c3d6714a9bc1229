"""Text normalisation shared by search, duplicate detection and barcode input."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Legal-form and shop-type suffixes that clerks add or omit at will.
_NAME_SUFFIXES = (
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "商贸公司",
    "公司",
    "商行",
    "超市",
    "便利店",
    "商店",
    "门市部",
    "店",
)


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (１２３ＡＢＣ, ideographic space) to half-width."""
    return unicodedata.normalize("NFKC", text)


def normalise_phone(phone: str | None) -> str:
    """Digits only, without a leading +86/0086 country code."""
    if not phone:
        return ""
    digits = re.sub(r"\D", "", to_halfwidth(phone))
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            digits = digits[len(prefix) :]
    return digits


def normalise_name(name: str | None) -> str:
    """Outlet name for duplicate detection: half-width, lower case, no spaces, no suffix."""
    if not name:
        return ""
    text = _SPACES.sub("", to_halfwidth(name)).lower()
    text = re.sub(r"[()（）\[\]【】·.,，、\-_]", "", text)
    changed = True
    while changed:
        changed = False
        for suffix in _NAME_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                changed = True
    return text


def normalise_address(address: str | None) -> str:
    if not address:
        return ""
    return re.sub(r"[\s,，。.\-#号]", "", to_halfwidth(address)).lower()
