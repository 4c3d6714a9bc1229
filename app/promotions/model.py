"""Plain records of HQ's promotions (促销) and of a priced order.

A promotion is HQ's, versioned and read-only on the PC. The records here are what the pricing
function (app/promotions/engine.py) takes and returns: no database, no Qt, no clock. The PC builds
them from its local tables, HQ from its own; both get the same answer from the same function.

Money is integer fen, quantities integer units (a reward names its unit and that unit's factor,
as HQ published them), rates integer basis points (500 = 5 % off, i.e. 95 折).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("discount", "special_price", "threshold", "buy_get")
STATUSES = ("draft", "published", "ended")
EXCLUSIVE = ""  # stack_group of a promotion that combines with no other on the same line


@dataclass(frozen=True)
class Scope:
    """Who may get a promotion. An empty set means "no restriction" for that dimension."""

    distributor_ids: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    outlet_tiers: frozenset[str] = frozenset()  # price-tier codes

    def admits(self, distributor_id: str, region: str | None, outlet_tier: str | None) -> bool:
        return (
            _open_or_has(self.distributor_ids, distributor_id)
            and _open_or_has(self.regions, region)
            and _open_or_has(self.outlet_tiers, outlet_tier)
        )


def _open_or_has(allowed: frozenset[str], value: str | None) -> bool:
    return not allowed or (value is not None and value in allowed)


@dataclass(frozen=True)
class ProductSet:
    """Products a promotion looks at: listed products and/or whole categories. Empty: all."""

    product_ids: frozenset[str] = frozenset()
    category_ids: frozenset[str] = frozenset()

    def matches(self, product_id: str, category_id: str | None) -> bool:
        if not self.product_ids and not self.category_ids:
            return True
        return product_id in self.product_ids or (
            category_id is not None and category_id in self.category_ids
        )


@dataclass(frozen=True)
class Discount:
    """折扣: percent off the matching lines (discount_bp=500 is 95 折, 10000 is free)."""

    discount_bp: int
    kind: str = field(default="discount", init=False)


@dataclass(frozen=True)
class SpecialPrice:
    """特价: a fixed price per unit for one product sold in one unit."""

    product_id: str
    unit_id: str
    unit_price_fen: int
    kind: str = field(default="special_price", init=False)


@dataclass(frozen=True)
class ThresholdTier:
    threshold_fen: int
    off_fen: int


@dataclass(frozen=True)
class Threshold:
    """满减: amount off when the matching net amount reaches a tier; the highest tier reached
    counts. Repeating: 每满 1000 减 50 gives 100 off at 2,000 (on the tier reached)."""

    tiers: tuple[ThresholdTier, ...]
    repeating: bool = False
    kind: str = field(default="threshold", init=False)


@dataclass(frozen=True)
class GiftTier:
    buy_quantity: int  # in the promotion's buy unit
    gift_quantity: int  # in the gift unit


@dataclass(frozen=True)
class BuyGet:
    """买赠: buy N (in a named unit) of the product set, get M of a named product and unit.
    Repeating: 每 10 箱送 1 箱, rounded down."""

    buy_unit_name: str
    buy_unit_factor: int  # base units in one buy unit
    gift_product_id: str
    gift_unit_id: str
    gift_unit_factor: int
    tiers: tuple[GiftTier, ...]
    repeating: bool = False
    kind: str = field(default="buy_get", init=False)


Reward = Discount | SpecialPrice | Threshold | BuyGet


@dataclass(frozen=True)
class Promotion:
    id: str  # the same across versions
    code: str
    name: str
    version: int
    status: str
    valid_from: dt.date  # inclusive, in HQ's business time zone
    valid_to: dt.date  # inclusive
    reward: Reward
    scope: Scope = Scope()
    products: ProductSet = ProductSet()
    priority: int = 0  # higher is considered first among rewards of the same kind of step
    stack_group: str = EXCLUSIVE
    usage_limit_per_outlet: int | None = None  # orders per outlet
    max_discount_fen: int | None = None  # cap on this promotion's discount in one order

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def is_valid_on(self, business_date: dt.date) -> bool:
        return self.status == "published" and self.valid_from <= business_date <= self.valid_to


@dataclass(frozen=True)
class OrderLine:
    """One line the clerk entered (never a generated gift line)."""

    key: str
    product_id: str
    category_id: str | None
    unit_id: str
    unit_factor: int
    quantity: int  # in the line's unit
    unit_price_fen: int  # the price the clerk agreed, per the line's unit

    @property
    def base_quantity(self) -> int:
        return self.quantity * self.unit_factor

    @property
    def gross_fen(self) -> int:
        return self.quantity * self.unit_price_fen


@dataclass(frozen=True)
class PricingContext:
    business_date: dt.date
    distributor_id: str
    outlet_id: str
    region: str | None = None
    outlet_tier: str | None = None
    usage: tuple[tuple[str, int], ...] = ()  # (promotion id, orders of this outlet that used it)
    waived: frozenset[str] = frozenset()  # promotion ids a manager waived on this order

    def used(self, promotion_id: str) -> int:
        return dict(self.usage).get(promotion_id, 0)


@dataclass(frozen=True)
class PricedLine:
    key: str  # the input line's key; a gift line's key is derived from its promotion
    product_id: str
    unit_id: str
    unit_factor: int
    quantity: int
    unit_price_fen: int  # 0 on a gift line
    gross_fen: int
    line_discount_fen: int  # 折扣 / 特价
    order_discount_fen: int  # this line's share of 满减
    amount_fen: int  # gross − both discounts; never negative
    is_gift: bool = False
    earned_by: tuple[str, ...] = ()  # on a gift line: the keys of the lines that earned it
    promotions: tuple[tuple[str, int], ...] = ()  # (id, version) of what touched this line

    @property
    def base_quantity(self) -> int:
        return self.quantity * self.unit_factor


@dataclass(frozen=True)
class AppliedPromotion:
    id: str
    version: int
    code: str
    name: str
    kind: str
    discount_fen: int  # money off this order (0 for a gift)
    gift_quantity: int = 0  # in the gift unit (buy_get only)
    tier: int = 0  # index of the tier reached (threshold, buy_get)


@dataclass(frozen=True)
class TierHint:
    """What the order is missing to reach a promotion's next tier (再买 ¥230.00 可享 满2000减120)."""

    id: str
    code: str
    name: str
    kind: str
    missing_fen: int = 0  # threshold
    missing_quantity: int = 0  # buy_get, in buy_unit_name
    unit_name: str = ""
    next_threshold_fen: int = 0
    next_off_fen: int = 0
    next_buy_quantity: int = 0
    next_gift_quantity: int = 0


@dataclass(frozen=True)
class PricedOrder:
    lines: tuple[PricedLine, ...]
    applied: tuple[AppliedPromotion, ...]
    hints: tuple[TierHint, ...]
    gross_fen: int
    discount_fen: int
    total_fen: int

    def used_versions(self) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((a.id, a.version) for a in self.applied))
