"""The pricing function against the failures users of other promotion engines reported
(research/promotions.md §1), one test each, plus its invariants under Hypothesis."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.promotions.engine import price_order, spread
from app.promotions.model import (
    BuyGet,
    Discount,
    GiftTier,
    OrderLine,
    PricingContext,
    ProductSet,
    Promotion,
    Scope,
    SpecialPrice,
    Threshold,
    ThresholdTier,
)

DAY = dt.date(2026, 12, 1)
CTX = PricingContext(business_date=DAY, distributor_id="dist-1", outlet_id="out-1",
                     region="east", outlet_tier="retail")
BOX = 24  # 1 箱 = 24 瓶


def promo(code: str, reward, **fields) -> Promotion:
    base = dict(id=f"p-{code}", code=code, name=f"promo {code}", version=1, status="published",
                valid_from=dt.date(2026, 11, 1), valid_to=dt.date(2026, 12, 31), reward=reward)
    base.update(fields)
    return Promotion(**base)


def line(key: str, product: str = "water", quantity: int = 1, price: int = 2400, *,
         unit: str = "box", factor: int = BOX, category: str | None = "drinks") -> OrderLine:
    return OrderLine(key=key, product_id=product, category_id=category, unit_id=f"{product}-{unit}",
                     unit_factor=factor, quantity=quantity, unit_price_fen=price)


def ladder(*tiers: tuple[int, int], repeating: bool = False) -> Threshold:
    return Threshold(tuple(ThresholdTier(t, o) for t, o in tiers), repeating=repeating)


def buy_get(*tiers: tuple[int, int], gift: str = "water", repeating: bool = False) -> BuyGet:
    return BuyGet(buy_unit_name="箱", buy_unit_factor=BOX, gift_product_id=gift,
                  gift_unit_id=f"{gift}-box", gift_unit_factor=BOX,
                  tiers=tuple(GiftTier(b, g) for b, g in tiers), repeating=repeating)


def gifts(priced):
    return [(ln.product_id, ln.quantity) for ln in priced.lines if ln.is_gift]


# --- each kind of reward -------------------------------------------------------------------


def test_discount_95_zhe_is_taken_off_each_matching_line_to_the_fen():
    priced = price_order([line("a", price=1999, quantity=3), line("b", "tea", 1, 1001)],
                         [promo("D95", Discount(500), products=ProductSet({"water"}))], CTX)
    a, b = priced.lines
    assert (a.gross_fen, a.line_discount_fen, a.amount_fen) == (5997, 300, 5697)
    assert (b.line_discount_fen, b.amount_fen) == (0, 1001)
    assert priced.total_fen == 5697 + 1001 and priced.discount_fen == 300


def test_a_100_percent_discount_leaves_nothing_to_pay_not_one_fen():
    priced = price_order([line("a", price=333, quantity=7)], [promo("FREE", Discount(10000))], CTX)
    assert priced.total_fen == 0 and priced.lines[0].amount_fen == 0


def test_special_price_applies_to_its_product_in_its_unit_only():
    special = promo("SP", SpecialPrice("water", "water-box", 2000))
    priced = price_order(
        [line("box", quantity=2), line("bottle", quantity=5, price=110, unit="bottle", factor=1)],
        [special], CTX,
    )
    assert [ln.amount_fen for ln in priced.lines] == [4000, 550]


def test_special_price_never_raises_a_price_the_clerk_already_lowered():
    priced = price_order([line("a", price=1500)], [promo("SP", SpecialPrice("water", "water-box",
                                                                             2000))], CTX)
    assert priced.total_fen == 1500 and not priced.applied


def test_threshold_ladder_takes_the_highest_tier_reached_and_hints_at_the_next():
    promotions = [promo("MJ", ladder((100000, 5000), (200000, 12000)))]
    priced = price_order([line("a", quantity=1, price=177000)], promotions, CTX)
    assert priced.discount_fen == 5000
    (hint,) = priced.hints
    assert (hint.missing_fen, hint.next_threshold_fen, hint.next_off_fen) == (23000, 200000, 12000)
    priced = price_order([line("a", quantity=1, price=200000)], promotions, CTX)
    assert priced.discount_fen == 12000 and not priced.hints


def test_repeating_threshold_gives_50_off_for_every_full_1000():
    priced = price_order([line("a", price=250000)],
                         [promo("MJ", ladder((100000, 5000), repeating=True))], CTX)
    assert priced.discount_fen == 10000
    assert priced.hints[0].missing_fen == 50000 and priced.hints[0].next_off_fen == 15000


def test_threshold_discount_is_spread_over_lines_to_the_fen_by_largest_remainder():
    lines = [line("a", price=33333), line("b", "tea", 1, 33333), line("c", "milk", 1, 33334)]
    priced = price_order(lines, [promo("MJ", ladder((100000, 10000)))], CTX)
    shares = [ln.order_discount_fen for ln in priced.lines]
    assert sum(shares) == 10000 and shares == [3333, 3333, 3334]
    assert sum(ln.amount_fen for ln in priced.lines) == priced.total_fen == 90000


def test_threshold_is_judged_after_line_discounts_on_the_same_lines():
    promotions = [promo("D90", Discount(1000), stack_group="g"),
                  promo("MJ", ladder((100000, 5000)), stack_group="g")]
    priced = price_order([line("a", price=105000)], promotions, CTX)
    # 10 % off leaves 94,500 fen: under the 1,000-yuan threshold.
    assert [a.code for a in priced.applied] == ["D90"]
    assert priced.hints[0].missing_fen == 5500


def test_discount_cap_limits_one_order():
    priced = price_order([line("a", price=100000), line("b", "tea", 1, 50000)],
                         [promo("D50", Discount(5000), max_discount_fen=30000)], CTX)
    assert priced.discount_fen == 30000
    assert [ln.line_discount_fen for ln in priced.lines] == [20000, 10000]


# --- 买赠: free goods ------------------------------------------------------------------------


def test_buy_ten_boxes_get_one_counts_the_same_product_over_several_lines():
    promotions = [promo("BG", buy_get((10, 1), repeating=True), products=ProductSet({"water"}))]
    priced = price_order([line("a", quantity=6), line("b", quantity=5)], promotions, CTX)
    assert gifts(priced) == [("water", 1)]
    gift = priced.lines[-1]
    assert gift.earned_by == ("a", "b") and gift.amount_fen == 0 and gift.unit_price_fen == 0
    priced = price_order([line("a", quantity=12), line("b", quantity=9)], promotions, CTX)
    assert gifts(priced) == [("water", 2)]


def test_bottles_count_towards_a_threshold_in_boxes():
    promotions = [promo("BG", buy_get((10, 1)), products=ProductSet({"water"}))]
    lines = [line("a", quantity=9), line("b", quantity=24, price=100, unit="bottle", factor=1)]
    assert gifts(price_order(lines, promotions, CTX)) == [("water", 1)]


def test_free_goods_disappear_when_the_quantity_drops_under_the_threshold():
    promotions = [promo("BG", buy_get((10, 1)))]
    assert gifts(price_order([line("a", quantity=10)], promotions, CTX)) == [("water", 1)]
    priced = price_order([line("a", quantity=9)], promotions, CTX)
    assert gifts(priced) == [] and priced.hints[0].missing_quantity == 1


def test_a_ladder_change_updates_the_free_quantity():
    promotions = [promo("BG", buy_get((10, 1), (20, 3)))]
    assert gifts(price_order([line("a", quantity=19)], promotions, CTX)) == [("water", 1)]
    assert gifts(price_order([line("a", quantity=20)], promotions, CTX)) == [("water", 3)]


def test_pricing_again_never_adds_the_gift_twice():
    promotions = [promo("BG", buy_get((10, 1)))]
    lines = [line("a", quantity=10)]
    first = price_order(lines, promotions, CTX)
    entered = [ln for ln in lines]  # a reopened order passes only what the clerk entered
    assert price_order(entered, promotions, CTX) == first
    assert len([ln for ln in first.lines if ln.is_gift]) == 1


# --- who and when --------------------------------------------------------------------------


def test_expired_future_draft_and_ended_promotions_are_not_applied():
    reward = Discount(1000)
    promotions = [
        promo("OLD", reward, valid_from=dt.date(2026, 10, 1), valid_to=dt.date(2026, 11, 30)),
        promo("NEW", reward, valid_from=dt.date(2026, 12, 2), valid_to=dt.date(2026, 12, 31)),
        promo("DRAFT", reward, status="draft"),
        promo("END", reward, status="ended"),
    ]
    assert not price_order([line("a")], promotions, CTX).applied


def test_the_last_day_counts_and_the_day_after_does_not():
    promotions = [promo("D", Discount(1000), valid_to=DAY)]
    assert price_order([line("a")], promotions, CTX).applied
    tomorrow = dataclasses.replace(CTX, business_date=DAY + dt.timedelta(days=1))
    assert not price_order([line("a")], promotions, tomorrow).applied


def test_a_tier_restricted_promotion_is_not_offered_to_another_tier():
    promotions = [promo("KA", Discount(1000), scope=Scope(outlet_tiers=frozenset({"ka"})))]
    assert not price_order([line("a")], promotions, CTX).applied
    ka = dataclasses.replace(CTX, outlet_tier="ka")
    assert price_order([line("a")], promotions, ka).applied


def test_scope_by_distributor_and_region():
    other = promo("X", Discount(1000), scope=Scope(distributor_ids=frozenset({"dist-2"})))
    west = promo("W", Discount(1000), scope=Scope(regions=frozenset({"west"})))
    ours = promo("O", Discount(1000), scope=Scope(distributor_ids=frozenset({"dist-1"}),
                                                  regions=frozenset({"east"})))
    applied = price_order([line("a")], [other, west, ours], CTX).applied
    assert [a.code for a in applied] == ["O"]


def test_usage_limit_and_a_managers_waiver():
    limited = promo("ONCE", Discount(1000), usage_limit_per_outlet=1)
    assert price_order([line("a")], [limited], CTX).applied
    used = dataclasses.replace(CTX, usage=(("p-ONCE", 1),))
    assert not price_order([line("a")], [limited], used).applied
    waived = dataclasses.replace(CTX, waived=frozenset({"p-ONCE"}))
    assert not price_order([line("a")], [limited], waived).applied


def test_of_two_versions_of_one_promotion_the_newer_counts():
    v1 = promo("D", Discount(500))
    v2 = dataclasses.replace(v1, version=2, reward=Discount(1000))
    priced = price_order([line("a", price=10000)], [v2, v1], CTX)
    assert [(a.version, a.discount_fen) for a in priced.applied] == [(2, 1000)]


# --- stacking ----------------------------------------------------------------------------


def test_an_exclusive_promotion_takes_no_line_another_promotion_took():
    promotions = [promo("D", Discount(1000), products=ProductSet({"water"})),
                  promo("MJ", ladder((1000, 100)))]
    priced = price_order([line("a", price=5000), line("b", "tea", 1, 500)], promotions, CTX)
    # 满减 sees only the tea line (¥5.00), under its ¥10.00 threshold.
    assert [a.code for a in priced.applied] == ["D"]


def test_promotions_of_one_stack_group_combine():
    promotions = [promo("D", Discount(1000), stack_group="spring"),
                  promo("MJ", ladder((1000, 100)), stack_group="spring"),
                  promo("BG", buy_get((1, 1), gift="tea"), stack_group="spring")]
    priced = price_order([line("a", price=5000)], promotions, CTX)
    assert sorted(a.code for a in priced.applied) == ["BG", "D", "MJ"]
    assert priced.total_fen == 5000 - 500 - 100 and gifts(priced) == [("tea", 1)]


def test_priority_decides_between_exclusive_rewards_of_one_step():
    low = promo("LOW", Discount(2000), priority=1)
    high = promo("HIGH", Discount(500), priority=9)
    assert [a.code for a in price_order([line("a")], [low, high], CTX).applied] == ["HIGH"]


# --- invariants --------------------------------------------------------------------------

PRODUCTS = ("water", "tea", "milk", "cola")


def promotions_strategy():
    discount = st.builds(Discount, st.integers(1, 10000))
    special = st.builds(SpecialPrice, st.sampled_from(PRODUCTS).map(str),
                        st.sampled_from(PRODUCTS).map(lambda p: f"{p}-box"),
                        st.integers(0, 5000))
    tiers = st.lists(st.tuples(st.integers(1, 300000), st.integers(0, 400000)), min_size=1,
                     max_size=3)
    threshold = st.builds(lambda t, r: ladder(*t, repeating=r), tiers, st.booleans())
    gift_tiers = st.lists(st.tuples(st.integers(1, 30), st.integers(1, 5)), min_size=1, max_size=3)
    gift = st.builds(lambda t, g, r: buy_get(*t, gift=g, repeating=r), gift_tiers,
                     st.sampled_from(PRODUCTS), st.booleans())
    reward = st.one_of(discount, special, threshold, gift)
    products = st.frozensets(st.sampled_from(PRODUCTS), max_size=3).map(ProductSet)
    one = st.builds(
        lambda n, r, p, prio, group, cap: promo(f"P{n}", r, products=p, priority=prio,
                                                stack_group=group, max_discount_fen=cap),
        st.integers(0, 10**6), reward, products, st.integers(0, 3),
        st.sampled_from(["", "g1", "g2"]), st.none() | st.integers(0, 50000),
    )
    return st.lists(one, max_size=8, unique_by=lambda p: p.code)


def lines_strategy(min_size: int = 0):
    one = st.builds(
        lambda n, product, quantity, price, unit: line(
            f"L{n}", product, quantity, price, unit=unit[0], factor=unit[1]),
        st.integers(), st.sampled_from(PRODUCTS), st.integers(0, 60), st.integers(0, 300000),
        st.sampled_from([("box", BOX), ("bottle", 1)]),
    )
    return st.lists(one, min_size=min_size, max_size=12, unique_by=lambda ln: ln.key)


@settings(max_examples=300, deadline=None)
@given(lines_strategy(), promotions_strategy())
def test_pricing_is_deterministic_adds_up_and_never_goes_negative(lines, promotions):
    priced = price_order(lines, promotions, CTX)
    assert price_order(lines, list(reversed(promotions)), CTX) == priced
    assert sum(ln.amount_fen for ln in priced.lines) == priced.total_fen
    assert priced.gross_fen - priced.discount_fen == priced.total_fen
    assert priced.gross_fen == sum(ln.gross_fen for ln in lines)
    for ln in priced.lines:
        assert ln.amount_fen >= 0 and ln.line_discount_fen >= 0 and ln.order_discount_fen >= 0
        assert ln.amount_fen == ln.gross_fen - ln.line_discount_fen - ln.order_discount_fen
    assert sum(a.discount_fen for a in priced.applied) == priced.discount_fen
    entered = [ln for ln in priced.lines if not ln.is_gift]
    assert [ln.key for ln in entered] == [ln.key for ln in lines]


@settings(max_examples=300, deadline=None)
@given(lines_strategy(), st.sampled_from(PRODUCTS), st.integers(1, 40), st.integers(0, 300000),
       st.one_of(st.builds(lambda t, r: ladder(*t, repeating=r),
                           st.lists(st.tuples(st.integers(1, 300000), st.integers(0, 40000)),
                                    min_size=1, max_size=4), st.booleans()),
                 st.builds(lambda t, r: buy_get(*t, repeating=r),
                           st.lists(st.tuples(st.integers(1, 30), st.integers(1, 5)),
                                    min_size=1, max_size=4), st.booleans())))
def test_adding_a_matching_line_never_lowers_a_ladders_reward(lines, product, quantity, price,
                                                             reward):
    promotions = [promo("LADDER", reward)]
    before = price_order(lines, promotions, CTX)
    more = [*lines, line("extra", product, quantity, price)]
    after = price_order(more, promotions, CTX)

    def reward_of(priced):
        return sum(a.discount_fen + a.gift_quantity for a in priced.applied)

    assert reward_of(after) >= reward_of(before)


@given(st.integers(0, 10**9), st.lists(st.integers(0, 10**7), min_size=1, max_size=20))
def test_spread_adds_up_and_no_share_exceeds_its_weight(total, weights):
    total = min(total, sum(weights))
    shares = spread(total, weights)
    assert sum(shares) == (total if sum(weights) else 0)
    assert all(0 <= s <= w for s, w in zip(shares, weights, strict=True))
