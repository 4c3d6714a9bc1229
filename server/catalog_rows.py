"""The catalog file's columns, and how one of its lines becomes a product.

A price tier's column is headed `价格:<tier code>`, `price:<tier code>` or `price_<tier code>`
(any case, full-width colon allowed), or by the name of a tier HQ already has. An unknown code
creates the tier. 建议零售价 is the price of tier RETAIL, published with that name.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.tabular import (
    CellError,
    Column,
    ColumnFamily,
    Record,
    Schema,
    barcode,
    barcode_list,
    money_fen,
    percent_bp,
    text,
    whole_number,
)
from app.text import to_halfwidth

PRODUCT_NS = uuid.UUID("0f6d4c1e-3a55-4b8e-9d0a-6b1f7d2c9e41")
CASE_UNIT = "箱"
DEFAULT_BASE_UNIT = "个"
DEFAULT_TAX_BP = 1300
RETAIL_TIER, RETAIL_TIER_NAME = "RETAIL", "建议零售价"
PRICE_PREFIX = "price:"
MAX_TIER_CODE = 20
_SEPARATORS = re.compile(r"[;,\s]+")


def _packs(value: str) -> list[tuple[str, int]]:
    """"箱=24;中包=6" -> [("箱", 24), ("中包", 6)]."""
    packs = []
    for part in filter(None, _SEPARATORS.split(to_halfwidth(value))):
        name, sep, factor = part.partition("=")
        try:
            if not sep or not name or len(name) > 20:
                raise CellError("catalog.packs_invalid")
            packs.append((name, whole_number(2)(factor)))
        except CellError:
            raise CellError("catalog.packs_invalid") from None
    return packs


def _unit_barcodes(value: str) -> list[tuple[str, str]]:
    """"6901…;箱:6902…" -> [("", "6901…"), ("箱", "6902…")] (no unit: the base unit)."""
    entries = []
    for part in filter(None, _SEPARATORS.split(to_halfwidth(value))):
        unit, _, code = part.rpartition(":")
        entries.append((unit, barcode()(code)))
    return entries


COLUMNS = (
    Column("sku", "商品编码", "sku", text(50), required=True, as_text=True,
           aliases=("编码", "商品代码", "产品编码", "货号"),
           help="product code, unique in the file; an existing product is matched by it",
           note_zh="唯一；按编码更新已有商品"),
    Column("name", "商品名称", "name", text(200), required=True,
           aliases=("名称", "品名", "产品名称"), help="product name", note_zh="商品全称"),
    Column("spec", "规格", "spec", text(100), aliases=("规格型号",), help="size, e.g. 500ml",
           note_zh="如 500ml"),
    Column("category", "分类", "category", text(100), aliases=("类别", "商品分类", "品类"),
           help="category", note_zh="商品分类"),
    Column("base_unit", "基本单位", "base_unit", text(20), aliases=("单位", "计量单位"),
           help=f"base unit, e.g. 瓶 (empty: {DEFAULT_BASE_UNIT}); prices are per base unit",
           note_zh=f"如 瓶（空则为{DEFAULT_BASE_UNIT}）；价格按基本单位"),
    Column("case_size", "箱规(每箱数量)", "case_size", whole_number(2),
           aliases=("箱规", "每箱数量", "装箱数", "case_qty"),
           help=f"base units per case: adds the pack {CASE_UNIT}", note_zh="每箱几个基本单位"),
    Column("unit_barcode", "单品条码", "unit_barcode", barcode_list(), as_text=True,
           aliases=("条码", "商品条码"),
           help="barcode(s) of the base unit (EAN-13, EAN-8, UPC-A, GTIN-14), ';' between",
           note_zh="基本单位的条码，多个用 ; 分隔"),
    Column("case_barcode", "箱条码", "case_barcode", barcode_list(), as_text=True,
           aliases=("外箱条码",), help="barcode(s) of the case (needs case_size)",
           note_zh="箱的条码（需填箱规）"),
    Column("price:" + RETAIL_TIER, RETAIL_TIER_NAME, "retail_price", money_fen(),
           aliases=("建议零售价(元)", "零售指导价", "建议售价", "price:" + RETAIL_TIER),
           help=f"suggested retail price in yuan: the price of tier {RETAIL_TIER}",
           note_zh=f"元；发布为价格等级 {RETAIL_TIER}"),
    Column("floor_price", "最低控价", "floor_price", money_fen(),
           aliases=("最低控价(元)", "控价", "最低价", "最低售价"),
           help="price floor in yuan per base unit", note_zh="元/基本单位；低于此价销售需说明原因"),
    Column("shelf_life_days", "保质期(天)", "shelf_life_days", whole_number(1),
           aliases=("保质期", "保质期天数"), help="shelf life in days", note_zh="天数"),
    Column("tax_rate", "税率(%)", "tax_rate", percent_bp(), aliases=("税率", "增值税率"),
           help="VAT rate in percent, 13 or 13% (empty: 13)", note_zh="13 或 13%（空则为 13）"),
    Column("packs", "其他包装", "packs", _packs, aliases=("包装", "包装单位"),
           help="other packs: 中包=6;箱=24", note_zh="其他包装单位，如 中包=6；多个用 ; 分隔"),
    Column("barcodes", "其他条码", "barcodes", _unit_barcodes, as_text=True,
           aliases=("条码列表",), help="barcodes with their unit: 6901…;中包:6902…",
           note_zh="带单位的条码，如 中包:6902…；不写单位为基本单位"),
)
PRICE_FAMILY = ColumnFamily(
    "price", ("价格:", "price:", "price_"), money_fen(), member=str.upper,
    help="price of tier <tier> in yuan per base unit, one column per tier; a tier HQ has may "
         "also be headed by its name; a new code creates the tier")


def _zh(key: str) -> str:
    return next(c.zh for c in COLUMNS if c.key == key)


def tier_column(code: str, name: str) -> Column:
    return Column(PRICE_PREFIX + code, f"价格:{code}", f"price:{code}", money_fen(),
                  aliases=(name,) if name and name != code else (),
                  help=f"price of tier {code} in yuan", note_zh=f"价格等级 {name or code}，元")


def catalog_schema(tiers: Mapping[str, str]) -> Schema:
    """The columns, with one per price tier HQ has ({code: name}), headed also by its name."""
    extra = [tier_column(code, name) for code, name in tiers.items() if code != RETAIL_TIER]
    return Schema((*COLUMNS, *extra), (PRICE_FAMILY,))


def tier_name(code: str) -> str:
    return RETAIL_TIER_NAME if code == RETAIL_TIER else code


@dataclass
class ProductLine:
    """One line's product: HQ's fields, and which column each barcode came from."""

    record: Record
    fields: dict[str, Any]
    barcode_keys: list[tuple[str, str]] = field(default_factory=list)  # (code, column key)


def product_line(record: Record) -> ProductLine | None:
    """The product a line describes, or None when the line has problems (on the record)."""
    if record.problems:
        return None
    values = record.values
    base_unit = values.get("base_unit") or DEFAULT_BASE_UNIT
    line = ProductLine(record, {})
    units = _units(line, base_unit)
    if units is None:
        return None
    tax = values.get("tax_rate")
    line.fields = {
        "sku": values["sku"], "name": values["name"], "spec": values.get("spec") or "",
        "category": values.get("category") or "", "base_unit": base_unit,
        "tax_rate_bp": DEFAULT_TAX_BP if tax is None else tax,
        "shelf_life_days": values.get("shelf_life_days"),
        "floor_price_fen": values.get("floor_price"),
        "units": units,
        "prices": {key[len(PRICE_PREFIX):]: fen for key, fen in values.items()
                   if key.startswith(PRICE_PREFIX) and fen is not None},
    }
    return line


def _units(line: ProductLine, base_unit: str) -> list[dict] | None:
    record = line.record
    packs = _pack_list(record)
    if packs is None:
        return None
    units: list[dict[str, Any]] = [{"name": name, "factor": factor, "barcodes": []}
                                   for name, factor in [(base_unit, 1), *packs]]
    names = [u["name"] for u in units]
    repeated = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if repeated is not None:
        record.report("packs" if "packs" in record.cells else "case_size",
                      "catalog.unit_repeated", unit=repeated)
        return None
    sku = record.values["sku"]
    for unit in units:  # every PC must refer to a unit by the same id
        unit["id"] = str(uuid.uuid5(PRODUCT_NS, f"unit:{sku}:{unit['name']}"))
    return units if _attach_barcodes(line, {u["name"]: u for u in units}, base_unit) else None


def _pack_list(record: Record) -> list[tuple[str, int]] | None:
    """Packs of the packs column, with the case of case_size first unless already there."""
    packs = list(record.values.get("packs") or [])
    case = record.values.get("case_size")
    declared = dict(packs).get(CASE_UNIT)
    if case is None or declared == case:
        return packs
    if declared is not None:
        record.report("case_size", "catalog.case_size_conflict", other=declared,
                      other_column=record.cells["packs"].column)
        return None
    return [(CASE_UNIT, case), *packs]


def _attach_barcodes(line: ProductLine, units: dict[str, dict], base_unit: str) -> bool:
    record = line.record
    entries = [(base_unit, code, "unit_barcode") for code in record.values.get("unit_barcode") or []]
    entries += [(CASE_UNIT, code, "case_barcode") for code in record.values.get("case_barcode") or []]
    entries += [(unit or base_unit, code, "barcodes") for unit, code in record.values.get("barcodes") or []]
    for unit_name, code, key in entries:
        if unit_name not in units:
            if key == "case_barcode":
                case_column = record.cells.get("case_size")
                record.report(key, "catalog.case_barcode_without_case",
                              case_column=case_column.column if case_column else _zh("case_size"))
            else:
                record.report(key, "catalog.barcode_unit_unknown", code=code, unit=unit_name)
            return False
        units[unit_name]["barcodes"].append(code)
        line.barcode_keys.append((code, key))
    return True
