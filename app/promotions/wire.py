"""A promotion as it travels: HQ's feed to the PCs, the PC's local table, HQ's own versions.

One JSON-able dict per promotion version, the same on both sides, so the PC stores what HQ
published and both rebuild the same `Promotion` for the one pricing function. Dates are ISO
strings, money integer fen, rates basis points, sets sorted lists (so equal promotions give equal
dicts and equal JSON).

`from_wire` checks what it reads: a feed row from a newer HQ or a hand-edited import file gives a
`ValidationError` naming the field, never a half-built promotion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from app.errors import ValidationError
from app.promotions.model import (
    KINDS,
    STATUSES,
    BuyGet,
    Discount,
    GiftTier,
    ProductSet,
    Promotion,
    Reward,
    Scope,
    SpecialPrice,
    Threshold,
    ThresholdTier,
)

WIRE_VERSION = 1


def to_wire(promotion: Promotion) -> dict[str, Any]:
    return {
        "wire": WIRE_VERSION,
        "id": promotion.id,
        "code": promotion.code,
        "name": promotion.name,
        "version": promotion.version,
        "status": promotion.status,
        "valid_from": promotion.valid_from.isoformat(),
        "valid_to": promotion.valid_to.isoformat(),
        "scope": {
            "distributor_ids": sorted(promotion.scope.distributor_ids),
            "regions": sorted(promotion.scope.regions),
            "outlet_tiers": sorted(promotion.scope.outlet_tiers),
        },
        "products": {
            "product_ids": sorted(promotion.products.product_ids),
            "category_ids": sorted(promotion.products.category_ids),
        },
        "priority": promotion.priority,
        "stack_group": promotion.stack_group,
        "usage_limit_per_outlet": promotion.usage_limit_per_outlet,
        "max_discount_fen": promotion.max_discount_fen,
        "reward": _reward_to_wire(promotion.reward),
    }


def _reward_to_wire(reward: Reward) -> dict[str, Any]:
    if isinstance(reward, Discount):
        return {"kind": reward.kind, "discount_bp": reward.discount_bp}
    if isinstance(reward, SpecialPrice):
        return {
            "kind": reward.kind,
            "product_id": reward.product_id,
            "unit_id": reward.unit_id,
            "unit_price_fen": reward.unit_price_fen,
        }
    if isinstance(reward, Threshold):
        return {
            "kind": reward.kind,
            "repeating": reward.repeating,
            "tiers": [[t.threshold_fen, t.off_fen] for t in reward.tiers],
        }
    return {
        "kind": reward.kind,
        "buy_unit_name": reward.buy_unit_name,
        "buy_unit_factor": reward.buy_unit_factor,
        "gift_product_id": reward.gift_product_id,
        "gift_unit_id": reward.gift_unit_id,
        "gift_unit_factor": reward.gift_unit_factor,
        "repeating": reward.repeating,
        "tiers": [[t.buy_quantity, t.gift_quantity] for t in reward.tiers],
    }


def from_wire(data: Mapping[str, Any]) -> Promotion:
    read = _Reader(data)
    promotion = Promotion(
        id=read.text("id"),
        code=read.text("code"),
        name=read.text("name"),
        version=read.count("version", minimum=1),
        status=read.choice("status", STATUSES),
        valid_from=read.date("valid_from"),
        valid_to=read.date("valid_to"),
        scope=_scope(read.section("scope")),
        products=_products(read.section("products")),
        priority=read.integer("priority", default=0),
        stack_group=read.text("stack_group", default=""),
        usage_limit_per_outlet=read.optional_count("usage_limit_per_outlet"),
        max_discount_fen=read.optional_count("max_discount_fen"),
        reward=_reward(read.section("reward")),
    )
    if promotion.valid_to < promotion.valid_from:
        raise ValidationError(
            "promotion.dates_invalid",
            code=promotion.code,
            valid_from=promotion.valid_from.isoformat(),
            valid_to=promotion.valid_to.isoformat(),
        )
    return promotion


def _scope(read: _Reader) -> Scope:
    return Scope(
        distributor_ids=read.texts("distributor_ids"),
        regions=read.texts("regions"),
        outlet_tiers=read.texts("outlet_tiers"),
    )


def _products(read: _Reader) -> ProductSet:
    return ProductSet(
        product_ids=read.texts("product_ids"), category_ids=read.texts("category_ids")
    )


def _reward(read: _Reader) -> Reward:
    kind = read.choice("kind", KINDS)
    if kind == "discount":
        bp = read.count("discount_bp", minimum=1)
        if bp > 10000:
            read.fail("discount_bp", bp)
        return Discount(discount_bp=bp)
    if kind == "special_price":
        return SpecialPrice(
            product_id=read.text("product_id"),
            unit_id=read.text("unit_id"),
            unit_price_fen=read.count("unit_price_fen", minimum=0),
        )
    if kind == "threshold":
        pairs = read.ladder("tiers")
        return Threshold(
            tiers=tuple(ThresholdTier(a, b) for a, b in pairs),
            repeating=read.flag("repeating"),
        )
    return BuyGet(
        buy_unit_name=read.text("buy_unit_name"),
        buy_unit_factor=read.count("buy_unit_factor", minimum=1),
        gift_product_id=read.text("gift_product_id"),
        gift_unit_id=read.text("gift_unit_id"),
        gift_unit_factor=read.count("gift_unit_factor", minimum=1),
        tiers=tuple(GiftTier(a, b) for a, b in read.ladder("tiers")),
        repeating=read.flag("repeating"),
    )


_MISSING = object()


class _Reader:
    """Reads one dict, failing with the field's dotted name and the value found."""

    def __init__(self, data: Any, path: str = "") -> None:
        if not isinstance(data, Mapping):
            raise ValidationError("promotion.field_invalid", field=path or "promotion",
                                  value=_shown(data))
        self.data = data
        self.path = path

    def fail(self, key: str, value: Any) -> None:
        raise ValidationError(
            "promotion.field_invalid", field=self._name(key), value=_shown(value)
        )

    def _name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _get(self, key: str, default: Any = _MISSING) -> Any:
        value = self.data.get(key, default)
        if value is _MISSING:
            self.fail(key, None)
        return value

    def section(self, key: str) -> _Reader:
        return _Reader(self._get(key, {}), self._name(key))

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if not isinstance(value, str) or (default is _MISSING and not value.strip()):
            self.fail(key, value)
        return value.strip()

    def texts(self, key: str) -> frozenset[str]:
        value = self._get(key, [])
        if not isinstance(value, list | tuple) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            self.fail(key, value)
        return frozenset(v.strip() for v in value)

    def integer(self, key: str, default: Any = _MISSING) -> int:
        value = self._get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, value)
        return value

    def count(self, key: str, *, minimum: int) -> int:
        value = self.integer(key)
        if value < minimum:
            self.fail(key, value)
        return value

    def optional_count(self, key: str) -> int | None:
        if self.data.get(key) is None:
            return None
        return self.count(key, minimum=1)

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            self.fail(key, value)
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self._get(key)
        if value not in allowed:
            self.fail(key, value)
        return value

    def date(self, key: str) -> dt.date:
        value = self._get(key)
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(key, value)
            raise  # unreachable: fail raises

    def ladder(self, key: str) -> list[tuple[int, int]]:
        """Tiers as [[a, b], …], each positive, strictly rising in a, at least one."""
        value = self._get(key)
        ok = isinstance(value, list | tuple) and len(value) > 0
        pairs: list[tuple[int, int]] = []
        for item in value if ok else ():
            if not (
                isinstance(item, list | tuple)
                and len(item) == 2
                and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in item)
            ):
                ok = False
                break
            pairs.append((item[0], item[1]))
        if not ok or any(b[0] <= a[0] for a, b in zip(pairs, pairs[1:], strict=False)):
            self.fail(key, value)
        return pairs


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
