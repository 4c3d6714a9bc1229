"""The one pricing function: an order's lines + the promotions held + the business date → the
priced order. The PC calls it at order entry (offline), HQ calls it again to re-check what a
PC pushed; both pass plain records (app/promotions/model.py) and get the same answer.

It always recomputes from scratch (gift lines are never input; the caller passes only the lines
the clerk entered), is deterministic (every choice has a total order) and uses integers only.

How promotions combine (documented here because HQ staff and clerks both need to predict it):

1. Only published promotions whose inclusive dates contain the business date, whose scope
   admits the distributor, region and outlet tier, that a manager has not waived on this order
   and whose per-outlet usage limit is not used up, take part. Of several versions of one
   promotion, the highest counts.
2. They are applied in steps: line rewards first (折扣, 特价), then gifts (买赠), then amount off
   the order (满减). Within a step, higher priority first, then code.
3. A line is open to a promotion when nothing touched it yet, or when everything that touched
   it shares the promotion's stack group. An exclusive promotion (no group) only takes lines
   nothing else took, and once it took a line, nothing else takes it.
4. 满减 tiers are judged on the matching lines' amount after line rewards (not after another
   满减), so promotions of one group stack without changing each other's tier; the discount is
   capped by the promotion's cap and by what is left of those lines, and spread over them in
   proportion to their amounts, to the fen, by largest remainder. No amount goes negative.
5. 买赠 counts base units of the matching lines (the same product on several lines adds up) and
   gives one 0-price line of the gift product, tied to the lines that earned it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.promotions.model import (
    EXCLUSIVE,
    AppliedPromotion,
    BuyGet,
    Discount,
    OrderLine,
    PricedLine,
    PricedOrder,
    PricingContext,
    Promotion,
    SpecialPrice,
    Threshold,
    TierHint,
)

_STEP = {"discount": 0, "special_price": 0, "buy_get": 1, "threshold": 2}


def price_order(
    lines: Sequence[OrderLine], promotions: Iterable[Promotion], context: PricingContext
) -> PricedOrder:
    state = _Order(lines)
    for promotion in sorted(eligible_promotions(promotions, context), key=_apply_order):
        _APPLY[promotion.reward.kind](state, promotion)
    return state.result()


def eligible_promotions(
    promotions: Iterable[Promotion], context: PricingContext
) -> list[Promotion]:
    newest: dict[str, Promotion] = {}
    for promotion in promotions:
        held = newest.get(promotion.id)
        if held is None or promotion.version > held.version:
            newest[promotion.id] = promotion
    return [p for p in newest.values() if _takes_part(p, context)]


def _takes_part(promotion: Promotion, context: PricingContext) -> bool:
    limit = promotion.usage_limit_per_outlet
    return (
        promotion.is_valid_on(context.business_date)
        and promotion.scope.admits(context.distributor_id, context.region, context.outlet_tier)
        and promotion.id not in context.waived
        and (limit is None or context.used(promotion.id) < limit)
    )


def _apply_order(promotion: Promotion) -> tuple:
    return (_STEP[promotion.reward.kind], -promotion.priority, promotion.code, promotion.id)


_UNTOUCHED = None


@dataclass
class _Line:
    source: OrderLine
    position: int
    net_fen: int
    after_line_rewards_fen: int = 0
    line_discount_fen: int = 0
    order_discount_fen: int = 0
    touched: list[tuple[str, int]] = field(default_factory=list)
    # None while untouched; then the stack group of what touched it (EXCLUSIVE closes it).
    group: str | None = _UNTOUCHED

    def open_to(self, promotion: Promotion) -> bool:
        return self.group is _UNTOUCHED or (
            self.group == promotion.stack_group and self.group != EXCLUSIVE
        )

    def touch(self, promotion: Promotion) -> None:
        self.touched.append(promotion.key)
        if self.group is _UNTOUCHED:
            self.group = promotion.stack_group


class _Order:
    def __init__(self, lines: Sequence[OrderLine]) -> None:
        self.lines = [
            _Line(source=ln, position=n, net_fen=ln.gross_fen) for n, ln in enumerate(lines)
        ]
        self.by_product: dict[str, list[_Line]] = {}
        self.by_category: dict[str, list[_Line]] = {}
        for line in self.lines:
            self.by_product.setdefault(line.source.product_id, []).append(line)
            if line.source.category_id is not None:
                self.by_category.setdefault(line.source.category_id, []).append(line)
        self.gifts: list[PricedLine] = []
        self.applied: list[AppliedPromotion] = []
        self.hints: list[TierHint] = []
        self._line_rewards_done = False

    def matching(self, promotion: Promotion) -> list[_Line]:
        """The order's lines in the promotion's product set, in entry order."""
        wanted = promotion.products
        if not wanted.product_ids and not wanted.category_ids:
            return list(self.lines)
        found: dict[int, _Line] = {}
        for product_id in self.by_product.keys() & wanted.product_ids:
            found.update((ln.position, ln) for ln in self.by_product[product_id])
        for category_id in self.by_category.keys() & wanted.category_ids:
            found.update((ln.position, ln) for ln in self.by_category[category_id])
        return [found[n] for n in sorted(found)]

    def open_lines(self, promotion: Promotion) -> list[_Line]:
        return [ln for ln in self.matching(promotion) if ln.open_to(promotion)]

    def finish_line_rewards(self) -> None:
        if not self._line_rewards_done:
            for line in self.lines:
                line.after_line_rewards_fen = line.net_fen
            self._line_rewards_done = True

    def result(self) -> PricedOrder:
        self.finish_line_rewards()
        priced = [_priced(line) for line in self.lines] + self.gifts
        gross = sum(ln.gross_fen for ln in priced)
        total = sum(ln.amount_fen for ln in priced)
        return PricedOrder(
            lines=tuple(priced),
            applied=tuple(self.applied),
            hints=tuple(self.hints),
            gross_fen=gross,
            discount_fen=gross - total,
            total_fen=total,
        )


def _priced(line: _Line) -> PricedLine:
    source = line.source
    return PricedLine(
        key=source.key,
        product_id=source.product_id,
        unit_id=source.unit_id,
        unit_factor=source.unit_factor,
        quantity=source.quantity,
        unit_price_fen=source.unit_price_fen,
        gross_fen=source.gross_fen,
        line_discount_fen=line.line_discount_fen,
        order_discount_fen=line.order_discount_fen,
        amount_fen=line.net_fen,
        promotions=tuple(line.touched),
    )


# --- line rewards: 折扣 and 特价 -------------------------------------------------------------


def _apply_discount(order: _Order, promotion: Promotion) -> None:
    reward = promotion.reward
    assert isinstance(reward, Discount)
    lines = order.open_lines(promotion)
    off = [ln.net_fen - _pay_share(ln.net_fen, 10000 - reward.discount_bp) for ln in lines]
    _take_line_discounts(order, promotion, lines, off)


def _apply_special_price(order: _Order, promotion: Promotion) -> None:
    reward = promotion.reward
    assert isinstance(reward, SpecialPrice)
    lines = [
        ln for ln in order.by_product.get(reward.product_id, ())
        if ln.source.unit_id == reward.unit_id and ln.open_to(promotion)
        and promotion.products.matches(ln.source.product_id, ln.source.category_id)
    ]
    off = [max(0, ln.net_fen - ln.source.quantity * reward.unit_price_fen) for ln in lines]
    _take_line_discounts(order, promotion, lines, off)


def _pay_share(amount_fen: int, pay_bp: int) -> int:
    """amount × pay_bp / 10000, rounded half up, in integers (95 折 of ¥0.01 is ¥0.01)."""
    return (2 * amount_fen * pay_bp + 10000) // 20000


def _take_line_discounts(
    order: _Order, promotion: Promotion, lines: list[_Line], off: list[int]
) -> None:
    cap = promotion.max_discount_fen
    if cap is not None and sum(off) > cap:
        off = spread(cap, off)
    taken = [(ln, amount) for ln, amount in zip(lines, off, strict=True) if amount > 0]
    if not taken:
        return
    for line, amount in taken:
        line.net_fen -= amount
        line.line_discount_fen += amount
        line.touch(promotion)
    order.applied.append(_applied(promotion, discount_fen=sum(a for _, a in taken)))


# --- 买赠 ----------------------------------------------------------------------------------


def _apply_buy_get(order: _Order, promotion: Promotion) -> None:
    order.finish_line_rewards()
    reward = promotion.reward
    assert isinstance(reward, BuyGet)
    lines = [ln for ln in order.open_lines(promotion) if ln.source.quantity > 0]
    if not lines:
        return
    bought = sum(ln.source.base_quantity for ln in lines)
    ladder = [(t.buy_quantity * reward.buy_unit_factor, t.gift_quantity) for t in reward.tiers]
    reached, quantity = ladder_reward(ladder, bought, reward.repeating)
    order.hints.extend(_buy_get_hint(promotion, reward, ladder, bought, quantity))
    if reached is None:
        return
    for line in lines:
        line.touch(promotion)
    order.gifts.append(PricedLine(
        key=f"gift:{promotion.id}",
        product_id=reward.gift_product_id,
        unit_id=reward.gift_unit_id,
        unit_factor=reward.gift_unit_factor,
        quantity=quantity,
        unit_price_fen=0,
        gross_fen=0,
        line_discount_fen=0,
        order_discount_fen=0,
        amount_fen=0,
        is_gift=True,
        earned_by=tuple(ln.source.key for ln in lines),
        promotions=(promotion.key,),
    ))
    order.applied.append(_applied(promotion, discount_fen=0, gift_quantity=quantity, tier=reached))


def _buy_get_hint(promotion: Promotion, reward: BuyGet, ladder, bought: int, current: int):
    target = next_step(ladder, bought, current, reward.repeating)
    if target is None:
        return []
    needed, quantity = target
    return [TierHint(
        id=promotion.id, code=promotion.code, name=promotion.name, kind="buy_get",
        missing_quantity=-(-(needed - bought) // reward.buy_unit_factor),
        unit_name=reward.buy_unit_name,
        next_buy_quantity=needed // reward.buy_unit_factor, next_gift_quantity=quantity,
    )]


# --- 满减 ----------------------------------------------------------------------------------


def _apply_threshold(order: _Order, promotion: Promotion) -> None:
    order.finish_line_rewards()
    reward = promotion.reward
    assert isinstance(reward, Threshold)
    lines = [ln for ln in order.open_lines(promotion) if ln.net_fen > 0]
    if not lines:
        return
    amount = sum(ln.after_line_rewards_fen for ln in lines)
    ladder = [(t.threshold_fen, t.off_fen) for t in reward.tiers]
    reached, off = ladder_reward(ladder, amount, reward.repeating)
    target = next_step(ladder, amount, off, reward.repeating)
    if target is not None:
        order.hints.append(TierHint(
            id=promotion.id, code=promotion.code, name=promotion.name, kind="threshold",
            missing_fen=target[0] - amount, next_threshold_fen=target[0], next_off_fen=target[1],
        ))
    if reached is None:
        return
    if promotion.max_discount_fen is not None:
        off = min(off, promotion.max_discount_fen)
    off = min(off, sum(ln.net_fen for ln in lines))
    if off <= 0:
        return
    for line, share in zip(lines, spread(off, [ln.net_fen for ln in lines]), strict=True):
        line.net_fen -= share
        line.order_discount_fen += share
        line.touch(promotion)
    order.applied.append(_applied(promotion, discount_fen=off, tier=reached))


# --- ladders and spreading -------------------------------------------------------------------


def ladder_reward(
    ladder: Sequence[tuple[int, int]], have: int, repeating: bool
) -> tuple[int | None, int]:
    """(tier index, reward) for `have` on a ladder of (need, reward) tiers in any order.

    Not repeating: the best tier reached (on a well-formed ladder, the highest). Repeating: the
    best of each reached tier taken as often as it fits (每满 1000 减 50). Either way more never
    earns less; ties go to the higher need.
    """
    best: tuple[int, int, int] | None = None
    for n, (need, reward) in enumerate(ladder):
        if have >= need > 0:
            value = reward * (have // need if repeating else 1)
            if best is None or (value, need) > best[:2]:
                best = (value, need, n)
    return (None, 0) if best is None else (best[2], best[0])


def next_step(
    ladder: Sequence[tuple[int, int]], have: int, current: int, repeating: bool
) -> tuple[int, int] | None:
    """(need, reward) of the nearest point above `have` where the reward grows, or None."""
    candidates = []
    for need, _ in ladder:
        if need <= 0:
            continue
        if need > have:
            candidates.append(need)
        elif repeating:
            candidates.append(need * (have // need + 1))
    for need in sorted(set(candidates)):
        _, reward = ladder_reward(ladder, need, repeating)
        if reward > current:
            return need, reward
    return None


def spread(total: int, weights: Sequence[int]) -> list[int]:
    """Split total fen over weights in proportion, to the fen, by largest remainder (ties go to
    the earlier line). Never gives a share above its weight when total ≤ sum(weights)."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    shares = [total * w // whole for w in weights]
    left = total - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda n: (-(total * weights[n] % whole), n))
    for n in by_remainder[:left]:
        shares[n] += 1
    return shares


def _applied(promotion: Promotion, *, discount_fen: int, gift_quantity: int = 0,
             tier: int = 0) -> AppliedPromotion:
    return AppliedPromotion(
        id=promotion.id, version=promotion.version, code=promotion.code, name=promotion.name,
        kind=promotion.reward.kind, discount_fen=discount_fen, gift_quantity=gift_quantity,
        tier=tier,
    )


_APPLY = {
    "discount": _apply_discount,
    "special_price": _apply_special_price,
    "buy_get": _apply_buy_get,
    "threshold": _apply_threshold,
}
