"""Exact money: amounts are integer fen (1 yuan = 100 fen); floats are never accepted."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.errors import ValidationError

FEN_PER_YUAN = 100


def parse_yuan(text: str | int | Decimal, *, field: str = "amount") -> int:
    """Parse a yuan amount typed by a clerk ("12.5", "１２.５０", "¥1,234") into fen.

    More than two decimals is refused rather than silently rounded.
    """
    if isinstance(text, float):
        raise TypeError("money must not be a float")
    if isinstance(text, int):
        return text * FEN_PER_YUAN
    raw = text if isinstance(text, Decimal) else _clean(text)
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        raise ValidationError("money.invalid", field=field, value=str(text)) from None
    if not value.is_finite():
        raise ValidationError("money.invalid", field=field, value=str(text))
    fen = value * FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise ValidationError("money.too_precise", field=field, value=str(text))
    return int(fen)


def _clean(text: str) -> str:
    from app.text import to_halfwidth

    return to_halfwidth(text).strip().replace(",", "").replace("¥", "").replace("￥", "")


def format_fen(fen: int, *, sign: bool = False) -> str:
    """1234567 -> '12,345.67' (with '¥' when sign=True)."""
    negative = fen < 0
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    text = f"{yuan:,}.{cents:02d}"
    if sign:
        text = "¥" + text
    return "-" + text if negative else text


def mul_fen(unit_fen: int, quantity: int) -> int:
    """Line amount: exact integer multiplication."""
    return unit_fen * quantity


def apply_rate(amount_fen: int, rate_bp: int) -> int:
    """amount × rate (basis points, 1300 = 13%) rounded half-up to a fen."""
    value = Decimal(amount_fen) * Decimal(rate_bp) / Decimal(10000)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
