"""How values look on screen: money, dates, and translated names of statuses and kinds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.clock import to_local

# Codes stored in the database → English source text; the .ts files carry the Chinese.
_NAMES = {
    "draft": QT_TRANSLATE_NOOP("Status", "Draft"),
    "confirmed": QT_TRANSLATE_NOOP("Status", "Confirmed"),
    "shipped": QT_TRANSLATE_NOOP("Status", "Shipped"),
    "delivered": QT_TRANSLATE_NOOP("Status", "Delivered"),
    "invoiced": QT_TRANSLATE_NOOP("Status", "Invoiced"),
    "cancelled": QT_TRANSLATE_NOOP("Status", "Cancelled"),
    "pending": QT_TRANSLATE_NOOP("Status", "Pending at HQ"),
    "approved": QT_TRANSLATE_NOOP("Status", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("Status", "Rejected"),
    "conflict": QT_TRANSLATE_NOOP("Status", "Conflict (already filed)"),
    "expired": QT_TRANSLATE_NOOP("Status", "Expired"),
    "withdrawn": QT_TRANSLATE_NOOP("Status", "Withdrawn"),
    "submitted": QT_TRANSLATE_NOOP("Status", "Submitted"),
    "partially_received": QT_TRANSLATE_NOOP("Status", "Partially received"),
    "received": QT_TRANSLATE_NOOP("Status", "Received"),
    "open": QT_TRANSLATE_NOOP("Status", "Open"),
    "posted": QT_TRANSLATE_NOOP("Status", "Posted"),
    "parked": QT_TRANSLATE_NOOP("Status", "Parked"),
    "receipt": QT_TRANSLATE_NOOP("Status", "Receipt"),
    "shipment": QT_TRANSLATE_NOOP("Status", "Shipment"),
    "return": QT_TRANSLATE_NOOP("Status", "Return"),
    "adjustment": QT_TRANSLATE_NOOP("Status", "Adjustment"),
    "transfer_out": QT_TRANSLATE_NOOP("Status", "Transfer out"),
    "transfer_in": QT_TRANSLATE_NOOP("Status", "Transfer in"),
    "stocktake": QT_TRANSLATE_NOOP("Status", "Stocktake"),
    "reversal": QT_TRANSLATE_NOOP("Status", "Reversal"),
    "cash": QT_TRANSLATE_NOOP("Status", "Cash"),
    "wechat": QT_TRANSLATE_NOOP("Status", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("Status", "Alipay"),
    "bank": QT_TRANSLATE_NOOP("Status", "Bank transfer"),
    "prepaid": QT_TRANSLATE_NOOP("Status", "Prepaid deposit"),
    "settlement": QT_TRANSLATE_NOOP("Status", "Settlement"),
    "deposit": QT_TRANSLATE_NOOP("Status", "Deposit"),
    "clerk": QT_TRANSLATE_NOOP("Status", "Clerk"),
    "warehouse": QT_TRANSLATE_NOOP("Status", "Warehouse keeper"),
    "manager": QT_TRANSLATE_NOOP("Status", "Manager"),
}


def name_of(code: str | None) -> str:
    if not code:
        return ""
    source = _NAMES.get(code)
    return QCoreApplication.translate("Status", source) if source else code


def money(fen: int | None) -> str:
    from app.money import format_fen  # decimal is not needed to show the first window

    return "" if fen is None else format_fen(fen)


def date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def local_time(value: dt.datetime | None) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else ""


def halfwidth(text: str) -> str:
    from app.text import to_halfwidth

    return to_halfwidth(text)
