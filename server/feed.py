"""The change feed: per-distributor stream plus the HQ-wide catalog stream.

Each write takes the next number of its feed with UPDATE ... RETURNING inside the writing
transaction. The row lock serialises writers of one feed, so numbers become visible in
commit order and a reader never skips a change that commits late. An entity keeps only its
newest entry (compaction), so an initial sync downloads each row once.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from server import settings
from server.models import Change, FeedCounter, utcnow


class FeedAllocator:
    """Hands out a feed's numbers for a whole push: the counter row is locked by its first
    UPDATE (held to commit, so pushes of one distributor are serialised and commit-ordered)
    and written once at the end instead of once per change."""

    def __init__(self, session: Session, feed: str) -> None:
        self.session, self.feed = session, feed
        self.seq = _bump(session, feed, 0)
        self.start = self.seq

    @classmethod
    def attach(cls, session: Session, feed: str) -> FeedAllocator:
        allocator = cls(session, feed)
        session.info.setdefault("feed_allocators", {})[feed] = allocator
        return allocator

    def next(self) -> int:
        self.seq += 1
        return self.seq

    def finish(self) -> None:
        if self.seq != self.start:
            self.session.execute(
                text("UPDATE feed_counter SET seq = :seq WHERE feed = :feed"),
                {"seq": self.seq, "feed": self.feed},
            )
        self.session.info.get("feed_allocators", {}).pop(self.feed, None)


def _bump(session: Session, feed: str, by: int) -> int:
    seq = session.execute(
        text("UPDATE feed_counter SET seq = seq + :by WHERE feed = :feed RETURNING seq"),
        {"feed": feed, "by": by},
    ).scalar()
    if seq is None:
        session.add(FeedCounter(feed=feed, seq=by))
        session.flush()
        return by
    return int(seq)


def next_seq(session: Session, feed: str) -> int:
    allocator = session.info.get("feed_allocators", {}).get(feed)
    if allocator is not None:
        return allocator.next()
    seq = session.execute(
        text("UPDATE feed_counter SET seq = seq + 1 WHERE feed = :feed RETURNING seq"),
        {"feed": feed},
    ).scalar()
    if seq is None:
        session.add(FeedCounter(feed=feed, seq=1))
        session.flush()
        return 1
    return int(seq)


def publish(
    session: Session,
    feed: str,
    entity: str,
    entity_id: str,
    data: dict,
    *,
    rev: int = 1,
    op: str = "upsert",
    compact: bool = True,
) -> int:
    seq = next_seq(session, feed)
    if compact:
        # synchronize_session=False: matching the deleted rows against every object in the
        # session made a large write (a catalog import) quadratic; an older entry of the same
        # entity is never read again in the transaction that replaces it.
        session.execute(
            delete(Change).where(
                Change.feed == feed, Change.entity == entity, Change.entity_id == entity_id
            ),
            execution_options={"synchronize_session": False},
        )
    session.add(
        Change(
            feed=feed, seq=seq, entity=entity, entity_id=entity_id, op=op, rev=rev,
            data=data, at=utcnow(),
        )
    )
    return seq


@dataclass(frozen=True)
class Cursor:
    epoch: str
    catalog: int
    distributor: int

    def encode(self) -> str:
        raw = f"1:{self.epoch}:{self.catalog}:{self.distributor}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str, epoch: str) -> Cursor | None:
        """None when the cursor is unreadable or from another HQ database (start over)."""
        if not value:
            return cls(epoch, 0, 0)
        try:
            padded = value + "=" * (-len(value) % 4)
            version, cur_epoch, cat, dist = (
                base64.urlsafe_b64decode(padded.encode()).decode().split(":")
            )
            cursor = cls(cur_epoch, int(cat), int(dist))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return None
        if version != "1" or cursor.epoch != epoch or cursor.catalog < 0 or cursor.distributor < 0:
            return None
        return cursor


@dataclass(frozen=True)
class Page:
    changes: list[dict]
    cursor: Cursor
    has_more: bool


def read_page(session: Session, distributor_id: str, cursor: Cursor, limit: int) -> Page:
    """Catalog changes first, so that stock moves and orders find their products."""
    catalog = _rows(session, settings.CATALOG_FEED, cursor.catalog, limit + 1)
    changes = [_wire(r, "catalog") for r in catalog[:limit]]
    cat_seq = catalog[: limit][-1].seq if catalog[:limit] else cursor.catalog
    if len(catalog) > limit:
        return Page(changes, Cursor(cursor.epoch, cat_seq, cursor.distributor), True)
    room = limit - len(changes)
    dist_rows = _rows(session, settings.distributor_feed(distributor_id), cursor.distributor, room + 1)
    changes += [_wire(r, "distributor") for r in dist_rows[:room]]
    dist_seq = dist_rows[:room][-1].seq if dist_rows[:room] else cursor.distributor
    return Page(changes, Cursor(cursor.epoch, cat_seq, dist_seq), len(dist_rows) > room)


def _rows(session: Session, feed: str, after: int, limit: int) -> list:
    if limit <= 0:
        return []
    return list(
        session.execute(
            select(
                Change.seq, Change.entity, Change.entity_id, Change.op, Change.rev, Change.data
            )
            .where(Change.feed == feed, Change.seq > after)
            .order_by(Change.seq)
            .limit(limit)
        )
    )


def _wire(row, stream: str) -> dict:
    return {
        "stream": stream,
        "seq": row.seq,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "op": row.op,
        "rev": row.rev,
        "data": row.data,
    }
