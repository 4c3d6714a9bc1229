"""Table models that stay fast and small however many rows the database holds (STYLE §10).

`LazyTableModel` shows rows of a `RowSource` in an order the source defines. Two modes:

* windowed, when the source can count: rowCount is the total at once; rows are fetched a page
  at a time for the block the view asks for, in the task runner, and only the most recently used
  pages are kept, so memory does not grow with the number of rows and scrolling to the end costs
  one page;
* incremental, when it cannot: `canFetchMore`/`fetchMore` append one page at a time as the view
  reaches the bottom (keyset pagination: the source gets the last row it gave).

`ListTableModel` is for short lists that are loaded whole (the lines of one order).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], object]
    align: Qt.AlignmentFlag = ALIGN_LEFT
    tooltip: Callable[[Any], str] | None = None
    foreground: Callable[[Any], Any] | None = None
    width: int = 0  # initial width in pixels; 0 = the view's default


class RowSource(Protocol):
    """Runs on the database thread. Rows are small frozen dataclasses with an `id`."""

    def count(self) -> int | None:
        """Number of rows, or None when counting is not cheap (incremental mode)."""

    def fetch(self, offset: int, limit: int, after: Any | None) -> Sequence[Any]:
        """Rows offset..offset+limit; `after` is the row just before offset when known."""


class _ColumnsMixin:
    columns: list[Column]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def _cell(self, row: Any, column: int, role: int) -> Any:
        col = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return col.align
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground is not None:
            return col.foreground(row)
        if role == Qt.ItemDataRole.UserRole:
            return getattr(row, "id", None)
        return None


class LazyTableModel(_ColumnsMixin, QAbstractTableModel):
    """Rows of a RowSource, fetched by page in the background; see the module docstring."""

    loaded = Signal()  # the count (and first page) arrived after a refresh
    page_loaded = Signal(int)  # page number

    def __init__(self, runner: TaskRunner, columns: list[Column], source: RowSource | None = None,
                 *, page_size: int = 100, max_pages: int = 20, parent=None) -> None:
        super().__init__(parent)
        self.runner, self.columns, self.source = runner, columns, source
        self.page_size, self.max_pages = page_size, max_pages
        self._total = 0
        self._windowed = True
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._appended: list[Any] = []
        self._more = False
        self._pending: set[int] = set()
        self._generation = 0
        self.is_loading = False

    # -- loading ----------------------------------------------------------------------------------
    def set_source(self, source: RowSource) -> None:
        self.source = source
        self.refresh()

    def refresh(self) -> None:
        """Count and fetch the first page in one background task; old rows stay until then."""
        if self.source is None:
            return
        self._generation += 1
        generation, source, size = self._generation, self.source, self.page_size
        self.is_loading = True

        def work():
            total = source.count()
            first = list(source.fetch(0, size, None))
            return total, first

        self.runner.run_db(work, on_done=lambda result: self._reset(generation, *result),
                           label="refresh")

    def _reset(self, generation: int, total: int | None, first: list[Any]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._pages.clear()
        self._pending.clear()
        self._windowed = total is not None
        if self._windowed:
            self._total = total
            self._pages[0] = first
        else:
            self._appended = first
            self._more = len(first) == self.page_size
        self.endResetModel()
        self.is_loading = False
        self.loaded.emit()

    def _request_page(self, page: int) -> None:
        if page in self._pending or self.source is None:
            return
        self._pending.add(page)
        generation, source, size = self._generation, self.source, self.page_size
        after = self._row_if_cached(page * size - 1)
        self.runner.run_db(lambda: list(source.fetch(page * size, size, after)),
                           on_done=lambda rows: self._store_page(generation, page, rows),
                           label="page")

    def _store_page(self, generation: int, page: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)  # least recently used page goes: memory stays flat
        first = page * self.page_size
        last = min(first + len(rows), self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
        self.page_loaded.emit(page)

    # -- Qt model interface -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self._total if self._windowed else len(self._appended)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_at(index.row(), request=True)
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        return self._cell(row, index.column(), role)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._windowed and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.canFetchMore() or self.source is None:
            return
        if -1 in self._pending:
            return
        self._pending.add(-1)
        generation, source, size = self._generation, self.source, self.page_size
        offset, after = len(self._appended), (self._appended[-1] if self._appended else None)
        self.runner.run_db(lambda: list(source.fetch(offset, size, after)),
                           on_done=lambda rows: self._append(generation, rows), label="more")

    def _append(self, generation: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(-1)
        self._more = len(rows) == self.page_size
        if rows:
            start = len(self._appended)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._appended.extend(rows)
            self.endInsertRows()

    # -- helpers ------------------------------------------------------------------------------------
    def row_at(self, row: int, *, request: bool = False) -> Any | None:
        """The row object at `row` if loaded (optionally asking for its page)."""
        if not self._windowed:
            return self._appended[row] if 0 <= row < len(self._appended) else None
        page = row // self.page_size
        rows = self._pages.get(page)
        if rows is None:
            if request:
                self._request_page(page)
            return None
        self._pages.move_to_end(page)
        offset = row - page * self.page_size
        return rows[offset] if offset < len(rows) else None

    def _row_if_cached(self, row: int) -> Any | None:
        if row < 0:
            return None
        rows = self._pages.get(row // self.page_size)
        if rows is None:
            return None
        offset = row % self.page_size
        return rows[offset] if offset < len(rows) else None

    def key_at(self, row: int) -> str | None:
        loaded = self.row_at(row)
        return getattr(loaded, "id", None) if loaded is not None else None

    def cached_rows(self) -> int:
        """Rows held in memory (for tests and the bench: stays bounded)."""
        if not self._windowed:
            return len(self._appended)
        return sum(len(rows) for rows in self._pages.values())


class ListTableModel(_ColumnsMixin, QAbstractTableModel):
    """A short list loaded whole (one order's lines, one outlet's filings)."""

    def __init__(self, columns: list[Column], rows: Sequence[Any] = (), parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._cell(self._rows[index.row()], index.column(), role)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
