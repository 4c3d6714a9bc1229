"""The desktop side: preview shows the document, printing through QPrinter gives its pages,
the morning batch prints the ticked notes as one job, printer profiles are edited in a form."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdfWidgets")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from tests.printing.conftest import pdf_pages, ship_orders  # noqa: E402
from ui.bus import ChangeBus  # noqa: E402
from ui.context import AppContext, Navigator  # noqa: E402
from ui.printing import operations as ops  # noqa: E402
from ui.printing.batch import BatchPrintDialog  # noqa: E402
from ui.printing.operations import DocumentRef  # noqa: E402
from ui.printing.preview import PrintPreviewDialog  # noqa: E402
from ui.printing.profiles import PrinterProfilesWidget  # noqa: E402
from ui.settings import UiSettings  # noqa: E402
from ui.tasks import TaskRunner  # noqa: E402

TIMEOUT = 15_000


@pytest.fixture
def ctx(qapp, store, tmp_path):
    runner = TaskRunner()
    context = AppContext(store=store, runner=runner, bus=ChangeBus(),
                         settings=UiSettings(tmp_path), data_dir=tmp_path, navigator=Navigator())
    yield context
    runner.shutdown()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_preview_dialog_loads_every_page_and_navigates(qtbot, printing, world, store):
    more = ship_orders(store, world, 2)
    pdf = printing.preview_batch_delivery_notes([world.order_number, *more], paper="A5")
    dialog = PrintPreviewDialog()
    qtbot.addWidget(dialog)
    dialog.set_pdf(pdf)
    assert dialog.page_count() == pdf_pages(pdf) == 3
    dialog.next_page()
    dialog.next_page()
    dialog.next_page()  # stays on the last page
    assert dialog.current_page() == 2
    assert "3" in dialog.page_label.text()
    assert not dialog.next_button.isEnabled()
    assert printing.print_log() == []  # a preview is not a print


def test_preview_print_button_prints_to_the_chosen_printer_and_closes(
    qtbot, ctx, world, printing, tmp_path, monkeypatch
):
    from ui.printing import flow

    out = tmp_path / "from-preview.pdf"
    # The print dialog is modal; the clerk's choice is stood in for by a PDF printer.
    monkeypatch.setattr(flow, "choose_printer", lambda *a, **k: pdf_printer(out))
    dialog = flow.open_preview(ctx, None, ref=DocumentRef("invoice", world.invoice_number))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() == 1, timeout=TIMEOUT)
    assert printing.print_log() == []
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert pdf_pages(out.read_bytes()) == 1
    assert [r.doc_number for r in printing.print_log()] == [world.invoice_number]


def test_printing_through_qprinter_gives_the_documents_pages_and_logs(qtbot, ctx, world,
                                                                        printing, tmp_path):
    out = tmp_path / "printed.pdf"
    pages = []
    ops.print_document(ctx, ref=DocumentRef("delivery-note", world.note_number), copies=3,
                       printer=pdf_printer(out), on_done=pages.append)
    qtbot.waitUntil(lambda: bool(pages), timeout=TIMEOUT)
    assert pages == [3]  # three labelled copies of a one-page note
    assert pdf_pages(out.read_bytes()) == 3
    (entry,) = printing.print_log(number=world.note_number)
    assert (entry.copies, entry.reprint_no) == (3, 0)


def test_batch_dialog_prints_only_the_ticked_notes_as_one_job(qtbot, ctx, store, world,
                                                              printing, tmp_path):
    ship_orders(store, world, 3)
    dialog = BatchPrintDialog(ctx, day=dt.date.today(), status="shipped")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=TIMEOUT)
    first = dialog.model.index(0, 0)
    dialog.model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    out = tmp_path / "batch.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=TIMEOUT) as printed:
        dialog.print_to(pdf_printer(out))
    assert printed.args == [3]
    assert pdf_pages(out.read_bytes()) == 3
    skipped = dialog.model.rows[0].note_number
    assert skipped not in {r.doc_number for r in printing.print_log()}
    assert len(printing.print_log()) == 3
    # The list refreshes itself with the new print counts.
    qtbot.waitUntil(lambda: sum(r.print_count for r in dialog.model.rows) == 3, timeout=TIMEOUT)


def test_profile_form_saves_and_shows_refusals_inline(qtbot, ctx, printing):
    widget = PrinterProfilesWidget(ctx)
    qtbot.addWidget(widget)
    widget.name_edit.setText("针式打印机")
    widget.paper_combo.setCurrentIndex(widget.paper_combo.findData("241x93"))
    widget.offset_x.setValue(1.5)
    widget.copies_box.setValue(3)
    widget.labels_edit.setText("存根联、客户联，回单联")
    with qtbot.waitSignal(widget.saved, timeout=TIMEOUT):
        widget.save()
    (saved,) = printing.profiles()
    assert (saved.paper, saved.offset_x_mm, saved.copies, saved.copy_labels) == (
        "241x93", 1.5, 3, ("存根联", "客户联", "回单联"))
    qtbot.waitUntil(lambda: widget.list.count() == 1, timeout=TIMEOUT)
    widget.new_profile()
    widget.save()  # no name
    qtbot.waitUntil(lambda: widget.error.isVisibleTo(widget), timeout=TIMEOUT)
    assert len(printing.profiles()) == 1


def test_every_printing_string_has_its_chinese(qapp):
    from ui.printing import strings

    sources = set()
    for path in Path("ui/printing").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(
                    node.func, "id", "")) in ("tr", "_tr", "QT_TR_NOOP")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                sources.add(node.args[0].value)
    missing = sources - set(strings.ZH_CN) - {"A4"}
    assert not missing
    translator = strings.install(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("PrintPreviewDialog", "Print") == "打印"
        assert QCoreApplication.translate("SomeoneElse", "Print") == "Print"
    finally:
        qapp.removeTranslator(translator)
