"""Qt-free document engine: Chinese business documents as print-ready PDFs.

Build `TradeDocument` / `Statement` records (see `model`), then call `render_documents` or
`write_pdf`; `render_batch` spreads a large morning batch over all cores.
"""

from app.documents.amount_words import amount_in_words
from app.documents.model import (
    DEFAULT_COPY_LABELS,
    CompanyHeader,
    Document,
    DocumentKind,
    DocumentLine,
    Party,
    Statement,
    StatementEntry,
    TradeDocument,
)
from app.documents.paper import PAPERS, Paper, PrinterProfile

_RENDER_NAMES = ("labels_for_copies", "render_batch", "render_documents", "write_pdf")


def __getattr__(name: str):
    # The renderer pulls in reportlab's graphics (~0.3 s): load it on first use only, so that
    # loaders importing the model stay cheap at start-up.
    if name in _RENDER_NAMES:
        from app.documents import render

        return getattr(render, name)
    raise AttributeError(name)


__all__ = [
    "DEFAULT_COPY_LABELS",
    "PAPERS",
    "CompanyHeader",
    "Document",
    "DocumentKind",
    "DocumentLine",
    "Paper",
    "Party",
    "PrinterProfile",
    "Statement",
    "StatementEntry",
    "TradeDocument",
    "amount_in_words",
    "labels_for_copies",
    "render_batch",
    "render_documents",
    "write_pdf",
]
