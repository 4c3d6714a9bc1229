"""Public entry points: documents in, one print-ready PDF out."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.documents.draw import PageInfo, define_code_forms, draw_page
from app.documents.fonts import ensure_font
from app.documents.layout import layout_document
from app.documents.model import DEFAULT_COPY_LABELS, Document
from app.documents.paper import Paper, PrinterProfile, paper_named

#: Below this many documents a batch stays in one process (measured here: 1,000 notes 7.7 s in
#: one process, 6.5 s on 2 cores incl. the pypdf merge): starting workers (and, on Windows,
#: re-importing reportlab and the font in each) costs more than it saves.
PARALLEL_MIN_DOCUMENTS = 500


def render_documents(
    docs: Sequence[Document],
    *,
    paper: str | Paper = "A4",
    profile: PrinterProfile | None = None,
    copies: int = 1,
    copy_labels: Sequence[str] | None = None,
) -> bytes:
    """Render documents, one after the other, into one PDF (they share the font subset).

    With copies > 1 each document is printed that many times in a row (collated), each copy
    carrying its label; see `labels_for_copies`.
    """
    if copies < 1:
        raise ValueError("copies must be at least 1")
    sheet = paper_named(paper)
    calibration = profile or PrinterProfile()
    font = ensure_font()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=sheet.size,
        pageCompression=1,
        initialFontName=font,  # else every page references a non-embedded Helvetica
        initialFontSize=10,
    )
    _describe(canvas, docs)
    for index, doc in enumerate(docs):
        _render_one(
            canvas,
            doc,
            sheet,
            calibration,
            labels_for_copies(doc, copies, copy_labels),
            key=str(index),
        )
    canvas.save()
    return buffer.getvalue()


def write_pdf(path: str | os.PathLike[str], docs: Sequence[Document], **options) -> Path:
    """render_documents to a file (written whole, then renamed, so a reader never sees half)."""
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(render_documents(docs, **options))
    partial.replace(target)
    return target


def labels_for_copies(
    doc: Document, copies: int, override: Sequence[str] | None = None
) -> list[str]:
    """Label of each copy: the override, else the document's own labels, else 存根联/客户联/回单联.

    A single copy is unlabelled unless labels were given explicitly. Copies beyond the
    labels are called 第N联.
    """
    labels = list(override or doc.copy_labels)
    if not labels:
        if copies == 1:
            return [""]
        labels = list(DEFAULT_COPY_LABELS)
    return [labels[i] if i < len(labels) else f"第{i + 1}联" for i in range(copies)]


def _render_one(
    canvas: Canvas,
    doc: Document,
    paper: Paper,
    profile: PrinterProfile,
    labels: list[str],
    key: str,
) -> None:
    layout = layout_document(doc, paper)
    forms = define_code_forms(canvas, layout, key)
    for label in labels:
        for index in range(len(layout.pages)):
            draw_page(canvas, layout, PageInfo(index, len(layout.pages), label, forms), profile)
            canvas.showPage()


def _describe(canvas: Canvas, docs: Sequence[Document]) -> None:
    canvas.setCreator("ChannelDesk")
    if docs:
        first = docs[0]
        canvas.setAuthor(first.company.name)
        more = f" 等 {len(docs)} 份" if len(docs) > 1 else ""
        canvas.setTitle(f"{first.display_title} {first.number}{more}")


# ---------------------------------------------------------------- large batches


def render_batch(
    docs: Sequence[Document],
    *,
    workers: int | None = None,
    paper: str | Paper = "A4",
    profile: PrinterProfile | None = None,
    copies: int = 1,
    copy_labels: Sequence[str] | None = None,
) -> bytes:
    """Like render_documents, but splits a large batch over processes and merges the parts.

    workers=None uses every core for batches of at least PARALLEL_MIN_DOCUMENTS documents;
    workers=1 forces one process. Each part embeds its own font subset, so the merged file is
    slightly larger than a single-process one; the page order is the order of `docs`.
    """
    count = workers or (os.cpu_count() or 1)
    if count <= 1 or (workers is None and len(docs) < PARALLEL_MIN_DOCUMENTS) or len(docs) < 2:
        return render_documents(
            docs, paper=paper, profile=profile, copies=copies, copy_labels=copy_labels
        )
    options = {
        "paper": paper,
        "profile": profile,
        "copies": copies,
        "copy_labels": tuple(copy_labels) if copy_labels else None,
    }
    chunks = _split(list(docs), count)
    with ProcessPoolExecutor(max_workers=len(chunks)) as pool:
        parts = list(pool.map(_render_chunk, chunks, [options] * len(chunks)))
    return _merge(parts)


def _render_chunk(docs: list[Document], options: dict) -> bytes:
    return render_documents(docs, **options)


def _split(docs: list[Document], parts: int) -> list[list[Document]]:
    """Contiguous, nearly equal chunks, so that merging keeps the batch order."""
    parts = min(parts, len(docs))
    size, extra = divmod(len(docs), parts)
    chunks, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        chunks.append(docs[start:end])
        start = end
    return chunks


def _merge(parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter  # only large batches need pypdf

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
