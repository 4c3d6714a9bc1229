"""Per-stream counts and digests that a PC and HQ compute over the same rows (sync-anchors
§8.11). Both sides import this module, so the rows become digest input in ONE way.

Pure functions over iterables of tuples: no database, no Qt. The rows may come from SQLite or
PostgreSQL, whose drivers hand back the same value in different types (a SUM is an int on
SQLite and a Decimal on PostgreSQL; a boolean may be bool or 0/1), so every value is brought
to one canonical form first. Rows are sorted after serialising, in Python, because the two
databases sort text by different collations.
"""

from __future__ import annotations

import decimal
import hashlib
import json
from collections import Counter
from collections.abc import Iterable

# Bumped whenever the serialisation below changes: a PC compares only digests it can make.
VERSION = 1
STREAMS = ("stock", "outlets", "sales_orders", "payments")


def canonical(value):
    """One JSON value per logical value, whichever database produced it."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):  # before int: bool is an int subclass
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, decimal.Decimal) and value == value.to_integral_value():
        return int(value)
    # Quantities and money are integers (fen); a float here is a bug, not something to round.
    raise TypeError(f"no canonical form for {type(value).__name__} {value!r}")


def digest(rows: Iterable[tuple]) -> str:
    """sha256 hex over the rows, independent of their order."""
    lines = sorted(
        json.dumps([canonical(v) for v in row], ensure_ascii=False, separators=(",", ":"))
        for row in rows
    )
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()


def stock(move_count: int, sums: Iterable[tuple]) -> dict:
    """sums: (product_id, warehouse_id, batch_id, sum of quantity) per group."""
    return {"count": int(move_count), "digest": digest(sums)}


def outlets(rows: Iterable[tuple]) -> dict:
    """rows: (id, name, phone, address, contact, archived)."""
    rows = list(rows)
    return {"count": len(rows), "digest": digest(rows)}


def sales_orders(rows: Iterable[tuple]) -> dict:
    """rows: (id, status, total_fen) of every order HQ has heard of (no drafts)."""
    rows = list(rows)
    by_status = Counter(str(r[1]) for r in rows)
    return {"count": len(rows), "by_status": dict(sorted(by_status.items())), "digest": digest(rows)}


def payments(rows: Iterable[tuple]) -> dict:
    """rows: (id, amount_fen)."""
    rows = list(rows)
    return {"count": len(rows), "digest": digest(rows)}


def differing(hq: dict, local: dict) -> list[str]:
    """The streams whose figures differ; none when HQ speaks another checksum version."""
    if hq.get("version") != VERSION:
        return []
    return [name for name in STREAMS if name in hq and hq[name] != local.get(name)]
