"""Strict readers for op payload fields: a wrong type is a rejection, never a crash."""

from __future__ import annotations

import datetime as dt

from server.errors import OpRejected

BIGINT_MAX = 2**63 - 1  # the widest integer column HQ has (PostgreSQL bigint)


def has_nul(value) -> bool:
    """PostgreSQL text cannot hold U+0000, so a payload carrying it is refused up front
    (on SQLite it would be stored; both HQs answer alike)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def text(payload: dict, key: str, max_len: int, *, required: bool = False, default: str = "") -> str:
    value = payload.get(key, default)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise OpRejected("invalid_payload", field=key)
    if required and not value.strip():
        raise OpRejected("invalid_payload", field=key)
    return value[:max_len]


def integer(payload: dict, key: str, *, default: int | None = None) -> int:
    value = payload.get(key, default)
    # bool is an int in Python; money and quantities must be real integers.
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > BIGINT_MAX:
        raise OpRejected("invalid_payload", field=key)
    return value


def opt_id(payload: dict, key: str) -> str | None:
    value = payload.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 36:
        raise OpRejected("invalid_payload", field=key)
    return value


def req_id(payload: dict, key: str) -> str:
    value = opt_id(payload, key)
    if value is None:
        raise OpRejected("invalid_payload", field=key)
    return value


def date(payload: dict, key: str, default: dt.date) -> dt.date:
    value = payload.get(key)
    if value in (None, ""):
        return default
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise OpRejected("invalid_payload", field=key) from None


def lines(payload: dict, key: str = "lines") -> list[dict]:
    value = payload.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise OpRejected("invalid_payload", field=key)
    return value
