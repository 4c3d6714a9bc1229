"""Tables that people wrote — CSV from Excel or WPS, or .xlsx — read into checked records.

An import declares its columns once (a Schema of Columns with their Chinese and English
headers, aliases and cell parsers, plus ColumnFamilies such as one price column per tier),
then:

    table = read_table(path_or_bytes, schema, name="catalog.csv")
    for record in table.records:          # record.line as Excel shows it, header = line 1
        record.values["sku"]              # parsed value, None for an empty cell
        record.report("sku", "import.duplicate", first_line=2)   # a cross-field problem
    table.problems                        # unknown/repeated columns and every cell problem

Every Problem is a message id with line, column (the header as written) and value; a file
that cannot be read at all (encoding, .xls, no header, required columns missing) raises
ValidationError. write_template writes a two-header-line example (.xlsx or CSV) of a Schema.
"""

from app.tabular.cells import (
    Parser,
    barcode,
    barcode_list,
    date,
    money_fen,
    percent_bp,
    text,
    whole_number,
)
from app.tabular.columns import Column, ColumnFamily, Schema, header_key
from app.tabular.problems import CellError, ImportRefused, Problem
from app.tabular.reading import (
    ENCODINGS_TRIED,
    Cell,
    Record,
    Table,
    cell_text,
    decode_text,
    read_table,
    table_from_dicts,
)
from app.tabular.writing import write_template

__all__ = [
    "ENCODINGS_TRIED", "Cell", "CellError", "Column", "ColumnFamily", "ImportRefused", "Parser",
    "Problem", "Record", "Schema", "Table", "barcode", "barcode_list", "cell_text", "date",
    "decode_text", "header_key", "money_fen", "percent_bp", "read_table", "table_from_dicts",
    "text", "whole_number", "write_template",
]
