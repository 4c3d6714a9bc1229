"""Reading tables people wrote (app/tabular): encodings, .xlsx cells, headers, line numbers."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.errors import ValidationError, describe
from app.tabular import (
    Column,
    ColumnFamily,
    Schema,
    barcode,
    date,
    money_fen,
    percent_bp,
    read_table,
    whole_number,
)
from tests.handmade_xlsx import xlsx_bytes

SCHEMA = Schema((
    Column("code", "客户编码", "code", required=True),
    Column("name", "客户名称", "name", required=True, aliases=("名称",)),
    Column("amount", "金额(元)", "amount", money_fen()),
    Column("qty", "数量", "quantity", whole_number(1)),
    Column("day", "日期", "date", date()),
    Column("rate", "税率", "tax_rate", percent_bp()),
    Column("ean", "条码", "barcode", barcode()),
), (ColumnFamily("price", ("价格:", "price:"), money_fen(), member=str.upper),))

CSV = ("客户编码,客户名称,金额（元）,数量,日期,税率,条码,价格:a\n"
       "C1,张记商行,\"1,234.50\",24,2026/11/27,13%,6901234567892,3.2\n"
       "C2,𠮷野家,0.10,1,2026年1月5日,9,,\n")


def _values(table):
    return [{k: v for k, v in r.values.items() if v is not None} for r in table.records]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_csv_in_every_encoding_excel_and_wps_save_reads_the_same(encoding):
    table = read_table(CSV.encode(encoding), SCHEMA, name="客户.csv")
    assert table.encoding == encoding
    assert _values(table) == [
        {"code": "C1", "name": "张记商行", "amount": 123450, "qty": 24, "day": dt.date(2026, 11, 27),
         "rate": 1300, "ean": "6901234567892", "price:A": 320},
        {"code": "C2", "name": "𠮷野家", "amount": 10, "qty": 1, "day": dt.date(2026, 1, 5),
         "rate": 900},
    ]
    assert table.problems == []


def test_a_gbk_file_from_chinese_excel_is_read_as_gb18030():
    data = CSV.replace("𠮷", "吉").encode("gbk")  # GBK has no 𠮷; GB18030 is its superset
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    table = read_table(data, SCHEMA, name="客户.csv")
    assert table.encoding == "gb18030" and table.records[1].values["name"] == "吉野家"


@pytest.mark.parametrize("data", [b"\x81\x20 broken \xff", "名称\n".encode("utf-16-le"),
                                  b"\xef\xbb\xbf\xc9\xcc\xc6\xb7"])
def test_a_file_in_no_known_encoding_is_refused_naming_the_encodings_tried(data):
    with pytest.raises(ValidationError) as caught:
        read_table(data, SCHEMA, name="x.csv")
    assert caught.value.message_id == "import.encoding_unknown"
    text = describe(caught.value)
    assert "x.csv" in text and "UTF-8" in text and "GB18030" in text and "codec" not in text


def test_an_old_xls_workbook_is_refused_with_what_to_do():
    with pytest.raises(ValidationError) as caught:
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), SCHEMA, name="old.xls")
    assert caught.value.message_id == "import.xls_unsupported"


def test_headers_match_whatever_spaces_brackets_case_and_marks_their_writer_used():
    csv = "客户编码*, 客户 名称 ,金额[元],QUANTITY,Tax_Rate,PRICE：b\nC1,店,1,2,3,4\n"
    table = read_table(csv.encode(), SCHEMA)
    assert table.problems == [] and _values(table)[0] == {
        "code": "C1", "name": "店", "amount": 100, "qty": 2, "rate": 300, "price:B": 400}
    assert table.headers["name"] == "客户 名称"  # errors name the header as written


def test_missing_required_columns_are_one_error_naming_them_all():
    with pytest.raises(ValidationError) as caught:
        read_table("金额,备注\n1,x\n".encode(), SCHEMA, name="a.csv")
    assert caught.value.message_id == "import.columns_missing"
    assert caught.value.params["columns"] == "客户编码 (code), 客户名称 (name)"


def test_unknown_and_repeated_columns_are_reported_not_dropped():
    csv = "客户编码,名称,备注,客户名称,,\nC1,店,老客户,店2,,x\n"
    problems = read_table(csv.encode(), SCHEMA).problems
    assert [(p.message_id, p.line, p.column) for p in problems] == [
        ("import.column_unknown", 1, "备注"), ("import.column_duplicate", 1, "客户名称"),
        ("import.column_unknown", 1, "F")]  # values under no header: named by the letter
    assert describe(problems[0]) == "Line 1: unknown column 备注; rename it to a documented header or remove it"


def test_cell_problems_name_the_line_excel_shows_the_column_as_written_and_the_value():
    csv = ("价格表 2026\n\n客户编码,客户名称,金额（元）,数量,日期,条码\n"
           "C1,\"两行\n的名称\",12.345,0,2026-02-30,6.90123E+12\n\nC2,,¥-3,2.5,明天,6901234567890\n")
    table = read_table(csv.encode("gb18030"), SCHEMA)
    assert table.header_line == 3
    found = [(p.line, p.column, p.value, p.message_id) for p in table.problems]
    assert found == [
        (4, "金额（元）", "12.345", "import.money_too_precise"),
        (4, "数量", "0", "import.whole_number_invalid"),
        (4, "日期", "2026-02-30", "import.date_invalid"),
        (4, "条码", "6.90123E+12", "import.scientific_notation"),
        (6, "客户名称", "", "import.required"),  # line 5 is empty; a quoted line break is one line
        (6, "金额（元）", "¥-3", "import.money_negative"),
        (6, "数量", "2.5", "import.whole_number_invalid"),
        (6, "日期", "明天", "import.date_invalid"),
        (6, "条码", "6901234567890", "import.barcode_invalid"),
    ]
    assert describe(table.problems[0]) == "Line 4, 金额（元）: '12.345' has more than two decimals"


def test_a_second_header_line_in_the_other_language_is_skipped():
    csv = "客户编码,客户名称,金额(元)\ncode,name,amount\nC1,店,5\n"
    table = read_table(csv.encode(), SCHEMA)
    assert [(r.line, r.values["code"]) for r in table.records] == [(3, "C1")]


def test_xlsx_cells_written_by_openpyxl_keep_exact_amounts_dates_and_codes(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["客户编码", "客户名称", "金额(元)", "数量", "日期", "税率", "条码"])
    sheet.append([1001, "店", 0.1 + 0.2, 24.0, dt.datetime(2026, 11, 27), 0.13, 6901234567892])
    sheet.append(["C2", "店2", 1234567.89, 3, "2026-11-28", 13, "6901234567892"])
    sheet["F2"].number_format = "0%"
    path = tmp_path / "客户.xlsx"
    book.save(path)
    table = read_table(path, SCHEMA)
    assert table.encoding == "xlsx" and table.problems == []
    assert _values(table) == [
        {"code": "1001", "name": "店", "amount": 30, "qty": 24, "day": dt.date(2026, 11, 27),
         "rate": 1300, "ean": "6901234567892"},
        {"code": "C2", "name": "店2", "amount": 123456789, "qty": 3, "day": dt.date(2026, 11, 28),
         "rate": 1300, "ean": "6901234567892"},
    ]


def test_xlsx_as_excel_writes_it_by_hand():
    data = xlsx_bytes([
        ["2026年客户资料"],
        [],
        ["客户编码", "客户名称", "金额（元）", "数量", "日期", "税率", "条码"],
        ["C1", "店", ("n", "3.2000000000000002", "general"), ("n", "24", "general"),
         ("n", "46353", "date"), ("n", "0.13", "percent"), ("n", "6.901234567892E+12", "general")],
        [None, None, ("n", "0.30000000000000004", "general")],
        ["C3", "店3", ("n", "1.005", "general"), None, None, None, "06901234567892"],
    ])
    table = read_table(data, SCHEMA, name="客户.xlsx")
    assert table.header_line == 3
    assert _values(table)[0] == {"code": "C1", "name": "店", "amount": 320, "qty": 24,
                                 "day": dt.date(2026, 11, 27), "rate": 1300, "ean": "6901234567892"}
    found = [(p.line, p.column, p.value, p.message_id) for p in table.problems]
    assert found == [
        (5, "客户编码", "", "import.required"), (5, "客户名称", "", "import.required"),
        (6, "金额（元）", "1.005", "import.money_too_precise"),
    ]
    assert table.records[1].values["amount"] == 30  # 0.1 + 0.2 as Excel shows it: 0.3
    assert table.records[2].values["ean"] == "06901234567892"  # a text cell keeps its zero


def test_a_broken_workbook_is_refused_as_unreadable():
    with pytest.raises(ValidationError) as caught:
        read_table(b"PK\x03\x04 not really a zip", SCHEMA, name="坏.xlsx")
    assert caught.value.message_id == "import.xlsx_unreadable" and "坏.xlsx" in describe(caught.value)
