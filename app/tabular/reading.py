"""Reading a table a person wrote: a CSV saved by Excel or WPS (UTF-8 with or without a BOM,
or the GBK/GB18030 code page of Chinese Windows) or an .xlsx workbook, into records whose
cells are parsed by an import's Schema.

Line numbers are those Excel shows (the header is line 1; a CSV record with a quoted line
break is still one line). Empty lines are skipped but counted.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.tabular.cells import Parser
from app.tabular.columns import Schema
from app.tabular.problems import CellError, Problem

# Tried in this order after a BOM: strict UTF-8, then GB18030 (a superset of GBK and GB2312,
# the "ANSI" code page Chinese Excel saves CSV in). Statistical detectors misread short
# Chinese text (see research/promotions.md §4), so none is used.
ENCODINGS_TRIED = "UTF-8 (with or without BOM), UTF-16 (with BOM), GB18030/GBK"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003) and other OLE files
_HEADER_SEARCH_LINES = 10  # a title line or two above the header is common


@dataclass(frozen=True)
class Cell:
    line: int
    column: str  # the header as written (the column's letter when it has none)
    text: str


@dataclass
class Record:
    """One data line: its cells and their parsed values (None for an empty cell), by key."""

    line: int
    cells: dict[str, Cell]
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)

    def report(self, key: str, message_id: str, /, **params: Any) -> None:
        """Add a problem about this line's cell of `key` (naming its column and value)."""
        cell = self.cells.get(key) or Cell(self.line, key, "")
        self.problems.append(_problem(cell, message_id, params))


@dataclass
class Table:
    name: str
    encoding: str  # "xlsx" or the text encoding the CSV was read in
    header_line: int
    headers: dict[str, str]  # key -> header as written
    header_problems: list[Problem]  # unknown and repeated columns
    records: list[Record]

    @property
    def problems(self) -> list[Problem]:
        return [*self.header_problems, *(p for r in self.records for p in r.problems)]


def read_table(source: Path | bytes, schema: Schema, *, name: str | None = None) -> Table:
    """A CSV or .xlsx file (a path, or the bytes of an upload) as records of `schema`.

    Raises ValidationError for a file that cannot be read at all: unknown encoding, an .xls
    or broken workbook, no header, or required columns missing (one error naming them all).
    Problems of single cells and unknown columns are collected in the Table instead."""
    if isinstance(source, Path):
        name = name or source.name
        try:
            data = source.read_bytes()
        except FileNotFoundError:
            raise ValidationError("import.file_not_found", file=str(source)) from None
        except OSError as exc:  # a folder, no permission...
            raise ValidationError("import.file_unreadable", file=str(source),
                                  detail=exc.strerror or type(exc).__name__) from None
    else:
        data, name = source, name or "upload"
    if data.startswith(_ZIP):
        return build_table(name, "xlsx", _xlsx_rows(data, name), schema)
    if data.startswith(_OLE2):
        raise ValidationError("import.xls_unsupported", file=name)
    text, encoding = decode_text(data, name)
    return build_table(name, encoding, _csv_rows(text), schema)


def table_from_dicts(rows: Iterable[Mapping[str, Any]], schema: Schema, *,
                     name: str = "rows") -> Table:
    """Rows given as {header: value} (tests, scripts, programmatic imports), read like a file."""
    rows = list(rows)
    headers = list(dict.fromkeys(h for row in rows for h in row))
    lines = [headers] + [[cell_text(row.get(h)) for h in headers] for row in rows]
    return build_table(name, "rows", lines, schema)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in: a BOM decides; otherwise strict
    UTF-8, then GB18030. A file that is none of them is refused, naming what was tried."""
    candidates = [enc for bom, enc in _BOMS if data.startswith(bom)] or ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:  # a NUL is never text: binary, or UTF-16 without a BOM
            return text, encoding
    raise ValidationError("import.encoding_unknown", file=name, encodings=ENCODINGS_TRIED)


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A cell's value as the person sees it. Numbers keep Excel's 15 significant digits, so
    3.2 stored as 3.2000000000000002 reads "3.2" and a 13-digit barcode keeps every digit;
    a cell formatted as a percentage reads "13%"; a date reads 2026-11-27."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if number_format and "%" in number_format:
            return f"{_fifteen_digits(value * 100)}%"
        return _fifteen_digits(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, int | Decimal | dt.date | dt.time):
        return str(value)
    return str(value).strip()


def _fifteen_digits(value: float) -> str:
    return format(Decimal(format(value, ".15g")).normalize(), "f")


def _csv_rows(text: str) -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first_line.count)  # ties: ','
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[cell.strip() for cell in row] for row in reader]


def _xlsx_rows(data: bytes, name: str) -> list[list[str]]:
    """The first sheet's cells as text. Read-only mode streams the sheet; its stored
    dimensions are ignored because some writers leave them wrong (cells would be cut off)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()
            raw = [[(c.value, getattr(c, "number_format", None)) for c in row]
                   for row in sheet.iter_rows()]
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - any failure to parse a user's file: unreadable
        raise ValidationError("import.xlsx_unreadable", file=name,
                              detail=f"{type(exc).__name__}: {exc}") from None
    return [[cell_text(value, fmt) for value, fmt in row] for row in raw]


def build_table(name: str, encoding: str, rows: Sequence[Sequence[str]], schema: Schema) -> Table:
    header_index = _header_index(rows, schema)
    if header_index is None:
        raise ValidationError("import.no_header", file=name)
    header_line = header_index + 1
    body = rows[header_index + 1:]
    positions, problems = _map_columns(rows[header_index], body, schema, header_line)
    _require_columns(name, schema, positions, rows[header_index])
    records = []
    for offset, row in enumerate(body):
        line = header_line + 1 + offset
        if not any(row) or (offset == 0 and _repeats_header(row, positions, schema)):
            continue  # an empty line, or the template's second header line (English)
        records.append(_record(line, row, positions))
    headers = {key: at.header for key, at in positions.items()}
    return Table(name, encoding, header_line, headers, problems, records)


@dataclass(frozen=True)
class _ColumnAt:
    header: str  # as written
    parse: Parser
    index: int
    required: bool


def _header_index(rows: Sequence[Sequence[str]], schema: Schema) -> int | None:
    filled = [i for i, row in enumerate(rows) if any(row)]
    for index in filled[:_HEADER_SEARCH_LINES]:
        if any(cell and schema.match(cell) for cell in rows[index]):
            return index
    return filled[0] if filled else None


def _map_columns(header: Sequence[str], body: Sequence[Sequence[str]], schema: Schema,
                 line: int) -> tuple[dict[str, _ColumnAt], list[Problem]]:
    """Which field each column holds. A column with an unknown header, or with values under
    no header, is reported; so is a second column of a field already seen."""
    positions: dict[str, _ColumnAt] = {}
    problems = []
    for index in range(max([len(header), *(len(row) for row in body)])):
        written = header[index] if index < len(header) else ""
        match = schema.match(written) if written else None
        if match is None:
            if written or any(index < len(row) and row[index] for row in body):
                problems.append(Problem("import.column_unknown", {
                    "line": line, "column": written or column_letter(index), "value": written}))
        elif match[0] in positions:
            problems.append(Problem("import.column_duplicate", {
                "line": line, "column": written, "value": written,
                "other": positions[match[0]].header}))
        else:
            column = schema.column(match[0])
            required = column is not None and column.required
            positions[match[0]] = _ColumnAt(written, match[1], index, required)
    return positions, problems


def _require_columns(name: str, schema: Schema, positions: Mapping[str, _ColumnAt],
                     header: Sequence[str]) -> None:
    missing = [c for c in schema.required if c.key not in positions]
    if missing:
        raise ValidationError("import.columns_missing", file=name,
                              columns=", ".join(f"{c.zh} ({c.en})" for c in missing),
                              found=", ".join(h for h in header if h) or "-")


def _repeats_header(row: Sequence[str], positions: Mapping[str, _ColumnAt],
                    schema: Schema) -> bool:
    """Whether a line only repeats the header, in another language (the template writes the
    Chinese headers on line 1 and the English ones on line 2)."""
    keys = {at.index: key for key, at in positions.items()}
    filled = [(i, cell) for i, cell in enumerate(row) if cell]
    return bool(filled) and all(
        i in keys and (schema.match(cell) or ("",))[0] == keys[i] for i, cell in filled)


def _record(line: int, row: Sequence[str], positions: Mapping[str, _ColumnAt]) -> Record:
    record = Record(line, {}, {})
    for key, at in positions.items():
        cell = Cell(line, at.header, row[at.index] if at.index < len(row) else "")
        record.cells[key] = cell
        record.values[key] = _parse(cell, at, record)
    return record


def _parse(cell: Cell, at: _ColumnAt, record: Record) -> Any:
    if not cell.text:
        if at.required:
            record.problems.append(_problem(cell, "import.required", {}))
        return None
    try:
        return at.parse(cell.text)
    except CellError as exc:
        record.problems.append(_problem(cell, exc.message_id, exc.params))
        return None


def _problem(cell: Cell, message_id: str, params: Mapping[str, Any]) -> Problem:
    return Problem(message_id, {"line": cell.line, "column": cell.column, "value": cell.text,
                                **params})


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how Excel names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
