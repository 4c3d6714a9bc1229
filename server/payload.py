"""Strict readers for op payload fields: a wrong type is a rejection, never a crash."""

from __future__ import annotations

import datetime as dt

from server.errors import OpRejected


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
    if not isinstance(value, int) or isinstance(value, bool):
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
