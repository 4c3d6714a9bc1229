"""Rebate arithmetic and the ledger fold, against hand-worked figures."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.rebates.ledger import LedgerEntry, balances, expiry_due, reserved_for
from app.rebates.policy import (
    AttainmentTier,
    PerCasePolicy,
    SoldLine,
    SpendRule,
    TargetPolicy,
    attainment_bp,
    next_tier,
    per_case_rebate_fen,
    spend_limit,
    target_rebate_fen,
)

TIERS = (AttainmentTier(0, 0), AttainmentTier(8000, 200), AttainmentTier(10000, 300))
WHOLE = TargetPolicy("T", TIERS, "whole")
BANDED = TargetPolicy("T", TIERS, "banded")
TARGET = 50_000_000  # ¥500,000.00


def test_attainment_is_rounded_down_so_a_tier_is_never_reached_by_rounding():
    assert attainment_bp(39_999_999, TARGET) == 7999
    assert attainment_bp(40_000_000, TARGET) == 8000


def test_whole_mode_applies_the_tier_reached_to_everything():
    assert target_rebate_fen(WHOLE, 36_200_000, TARGET) == 0  # 72.4 %
    assert target_rebate_fen(WHOLE, 45_000_000, TARGET) == 900_000  # 90 % → 2 %
    assert target_rebate_fen(WHOLE, 60_000_000, TARGET) == 1_800_000  # 120 % → 3 %


def test_banded_mode_gives_each_band_its_own_rate():
    # 120 %: 0 on the first 400,000, 2 % on 400,000-500,000, 3 % on 500,000-600,000.
    assert target_rebate_fen(BANDED, 60_000_000, TARGET) == 200_000 + 300_000
    assert target_rebate_fen(BANDED, 45_000_000, TARGET) == 100_000


def test_next_tier_says_what_is_still_missing():
    hint = next_tier(WHOLE, 36_200_000, TARGET)
    assert (hint.missing_fen, hint.from_bp, hint.rate_bp) == (3_800_000, 8000, 200)
    assert next_tier(WHOLE, 50_000_000, TARGET) is None


def test_per_case_counts_exact_cases_and_rounds_once():
    policy = PerCasePolicy("C", per_case_fen=150, product_ids=frozenset({"water"}))
    sold = [SoldLine("water", None, 36, 24), SoldLine("water", None, 12, 24),
            SoldLine("tea", None, 240, 24)]
    assert per_case_rebate_fen(policy, sold) == 300  # 2 cases × ¥1.50; tea is not covered
    assert per_case_rebate_fen(policy, [SoldLine("water", None, 1, 24)]) == 6  # 6.25 → 6


def test_spend_limit_names_the_limit_that_decides():
    lines = [("water", None, 100_000), ("tea", None, 50_000)]
    assert spend_limit(SpendRule(), 20_000, lines).binding == "balance"
    share = spend_limit(SpendRule(max_share_bp=1000), 1_000_000, lines)
    assert (share.max_fen, share.binding) == (15_000, "share")
    only_water = spend_limit(SpendRule(product_ids=frozenset({"water"})), 1_000_000, lines)
    assert (only_water.max_fen, only_water.binding) == (100_000, "products")
    assert spend_limit(SpendRule(), 1_000_000, lines).max_fen == 150_000


def entry(seq, kind, amount, **fields):
    fields.setdefault("entry_date", dt.date(2026, 12, 1))
    return LedgerEntry(id=f"e{seq}", seq=seq, kind=kind, amount_fen=amount, policy_code="T",
                       period="2026-Q4", **fields)


def test_balances_follow_an_amount_from_accrual_to_spending():
    entries = [
        entry(1, "accrue", 10_000), entry(2, "approve", 10_000),
        entry(3, "reserve", 4_000, purchase_order_id="po1"),
        entry(4, "reserve", 3_000, purchase_order_id="po2"),
        entry(5, "spend", 4_000, purchase_order_id="po1"),
        entry(6, "release", 3_000, purchase_order_id="po2"),
        entry(7, "adjust", -500), entry(8, "accrue", 2_000),
    ]
    b = balances(entries)
    assert (b.pending, b.available, b.reserved, b.spent) == (1_500, 6_000, 0, 4_000)
    assert b.earned == 11_500
    assert reserved_for(entries[:4], "po2") == 3_000 and reserved_for(entries, "po2") == 0


def test_expiry_takes_what_was_not_used_in_time_and_only_once():
    entries = [
        entry(1, "accrue", 10_000), entry(2, "approve", 6_000, expires_on=dt.date(2027, 1, 31)),
        entry(3, "approve", 4_000, expires_on=dt.date(2027, 3, 31)),
        entry(4, "reserve", 2_500, purchase_order_id="po1"),
    ]
    (due,) = expiry_due(entries, dt.date(2027, 2, 1))
    assert (due.approve_entry_id, due.amount_fen) == ("e2", 3_500)
    entries.append(entry(5, "expire", due.amount_fen))
    assert expiry_due(entries, dt.date(2027, 2, 1)) == []
    assert balances(entries).available == 4_000


kinds = st.sampled_from(["accrue", "adjust", "approve", "reserve", "spend", "release",
                         "reverse", "expire"])


@given(st.lists(st.tuples(kinds, st.integers(0, 10**7), st.booleans()), max_size=40))
def test_money_is_never_created_or_lost_between_buckets(steps):
    entries = [entry(n, kind, -amount if negative and kind in ("adjust", "approve") else amount)
               for n, (kind, amount, negative) in enumerate(steps)]
    earned = sum(e.amount_fen for e in entries if e.kind in ("accrue", "adjust")) - sum(
        e.amount_fen for e in entries if e.kind == "reverse")
    assert balances(entries).earned == earned
