"""Time helpers: everything is stored in UTC and shown in local time."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    """Current UTC time as a naive datetime (SQLite has no time zones)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def today() -> dt.date:
    """The clerk's local business date."""
    return dt.date.today()


def to_local(value: dt.datetime) -> dt.datetime:
    """A stored naive-UTC datetime in the machine's local time zone."""
    return value.replace(tzinfo=dt.UTC).astimezone()
