"""Example files for an import: line 1 holds the Chinese headers, line 2 the English ones
(the import skips a line that only repeats the headers), then example rows. The .xlsx also
has a sheet documenting every column; code columns are text so Excel keeps every digit."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from app.tabular.columns import Column

NOTES_SHEET = "说明 Notes"
_NOTES_HEADER = ["中文表头", "English header", "必填 Required", "说明", "Description"]


def write_template(path: Path, columns: Sequence[Column], examples: Sequence[Mapping[str, str]],
                   *, as_csv: bool = False) -> None:
    """`examples` are rows of cell text by column key."""
    rows = [[c.zh for c in columns], [c.en for c in columns],
            *([example.get(c.key, "") for c in columns] for example in examples)]
    if as_csv:
        # UTF-8 with a BOM: Chinese Excel opens it correctly (without one it assumes GBK).
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        return
    _write_xlsx(path, columns, rows)


def _write_xlsx(path: Path, columns: Sequence[Column], rows: list[list[str]]) -> None:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "导入 Import"
    for row in rows:
        sheet.append(row)
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, 2 * len(column.zh) + 2)
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.cell(row=2, column=index).font = Font(italic=True, color="808080")
        if column.as_text:  # the column's style covers the lines staff will add
            sheet.column_dimensions[letter].number_format = "@"
            for line in range(3, len(rows) + 1):
                sheet.cell(row=line, column=index).number_format = "@"
    notes = book.create_sheet(NOTES_SHEET)
    notes.append(_NOTES_HEADER)
    for column in columns:
        notes.append([column.zh, column.en, "是 yes" if column.required else "",
                      column.note_zh, column.help])
    book.save(path)
