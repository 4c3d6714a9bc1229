"""The feed's form of a promotion: what HQ publishes is what the PC prices with."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.errors import ValidationError
from app.promotions.model import (
    BuyGet,
    Discount,
    GiftTier,
    ProductSet,
    Promotion,
    Scope,
    SpecialPrice,
    Threshold,
    ThresholdTier,
)
from app.promotions.wire import from_wire, to_wire

REWARDS = [
    Discount(discount_bp=500),
    SpecialPrice(product_id="p1", unit_id="u-case", unit_price_fen=9900),
    Threshold(tiers=(ThresholdTier(100000, 5000), ThresholdTier(200000, 12000)), repeating=False),
    BuyGet(
        buy_unit_name="箱", buy_unit_factor=24, gift_product_id="p2", gift_unit_id="u2",
        gift_unit_factor=24, tiers=(GiftTier(10, 1),), repeating=True,
    ),
]


def promotion(reward, **changes) -> Promotion:
    fields = dict(
        id="promo-1", code="P2026-01", name="双十二满减", version=3, status="published",
        valid_from=dt.date(2026, 12, 1), valid_to=dt.date(2026, 12, 31), reward=reward,
        scope=Scope(distributor_ids=frozenset({"d2", "d1"}), outlet_tiers=frozenset({"A"})),
        products=ProductSet(product_ids=frozenset({"p1"}), category_ids=frozenset({"饮料"})),
        priority=5, stack_group="brand", usage_limit_per_outlet=2, max_discount_fen=30000,
    )
    fields.update(changes)
    return Promotion(**fields)


@pytest.mark.parametrize("reward", REWARDS, ids=lambda r: r.kind)
def test_every_reward_kind_survives_json_unchanged(reward):
    original = promotion(reward)
    assert from_wire(json.loads(json.dumps(to_wire(original)))) == original


def test_equal_promotions_give_equal_json():
    a = promotion(REWARDS[0], scope=Scope(distributor_ids=frozenset({"d1", "d2", "d3"})))
    b = promotion(REWARDS[0], scope=Scope(distributor_ids=frozenset({"d3", "d2", "d1"})))
    assert json.dumps(to_wire(a)) == json.dumps(to_wire(b))


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("status",), "live", "status"),
        (("valid_from",), "2026-13-01", "valid_from"),
        (("version",), 0, "version"),
        (("reward", "kind"), "cashback", "reward.kind"),
        (("reward", "discount_bp"), 10001, "reward.discount_bp"),
        (("reward", "discount_bp"), "5", "reward.discount_bp"),
        (("scope", "regions"), "华东", "scope.regions"),
        (("max_discount_fen",), -1, "max_discount_fen"),
    ],
)
def test_a_bad_field_is_named(path, value, field):
    data = to_wire(promotion(REWARDS[0]))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError) as caught:
        from_wire(data)
    assert caught.value.message_id == "promotion.field_invalid"
    assert caught.value.params["field"] == field


def test_ladder_tiers_must_rise():
    data = to_wire(promotion(REWARDS[2]))
    data["reward"]["tiers"] = [[200000, 12000], [100000, 5000]]
    with pytest.raises(ValidationError) as caught:
        from_wire(data)
    assert caught.value.params["field"] == "reward.tiers"


def test_a_promotion_that_ends_before_it_starts_is_refused():
    data = to_wire(promotion(REWARDS[0]))
    data["valid_to"] = "2026-11-30"
    with pytest.raises(ValidationError) as caught:
        from_wire(data)
    assert caught.value.message_id == "promotion.dates_invalid"
