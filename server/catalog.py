"""The HQ catalog: products and prices imported from a file brand staff wrote, published on
the HQ-wide catalog feed.

The file is an .xlsx (first sheet) or a CSV in UTF-8 (with or without BOM), GBK or GB18030,
with Chinese or English headers (server/catalog_rows.py lists them; `channeldesk-hq catalog
import --help` prints them). Each line describes the whole product: a column left out counts
as empty, and a tier without a column loses its price for the products in the file. Prices are
parsed exactly into fen. A file with any error writes nothing; a dry run shows what would
change (new products, changed ones with the fields that change, unchanged ones, errors).
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.money import format_fen
from app.tabular import ImportRefused, Problem, Table, read_table, table_from_dicts, write_template
from server import feed, settings
from server.catalog_rows import (
    COLUMNS,
    MAX_TIER_CODE,
    PRICE_FAMILY,
    PRICE_PREFIX,
    PRODUCT_NS,
    RETAIL_TIER,
    ProductLine,
    catalog_schema,
    product_line,
    tier_column,
    tier_name,
)
from server.models import PriceTier, Product, utcnow

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass(frozen=True)
class FieldChange:
    field: str  # name, spec, category, base_unit, tax_rate, shelf_life_days, floor_price,
    # units, barcodes or price:<tier>
    before: str
    after: str


@dataclass(frozen=True)
class PlannedProduct:
    line: int
    sku: str
    name: str
    status: str  # NEW, CHANGED or UNCHANGED
    changes: tuple[FieldChange, ...]
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class CatalogImport:
    """What an import did, or with dry_run (or errors) would do."""

    file: str
    encoding: str
    products: tuple[PlannedProduct, ...]
    new_tiers: tuple[str, ...]
    problems: tuple[Problem, ...]
    written: bool

    def with_status(self, status: str) -> list[PlannedProduct]:
        return [p for p in self.products if p.status == status]

    @property
    def created(self) -> int:
        return len(self.with_status(NEW))

    @property
    def updated(self) -> int:
        return len(self.with_status(CHANGED))

    @property
    def unchanged(self) -> int:
        return len(self.with_status(UNCHANGED))


def import_catalog(session: Session, source: Path | bytes, *, name: str | None = None,
                   dry_run: bool = False) -> CatalogImport:
    """Read a catalog file (a path or an upload's bytes) and, unless dry_run or the file has
    any problem, write and publish it in the caller's transaction. ValidationError for a file
    that cannot be read at all."""
    table = read_table(source, catalog_schema(_tiers(session)), name=name)
    return import_table(session, table, dry_run=dry_run)


def import_rows(session: Session, rows: Iterable[Mapping[str, Any]]) -> CatalogImport:
    """Rows given as {header: text} (tests, demo and bench set-up); ImportRefused on errors."""
    result = import_table(session, table_from_dicts(rows, catalog_schema(_tiers(session))))
    if result.problems:
        raise ImportRefused(result.problems)
    return result


def import_table(session: Session, table: Table, *, dry_run: bool = False) -> CatalogImport:
    plan = plan_import(session, table)
    if dry_run or plan.problems:
        return plan
    apply_import(session, plan)
    return replace(plan, written=True)


def plan_import(session: Session, table: Table) -> CatalogImport:
    """What importing `table` would change; reads only."""
    existing = {p.sku: p for p in session.scalars(select(Product))}
    header_problems = [*table.header_problems, *_tier_code_problems(table)]
    _report_repeated_skus(table)
    lines = [line for line in map(product_line, table.records) if line is not None]
    _report_barcode_conflicts(lines, existing)
    planned = tuple(_planned(line, existing.get(line.fields["sku"]))
                    for line in lines if not line.record.problems)
    known_tiers = set(_tiers(session))
    new_tiers = sorted({code for p in planned if p.status != UNCHANGED for code in p.fields["prices"]}
                       - known_tiers)
    problems = (*header_problems, *(p for r in table.records for p in r.problems))
    return CatalogImport(table.name, table.encoding, planned, tuple(new_tiers), problems, False)


def apply_import(session: Session, plan: CatalogImport) -> None:
    """Write the plan's new and changed products, each published on the catalog feed (a new
    price tier first, as the PCs need it before a price in it)."""
    existing = {p.sku: p for p in session.scalars(select(Product))}
    tiers = set(_tiers(session))
    allocator = feed.FeedAllocator.attach(session, settings.CATALOG_FEED)  # one counter write
    for item in plan.products:
        if item.status == UNCHANGED:
            continue
        for code in sorted(set(item.fields["prices"]) - tiers):
            session.add(PriceTier(code=code, name=tier_name(code)))
            session.flush()
            feed.publish(session, settings.CATALOG_FEED, "price_tier", code,
                         {"code": code, "name": tier_name(code)})
            tiers.add(code)
        product = existing.get(item.sku)
        if product is None:
            product = Product(id=str(uuid.uuid5(PRODUCT_NS, item.sku)), rev=0, **item.fields)
            session.add(product)
            existing[item.sku] = product
        else:
            for key, value in item.fields.items():
                setattr(product, key, value)
        product.rev += 1
        product.updated_at = utcnow()
        session.flush()
        feed.publish(session, settings.CATALOG_FEED, "product", product.id, product_data(product),
                     rev=product.rev)
    allocator.finish()


def _tiers(session: Session) -> dict[str, str]:
    return {t.code: t.name for t in session.scalars(select(PriceTier).order_by(PriceTier.code))}


def _tier_code_problems(table: Table) -> list[Problem]:
    return [Problem("catalog.tier_code_invalid",
                    {"line": table.header_line, "column": header, "value": header})
            for key, header in table.headers.items()
            if key.startswith(PRICE_PREFIX) and len(key) - len(PRICE_PREFIX) > MAX_TIER_CODE]


def _report_repeated_skus(table: Table) -> None:
    first_line: dict[str, int] = {}
    for record in table.records:
        sku = record.values.get("sku")
        if sku is None:
            continue
        if sku in first_line:
            record.report("sku", "import.duplicate", first_line=first_line[sku])
        else:
            first_line[sku] = record.line


def _report_barcode_conflicts(lines: list[ProductLine], existing: Mapping[str, Product]) -> None:
    """A barcode names one unit of one product everywhere (the PCs' barcode table is unique):
    not twice in the file, nor on a product the file leaves alone."""
    in_file = {line.fields["sku"] for line in lines}
    owners: dict[str, tuple[int | None, str]] = {
        code: (None, product.sku) for product in existing.values() if product.sku not in in_file
        for unit in product.units for code in unit["barcodes"]}
    for line in lines:
        for code, key in line.barcode_keys:
            if code not in owners:
                owners[code] = (line.record.line, line.fields["sku"])
                continue
            first_line, owner = owners[code]
            if first_line is None:
                line.record.report(key, "catalog.barcode_taken", code=code, sku=owner)
            else:
                line.record.report(key, "catalog.barcode_repeated", code=code,
                                   first_line=first_line, sku=owner)


def _planned(line: ProductLine, product: Product | None) -> PlannedProduct:
    fields = line.fields
    changes: tuple[FieldChange, ...] = ()
    if product is None:
        status = NEW
    elif all(getattr(product, k) == v for k, v in fields.items()):
        status = UNCHANGED
    else:
        status = CHANGED
        changes = field_changes(product_data(product), fields)
        if not changes:  # a difference the display does not show (unit ids)
            changes = (FieldChange("units", "", _units_text(fields["units"])),)
    return PlannedProduct(line.record.line, fields["sku"], fields["name"], status, changes, fields)


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The fields that differ, as text a person reads (yuan, percent, units, barcodes)."""
    shown: dict[str, Callable[[Any], str]] = {
        "name": str, "spec": str, "category": str, "base_unit": str, "tax_rate_bp": _percent,
        "shelf_life_days": _optional, "floor_price_fen": _yuan}
    changes = [FieldChange(_FIELD_NAMES.get(key, key), show(before[key]), show(after[key]))
               for key, show in shown.items() if before[key] != after[key]]
    for key, show_units in (("units", _units_text), ("barcodes", _barcodes_text)):
        old, new = show_units(before["units"]), show_units(after["units"])
        if old != new:
            changes.append(FieldChange(key, old, new))
    for code in sorted(set(before["prices"]) | set(after["prices"])):
        old, new = before["prices"].get(code), after["prices"].get(code)
        if old != new:
            changes.append(FieldChange(PRICE_PREFIX + code, _yuan(old), _yuan(new)))
    return tuple(changes)


_FIELD_NAMES = {"tax_rate_bp": "tax_rate", "floor_price_fen": "floor_price"}


def _yuan(fen: int | None) -> str:
    return "" if fen is None else format_fen(fen)


def _percent(bp: int) -> str:
    return f"{bp / 100:g}%"


def _optional(value: Any) -> str:
    return "" if value is None else str(value)


def _units_text(units: list[dict]) -> str:
    return ", ".join(u["name"] if u["factor"] == 1 else f"{u['name']}={u['factor']}" for u in units)


def _barcodes_text(units: list[dict]) -> str:
    return "; ".join(f"{u['name']}:{code}" for u in units for code in u["barcodes"])


def product_data(p: Product) -> dict:
    return {
        "id": p.id, "sku": p.sku, "name": p.name, "spec": p.spec, "category": p.category,
        "base_unit": p.base_unit, "tax_rate_bp": p.tax_rate_bp,
        "shelf_life_days": p.shelf_life_days, "floor_price_fen": p.floor_price_fen,
        "archived": p.archived, "units": p.units, "prices": p.prices, "rev": p.rev,
    }


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


def columns_help() -> str:
    """The columns, for the import command's --help."""
    rows = [(f"{c.zh} / {c.en}", ("required; " if c.required else "") + c.help) for c in COLUMNS]
    rows.append(("价格:<tier> / price:<tier>", PRICE_FAMILY.help))
    width = max(_display_width(head) for head, _ in rows) + 2
    return "\n".join(f"  {head}{' ' * (width - _display_width(head))}{text}" for head, text in rows)


def _display_width(text: str) -> int:
    """Terminal columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


TEMPLATE_TIERS = {"A": "A", "B": "B"}


def write_catalog_template(session: Session, path: Path, *, as_csv: bool) -> None:
    """An example file with every column (HQ's price tiers, or A and B), the Chinese headers
    on line 1 and the English ones on line 2; it imports as it is."""
    tiers = {c: n for c, n in _tiers(session).items() if c != RETAIL_TIER} or TEMPLATE_TIERS
    columns = [*COLUMNS, *(tier_column(code, name) for code, name in tiers.items())]
    examples = [dict(row) for row in _EXAMPLES]
    for n, code in enumerate(tiers):  # each tier 0.10 below the one before
        for example, fen in zip(examples, (300, 250), strict=True):
            example[PRICE_PREFIX + code] = format_fen(fen - 10 * n)
    write_template(path, columns, examples, as_csv=as_csv)


# Barcodes from GS1's in-store prefix 20, which no real product carries.
_EXAMPLES = (
    {"sku": "EX-COLA-500", "name": "示例 可乐 500ml", "spec": "500ml", "category": "饮料",
     "base_unit": "瓶", "case_size": "24", "unit_barcode": "2000000000015",
     "case_barcode": "2000000000022", "price:RETAIL": "3.50", "floor_price": "2.80",
     "shelf_life_days": "365", "tax_rate": "13"},
    {"sku": "EX-TEA-500", "name": "示例 绿茶 500ml", "spec": "500ml", "category": "饮料",
     "base_unit": "瓶", "case_size": "12", "unit_barcode": "2000000000039",
     "case_barcode": "2000000000046", "price:RETAIL": "3.00", "floor_price": "2.30",
     "shelf_life_days": "270", "tax_rate": "13", "packs": "中包=6",
     "barcodes": "中包:2000000000053"},
)
