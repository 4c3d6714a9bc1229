"""The outlet list: keyset pages of OutletService.list, appended as the clerk scrolls."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui import fmt
from ui.models.base import ALIGN_RIGHT, Column, LazyTableModel

translate = QCoreApplication.translate


class OutletSource:
    def __init__(self, store, search: str = "", include_archived: bool = False) -> None:
        self.store, self.search, self.include_archived = store, search, include_archived

    def count(self) -> None:
        return None  # outlets are listed by name pages; no count needed

    def fetch(self, offset: int, limit: int, after: Any | None) -> Sequence[Any]:
        key = (after.name, after.id) if after is not None else None
        page = self.store.outlets.list(search=self.search, include_archived=self.include_archived,
                                       after=key, limit=limit)
        return page.outlets


def outlet_columns() -> list[Column]:
    return [
        Column(translate("OutletList", "Code"), lambda o: o.code, width=170),
        Column(translate("OutletList", "Name"), lambda o: o.name, width=200),
        Column(translate("OutletList", "Phone"), lambda o: o.phone),
        Column(translate("OutletList", "Address"), lambda o: o.address),
        Column(translate("OutletList", "Credit limit"), lambda o: fmt.money(o.credit_limit_fen),
               ALIGN_RIGHT),
        Column(translate("OutletList", "Archived"),
               lambda o: translate("OutletList", "Archived") if o.archived else ""),
    ]


class OutletListModel(LazyTableModel):
    def __init__(self, runner, store, parent=None) -> None:
        super().__init__(runner, outlet_columns(), None, page_size=100, parent=parent)
        self.store = store

    def search(self, text: str, include_archived: bool = False) -> None:
        self.set_source(OutletSource(self.store, text, include_archived))
