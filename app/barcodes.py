"""Retail barcodes (EAN-13, EAN-8, UPC-A): check digits and clean-up of scanner input."""

from __future__ import annotations

from app.errors import ValidationError
from app.text import to_halfwidth

# GS1 lengths: EAN-8, UPC-A (12), EAN-13, and GTIN-14 on outer cases (ITF-14).
GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """GS1 check digit for the digits before it (weights 3,1,3... from the right)."""
    total = 0
    for position, char in enumerate(reversed(body)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def clean_scan(code: str) -> str:
    """What a scanner typed, as digits: full-width digits (Chinese IME on) and spaces removed."""
    return "".join(to_halfwidth(code or "").split())


def is_valid_gtin(code: str) -> bool:
    if len(code) not in GTIN_LENGTHS or not code.isascii() or not code.isdigit():
        return False
    return check_digit(code[:-1]) == int(code[-1])


def validate_barcode(code: str) -> str:
    """The cleaned barcode, or ValidationError('barcode.malformed') for a wrong length or
    check digit (a misread scan must not silently match nothing or the wrong product)."""
    cleaned = clean_scan(code)
    if not is_valid_gtin(cleaned):
        raise ValidationError("barcode.malformed", code=code)
    return cleaned


def make_ean13(body12: str) -> str:
    """A full EAN-13 from its first twelve digits (used by demo data and tests)."""
    if len(body12) != 12 or not body12.isdigit():
        raise ValidationError("barcode.malformed", code=body12)
    return body12 + str(check_digit(body12))
