"""Pricing a 50-line order against 200 active promotions, beside pricing the same order with
none, in the same run (issue 13: promo_price_order_p95_ms ≤ 5).

The promotions are a brand's realistic mix over a 2,000-product catalog in 20 categories: 折扣
and 特价 on a few SKUs, 满减 ladders over categories or everything, 买赠 on single SKUs, in three
stack groups and exclusive, some scoped to tiers or regions. Every one is valid on the business
date, so all 200 take part in the eligibility pass.

python bench/bench_promotions.py [--orders 500] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.promotions.engine import price_order  # noqa: E402
from app.promotions.model import (  # noqa: E402
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

PRODUCTS = 2000
CATEGORIES = 20
DAY = dt.date(2026, 12, 1)


def product(n: int) -> tuple[str, str]:
    return f"P{n:05d}", f"C{n % CATEGORIES:02d}"


def make_promotions(rng: random.Random, count: int) -> list[Promotion]:
    promotions = []
    for n in range(count):
        kind = n % 4
        skus = frozenset(product(rng.randrange(PRODUCTS))[0] for _ in range(rng.randint(3, 30)))
        categories = frozenset(f"C{rng.randrange(CATEGORIES):02d}" for _ in range(rng.randint(1, 3)))
        if kind == 0:
            reward, products = Discount(rng.choice([300, 500, 800, 1000])), ProductSet(skus)
        elif kind == 1:
            pid = rng.choice(sorted(skus))
            reward, products = SpecialPrice(pid, f"{pid}-box", rng.randint(1000, 5000)), ProductSet()
        elif kind == 2:
            tiers = (ThresholdTier(100000, 5000), ThresholdTier(200000, 12000))
            reward = Threshold(tiers, repeating=rng.random() < 0.3)
            products = ProductSet(category_ids=categories) if rng.random() < 0.7 else ProductSet()
        else:
            pid = rng.choice(sorted(skus))
            reward = BuyGet("箱", 24, pid, f"{pid}-box", 24,
                            (GiftTier(10, 1), GiftTier(20, 3)), repeating=rng.random() < 0.5)
            products = ProductSet(frozenset({pid}))
        scope = Scope(outlet_tiers=frozenset({"retail", "ka"})) if n % 7 == 0 else Scope()
        promotions.append(Promotion(
            id=f"promo-{n}", code=f"PR{n:04d}", name=f"促销{n}", version=1, status="published",
            valid_from=DAY - dt.timedelta(days=10), valid_to=DAY + dt.timedelta(days=10),
            reward=reward, scope=scope, products=products, priority=rng.randint(0, 5),
            stack_group=rng.choice(["", "g1", "g2", "g3"]),
            max_discount_fen=rng.choice([None, None, 20000]),
        ))
    return promotions


def make_order(rng: random.Random, lines: int) -> list[OrderLine]:
    order = []
    for n in range(lines):
        pid, category = product(rng.randrange(PRODUCTS))
        order.append(OrderLine(key=f"L{n}", product_id=pid, category_id=category,
                               unit_id=f"{pid}-box", unit_factor=24,
                               quantity=rng.randint(1, 30), unit_price_fen=rng.randint(2000, 9000)))
    return order


def time_pricing(orders, promotions, context) -> list[float]:
    for order in orders[:20]:
        price_order(order, promotions, context)
    times = []
    for order in orders:
        started = time.perf_counter()
        price_order(order, promotions, context)
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=500)
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--promotions", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(13)
    promotions = make_promotions(rng, args.promotions)
    orders = [make_order(rng, args.lines) for _ in range(args.orders)]
    context = PricingContext(business_date=DAY, distributor_id="d1", outlet_id="o1",
                             region="east", outlet_tier="retail")
    with_promotions = time_pricing(orders, promotions, context)
    without = time_pricing(orders, [], context)
    applied = sum(len(price_order(o, promotions, context).applied) for o in orders) / len(orders)
    results = {
        "promo_price_order_p50_ms": round(percentile(with_promotions, 50), 3),
        "promo_price_order_p95_ms": round(percentile(with_promotions, 95), 3),
        "baseline_price_order_no_promotions_p95_ms": round(percentile(without, 95), 3),
        "promo_applied_per_order_ratio": round(applied, 2),
    }
    if args.json:
        print(json.dumps(results))
        return
    print(f"# {args.orders} orders of {args.lines} lines, {args.promotions} active promotions",
          file=sys.stderr)
    for name, value in results.items():
        print(f"{name} {value} {name.rsplit('_', 1)[1]}")


if __name__ == "__main__":
    main()
