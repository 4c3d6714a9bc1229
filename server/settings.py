"""HQ business settings (stored as text) with their defaults."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from server.models import FeedCounter, HqSetting

DEFAULTS = {
    "protection_days": "90",
    # 1: the first valid filing of an outlet is approved at once; 0: staff decide every filing.
    "filing_auto_approve": "1",
    "enroll_code_days": "7",
}

CATALOG_FEED = "catalog"


def distributor_feed(distributor_id: str) -> str:
    return f"d:{distributor_id}"


def get(session: Session, key: str) -> str:
    row = session.get(HqSetting, key)
    return row.value if row is not None else DEFAULTS.get(key, "")


def put(session: Session, key: str, value: str) -> None:
    row = session.get(HqSetting, key)
    if row is None:
        session.add(HqSetting(key=key, value=value))
    else:
        row.value = value


def seed_defaults(session: Session) -> None:
    """The feed epoch identifies this database: a restored or replaced one has another."""
    if session.get(HqSetting, "feed_epoch") is None:
        session.add(HqSetting(key="feed_epoch", value=secrets.token_hex(4)))
    if session.get(FeedCounter, CATALOG_FEED) is None:
        session.add(FeedCounter(feed=CATALOG_FEED, seq=0))
