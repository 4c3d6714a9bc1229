"""Rebate policies (返利政策) and what they earn: plain records and pure arithmetic.

HQ computes settlements with these functions; the PC uses the same ones for its target meter
("再订 ¥38,000.00 达到 80% 档"), so the distributor sees the rule that will be applied, not a
figure from behind closed doors. Money is integer fen; rates and attainment are basis points
(10000 = 100 %). Every amount is computed exactly and rounded once, half up, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

MODES = ("whole", "banded")  # 达到档位全额适用 / 分段累进


@dataclass(frozen=True)
class AttainmentTier:
    from_bp: int  # attainment at which this tier starts (8000 = 80 % of target)
    rate_bp: int  # rebate rate of this tier (200 = 2 %)


@dataclass(frozen=True)
class TargetPolicy:
    """Target rebate on sell-in: tiers by attainment of the period's target.

    whole: the tier reached applies to the whole amount (OCA's "section total").
    banded: each band of the amount earns its own band's rate ("section prorated").
    """

    code: str
    tiers: tuple[AttainmentTier, ...]
    mode: str = "whole"


@dataclass(frozen=True)
class PerCasePolicy:
    """¥ per case of a product set sold to outlets (sell-through, shipments minus returns)."""

    code: str
    per_case_fen: int
    product_ids: frozenset[str] = frozenset()
    category_ids: frozenset[str] = frozenset()

    def covers(self, product_id: str, category_id: str | None) -> bool:
        if not self.product_ids and not self.category_ids:
            return True
        return product_id in self.product_ids or (
            category_id is not None and category_id in self.category_ids
        )


@dataclass(frozen=True)
class SpendRule:
    """How approved rebate may be spent on a purchase order."""

    max_share_bp: int = 10000  # at most this share of one purchase order
    product_ids: frozenset[str] = frozenset()  # empty: any product
    category_ids: frozenset[str] = frozenset()
    expires_after_days: int | None = None  # after approval; None: never

    def pays_for(self, product_id: str, category_id: str | None) -> bool:
        if not self.product_ids and not self.category_ids:
            return True
        return product_id in self.product_ids or (
            category_id is not None and category_id in self.category_ids
        )


def attainment_bp(actual_fen: int, target_fen: int) -> int:
    """Attainment in basis points, rounded down (72.45 % is 7245; never rounds a tier up)."""
    if target_fen <= 0:
        return 0
    return max(0, actual_fen) * 10000 // target_fen


def tier_reached(policy: TargetPolicy, attainment: int) -> AttainmentTier | None:
    reached = [t for t in policy.tiers if attainment >= t.from_bp]
    return max(reached, key=lambda t: t.from_bp) if reached else None


def target_rebate_fen(policy: TargetPolicy, actual_fen: int, target_fen: int) -> int:
    """What the policy earns on actual_fen of sell-in against target_fen."""
    if actual_fen <= 0 or target_fen <= 0:
        return 0
    if policy.mode == "whole":
        tier = tier_reached(policy, attainment_bp(actual_fen, target_fen))
        return _round(Fraction(actual_fen * tier.rate_bp, 10000)) if tier else 0
    return _round(_banded(policy, actual_fen, target_fen))


def _banded(policy: TargetPolicy, actual_fen: int, target_fen: int) -> Fraction:
    tiers = sorted(policy.tiers, key=lambda t: t.from_bp)
    earned = Fraction(0)
    for n, tier in enumerate(tiers):
        start = Fraction(target_fen * tier.from_bp, 10000)
        end = Fraction(target_fen * tiers[n + 1].from_bp, 10000) if n + 1 < len(tiers) else None
        top = actual_fen if end is None else min(actual_fen, end)
        if top > start:
            earned += (top - start) * tier.rate_bp / 10000
    return earned


@dataclass(frozen=True)
class SoldLine:
    """Net base units of one product sold to outlets in the period, and its case size."""

    product_id: str
    category_id: str | None
    base_quantity: int  # shipped minus returned
    case_factor: int  # base units in one case (箱)


def per_case_rebate_fen(policy: PerCasePolicy, sold: Iterable[SoldLine]) -> int:
    """Cases are counted exactly (a half case earns half), summed, then rounded once."""
    earned = sum(
        (Fraction(s.base_quantity * policy.per_case_fen, s.case_factor)
         for s in sold if policy.covers(s.product_id, s.category_id) and s.case_factor > 0),
        Fraction(0),
    )
    return max(0, _round(earned))


@dataclass(frozen=True)
class NextTier:
    """What the distributor must still order to reach the next tier of a target policy."""

    missing_fen: int
    from_bp: int
    rate_bp: int


def next_tier(policy: TargetPolicy, actual_fen: int, target_fen: int) -> NextTier | None:
    """The nearest tier above the attainment reached, with the sell-in still missing."""
    if target_fen <= 0:
        return None
    reached = attainment_bp(actual_fen, target_fen)
    above = sorted((t for t in policy.tiers if t.from_bp > reached), key=lambda t: t.from_bp)
    if not above:
        return None
    tier = above[0]
    needed = -(-target_fen * tier.from_bp // 10000)  # ceil: the amount that reaches the tier
    return NextTier(missing_fen=max(0, needed - actual_fen), from_bp=tier.from_bp,
                    rate_bp=tier.rate_bp)


@dataclass(frozen=True)
class SpendLimit:
    """The most rebate one purchase order may use, and which limit decided it."""

    max_fen: int
    binding: str  # "balance" | "share" | "products" | "none": the limit the clerk is shown
    eligible_fen: int  # the part of the order the rule lets rebate pay for


def spend_limit(
    rule: SpendRule, balance_fen: int, lines: Sequence[tuple[str, str | None, int]]
) -> SpendLimit:
    """lines: (product id, category id, amount fen) of the purchase order."""
    total = sum(amount for _, _, amount in lines)
    eligible = sum(amount for p, c, amount in lines if rule.pays_for(p, c))
    by_rule = eligible * rule.max_share_bp // 10000
    balance = max(0, balance_fen)
    if balance < by_rule:
        binding = "balance"
    elif rule.max_share_bp < 10000:
        binding = "share"
    elif eligible < total:
        binding = "products"
    else:
        binding = "none"
    return SpendLimit(max_fen=min(balance, by_rule), binding=binding, eligible_fen=eligible)


def _round(value: Fraction) -> int:
    """Half up for non-negative values, half away from zero for negative ones."""
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    return sign * int((magnitude * 2 + 1) // 2)
