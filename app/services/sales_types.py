"""Plain records the sales service takes and returns (never ORM objects)."""


from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.changes import Changes, distinct
from app.services.stock_types import Shortage


@dataclass(frozen=True)
class LineInput:
    """One typed or scanned line of a new order."""

    product_id: str
    unit_id: str
    quantity: int
    unit_price_fen: int | None = None  # None: the outlet's tier price × unit factor
    below_floor_reason: str = ""


@dataclass(frozen=True)
class OrderInfo:
    id: str
    number: str
    outlet_id: str
    warehouse_id: str
    status: str
    order_date: dt.date
    total_fen: int
    rev: int
    note: str
    # What the current user may do with the order now (lifecycles.order_actions): the
    # screens enable their buttons from this alone.
    actions: tuple[str, ...] = ()

    @property
    def changes(self) -> Changes:
        return Changes(sales_orders=(self.id,))


@dataclass(frozen=True)
class OrderLineInfo:
    id: str
    line_no: int
    product_id: str
    sku: str
    product_name: str
    unit_id: str
    unit_name: str
    factor: int
    quantity: int
    base_quantity: int
    unit_price_fen: int
    amount_fen: int
    below_floor: bool
    below_floor_reason: str


@dataclass(frozen=True)
class LineResult:
    order: OrderInfo
    line: OrderLineInfo

    @property
    def changes(self) -> Changes:
        return self.order.changes


@dataclass(frozen=True)
class AllocationLine:
    """Part of an order line shipped from one batch (lot), as printed on the delivery note."""

    order_line_id: str
    product_id: str
    batch_id: str | None
    lot_no: str
    expiry_date: dt.date | None
    base_quantity: int


@dataclass(frozen=True)
class ShipResult:
    order: OrderInfo
    delivery_note_id: str
    delivery_note_number: str
    allocations: tuple[AllocationLine, ...]
    # Products shipped beyond stock because allow_negative_stock is on (empty otherwise).
    negative_stock: tuple[Shortage, ...]

    @property
    def changes(self) -> Changes:
        return Changes(sales_orders=(self.order.id,),
                       stock=distinct(a.product_id for a in self.allocations))


@dataclass(frozen=True)
class ReturnLineInfo:
    order_line_id: str
    product_id: str
    batch_id: str | None
    base_quantity: int
    amount_fen: int


@dataclass(frozen=True)
class ReturnInfo:
    id: str
    number: str
    order_id: str
    outlet_id: str
    total_fen: int
    applied_fen: int
    lines: tuple[ReturnLineInfo, ...]

    @property
    def changes(self) -> Changes:
        """The goods are back in stock and their value credits the outlet's account."""
        return Changes(sales_orders=(self.order_id,),
                       stock=distinct(line.product_id for line in self.lines),
                       receivables=(self.outlet_id,))


@dataclass(frozen=True)
class OrderDetail:
    order: OrderInfo
    outlet_name: str
    lines: tuple[OrderLineInfo, ...]
    allocations: tuple[AllocationLine, ...]
    delivery_note_number: str | None
    invoice_number: str | None
    credit_override_by: str | None
    credit_override_reason: str
    cancel_reason: str


@dataclass(frozen=True)
class OrderSummary:
    id: str
    number: str
    order_date: dt.date
    status: str
    outlet_id: str
    outlet_name: str
    total_fen: int

    @property
    def key(self) -> tuple[dt.date, str]:
        """Pass as `after_key` to get the next page."""
        return (self.order_date, self.number)


@dataclass(frozen=True)
class LastPrice:
    order_number: str
    order_date: dt.date
    unit_name: str
    quantity: int
    unit_price_fen: int


@dataclass(frozen=True)
class DaySummary:
    day: dt.date
    order_count: int
    total_fen: int


@dataclass(frozen=True)
class UnitFacts:
    """What pricing a line needs to know about a unit, fetched for all lines in one query."""

    unit_id: str
    product_id: str
    factor: int
    unit_name: str
    sku: str
    product_name: str
    floor_price_fen: int | None
    archived: bool
    tier_price_fen: int | None
