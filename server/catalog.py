"""Catalog import (CSV or XLSX) and its publication on the HQ-wide catalog feed.

Columns: sku, name, spec, category, base_unit, packs ("箱=24;中包=6"), barcodes
("6901234567890" for the base unit, "箱:6901234567906" for a pack, ';' between them),
tax_rate (percent, "13"), shelf_life_days, floor_price, and one price_<TIER> column per
price tier (yuan). Prices are parsed exactly into fen.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ChannelDeskError
from app.money import parse_yuan
from server import feed, settings
from server.models import PriceTier, Product, utcnow

_PRODUCT_NS = uuid.UUID("0f6d4c1e-3a55-4b8e-9d0a-6b1f7d2c9e41")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    errors: list[str]


def read_rows(path: Path) -> list[dict]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = list(book.active.iter_rows(values_only=True))
        header = [str(h or "").strip() for h in rows[0]]
        return [{h: ("" if v is None else str(v)) for h, v in zip(header, r, strict=False)} for r in rows[1:]]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{(k or "").strip(): (v or "") for k, v in row.items()} for row in csv.DictReader(handle)]


def _yuan(value: str, field: str) -> int | None:
    value = value.strip()
    return parse_yuan(value, field=field) if value else None


def product_fields(row: dict) -> dict:
    sku = row["sku"].strip()
    base_unit = row.get("base_unit", "").strip() or "个"
    units = [{"name": base_unit, "factor": 1, "barcodes": []}]
    for pack in filter(None, (p.strip() for p in row.get("packs", "").split(";"))):
        name, factor = pack.split("=")
        units.append({"name": name.strip(), "factor": int(factor), "barcodes": []})
    for unit in units:  # every PC must refer to a unit by the same id
        unit["id"] = str(uuid.uuid5(_PRODUCT_NS, f"unit:{sku}:{unit['name']}"))
    by_name = {u["name"]: u for u in units}
    for code in filter(None, (c.strip() for c in row.get("barcodes", "").split(";"))):
        unit_name, _, barcode = code.rpartition(":")
        by_name.get(unit_name.strip() or base_unit, units[0])["barcodes"].append(barcode)
    prices = {}
    for key, value in row.items():
        if key.lower().startswith("price_") and value.strip():
            prices[key[6:].upper()] = _yuan(value, key)
    tax = row.get("tax_rate", "").strip()
    shelf = row.get("shelf_life_days", "").strip()
    return {
        "sku": sku, "name": row["name"].strip(), "spec": row.get("spec", "").strip(),
        "category": row.get("category", "").strip(), "base_unit": base_unit,
        "tax_rate_bp": int(Decimal(tax) * 100) if tax else 1300,
        "shelf_life_days": int(shelf) if shelf else None,
        "floor_price_fen": _yuan(row.get("floor_price", ""), "floor_price"),
        "units": units, "prices": prices,
    }


def product_data(p: Product) -> dict:
    return {
        "id": p.id, "sku": p.sku, "name": p.name, "spec": p.spec, "category": p.category,
        "base_unit": p.base_unit, "tax_rate_bp": p.tax_rate_bp,
        "shelf_life_days": p.shelf_life_days, "floor_price_fen": p.floor_price_fen,
        "archived": p.archived, "units": p.units, "prices": p.prices, "rev": p.rev,
    }


def import_rows(session: Session, rows: Iterable[dict]) -> ImportResult:
    created = updated = unchanged = 0
    errors: list[str] = []
    existing = {p.sku: p for p in session.scalars(select(Product))}
    tiers = {t.code for t in session.scalars(select(PriceTier))}
    for line_no, row in enumerate(rows, start=2):
        try:
            fields = product_fields(row)
        except (KeyError, ValueError, ArithmeticError, ChannelDeskError) as exc:
            errors.append(f"line {line_no}: {exc}")  # a bad row is reported; the rest imports
            continue
        for tier in set(fields["prices"]) - tiers:
            session.add(PriceTier(code=tier, name=tier))
            session.flush()
            feed.publish(session, settings.CATALOG_FEED, "price_tier", tier, {"code": tier, "name": tier})
            tiers.add(tier)
        product = existing.get(fields["sku"])
        if product is None:
            product = Product(id=str(uuid.uuid5(_PRODUCT_NS, fields["sku"])), rev=0, **fields)
            session.add(product)
            existing[product.sku] = product
            created += 1
        elif all(getattr(product, k) == v for k, v in fields.items()):
            unchanged += 1
            continue
        else:
            for key, value in fields.items():
                setattr(product, key, value)
            updated += 1
        product.rev += 1
        product.updated_at = utcnow()
        session.flush()
        feed.publish(session, settings.CATALOG_FEED, "product", product.id, product_data(product), rev=product.rev)
    return ImportResult(created, updated, unchanged, errors)


def remove_product(session: Session, sku: str) -> str:
    """Withdraw a product from the catalog: PCs receive a tombstone and archive it (their
    old orders still refer to it)."""
    product = session.scalar(select(Product).where(Product.sku == sku))
    if product is None:
        raise LookupError(f"unknown product {sku}")
    session.delete(product)
    feed.publish(session, settings.CATALOG_FEED, "product", product.id, {"id": product.id, "sku": sku},
                 rev=product.rev + 1, op="tombstone")
    return product.id
