"""PDF bytes to a QPrinter: each page rendered by QtPdf at the printer's resolution, painted
full-page (STACK-NOTES "Printing and preview with Qt").

The PDF already carries the paper margins and the printer profile's X/Y calibration, so the
printer is set to the PDF's page size with no margins of its own. Qt allows painting on a
QPrinter outside the GUI thread, so `print_pdf` runs in the task runner's file thread; the
QPrinter must not be touched by the GUI meanwhile.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ui.cancelled import Cancelled

# Above this a page image gets huge (A4 at 600 dpi is 140 MB) for no visible gain on paper.
MAX_DPI = 300


class PdfSource:
    """A QPdfDocument reading from bytes; keeps the buffer alive as long as the document."""

    def __init__(self, pdf: bytes) -> None:
        self._bytes = QByteArray(pdf)
        self.buffer = QBuffer()
        self.buffer.setData(self._bytes)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def load_into(document: QPdfDocument, pdf: bytes) -> QBuffer:
    """Load bytes into an existing document (the preview's); the caller keeps the buffer."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


def make_printer(printer_name: str = "") -> QPrinter:
    """A printer for a profile; the system default when the name is empty or not installed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name and printer_name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(printer_name)
    return printer


def printer_installed(printer_name: str) -> bool:
    return bool(printer_name) and printer_name in QPrinterInfo.availablePrinterNames()


def print_pdf(pdf: bytes, printer: QPrinter, cancel: threading.Event | None = None) -> int:
    """Print every page of `pdf` as one job; returns the number of pages printed."""
    source = PdfSource(pdf)
    try:
        if source.page_count <= 0:
            raise ValueError("the document has no pages")
        _fit_printer(printer, source.document.pagePointSize(0))
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            return _paint_pages(source.document, printer, painter, cancel)
        finally:
            painter.end()
    finally:
        source.close()


def _paint_pages(document: QPdfDocument, printer: QPrinter, painter: QPainter,
                 cancel: threading.Event | None) -> int:
    dpi = min(printer.resolution(), MAX_DPI)
    printed = 0
    for index in range(document.pageCount()):
        if cancel is not None and cancel.is_set():
            printer.abort()
            raise Cancelled()
        if index > 0:
            _fit_printer(printer, document.pagePointSize(index))
            printer.newPage()
        image = _page_image(document, index, dpi)
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
        printed += 1
    return printed


def _page_image(document: QPdfDocument, index: int, dpi: int) -> QImage:
    points = document.pagePointSize(index)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    image = document.render(index, size)
    if image.format() != QImage.Format.Format_ARGB32_Premultiplied:
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    # Transparent areas would print black on some drivers: lay the page on white paper.
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(0xFFFFFFFF)
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def _fit_printer(printer: QPrinter, points: QSizeF) -> None:
    width, height = points.width(), points.height()
    orientation = (QPageLayout.Orientation.Landscape if width > height
                   else QPageLayout.Orientation.Portrait)
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point,
                     "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setFullPage(True)
    printer.setPageLayout(layout)
