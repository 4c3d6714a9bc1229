"""What screens call to preview and print a document: open the preview, pick the printer
(the profile's own, or the print dialog), print, report. Screens of orders, purchase orders and
outlets need only `open_preview(ctx, parent, ref=DocumentRef(...))` or `print_now(...)`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ui.context import AppContext
from ui.errors import show_exception
from ui.printing import operations as ops
from ui.printing.operations import DocumentRef
from ui.printing.preview import PrintPreviewDialog
from ui.printing.qtprint import make_printer, printer_installed


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def open_preview(ctx: AppContext, parent: QWidget | None, *, ref: DocumentRef,
                 profile_name: str | None = None) -> PrintPreviewDialog:
    """Show the document as the next print would carry it; 打印 prints and logs it."""
    dialog = PrintPreviewDialog(parent, title=_tr("Print preview: {number}").format(
        number=ref.number))
    ops.preview_document(ctx, ref=ref, profile_name=profile_name, on_done=dialog.set_pdf,
                         on_error=lambda error: show_exception(error, dialog))
    dialog.print_requested.connect(
        lambda: print_now(ctx, dialog, ref=ref, profile_name=profile_name,
                          on_done=lambda _pages: dialog.accept()))
    dialog.show()
    return dialog


def print_now(ctx: AppContext, parent: QWidget | None, *, ref: DocumentRef,
              profile_name: str | None = None, ask: bool = False,
              on_done: Callable[[int], None] | None = None) -> None:
    """Print one document: straight to the profile's printer, else through the print dialog."""
    with_printer(ctx, parent, profile_name=profile_name, ask=ask, then=lambda printer:
                 ops.print_document(ctx, ref=ref, printer=printer, profile_name=profile_name,
                                    on_done=on_done, on_error=lambda e: show_exception(e, parent),
                                    parent=parent))


def with_printer(ctx: AppContext, parent: QWidget | None, *, profile_name: str | None,
                 ask: bool, then: Callable[[QPrinter], None]) -> None:
    """Find the profile (database thread), then choose the printer on the GUI thread."""
    if not profile_name:
        _chosen(parent, None, ask=True, then=then)
        return
    ops.load_profiles(ctx, on_done=lambda profiles: _chosen(
        parent, next((p for p in profiles if p.name == profile_name), None), ask=ask, then=then),
        on_error=lambda e: show_exception(e, parent))


def _chosen(parent: QWidget | None, profile, *, ask: bool,
            then: Callable[[QPrinter], None]) -> None:
    printer = choose_printer(parent, profile.printer_name if profile else "", ask=ask)
    if printer is not None:
        then(printer)


def choose_printer(parent: QWidget | None, printer_name: str, *, ask: bool) -> QPrinter | None:
    """The named printer when installed and not asked otherwise; else the print dialog
    (None when the clerk cancels it)."""
    printer = make_printer(printer_name)
    if printer_installed(printer_name) and not ask:
        return printer
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer
