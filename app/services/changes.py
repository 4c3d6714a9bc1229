"""What one write changed, named by area (STYLE §6b; Anki's `OpChanges`).

Every record a writing service returns has a `changes` property built from the ids it holds
(an order's id, the products a shipment moved...); the desktop announces exactly that, and
each screen refreshes when an area it shows appears. A write that returns nothing else
returns its `Changes`. Qt-free and import-light: the UI's change bus carries it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Changes:
    sales_orders: tuple[str, ...] = ()  # order ids: lines, status, delivery note, invoice
    stock: tuple[str, ...] = ()  # product ids whose stock moved
    stocktakes: tuple[str, ...] = ()
    receivables: tuple[str, ...] = ()  # outlet ids whose account moved: invoices, payments, credits
    outlets: tuple[str, ...] = ()  # outlet ids whose master data changed
    filings: tuple[str, ...] = ()
    purchase_orders: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    company: bool = False  # the company's details
    settings: tuple[str, ...] = ()  # business setting keys (hq_url, filing_warning_days...)
    prints: tuple[str, ...] = ()  # numbers of the documents printed (the print log, counts)
    print_profiles: tuple[str, ...] = ()  # printer profile names
    # HQ's data was written here (a sync cycle, enrollment): any area may differ, by ids
    # nobody listed.
    from_hq: bool = False

    @property
    def changes(self) -> Changes:
        """A `Changes` is itself a result that names what changed."""
        return self


class ChangeResult(Protocol):
    """What a writing service returns: any record with a `changes` property."""

    @property
    def changes(self) -> Changes: ...


def distinct(ids: Iterable[str]) -> tuple[str, ...]:
    """Each id once, in first-seen order (a shipment moves one product from several lots)."""
    return tuple(dict.fromkeys(ids))
