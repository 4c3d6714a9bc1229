"""The HQ-published catalog: products with units and barcodes, price tiers, prices, search.

Products, prices and floors belong to HQ and are read-only on the PCs (DESIGN §5): these writes
are what the sync engine applies from the catalog and price streams, or what a manager types in
before the first sync. They are audited but emit no outbox operation, since HQ is their source.

Two write paths:
- the service methods (create_product, update_product, set_price...): one user action, one
  transaction, validated;
- the bulk functions (upsert_products, upsert_prices, rebuild_search_tokens...) that take the
  caller's session, so a pulled page of ~1,000 rows and its cursor commit together. They use
  Core and driver-level executemany, not per-row ORM.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from app.barcodes import clean_scan, is_valid_gtin, validate_barcode
from app.db.models import (
    Barcode,
    Category,
    PriceTier,
    Product,
    ProductPrice,
    ProductUnit,
)
from app.errors import NotFound, ValidationError
from app.ids import new_id
from app.search_keys import (
    EXACT_CODE_RANK,
    KIND_RANK,
    SUB_QUERY_MAX,
    NameKeys,
    matches_long_query,
    normalise_query,
    product_tokens,
)
from app.services.context import ServiceContext

# A prefix range reads at most this many token rows: enough for every real query; a one-letter
# query over 100k products is cut here (its tier is then ordered among these rows only).
TOKEN_SCAN_CAP = 2000
_TOP = chr(0x10FFFF)  # sorts after every character, so [q, q+_TOP) is "starts with q"
MATCH_NAMES = {0: "exact_code", 1: "code_prefix", 2: "name_prefix", 3: "pinyin_prefix",
               4: "substring"}
_PRODUCT_FIELDS = ("name", "spec", "category_id", "tax_rate_bp", "shelf_life_days",
                   "reorder_point", "floor_price_fen")


@dataclass(frozen=True)
class UnitInfo:
    id: str
    name: str
    factor: int  # base units per one of this unit
    barcodes: tuple[str, ...]


@dataclass(frozen=True)
class ProductInfo:
    id: str
    sku: str
    name: str
    spec: str
    category_id: str | None
    base_unit: str
    tax_rate_bp: int
    shelf_life_days: int | None
    reorder_point: int
    floor_price_fen: int | None  # per base unit
    archived: bool
    units: tuple[UnitInfo, ...]  # base unit first, then packs by factor
    rev: int

    @property
    def base(self) -> UnitInfo:
        return self.units[0]

    def unit(self, name_or_id: str) -> UnitInfo:
        for unit in self.units:
            if name_or_id in (unit.id, unit.name):
                return unit
        raise NotFound("unit.not_found", sku=self.sku, unit=name_or_id)


@dataclass(frozen=True)
class PackSpec:
    """A pack a product is sold in: 箱 of 24 base units, with its own barcodes."""

    name: str
    factor: int
    barcodes: tuple[str, ...] = ()
    id: str | None = None


@dataclass(frozen=True)
class BarcodeMatch:
    product: ProductInfo
    unit: UnitInfo


@dataclass(frozen=True)
class PriceTierInfo:
    id: str
    code: str
    name: str


@dataclass(frozen=True)
class CategoryInfo:
    id: str
    name: str
    parent_id: str | None


@dataclass(frozen=True)
class ProductHit:
    product_id: str
    sku: str
    name: str
    spec: str
    base_unit: str
    archived: bool
    rank: int  # 0 exact code, 1 code prefix, 2 name prefix, 3 pinyin prefix, 4 substring
    match: str = field(default="")


class CatalogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- categories and price tiers -------------------------------------------------------

    def create_category(
        self, *, name: str, parent_id: str | None = None, category_id: str | None = None
    ) -> CategoryInfo:
        self.ctx.require_role("manager", action="catalog.edit")
        name = _required(name, "name")
        with self.ctx.write() as uow:
            if parent_id and uow.session.get(Category, parent_id) is None:
                raise NotFound("category.not_found", ref=parent_id)
            row = Category(id=category_id or new_id(), name=name, parent_id=parent_id)
            uow.session.add(row)
            uow.audit("category.create", "category", row.id, name=name)
            return CategoryInfo(row.id, row.name, row.parent_id)

    def categories(self) -> list[CategoryInfo]:
        with self.ctx.read() as s:
            rows = s.execute(select(Category.id, Category.name, Category.parent_id)
                             .order_by(Category.name))
            return [CategoryInfo(*r) for r in rows]

    def create_price_tier(
        self, *, code: str, name: str, tier_id: str | None = None
    ) -> PriceTierInfo:
        self.ctx.require_role("manager", action="catalog.edit")
        code, name = _required(code, "code").upper(), _required(name, "name")
        with self.ctx.write() as uow:
            if uow.session.scalar(select(PriceTier.id).where(PriceTier.code == code)):
                raise ValidationError("tier.code_taken", code=code)
            tier = PriceTier(id=tier_id or new_id(), code=code, name=name)
            uow.session.add(tier)
            uow.audit("price_tier.create", "price_tier", tier.id, code=code)
            return PriceTierInfo(tier.id, tier.code, tier.name)

    def price_tiers(self) -> list[PriceTierInfo]:
        with self.ctx.read() as s:
            rows = s.execute(select(PriceTier.id, PriceTier.code, PriceTier.name)
                             .order_by(PriceTier.code))
            return [PriceTierInfo(*r) for r in rows]

    # -- products ---------------------------------------------------------------------------

    def create_product(
        self,
        *,
        sku: str,
        name: str,
        base_unit: str,
        spec: str = "",
        category_id: str | None = None,
        base_barcodes: Sequence[str] = (),
        packs: Sequence[PackSpec] = (),
        tax_rate_bp: int = 1300,
        shelf_life_days: int | None = None,
        reorder_point: int = 0,
        floor_price_fen: int | None = None,
        product_id: str | None = None,
    ) -> ProductInfo:
        """A product as HQ publishes it; barcodes are checked (EAN-13/EAN-8/UPC)."""
        self.ctx.require_role("manager", action="catalog.edit")
        sku, name = _required(sku, "sku"), _required(name, "name")
        base_unit = _required(base_unit, "base_unit")
        units = _unit_rows(base_unit, base_barcodes, packs)
        _check_numbers(tax_rate_bp=tax_rate_bp, shelf_life_days=shelf_life_days,
                       reorder_point=reorder_point, floor_price_fen=floor_price_fen)
        with self.ctx.write() as uow:
            s = uow.session
            if s.scalar(select(Product.id).where(Product.sku == sku)):
                raise ValidationError("product.sku_taken", sku=sku)
            _check_category(s, category_id)
            _check_barcodes_free(s, units, product_id=None)
            row = {
                "id": product_id or new_id(), "sku": sku, "name": name, "spec": spec.strip(),
                "category_id": category_id, "base_unit": base_unit, "tax_rate_bp": tax_rate_bp,
                "shelf_life_days": shelf_life_days, "reorder_point": reorder_point,
                "floor_price_fen": floor_price_fen, "archived": False, "units": units,
            }
            upsert_products(s, [row])
            uow.audit("product.create", "product", row["id"], sku=sku, name=name)
            return _load_info(s, row["id"])

    def update_product(
        self,
        product_id: str,
        *,
        packs: Sequence[PackSpec] | None = None,
        base_barcodes: Sequence[str] | None = None,
        **fields: Any,
    ) -> ProductInfo:
        """Change published fields (name, spec, floor...) and optionally the packs/barcodes.

        Packs not listed are kept (order lines refer to them); their barcodes are replaced.
        """
        self.ctx.require_role("manager", action="catalog.edit")
        unknown = set(fields) - set(_PRODUCT_FIELDS)
        if unknown:
            raise ValidationError("field.unknown", fields=sorted(unknown))
        if "name" in fields:
            fields["name"] = _required(fields["name"], "name")
        _check_numbers(**{k: v for k, v in fields.items() if k not in ("name", "spec",
                                                                        "category_id")})
        with self.ctx.write() as uow:
            s = uow.session
            current = _load_info(s, product_id)
            _check_category(s, fields.get("category_id"))
            units = _merged_units(current, base_barcodes, packs)
            _check_barcodes_free(s, units, product_id=product_id)
            row = _info_row(current) | fields | {"units": units, "rev": current.rev + 1}
            upsert_products(s, [row])
            uow.audit("product.update", "product", product_id, fields=sorted(fields),
                      units_changed=packs is not None or base_barcodes is not None)
            return _load_info(s, product_id)

    def archive_product(self, product_id: str, *, archived: bool = True) -> ProductInfo:
        """Archived products stay on old documents but leave search and new orders."""
        self.ctx.require_role("manager", action="catalog.edit")
        with self.ctx.write() as uow:
            product = uow.session.get(Product, product_id)
            if product is None:
                raise NotFound("product.not_found", ref=product_id)
            product.archived = archived
            product.rev += 1
            uow.audit("product.archive" if archived else "product.restore", "product",
                      product_id, sku=product.sku)
            uow.session.flush()
            return _load_info(uow.session, product_id)

    def set_price(self, *, product_id: str, tier_id: str, price_fen: int) -> None:
        """The tier's price per base unit (a pack costs factor × this)."""
        self.ctx.require_role("manager", action="catalog.edit")
        _check_numbers(price_fen=price_fen)
        with self.ctx.write() as uow:
            s = uow.session
            if s.get(Product, product_id) is None:
                raise NotFound("product.not_found", ref=product_id)
            if s.get(PriceTier, tier_id) is None:
                raise NotFound("tier.not_found", ref=tier_id)
            upsert_prices(s, [{"product_id": product_id, "tier_id": tier_id,
                               "price_fen": price_fen}])
            uow.audit("product_price.set", "product", product_id, tier_id=tier_id,
                      price_fen=price_fen)

    # -- lookups ----------------------------------------------------------------------------

    def get(self, product_id: str) -> ProductInfo:
        with self.ctx.read() as s:
            return _load_info(s, product_id)

    def get_by_sku(self, sku: str) -> ProductInfo:
        with self.ctx.read() as s:
            product_id = s.scalar(select(Product.id).where(Product.sku == sku.strip()))
            if product_id is None:
                raise NotFound("product.not_found", ref=sku)
            return _load_info(s, product_id)

    def price_fen(self, product_id: str, tier_id: str) -> int | None:
        """Price per base unit for the tier, None when HQ has published none."""
        with self.ctx.read() as s:
            return s.scalar(select(ProductPrice.price_fen).where(
                ProductPrice.product_id == product_id, ProductPrice.tier_id == tier_id))

    def unit_price_fen(self, product_id: str, unit_id: str, tier_id: str) -> int | None:
        """Tier price of one unit: base price × the unit's factor (None without a price)."""
        with self.ctx.read() as s:
            row = s.execute(
                select(ProductPrice.price_fen, ProductUnit.factor)
                .join(ProductUnit, ProductUnit.product_id == ProductPrice.product_id)
                .where(ProductPrice.product_id == product_id, ProductPrice.tier_id == tier_id,
                       ProductUnit.id == unit_id)
            ).first()
        return None if row is None else row[0] * row[1]

    def find_by_barcode(self, code: str) -> BarcodeMatch | None:
        """The product and unit of a scanned code. Full-width digits and stray spaces (a
        scanner typing through the Chinese IME) are cleaned first. An unknown but well-formed
        code gives None; an unknown malformed one is a misread: ValidationError."""
        cleaned = clean_scan(code)
        with self.ctx.read() as s:
            row = s.execute(select(Barcode.product_id, Barcode.unit_id)
                            .where(Barcode.code == cleaned)).first()
            if row is None:
                if not is_valid_gtin(cleaned):
                    raise ValidationError("barcode.malformed", code=code)
                return None
            info = _load_info(s, row[0])
        return BarcodeMatch(info, info.unit(row[1]))

    def count(self, *, include_archived: bool = False) -> int:
        with self.ctx.read() as s:
            query = select(func.count(Product.id))
            if not include_archived:
                query = query.where(Product.archived.is_(False))
            return int(s.scalar(query))

    # -- search -----------------------------------------------------------------------------

    def search(
        self, query: str, *, limit: int = 50, include_archived: bool = False
    ) -> list[ProductHit]:
        """Products matching a name, SKU, barcode, pinyin (kkkl, kekou) or Chinese substring.

        Ranked: exact barcode/SKU, SKU prefix, name prefix, pinyin prefix, substring; ties
        in the order of the name's pinyin (how Chinese lists are alphabetised), then name.
        """
        q = normalise_query(query)
        if not q or limit <= 0:
            return []
        with self.ctx.engine.connect() as conn:
            raw = conn.connection.driver_connection
            hits = search_tokens(raw, q, limit=limit, include_archived=include_archived)
        return hits


# -- search in raw SQL (the hot path; also used by the bench) ----------------------------------

_RANK_SQL = (
    "MIN(CASE WHEN t.kind IN ('sku','barcode') AND t.token = ? THEN {exact} "
    "WHEN t.kind IN ('sku','barcode') THEN {sku} WHEN t.kind = 'name' THEN {name} "
    "WHEN t.kind IN ('initials','pinyin') THEN {pinyin} ELSE {sub} END)"
).format(exact=EXACT_CODE_RANK, sku=KIND_RANK["sku"], name=KIND_RANK["name"],
         pinyin=KIND_RANK["pinyin"], sub=KIND_RANK["sub"])

# Rank per product inside the token index first, then read only those products' rows.
SEARCH_SQL = f"""
WITH t AS (SELECT product_id, {_RANK_SQL} AS rank
           FROM (SELECT token, product_id, kind FROM product_search_token
                 WHERE token >= ? AND token < ? LIMIT {TOKEN_SCAN_CAP}) AS t
           GROUP BY product_id)
SELECT p.id, p.sku, p.name, p.spec, p.base_unit, p.archived, t.rank
FROM t JOIN product AS p ON p.id = t.product_id
WHERE p.archived = 0 OR ?
ORDER BY t.rank, p.pinyin_full, p.name, p.sku
LIMIT ?
"""

LONG_SUB_SQL = f"""
SELECT DISTINCT p.id, p.sku, p.name, p.spec, p.base_unit, p.archived,
       p.pinyin_initials, p.pinyin_full
FROM (SELECT product_id FROM product_search_token
      WHERE token >= ? AND token < ? AND kind = 'sub' LIMIT {TOKEN_SCAN_CAP}) AS t
JOIN product AS p ON p.id = t.product_id
WHERE p.archived = 0 OR ?
"""


def search_tokens(conn, q: str, *, limit: int, include_archived: bool) -> list[ProductHit]:
    """Search with a DB-API connection (sqlite3); q is already normalised."""
    rows = conn.execute(SEARCH_SQL, (q, q, q + _TOP, include_archived, limit)).fetchall()
    hits = [_hit(r[:6], r[6]) for r in rows]
    if len(q) > SUB_QUERY_MAX:
        hits = _merge_long_substring_hits(conn, q, hits, limit, include_archived)
    return hits


def _merge_long_substring_hits(conn, q, hits, limit, include_archived):
    """Sub tokens are cut at SUB_QUERY_MAX characters: match on the cut, then verify."""
    cut = q[:SUB_QUERY_MAX]
    seen = {h.product_id for h in hits}
    extra = []
    for row in conn.execute(LONG_SUB_SQL, (cut, cut + _TOP, include_archived)):
        if row[0] not in seen and matches_long_query(q, row[2], row[6], row[7]):
            extra.append((row[7], _hit(row[:6], KIND_RANK["sub"])))
    extra.sort(key=lambda pair: (pair[0], pair[1].name, pair[1].sku))
    return (hits + [h for _, h in extra])[:limit]


def _hit(row: Sequence[Any], rank: int) -> ProductHit:
    return ProductHit(row[0], row[1], row[2], row[3], row[4], bool(row[5]), rank,
                      MATCH_NAMES[rank])


# -- bulk paths for sync and demo data (caller's session, caller's transaction) ---------------

def upsert_products(session: Session, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update products as HQ publishes them, with units, barcodes and search keys.

    A row: id, sku, name, base_unit, optional spec, category_id, tax_rate_bp,
    shelf_life_days, reorder_point, floor_price_fen, archived, rev, and units: [{id?, name,
    factor, barcodes: [...]}] (the base unit has factor 1; units not sent are kept because
    order lines refer to them). Barcodes of the products sent are replaced by those sent.
    """
    rows = list(rows)
    if not rows:
        return 0
    product_rows, unit_rows, barcode_rows, codes = [], [], [], {}
    for row in rows:
        keys = NameKeys(row["name"])
        product_rows.append(_product_values(row, keys))
        product_codes = []
        for unit in _units_of(row):
            unit_id = unit.get("id") or _existing_unit_id(session, row["id"], unit["name"])
            unit_rows.append((unit_id, row["id"], unit["name"], int(unit["factor"])))
            for code in unit.get("barcodes", ()):
                cleaned = clean_scan(code)
                barcode_rows.append((new_id(), cleaned, unit_id, row["id"]))
                product_codes.append(cleaned)
        codes[row["id"]] = (row["sku"], row["name"], product_codes, keys)
    raw = session.connection()
    raw.exec_driver_sql(_UPSERT_PRODUCT_SQL, product_rows)
    raw.exec_driver_sql(_UPSERT_UNIT_SQL, unit_rows)
    _delete_in(raw, "DELETE FROM barcode WHERE product_id IN ({})", list(codes))
    if barcode_rows:
        raw.exec_driver_sql(_UPSERT_BARCODE_SQL, barcode_rows)
    _write_tokens(raw, codes)
    return len(rows)


def rebuild_search_tokens(session: Session, product_ids: Iterable[str]) -> int:
    """Recompute the search keys of these products from their stored name, SKU and barcodes."""
    ids = list(dict.fromkeys(product_ids))
    codes: dict[str, tuple[str, str, list[str], NameKeys | None]] = {}
    for chunk in _chunks(ids, 500):
        for pid, sku, name in session.execute(
            select(Product.id, Product.sku, Product.name).where(Product.id.in_(chunk))
        ):
            codes[pid] = (sku, name, [], None)
        for pid, code in session.execute(
            select(Barcode.product_id, Barcode.code).where(Barcode.product_id.in_(chunk))
        ):
            codes[pid][2].append(code)
    raw = session.connection()
    _delete_in(raw, "DELETE FROM product_search_token WHERE product_id IN ({})", ids)
    return _insert_tokens(raw, codes)


def upsert_prices(session: Session, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update tier prices per base unit: {product_id, tier_id, price_fen, id?, rev?}."""
    values = [
        (r.get("id") or new_id(), r["product_id"], r["tier_id"], int(r["price_fen"]),
         int(r.get("rev", 1)), r.get("rev"))
        for r in rows
    ]
    if values:
        session.connection().exec_driver_sql(_UPSERT_PRICE_SQL, values)
    return len(values)


def upsert_categories(session: Session, rows: Iterable[Mapping[str, Any]]) -> int:
    values = [{"id": r["id"], "name": r["name"], "parent_id": r.get("parent_id")} for r in rows]
    if values:
        stmt = sqlite_insert(Category)
        session.execute(stmt.on_conflict_do_update(
            index_elements=["id"], set_={"name": stmt.excluded.name,
                                         "parent_id": stmt.excluded.parent_id}), values)
    return len(values)


def upsert_price_tiers(session: Session, rows: Iterable[Mapping[str, Any]]) -> int:
    values = [{"id": r["id"], "code": r["code"], "name": r["name"]} for r in rows]
    if values:
        stmt = sqlite_insert(PriceTier)
        session.execute(stmt.on_conflict_do_update(
            index_elements=["id"], set_={"code": stmt.excluded.code,
                                         "name": stmt.excluded.name}), values)
    return len(values)


_UPSERT_PRODUCT_SQL = """
INSERT INTO product (id, sku, name, spec, category_id, base_unit, tax_rate_bp, shelf_life_days,
    reorder_point, floor_price_fen, archived, pinyin_initials, pinyin_full, rev, server_rev,
    created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, datetime('now'), datetime('now'))
ON CONFLICT(id) DO UPDATE SET sku = excluded.sku, name = excluded.name, spec = excluded.spec,
    category_id = excluded.category_id, base_unit = excluded.base_unit,
    tax_rate_bp = excluded.tax_rate_bp, shelf_life_days = excluded.shelf_life_days,
    reorder_point = excluded.reorder_point, floor_price_fen = excluded.floor_price_fen,
    archived = excluded.archived, pinyin_initials = excluded.pinyin_initials,
    pinyin_full = excluded.pinyin_full, rev = excluded.rev, server_rev = excluded.server_rev,
    updated_at = excluded.updated_at
"""
_UPSERT_UNIT_SQL = """
INSERT INTO product_unit (id, product_id, name, factor) VALUES (?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET name = excluded.name, factor = excluded.factor
"""
# A barcode HQ moved to another product follows it (the latest publication wins).
_UPSERT_BARCODE_SQL = """
INSERT INTO barcode (id, code, unit_id, product_id) VALUES (?, ?, ?, ?)
ON CONFLICT(code) DO UPDATE SET unit_id = excluded.unit_id, product_id = excluded.product_id
"""
_UPSERT_PRICE_SQL = """
INSERT INTO product_price (id, product_id, tier_id, price_fen, rev, server_rev)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT(product_id, tier_id) DO UPDATE SET price_fen = excluded.price_fen,
    rev = excluded.rev, server_rev = excluded.server_rev
"""
_INSERT_TOKEN_SQL = "INSERT INTO product_search_token (token, product_id, kind) VALUES (?, ?, ?)"


def _product_values(row: Mapping[str, Any], keys: NameKeys) -> tuple:
    rev = int(row.get("rev") or 1)
    return (
        row["id"], row["sku"], row["name"], row.get("spec", ""), row.get("category_id"),
        row["base_unit"], int(row.get("tax_rate_bp", 1300)), row.get("shelf_life_days"),
        int(row.get("reorder_point", 0)), row.get("floor_price_fen"),
        bool(row.get("archived", False)), keys.initials[:200], keys.pinyin[:800], rev,
        row.get("server_rev", row.get("rev")),
    )


def _units_of(row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    units = list(row.get("units") or ())
    if not any(int(u["factor"]) == 1 for u in units):
        units.insert(0, {"name": row["base_unit"], "factor": 1, "barcodes": ()})
    return units


def _existing_unit_id(session: Session, product_id: str, unit_name: str) -> str:
    found = session.scalar(select(ProductUnit.id).where(
        ProductUnit.product_id == product_id, ProductUnit.name == unit_name))
    return found or new_id()


def _write_tokens(raw, codes: dict[str, tuple]) -> int:
    _delete_in(raw, "DELETE FROM product_search_token WHERE product_id IN ({})", list(codes))
    return _insert_tokens(raw, codes)


def _insert_tokens(raw, codes: dict[str, tuple]) -> int:
    """codes: product id -> (sku, name, barcodes, NameKeys or None)."""
    values = [
        (token, pid, kind)
        for pid, (sku, name, barcodes, keys) in codes.items()
        for token, kind in product_tokens(sku, name, barcodes, keys).items()
    ]
    if values:
        values.sort()  # in index order: inserts walk the B-tree once instead of at random
        raw.exec_driver_sql(_INSERT_TOKEN_SQL, values)
    return len(values)


def _delete_in(raw, sql: str, ids: list[str]) -> None:
    for chunk in _chunks(ids, 500):
        raw.exec_driver_sql(sql.format(",".join("?" * len(chunk))), tuple(chunk))


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- helpers of the service path ----------------------------------------------------------------

def _required(value: str | None, field_name: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError("field.required", field=field_name)
    return text


def _check_numbers(**values: Any) -> None:
    """Integers only (money in fen, quantities in base units); None where a value is optional."""
    for key, value in values.items():
        if value is None and key in ("shelf_life_days", "floor_price_fen"):
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            message = "money.invalid" if key.endswith("_fen") else "field.invalid"
            raise ValidationError(message, field=key, value=str(value))


def _check_category(session: Session, category_id: str | None) -> None:
    if category_id and session.get(Category, category_id) is None:
        raise NotFound("category.not_found", ref=category_id)


def _unit_rows(base_unit: str, base_barcodes: Sequence[str],
               packs: Sequence[PackSpec]) -> list[dict[str, Any]]:
    units = [{"name": base_unit, "factor": 1,
              "barcodes": [validate_barcode(c) for c in base_barcodes]}]
    for pack in packs:
        name = _required(pack.name, "unit")
        if isinstance(pack.factor, bool) or not isinstance(pack.factor, int) or pack.factor < 2:
            raise ValidationError("unit.factor_invalid", unit=name, factor=str(pack.factor))
        unit = {"name": name, "factor": pack.factor,
                "barcodes": [validate_barcode(c) for c in pack.barcodes]}
        if pack.id:
            unit["id"] = pack.id
        units.append(unit)
    names = [u["name"] for u in units]
    if len(set(names)) != len(names):
        raise ValidationError("unit.name_duplicate", units=names)
    codes = [c for u in units for c in u["barcodes"]]
    if len(set(codes)) != len(codes):
        raise ValidationError("barcode.duplicate", code=codes[0], sku="")
    return units


def _merged_units(current: ProductInfo, base_barcodes: Sequence[str] | None,
                  packs: Sequence[PackSpec] | None) -> list[dict[str, Any]]:
    """New unit list from an update: what was sent replaces, what was not is kept."""
    if base_barcodes is None:
        base_barcodes = current.base.barcodes
    if packs is None:
        packs = [PackSpec(u.name, u.factor, u.barcodes, u.id) for u in current.units[1:]]
    units = _unit_rows(current.base_unit, base_barcodes, packs)
    by_name = {u.name: u.id for u in current.units}
    for unit in units:
        unit.setdefault("id", by_name.get(unit["name"]) or new_id())
    return units


def _check_barcodes_free(session: Session, units: list[dict[str, Any]],
                         product_id: str | None) -> None:
    codes = [c for u in units for c in u["barcodes"]]
    if not codes:
        return
    taken = session.execute(
        select(Barcode.code, Product.sku).join(Product, Product.id == Barcode.product_id)
        .where(Barcode.code.in_(codes), Barcode.product_id != (product_id or ""))
    ).first()
    if taken:
        raise ValidationError("barcode.duplicate", code=taken[0], sku=taken[1])


def _info_row(info: ProductInfo) -> dict[str, Any]:
    return {
        "id": info.id, "sku": info.sku, "name": info.name, "spec": info.spec,
        "category_id": info.category_id, "base_unit": info.base_unit,
        "tax_rate_bp": info.tax_rate_bp, "shelf_life_days": info.shelf_life_days,
        "reorder_point": info.reorder_point, "floor_price_fen": info.floor_price_fen,
        "archived": info.archived, "server_rev": None,
    }


def _load_info(session: Session, product_id: str) -> ProductInfo:
    product = session.scalar(
        select(Product).where(Product.id == product_id)
        .options(selectinload(Product.units).selectinload(ProductUnit.barcodes))
        .execution_options(populate_existing=True)
    )
    if product is None:
        raise NotFound("product.not_found", ref=product_id)
    units = tuple(
        UnitInfo(u.id, u.name, u.factor, tuple(sorted(b.code for b in u.barcodes)))
        for u in sorted(product.units, key=lambda u: (u.factor, u.name))
    )
    return ProductInfo(
        product.id, product.sku, product.name, product.spec, product.category_id,
        product.base_unit, product.tax_rate_bp, product.shelf_life_days, product.reorder_point,
        product.floor_price_fen, product.archived, units, product.rev,
    )

