"""The rebate ledger (返利台账): append-only entries and the balances they fold to.

HQ owns the ledger and publishes every entry on the distributor's feed; the PC folds the entries
it holds with this same function, so its balance is HQ's balance as of the last sync, line by
line, with no tolerance. An entry is never edited: a correction is another entry.

Buckets an amount moves through:

    accrue / adjust / reverse  →  pending      (earned, awaiting HQ's approval)
    approve                      pending   → available (spendable)
    reserve                      available → reserved  (a submitted purchase order)
    spend                        reserved  → spent     (HQ approved that order)
    release                      reserved  → available (HQ rejected it, or granted less)
    expire                       available → expired

Amounts are fen. accrue, reserve, spend, release, reverse and expire carry a positive amount;
adjust and approve are signed (a correction after approval is a negative adjust, then a negative
approve, which may leave available below zero: the distributor then owes it back).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("accrue", "adjust", "approve", "reserve", "spend", "release", "reverse", "expire")
_SIGNED = {"adjust", "approve"}
_MOVES = {
    "accrue": (None, "pending"),
    "adjust": (None, "pending"),
    "reverse": ("pending", None),
    "approve": ("pending", "available"),
    "reserve": ("available", "reserved"),
    "spend": ("reserved", "spent"),
    "release": ("reserved", "available"),
    "expire": ("available", "expired"),
}


@dataclass(frozen=True)
class LedgerEntry:
    id: str
    seq: int  # HQ's append order
    kind: str
    amount_fen: int
    policy_code: str
    period: str  # e.g. "2026-Q4"
    entry_date: dt.date
    sources: tuple[str, ...] = ()  # "purchase_order:<id>", "shipment:<id>", "return:<id>"...
    purchase_order_id: str | None = None  # reserve, spend, release
    expires_on: dt.date | None = None  # approve: when what it made spendable expires
    note: str = ""


@dataclass(frozen=True)
class Balances:
    pending: int = 0
    available: int = 0
    reserved: int = 0
    spent: int = 0
    expired: int = 0

    @property
    def earned(self) -> int:
        return self.pending + self.available + self.reserved + self.spent + self.expired


def check_entry(kind: str, amount_fen: int) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown ledger entry kind {kind!r}")
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be an int")
    if kind not in _SIGNED and amount_fen < 0:
        raise ValueError(f"{kind} takes a positive amount")


def balances(entries: Iterable[LedgerEntry]) -> Balances:
    totals = {"pending": 0, "available": 0, "reserved": 0, "spent": 0, "expired": 0}
    for entry in entries:
        source, target = _MOVES[entry.kind]
        if source is not None:
            totals[source] -= entry.amount_fen
        if target is not None:
            totals[target] += entry.amount_fen
    return Balances(**totals)


def reserved_for(entries: Iterable[LedgerEntry], purchase_order_id: str) -> int:
    """What is still held for one purchase order (reserved minus spent and released)."""
    held = 0
    for entry in entries:
        if entry.purchase_order_id != purchase_order_id:
            continue
        if entry.kind == "reserve":
            held += entry.amount_fen
        elif entry.kind in ("spend", "release"):
            held -= entry.amount_fen
    return held


@dataclass(frozen=True)
class ExpiryDue:
    approve_entry_id: str
    policy_code: str
    period: str
    amount_fen: int
    expires_on: dt.date


def expiry_due(entries: Iterable[LedgerEntry], today: dt.date) -> list[ExpiryDue]:
    """Approved amounts past their expiry date and not yet used or expired.

    Spending uses the rebate that expires first (then the older approval), so what expires is
    what the distributor could not have used in time. Running this again after its expire
    entries were written finds nothing: it is idempotent.
    """
    entries = list(entries)
    lots = sorted(
        (e for e in entries if e.kind == "approve" and e.amount_fen > 0),
        key=lambda e: (e.expires_on or dt.date.max, e.seq),
    )
    used = sum(
        e.amount_fen if e.kind in ("reserve", "expire") else
        -e.amount_fen if e.kind == "release" else
        -e.amount_fen if e.kind == "approve" and e.amount_fen < 0 else 0
        for e in entries
    )
    due = []
    for lot in lots:
        take = min(lot.amount_fen, max(0, used))
        used -= take
        left = lot.amount_fen - take
        if left > 0 and lot.expires_on is not None and lot.expires_on < today:
            due.append(ExpiryDue(lot.id, lot.policy_code, lot.period, left, lot.expires_on))
    return due
