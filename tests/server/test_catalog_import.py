"""`channeldesk-hq catalog import` of the files brand staff write: Chinese or English headers,
CSV in UTF-8 (with or without BOM), GBK or GB18030, and .xlsx; all or nothing; a dry run;
and `catalog template`, whose file imports as it is."""

from __future__ import annotations

import csv
import uuid

import openpyxl
import pytest
from sqlalchemy import select

from server.catalog_rows import PRODUCT_NS
from server.cli import main
from server.db import Database
from server.models import Change, PriceTier, Product
from tests.handmade_xlsx import xlsx_bytes

ZH_HEADER = ("商品编码,商品名称,规格,基本单位,箱规(每箱数量),单品条码,箱条码,建议零售价,最低控价,"
             "保质期(天),价格:A,价格:B")
COLA_ZH = "COLA,可乐 500ml,500ml,瓶,24,6901234567892,16901234567899,3.50,2.80,365,3.00,2.90"
TEA_ZH = "TEA,绿茶 500ml,500ml,瓶,12,6901234567908,,3.00,2.30,270,2.50,"
EN_HEADER = "sku,name,spec,base_unit,packs,barcodes,floor_price,shelf_life_days,price_A,price_B,price_RETAIL"
COLA_EN = "COLA,可乐 500ml,500ml,瓶,箱=24,6901234567892;箱:16901234567899,2.80,365,3.00,2.90,3.50"


def _hq(url: str, *args: str) -> int:
    return main(["--db", url, *args])


def _unit_id(sku: str, unit: str) -> str:
    return str(uuid.uuid5(PRODUCT_NS, f"unit:{sku}:{unit}"))


COLA_PUBLISHED = {  # what PCs receive for COLA; English and Chinese files publish the same
    "id": str(uuid.uuid5(PRODUCT_NS, "COLA")), "sku": "COLA", "name": "可乐 500ml", "spec": "500ml",
    "category": "", "base_unit": "瓶", "tax_rate_bp": 1300, "shelf_life_days": 365,
    "floor_price_fen": 280, "archived": False, "rev": 1,
    "units": [{"name": "瓶", "factor": 1, "barcodes": ["6901234567892"], "id": _unit_id("COLA", "瓶")},
              {"name": "箱", "factor": 24, "barcodes": ["16901234567899"], "id": _unit_id("COLA", "箱")}],
    "prices": {"A": 300, "B": 290, "RETAIL": 350},
}


def _state(url: str) -> dict:
    """Everything the import may write: products, price tiers and the catalog feed."""
    db = Database(url)
    with db.read() as s:
        state = {
            "feed": [(c.seq, c.entity, c.entity_id, c.data) for c in s.scalars(select(Change).order_by(Change.seq))],
            "tiers": {t.code: t.name for t in s.scalars(select(PriceTier))},
            "products": sorted(p.sku for p in s.scalars(select(Product))),
        }
    db.dispose()
    return state


def _published(url: str, entity: str) -> dict:
    return {entity_id: data for _seq, kind, entity_id, data in _state(url)["feed"] if kind == entity}


def test_a_gbk_csv_with_chinese_headers_imports_and_publishes(hq_db_url, tmp_path, capsys):
    path = tmp_path / "商品资料.csv"  # as Chinese Excel saves "CSV (逗号分隔)": GBK, no BOM
    path.write_bytes("\r\n".join([ZH_HEADER, COLA_ZH, TEA_ZH, ""]).encode("gbk"))
    assert _hq(hq_db_url, "catalog", "import", str(path)) == 0
    assert "created 2, updated 0, unchanged 0" in capsys.readouterr().out
    assert _published(hq_db_url, "product")[COLA_PUBLISHED["id"]] == COLA_PUBLISHED
    tea = _published(hq_db_url, "product")[str(uuid.uuid5(PRODUCT_NS, "TEA"))]
    assert [(u["name"], u["factor"], u["barcodes"]) for u in tea["units"]] == [
        ("瓶", 1, ["6901234567908"]), ("箱", 12, [])]
    assert tea["prices"] == {"A": 250, "RETAIL": 300}  # an empty cell: no price in tier B
    assert _published(hq_db_url, "price_tier") == {
        "A": {"code": "A", "name": "A"}, "B": {"code": "B", "name": "B"},
        "RETAIL": {"code": "RETAIL", "name": "建议零售价"}}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_utf8_with_or_without_bom_and_gb18030_read_alike(sqlite_hq_url, tmp_path, encoding):
    name = "𠮷祥 可乐" if encoding == "gb18030" else "可乐 500ml"  # 𠮷 is in GB18030, not GBK
    path = tmp_path / "catalog.csv"
    path.write_bytes("\n".join([ZH_HEADER, COLA_ZH.replace("可乐 500ml", name)]).encode(encoding))
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 0
    assert _published(sqlite_hq_url, "product")[COLA_PUBLISHED["id"]] == {**COLA_PUBLISHED, "name": name}


def test_english_headers_publish_what_they_always_did(sqlite_hq_url, tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_text(f"{EN_HEADER}\n{COLA_EN}\n", encoding="utf-8")
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 0
    assert _published(sqlite_hq_url, "product") == {COLA_PUBLISHED["id"]: COLA_PUBLISHED}


def test_xlsx_written_by_openpyxl_with_numbers_as_excel_keeps_them(sqlite_hq_url, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["商品编码", "商品名称", "规格", "基本单位", "箱规（每箱数量）", "单品条码", "箱条码", "建议零售价",
                  "最低控价", "保质期（天）", "价格:A", "价格:B", "税率"])
    sheet.append(["COLA", "可乐 500ml", "500ml", "瓶", 24, 6901234567892, 16901234567899, 3.5, 2.8, 365,
                  3, 2.9, 0.13])
    sheet["M2"].number_format = "0%"
    path = tmp_path / "商品.xlsx"
    book.save(path)
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 0
    assert _published(sqlite_hq_url, "product") == {COLA_PUBLISHED["id"]: COLA_PUBLISHED}


def test_xlsx_built_by_hand_as_excel_stores_it(sqlite_hq_url, tmp_path):
    n = lambda stored, style="general": ("n", stored, style)  # noqa: E731
    path = tmp_path / "价格表.xlsx"
    path.write_bytes(xlsx_bytes([
        ["2026 年产品价格表"],  # a title line above the header
        ["商品编码", "商品名称", "规格", "基本单位", "箱规（每箱数量）", "单品条码", "箱条码", "建议零售价", "最低控价",
         "保质期(天)", "价格:A", "价格:B"],
        ["COLA", "可乐 500ml", "500ml", "瓶", n("24"), n("6.901234567892E+12"), "16901234567899",
         n("3.5"), n("2.7999999999999998"), n("365"), n("3.0000000000000004"), n("2.9")],
    ]))
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 0
    assert _published(sqlite_hq_url, "product") == {COLA_PUBLISHED["id"]: COLA_PUBLISHED}


def test_a_file_in_no_known_encoding_is_refused_naming_what_was_tried(sqlite_hq_url, tmp_path, capsys):
    path = tmp_path / "catalog.csv"
    path.write_bytes(ZH_HEADER.encode("gbk") + b"\n\x81\x20\xff\xfe\n")
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 1
    err = capsys.readouterr().err
    assert "catalog.csv is not text in any of the encodings tried" in err
    assert "UTF-8" in err and "GB18030" in err and "codec" not in err
    assert _state(sqlite_hq_url)["products"] == []


def test_a_file_without_a_required_column_is_one_error(sqlite_hq_url, tmp_path, capsys):
    path = tmp_path / "catalog.csv"
    path.write_text("商品名称,规格\n可乐,500ml\n雪碧,500ml\n", encoding="utf-8")
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: catalog.csv lacks required columns: 商品编码 (sku) (its headers: 商品名称, 规格)"]
    assert _state(sqlite_hq_url)["products"] == []


def test_a_malformed_file_is_refused_line_by_line_and_writes_nothing(sqlite_hq_url, tmp_path, capsys):
    first = tmp_path / "first.csv"
    first.write_text(f"{ZH_HEADER}\n{COLA_ZH}\n", encoding="utf-8")
    assert _hq(sqlite_hq_url, "catalog", "import", str(first)) == 0
    before = _state(sqlite_hq_url)
    path = tmp_path / "catalog.csv"
    path.write_bytes("\n".join([
        ZH_HEADER + ",备注",
        "TEA,绿茶,500ml,瓶,二十四,6901234567908,,3.00,2.3O,270,2.50,,新品",
        "SODA,苏打水,500ml,瓶,12,6901234567909,,3.00,2.30,270,2.50,,",
        "TEA,绿茶 重复,500ml,瓶,12,,,,,,,,",
        "MILK,牛奶,250ml,盒,,6901234567892,,,,,,,",
        "JUICE,果汁,1L,瓶,,6.90123E+12,6901234567915,,,,,,",
    ]).encode("gbk"))
    capsys.readouterr()
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 1
    assert capsys.readouterr().err.splitlines() == [
        "Line 1: unknown column 备注; rename it to a documented header or remove it",
        "Line 2, 箱规(每箱数量): '二十四' is not a whole number of at least 2",
        "Line 2, 最低控价: '2.3O' is not an amount in yuan",
        "Line 3, 单品条码: '6901234567909' is not a valid barcode (8, 12, 13 or 14 digits ending in the right check digit)",
        "Line 4, 商品编码: 'TEA' is already on line 2",
        "Line 5, 单品条码: barcode 6901234567892 already belongs to product COLA",
        "Line 6, 单品条码: '6.90123E+12' was shortened by Excel to scientific notation; format the column as text and type the full number",
        "error: Nothing was written: the file has 7 errors",
    ]
    assert _state(sqlite_hq_url) == before


def test_a_dry_run_shows_what_would_change_and_writes_nothing(sqlite_hq_url, tmp_path, capsys):
    first = tmp_path / "first.csv"
    first.write_text("\n".join([ZH_HEADER, COLA_ZH, TEA_ZH]), encoding="utf-8")
    assert _hq(sqlite_hq_url, "catalog", "import", str(first)) == 0
    before = _state(sqlite_hq_url)
    path = tmp_path / "catalog.csv"
    path.write_text("\n".join([
        ZH_HEADER + ",价格:VIP",
        COLA_ZH + ",",
        TEA_ZH.replace("绿茶 500ml", "绿茶 500ml 新包装").replace(",2.50,", ",2.60,") + ",2.20",
        "SODA,苏打水,500ml,瓶,12,6901234567915,,3.00,2.30,270,2.50,,",
    ]), encoding="utf-8")
    capsys.readouterr()
    assert _hq(sqlite_hq_url, "catalog", "import", "--dry-run", str(path)) == 0
    assert capsys.readouterr().out.splitlines() == [
        "new        SODA  苏打水",
        "changed    TEA  绿茶 500ml 新包装: name 绿茶 500ml -> 绿茶 500ml 新包装; price:A 2.50 -> 2.60; "
        "price:VIP - -> 2.20",
        "new tier   VIP",
        "catalog.csv (utf-8): would create 1, update 1, leave 1 unchanged; nothing written (dry run)",
    ]
    assert _state(sqlite_hq_url) == before
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 0
    assert "created 1, updated 1, unchanged 1" in capsys.readouterr().out
    assert _state(sqlite_hq_url)["products"] == ["COLA", "SODA", "TEA"]


def test_a_tier_hq_already_has_may_be_headed_by_its_name(sqlite_hq_url, tmp_path):
    db = Database(sqlite_hq_url)
    db.upgrade()
    with db.write() as s:
        s.add(PriceTier(code="W", name="批发价"))
    db.dispose()
    path = tmp_path / "catalog.csv"
    path.write_text("商品编码,商品名称,批发价\nCOLA,可乐,2.75\n", encoding="utf-8")
    assert _hq(sqlite_hq_url, "catalog", "import", str(path)) == 0
    assert _published(sqlite_hq_url, "product")[COLA_PUBLISHED["id"]]["prices"] == {"W": 275}


@pytest.mark.parametrize("flag", ["--xlsx", "--csv"])
def test_the_template_documents_both_header_lines_and_imports_as_it_is(hq_db_url, tmp_path, capsys, flag):
    out = tmp_path / ("template.xlsx" if flag == "--xlsx" else "template.csv")
    assert _hq(hq_db_url, "catalog", "template", flag, str(out)) == 0
    if flag == "--xlsx":
        book = openpyxl.load_workbook(out)
        lines = [[c or "" for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        notes = [row for row in book.worksheets[1].iter_rows(values_only=True)]
        assert ("箱规(每箱数量)", "case_size") == notes[6][:2]  # each column explained
    else:
        lines = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert lines[0][:5] == ["商品编码", "商品名称", "规格", "分类", "基本单位"]
    assert lines[1][:5] == ["sku", "name", "spec", "category", "base_unit"]
    assert "价格:A" in lines[0] and "price:A" in lines[1] and len(lines) == 4
    capsys.readouterr()
    assert _hq(hq_db_url, "catalog", "import", str(out)) == 0
    assert "created 2, updated 0, unchanged 0" in capsys.readouterr().out
    assert _hq(hq_db_url, "catalog", "import", str(out)) == 0
    assert "created 0, updated 0, unchanged 2" in capsys.readouterr().out
    tea = _published(hq_db_url, "product")[str(uuid.uuid5(PRODUCT_NS, "EX-TEA-500"))]
    assert [(u["name"], u["factor"]) for u in tea["units"]] == [("瓶", 1), ("箱", 12), ("中包", 6)]


def test_the_import_help_documents_every_column(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["catalog", "import", "--help"])
    assert leaving.value.code == 0
    text = capsys.readouterr().out
    for header in ("商品编码 / sku", "商品名称 / name", "规格 / spec", "基本单位 / base_unit",
                   "箱规(每箱数量) / case_size", "单品条码 / unit_barcode", "箱条码 / case_barcode",
                   "建议零售价 / retail_price", "最低控价 / floor_price", "保质期(天) / shelf_life_days",
                   "价格:<tier> / price:<tier>", "--dry-run", "GBK"):
        assert header in text


def test_rows_given_by_a_script_are_refused_whole_on_any_error(sqlite_hq_url):
    from app.tabular import ImportRefused
    from server.catalog import import_rows

    db = Database(sqlite_hq_url)
    db.upgrade()
    rows = [{"sku": "COLA", "name": "可乐", "price_A": "3"}, {"sku": "TEA", "name": "茶", "price_A": "x"}]
    with pytest.raises(ImportRefused) as caught, db.write() as s:
        import_rows(s, rows)
    assert [(p.line, p.column, p.value) for p in caught.value.problems] == [(3, "price_A", "x")]
    with db.read() as s:
        assert s.scalars(select(Product)).all() == []
    db.dispose()


def test_an_unreadable_path_or_output_folder_is_a_clear_error(sqlite_hq_url, tmp_path, capsys):
    assert _hq(sqlite_hq_url, "catalog", "import", str(tmp_path)) == 1  # a folder, not a file
    assert capsys.readouterr().err.startswith(f"error: {tmp_path} cannot be read (")
    out = tmp_path / "no such folder" / "template.xlsx"
    assert _hq(sqlite_hq_url, "catalog", "template", str(out)) == 1
    assert capsys.readouterr().err.startswith(f"error: cannot write {out}: ")
    assert not out.parent.exists()
