"""Order arithmetic in one place, so that the desktop, documents and HQ agree to the fen.

Prices are tax-inclusive integer fen per the unit the line is sold in; a line's amount is
quantity × unit price and an order's total is the sum of its line amounts. HQ recomputes totals
with this same module rather than trusting what a client sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OrderTotals:
    line_amounts_fen: tuple[int, ...]
    total_fen: int


def order_totals(lines: Iterable[tuple[int, int]]) -> OrderTotals:
    """Totals of (quantity, unit_price_fen) pairs: exact integers, no rounding anywhere."""
    amounts = []
    for quantity, unit_price_fen in lines:
        _require_int(quantity, "quantity")
        _require_int(unit_price_fen, "unit_price_fen")
        amounts.append(quantity * unit_price_fen)
    return OrderTotals(tuple(amounts), sum(amounts))


def unit_price(base_price_fen: int, factor: int) -> int:
    """Price of one pack from the price per base unit (箱 = 24 瓶 costs 24 × the bottle price)."""
    _require_int(base_price_fen, "base_price_fen")
    return base_price_fen * factor


def is_below_floor(unit_price_fen: int, factor: int, floor_price_fen: int | None) -> bool:
    """True when the price per base unit is under HQ's floor (compared without dividing)."""
    if floor_price_fen is None:
        return False
    return unit_price_fen < floor_price_fen * factor


def return_amount(
    line_amount_fen: int,
    line_base_quantity: int,
    returned_base_quantity: int,
    returned_amount_fen: int,
    base_quantity: int,
) -> int:
    """Credit for returning base_quantity more of a line.

    Computed on the cumulative quantity and rounded half up, minus what earlier returns already
    credited: returning a whole line in any number of steps credits exactly its amount.
    """
    cumulative = returned_base_quantity + base_quantity
    numerator = line_amount_fen * cumulative
    credited = (2 * numerator + line_base_quantity) // (2 * line_base_quantity)
    return credited - returned_amount_fen


def _require_int(value: object, name: str) -> None:
    # bool is an int subclass and float would silently lose fen: both are programming errors.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
