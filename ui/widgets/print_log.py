"""打印记录: who printed which document when, newest first (reprints are counted and marked)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.changes import Changes
from ui import fmt
from ui.errors import show_exception
from ui.models.base import ALIGN_RIGHT, Column, ListTableModel
from ui.printing import operations as print_ops
from ui.screens.base import error_label, make_table

translate = QCoreApplication.translate
LOG_LIMIT = 200  # the log grows with every print: the tab shows the latest ones only

# DocumentKind values (stored in the log) → English source text.
_DOC_TYPES = {
    "delivery_note": QT_TRANSLATE_NOOP("PrintLog", "Delivery note"),
    "sales_invoice": QT_TRANSLATE_NOOP("PrintLog", "Sales invoice"),
    "return_note": QT_TRANSLATE_NOOP("PrintLog", "Return note"),
    "purchase_order": QT_TRANSLATE_NOOP("PrintLog", "Purchase order"),
    "statement": QT_TRANSLATE_NOOP("PrintLog", "Statement"),
}


def doc_type_name(code: str) -> str:
    source = _DOC_TYPES.get(code)
    return translate("PrintLog", source) if source else code


def print_log_columns() -> list[Column]:
    return [
        Column(translate("PrintLog", "When"), lambda r: fmt.local_time(r.at), width=140),
        Column(translate("PrintLog", "Who"), lambda r: r.username),
        Column(translate("PrintLog", "Document"), lambda r: doc_type_name(r.doc_type)),
        Column(translate("PrintLog", "Number"), lambda r: r.doc_number, width=330),
        Column(translate("PrintLog", "Copies"), lambda r: r.copies, ALIGN_RIGHT),
        Column(translate("PrintLog", "Reprint no."), lambda r: r.reprint_no or "", ALIGN_RIGHT),
        Column(translate("PrintLog", "Paper"), lambda r: r.paper),
    ]


class PrintLogWidget(QWidget):
    """Loads each time it is shown, and again when a print is announced while it is shown."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ListTableModel(print_log_columns(), parent=self)
        self.table = make_table(self, self.model, "printLogList")
        self.error = error_label(self, "printLogError")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The latest prints, newest first. Reprints are "
                                        "numbered."), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        ctx.bus.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        # A hidden tab does no work: it loads when next shown.
        if changes.prints and self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        print_ops.load_print_log(self.ctx, limit=LOG_LIMIT, on_done=self.model.set_rows,
                                 on_error=lambda e: show_exception(e, self, inline=self.error))
