"""Plain records of the stock rules (app.services.ledger) and the stock services (never ORM
objects)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import NamedTuple

from app.services.changes import Changes, distinct

# ---------------------------------------------------------------------------------------------
# The stock rules' records


class AllBatches(enum.Enum):
    """The type of ALL_BATCHES. batch_id None always means the stock without a batch (as on a
    move); a question about every batch of a product says so with ALL_BATCHES."""

    ALL_BATCHES = "all"


ALL_BATCHES = AllBatches.ALL_BATCHES


@dataclass(frozen=True)
class BatchBalance:
    """What one batch of a product holds in a warehouse (batch_id None: the stock without a
    batch), with the expiry date that decides first-expiry-first-out."""

    batch_id: str | None
    lot_no: str
    expiry_date: dt.date | None
    quantity: int


class BatchPart(NamedTuple):
    """Part of a quantity taken from one batch (None: the stock without a batch)."""

    batch_id: str | None
    quantity: int


@dataclass(frozen=True)
class FefoPlan:
    """First-expiry-first-out split of the quantities asked for, over the candidate batches.

    parts[i] splits quantities[i], one part per batch; what the candidates cannot cover is in
    that quantity's part without a batch, so taking it takes that stock below zero.
    """

    parts: tuple[tuple[BatchPart, ...], ...]
    needed: int  # all the quantities together
    available: int  # what the candidates hold together

    @property
    def short(self) -> int:
        return max(0, self.needed - self.available)


@dataclass(frozen=True)
class Shortage:
    """An action needs more of a product than a warehouse holds: of one batch (batch_id; None
    is the stock without a batch) or, when all_batches, of all its batches together (taken
    first expiry first, as shipping does). One entry of StockShortfall's params['shortages'],
    and of a shipment's negative-stock flags when negative stock is allowed."""

    product_id: str
    sku: str
    name: str
    warehouse_id: str
    batch_id: str | None
    lot_no: str
    all_batches: bool
    needed: int
    available: int


# ---------------------------------------------------------------------------------------------
# Plain records returned to callers


@dataclass(frozen=True)
class BatchInfo:
    id: str
    product_id: str
    lot_no: str
    production_date: dt.date | None
    expiry_date: dt.date | None


@dataclass(frozen=True)
class MoveInfo:
    id: str
    product_id: str
    warehouse_id: str
    batch_id: str | None
    quantity: int
    kind: str
    ref_type: str
    ref_id: str | None
    reason: str
    reverses_id: str | None
    created_at: dt.datetime

    @property
    def changes(self) -> Changes:
        return Changes(stock=(self.product_id,))


@dataclass(frozen=True)
class StockBalance:
    product_id: str
    sku: str
    product_name: str
    warehouse_id: str
    warehouse_code: str
    batch_id: str | None
    lot_no: str
    production_date: dt.date | None
    expiry_date: dt.date | None
    quantity: int

    @property
    def negative(self) -> bool:
        """Flagged for the clerk: two PCs sold the last units offline, or negatives allowed."""
        return self.quantity < 0


@dataclass(frozen=True)
class LedgerEntry:
    id: str
    created_at: dt.datetime
    warehouse_id: str
    batch_id: str | None
    lot_no: str
    kind: str
    quantity: int
    balance: int  # on-hand (same product/warehouse filter) just after this move
    ref_type: str
    ref_id: str | None
    reason: str
    reverses_id: str | None
    user_id: str | None


class ReceiptLineIn(NamedTuple):
    """One line of a goods receipt without a purchase order.

    quantity is in `unit_id` (None = base units). Give either an existing batch_id or a
    lot_no (the batch is created on the fly), or neither for unbatched goods.
    """

    product_id: str
    unit_id: str | None
    quantity: int
    batch_id: str | None = None
    lot_no: str = ""
    production_date: dt.date | None = None
    expiry_date: dt.date | None = None


@dataclass(frozen=True)
class ReceiptLineInfo:
    id: str
    product_id: str
    batch_id: str | None
    base_quantity: int
    move_id: str
    po_line_id: str | None


@dataclass(frozen=True)
class ReceiptInfo:
    id: str
    number: str
    warehouse_id: str
    po_id: str | None
    received_at: dt.datetime
    lines: tuple[ReceiptLineInfo, ...]
    po_status: str | None = None

    @property
    def changes(self) -> Changes:
        return Changes(stock=distinct(line.product_id for line in self.lines),
                       purchase_orders=(self.po_id,) if self.po_id else ())


@dataclass(frozen=True)
class TransferInfo:
    transfer_id: str
    moves: tuple[MoveInfo, ...]  # transfer_out / transfer_in pairs, one pair per batch

    @property
    def changes(self) -> Changes:
        return Changes(stock=distinct(move.product_id for move in self.moves))


@dataclass(frozen=True)
class StocktakeLineInfo:
    id: str
    product_id: str
    sku: str
    batch_id: str | None
    lot_no: str
    expected_qty: int
    counted_qty: int | None
    book_qty_at_count: int | None

    @property
    def difference(self) -> int | None:
        """What posting adds: the count against the book quantity when it was counted."""
        if self.counted_qty is None or self.book_qty_at_count is None:
            return None
        return self.counted_qty - self.book_qty_at_count


@dataclass(frozen=True)
class StocktakeInfo:
    id: str
    number: str
    warehouse_id: str
    status: str
    note: str
    created_at: dt.datetime
    posted_at: dt.datetime | None
    lines: tuple[StocktakeLineInfo, ...]

    @property
    def changes(self) -> Changes:
        # Counting changes only the stocktake; posting it (the one write that leaves it
        # posted) books the differences as stock moves.
        moved = distinct(line.product_id for line in self.lines) if self.status == "posted" else ()
        return Changes(stocktakes=(self.id,), stock=moved)


@dataclass(frozen=True)
class StocktakeSummary:
    id: str
    number: str
    warehouse_id: str
    status: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ReorderAlert:
    product_id: str
    sku: str
    name: str
    warehouse_id: str | None  # None: summed over all warehouses
    on_hand: int
    reorder_point: int


@dataclass(frozen=True)
class ExpiryAlert:
    batch_id: str
    product_id: str
    sku: str
    name: str
    lot_no: str
    expiry_date: dt.date
    warehouse_id: str
    quantity: int
    days_left: int  # negative once expired

    @property
    def expired(self) -> bool:
        return self.days_left < 0

