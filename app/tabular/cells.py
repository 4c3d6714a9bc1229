"""Parsers of one cell's text into a value: each takes the text as the person sees it (never
empty; the table handles empty cells) and returns the value or raises CellError.

Numbers from .xlsx cells arrive as the text Excel shows (15 significant digits, see
reading.cell_text), so money is parsed from that text as a Decimal and never through a float.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from app.barcodes import validate_barcode
from app.errors import ValidationError
from app.money import parse_yuan
from app.tabular.problems import CellError
from app.text import to_halfwidth

Parser = Callable[[str], Any]

# Excel shows a long number in a General cell as 6.90123E+12 and a CSV saved from it keeps
# only those digits: the barcode or code is lost and must be typed again as text.
_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_LIST_SEPARATORS = re.compile(r"[;,；，、\s]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def text(max_length: int | None = None) -> Parser:
    def parse(value: str) -> str:
        if max_length is not None and len(value) > max_length:
            raise CellError("import.text_too_long", max=max_length)
        return value

    return parse


def whole_number(minimum: int = 0) -> Parser:
    """"24", "２４", "1,000" and Excel's "24.0" are whole numbers; "2.5" and "abc" are not."""

    def parse(value: str) -> int:
        number = _decimal(value)
        if number is None or number != number.to_integral_value() or number < minimum:
            raise CellError("import.whole_number_invalid", min=minimum)
        return int(number)

    return parse


def money_fen(*, allow_negative: bool = False) -> Parser:
    """Yuan with at most two decimals ("3.5", "¥1,234.00", "3.50元") into integer fen."""

    def parse(value: str) -> int:
        cleaned = to_halfwidth(value).strip().removesuffix("元").strip()
        try:
            fen = parse_yuan(cleaned)
        except ValidationError as exc:
            kind = "too_precise" if exc.message_id == "money.too_precise" else "invalid"
            raise CellError(f"import.money_{kind}") from None
        if fen < 0 and not allow_negative:
            raise CellError("import.money_negative")
        return fen

    return parse


def percent_bp() -> Parser:
    """A percentage into basis points: "13", "13%" and an Excel 13% cell are 1300. "0.13"
    without a % sign is refused rather than guessed (0.13 % or 13 %?)."""

    def parse(value: str) -> int:
        cleaned = to_halfwidth(value).strip()
        has_sign = cleaned.endswith("%")
        number = _decimal(cleaned.removesuffix("%"))
        if number is None or not 0 <= number <= 100 or (0 < number < 1 and not has_sign):
            raise CellError("import.percent_invalid")
        bp = number * 100
        if bp != bp.to_integral_value():
            raise CellError("import.percent_invalid")
        return int(bp)

    return parse


def date() -> Parser:
    """2026-11-27, 2026/11/27, 2026.11.27, 2026年11月27日, 20261127 and Excel date cells."""

    def parse(value: str) -> dt.date:
        cleaned = to_halfwidth(value).strip()
        match = _DATE.match(cleaned) or _COMPACT_DATE.match(cleaned)
        try:
            if match is None:
                raise ValueError(cleaned)
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise CellError("import.date_invalid") from None

    return parse


def barcode() -> Parser:
    def parse(value: str) -> str:
        return _one_barcode(value)

    return parse


def barcode_list() -> Parser:
    """Several barcodes in one cell, separated by ; , 、 or spaces."""

    def parse(value: str) -> list[str]:
        return [_one_barcode(code) for code in _LIST_SEPARATORS.split(value) if code]

    return parse


def _one_barcode(code: str) -> str:
    if _SCIENTIFIC.match(to_halfwidth(code).strip()):
        raise CellError("import.scientific_notation", code=code)
    try:
        return validate_barcode(code)
    except ValidationError:
        raise CellError("import.barcode_invalid", code=code) from None


def _decimal(value: str) -> Decimal | None:
    cleaned = to_halfwidth(value).strip().replace(",", "")
    try:
        number = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None
