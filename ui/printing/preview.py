"""Print preview: the PDF as it will print (QtPdf), page navigation, zoom, and a print button.

The dialog only shows bytes and says when the clerk wants to print; what printing means
(which printer, logging the print) is up to its opener (`ui.printing.flow`).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.printing.qtprint import load_into

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 5.0


class PrintPreviewDialog(QDialog):
    """Shows one PDF (one document or a whole batch)."""

    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("printPreviewDialog")
        self.setWindowTitle(title or self.tr("Print preview"))
        self.resize(900, 1000)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_label)
        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_requested.emit)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, self.next_page)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, self.previous_page)

    def _build_toolbar(self) -> None:
        self._bar = QHBoxLayout()
        self.previous_button = self._button(self.tr("Previous page"), self.previous_page, "prev")
        self.next_button = self._button(self.tr("Next page"), self.next_page, "next")
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        self._bar.addWidget(self.page_label)
        self._button(self.tr("Zoom out"), self.zoom_out, "zoomOut")
        self._button(self.tr("Zoom in"), self.zoom_in, "zoomIn")
        self._button(self.tr("Fit width"), self.fit_width, "fitWidth")
        self._bar.addStretch(1)
        self.print_button = self._button(self.tr("Print"), self.print_requested.emit, "print")
        self.print_button.setDefault(True)
        self._button(self.tr("Close"), self.reject, "close")

    def _button(self, text: str, slot, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"{name}Button")
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        self._bar.addWidget(button)
        return button

    # -- content --------------------------------------------------------------------------

    def set_pdf(self, pdf: bytes) -> None:
        """Show new bytes (e.g. after changing the paper); the old buffer is released."""
        old = self._buffer
        self._buffer = load_into(self.document, pdf)
        if old is not None:
            old.close()
        self.go_to_page(0)

    def page_count(self) -> int:
        return self.document.pageCount() if self.document.status() == QPdfDocument.Status.Ready else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    # -- navigation and zoom ----------------------------------------------------------------

    def go_to_page(self, index: int) -> None:
        if self.page_count() == 0:
            self._show_page_label(0)
            return
        index = max(0, min(index, self.page_count() - 1))
        self.view.pageNavigator().jump(index, QPointF(), self.view.pageNavigator().currentZoom())
        self._show_page_label(index)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def zoom_in(self) -> None:
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))

    def _show_page_label(self, index: int) -> None:
        total = self.page_count()
        self.page_label.setText(self.tr("Page {page} of {total}").format(
            page=index + 1 if total else 0, total=total))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < total)
