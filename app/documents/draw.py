"""Draw laid-out pages on a reportlab canvas (coordinates in points, origin bottom-left)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import FONT_NAME, text_width
from app.documents.layout import (
    NOTE,
    SIGNATURE_LABELS,
    SIGNATURES,
    TOTAL_ROW,
    WORDS,
    Block,
    Cell,
    DocumentLayout,
    barcode_for,
    number_lines,
)
from app.documents.paper import PrinterProfile

BLACK = Color(0, 0, 0)
RED = Color(0.8, 0, 0)
HEAD_FILL = Color(0.88, 0.88, 0.88)
TOTAL_FILL = Color(0.95, 0.95, 0.95)
GRID_WIDTH = 0.5
FRAME_WIDTH = 0.8


@dataclass(frozen=True, slots=True)
class PageInfo:
    index: int  # 0-based within this copy of the document
    count: int
    copy_label: str
    forms: tuple[str, str]  # names of the QR and barcode XObjects ("" when absent)


def define_code_forms(canvas: Canvas, layout: DocumentLayout, key: str) -> tuple[str, str]:
    """Draw QR and Code128 once per document as form XObjects; every page and copy reuses them.

    QR encoding is the slowest part of a page, so it must not run again for each page.
    """
    style, number = layout.style, layout.doc.number
    qr_name = f"qr{key}"
    canvas.beginForm(qr_name)
    QrCode(number, width=style.qr_size, height=style.qr_size, qrBorder=1).drawOn(canvas, 0, 0)
    canvas.endForm()
    barcode = barcode_for(number, style)
    if barcode is None:
        return qr_name, ""
    bar_name = f"bar{key}"
    canvas.beginForm(bar_name)
    barcode.drawOn(canvas, 0, 0)
    canvas.endForm()
    return qr_name, bar_name


def draw_page(canvas: Canvas, layout: DocumentLayout, page: PageInfo, profile: PrinterProfile):
    canvas.translate(*profile.offset_points)  # calibration moves everything on the page
    canvas.setStrokeColor(BLACK)
    canvas.setFillColor(BLACK)
    left, bottom, right, top = layout.paper.content_box
    _draw_band(canvas, layout, page, top)
    y = top - layout.header.band_height
    _draw_info(canvas, layout, page, y)
    y -= layout.header.info_height
    blocks = layout.pages[page.index]
    rows = [block for block in blocks if block.tabular]
    if rows:
        y = _draw_table(canvas, layout, rows, y)
    for block in blocks[len(rows) :]:
        _draw_free_block(canvas, layout, block, y)
        y -= block.height
    _draw_footer(canvas, layout, page, bottom)


# ---------------------------------------------------------------- text helpers


def _text(canvas: Canvas, x: float, baseline: float, text: str, size: float, align: str = "L"):
    canvas.setFont(FONT_NAME, size)
    if align == "R":
        canvas.drawRightString(x, baseline, text)
    elif align == "C":
        canvas.drawCentredString(x, baseline, text)
    else:
        canvas.drawString(x, baseline, text)


def _bold(canvas: Canvas, x: float, baseline: float, text: str, size: float):
    """Fill and stroke the glyphs: the font has no bold face; the text stays extractable."""
    canvas.setLineWidth(size / 28)
    obj = canvas.beginText(x, baseline)
    obj.setFont(FONT_NAME, size)
    obj.setTextRenderMode(2)
    obj.textOut(text)
    obj.setTextRenderMode(0)
    canvas.drawText(obj)


def _baseline(line_top: float, size: float, leading: float) -> float:
    """Baseline that centres CJK glyphs (ink from about -0.12 to 0.88 em) in their line."""
    return line_top - size * leading / 2 - size * 0.36


def _boxed(canvas: Canvas, x_right: float, top: float, text: str, size: float, color: Color):
    width = text_width(text, size) + size
    height = size * 1.6
    canvas.setStrokeColor(color)
    canvas.setFillColor(color)
    canvas.setLineWidth(FRAME_WIDTH)
    canvas.rect(x_right - width, top - height, width, height, stroke=1, fill=0)
    _text(canvas, x_right - width / 2, _baseline(top, size, 1.6), text, size, "C")
    canvas.setStrokeColor(BLACK)
    canvas.setFillColor(BLACK)
    return height


# ---------------------------------------------------------------- header


def _draw_band(canvas: Canvas, layout: DocumentLayout, page: PageInfo, top: float):
    style, header, doc = layout.style, layout.header, layout.doc
    left, _, right, _ = layout.paper.content_box
    center = (left + right) / 2
    company = header.company
    line_top = top
    if style.title_on_company_row:
        title_width = text_width(doc.display_title, style.title_size)
        company_width = text_width(company.lines[0], company.size)
        start = center - (company_width + 12 + title_width) / 2
        row = max(company.size, style.title_size) * style.leading
        _bold(
            canvas,
            start,
            _baseline(top, company.size, row / company.size),
            company.lines[0],
            company.size,
        )
        title_x = start + company_width + 12
        _draw_title(
            canvas,
            title_x,
            _baseline(top, style.title_size, row / style.title_size),
            doc.display_title,
            style.title_size,
        )
        line_top = top - row
    else:
        for line in company.lines:
            _bold(
                canvas,
                center - text_width(line, company.size) / 2,
                _baseline(line_top, company.size, style.leading),
                line,
                company.size,
            )
            line_top -= company.size * style.leading
        title_width = text_width(doc.display_title, style.title_size)
        _draw_title(
            canvas,
            center - title_width / 2,
            _baseline(line_top, style.title_size, 1.45),
            doc.display_title,
            style.title_size,
        )
        line_top -= style.title_size * 1.45
    for line in header.company_info.lines:
        size = header.company_info.size
        _text(canvas, center, _baseline(line_top, size, style.leading), line, size, "C")
        line_top -= size * style.leading
    _draw_band_sides(canvas, layout, page, top)


def _draw_title(canvas: Canvas, x: float, baseline: float, title: str, size: float):
    _bold(canvas, x, baseline, title, size)
    width = text_width(title, size)
    canvas.setLineWidth(0.6)
    # The double rule under the title is how paper forms mark the document type.
    for drop in (size * 0.22, size * 0.34):
        canvas.line(x - 2, baseline - drop, x + width + 2, baseline - drop)


def _draw_band_sides(canvas: Canvas, layout: DocumentLayout, page: PageInfo, top: float):
    style, doc = layout.style, layout.doc
    left, _, right, _ = layout.paper.content_box
    y = top
    if page.copy_label:
        y -= _boxed(canvas, right, y, page.copy_label, style.text_size + 1, BLACK) + 2
    if doc.reprint_count > 0:
        mark = f"补打 (第 {doc.reprint_count} 次)"
        _boxed(canvas, right, y, mark, style.text_size + 1, RED)
    if doc.company.logo_path:
        side = min(layout.header.band_height - style.gap, 6 * style.title_size)
        canvas.drawImage(
            doc.company.logo_path,
            left,
            top - side,
            side,
            side,
            preserveAspectRatio=True,
            anchor="nw",
            mask="auto",
        )


def _draw_info(canvas: Canvas, layout: DocumentLayout, page: PageInfo, top: float):
    style, header = layout.style, layout.header
    left, _, right, _ = layout.paper.content_box
    line = style.text_size * style.leading
    y = top
    for text in header.party_lines:
        _text(canvas, left, _baseline(y, style.text_size, style.leading), text, style.text_size)
        y -= line
    qr_name, bar_name = page.forms
    _place_form(canvas, qr_name, right - style.qr_size, top - style.qr_size)
    info_left = right - header.info_width
    if bar_name:
        _place_form(canvas, bar_name, info_left, top - style.bar_height)
    y = top - style.bar_height
    for text in number_lines(layout.doc):
        _text(
            canvas,
            info_left + 2,
            _baseline(y, style.text_size, style.leading),
            text,
            style.text_size,
        )
        y -= line


def _place_form(canvas: Canvas, name: str, x: float, y: float):
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(name)
    canvas.restoreState()


# ---------------------------------------------------------------- table


def _draw_table(canvas: Canvas, layout: DocumentLayout, rows: list[Block], top: float) -> float:
    style = layout.style
    left, _, right, _ = layout.paper.content_box
    head = layout.head_height
    canvas.setFillColor(HEAD_FILL)
    canvas.rect(left, top - head, right - left, head, stroke=0, fill=1)
    canvas.setFillColor(BLACK)
    x = left
    for column, width in zip(layout.columns, layout.widths, strict=True):
        baseline = _baseline(top - style.cell_pad, style.table_size, style.leading)
        _text(canvas, x + width / 2, baseline, column.title, style.table_size, "C")
        x += width
    y = top - head
    canvas.setLineWidth(GRID_WIDTH)
    for row in rows:
        if row.kind == TOTAL_ROW:
            canvas.setFillColor(TOTAL_FILL)
            canvas.rect(left, y - row.height, right - left, row.height, stroke=0, fill=1)
            canvas.setFillColor(BLACK)
        _draw_row(canvas, layout, row, y)
        y -= row.height
        canvas.line(left, y, right, y)
    _draw_grid(canvas, layout, top, y)
    return y


def _draw_row(canvas: Canvas, layout: DocumentLayout, row: Block, top: float):
    x = layout.paper.content_box[0]
    for cell, width in zip(row.cells, layout.widths, strict=True):
        _draw_cell(canvas, layout, cell, x, width, top)
        x += width


def _draw_cell(
    canvas: Canvas, layout: DocumentLayout, cell: Cell, x: float, width: float, top: float
):
    style = layout.style
    size = cell.text.size
    anchor = {"L": x + style.cell_pad, "C": x + width / 2, "R": x + width - style.cell_pad}
    line_top = top - style.cell_pad
    for text in cell.text.lines:
        if text:
            baseline = _baseline(line_top, size, style.leading)
            _text(canvas, anchor[cell.align], baseline, text, size, cell.align)
        line_top -= size * style.leading


def _draw_grid(canvas: Canvas, layout: DocumentLayout, top: float, bottom: float):
    left, _, right, _ = layout.paper.content_box
    canvas.setLineWidth(GRID_WIDTH)
    canvas.line(left, top - layout.head_height, right, top - layout.head_height)
    x = left
    for width in layout.widths[:-1]:
        x += width
        canvas.line(x, top, x, bottom)
    canvas.setLineWidth(FRAME_WIDTH)
    canvas.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)


# ---------------------------------------------------------------- free blocks and footer


def _draw_free_block(canvas: Canvas, layout: DocumentLayout, block: Block, top: float):
    if block.kind == WORDS:
        _draw_words(canvas, layout, block, top)
    elif block.kind == NOTE:
        style = layout.style
        baseline = _baseline(
            top - block.height + style.text_size * style.leading, style.text_size, style.leading
        )
        _text(canvas, layout.paper.content_box[0], baseline, block.lines[0], style.text_size)
    elif block.kind == SIGNATURES:
        _draw_signatures(canvas, layout, block, top)


def _draw_words(canvas: Canvas, layout: DocumentLayout, block: Block, top: float):
    style = layout.style
    left, _, right, _ = layout.paper.content_box
    size = style.text_size + 1
    canvas.setLineWidth(FRAME_WIDTH)
    canvas.rect(left, top - block.height, right - left, block.height, stroke=1, fill=0)
    line_top = top - style.cell_pad
    _bold(
        canvas,
        right - style.cell_pad - text_width(block.aside, size),
        _baseline(line_top, size, style.leading),
        block.aside,
        size,
    )
    for text in block.lines:
        _text(canvas, left + style.cell_pad, _baseline(line_top, size, style.leading), text, size)
        line_top -= size * style.leading


def _draw_signatures(canvas: Canvas, layout: DocumentLayout, block: Block, top: float):
    style = layout.style
    left, _, right, _ = layout.paper.content_box
    gap = 10
    width = (right - left - gap) / 2
    box_top = top - style.gap
    canvas.setLineWidth(GRID_WIDTH)
    for index, label in enumerate(SIGNATURE_LABELS):
        x = left + index * (width + gap)
        canvas.rect(x, box_top - style.signature_height, width, style.signature_height)
        _text(
            canvas,
            x + style.cell_pad,
            _baseline(box_top - style.cell_pad, style.text_size, style.leading),
            label,
            style.text_size,
        )


def _draw_footer(canvas: Canvas, layout: DocumentLayout, page: PageInfo, bottom: float):
    style = layout.style
    left, _, right, _ = layout.paper.content_box
    baseline = bottom + style.text_size * 0.35
    size = style.text_size
    _text(
        canvas,
        (left + right) / 2,
        baseline,
        f"第 {page.index + 1} 页 / 共 {page.count} 页",
        size,
        "C",
    )
    _text(canvas, left, baseline, f"{layout.doc.display_title} {layout.doc.number}", size)
    if page.copy_label:
        _text(canvas, right, baseline, page.copy_label, size, "R")
