"""Measure a document and cut it into pages, before anything is drawn.

Knowing every page up front is what lets each page say "第 i 页 / 共 N 页" in one pass.
A page is: header (company, title, party and number block) + optional table head + a run of
body blocks + footer. Body blocks are table rows first, then the totals, the amount in words,
the notes (one block per wrapped line, so long notes flow over pages) and signature boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.graphics.barcode.code128 import Code128

from app.documents.amount_words import amount_in_words
from app.documents.fonts import ensure_font, text_width
from app.documents.model import (
    Document,
    DocumentKind,
    DocumentLine,
    Statement,
    TradeDocument,
)
from app.documents.paper import Paper
from app.documents.style import (
    TRADE_COLUMNS_WITH_BATCH,
    Column,
    Style,
    column_widths,
    columns_for,
    style_for,
)
from app.documents.textfit import FittedText, fit_single_line, fit_wrapped, wrap_text
from app.money import format_fen

ROW, TOTAL_ROW, WORDS, NOTE, SIGNATURES = "row", "total_row", "words", "note", "signatures"
SIGNATURE_LABELS = ("送货人(签字):", "收货人(签字/盖章):")


@dataclass(frozen=True, slots=True)
class Cell:
    text: FittedText
    align: str


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    height: float
    cells: tuple[Cell, ...] = ()
    lines: tuple[str, ...] = ()
    aside: str = ""  # right-hand text of the words block: the total in figures
    keep_with_next: bool = False

    @property
    def tabular(self) -> bool:
        return self.kind in (ROW, TOTAL_ROW)


@dataclass(frozen=True, slots=True)
class Header:
    """Measured header: the band (company, title) and the party/number block under it."""

    company: FittedText
    company_info: FittedText  # address and phone
    party_lines: tuple[str, ...]
    band_height: float
    info_height: float
    info_width: float  # barcode + QR block at the right
    barcode_width: float

    @property
    def height(self) -> float:
        return self.band_height + self.info_height


@dataclass(frozen=True, slots=True)
class DocumentLayout:
    doc: Document
    paper: Paper
    style: Style
    columns: tuple[Column, ...]
    widths: tuple[float, ...]
    header: Header
    head_height: float  # table head
    footer_height: float
    pages: tuple[tuple[Block, ...], ...] = field(default=())

    @property
    def content_width(self) -> float:
        left, _, right, _ = self.paper.content_box
        return right - left


def layout_document(doc: Document, paper: Paper) -> DocumentLayout:
    ensure_font()
    style = style_for(paper)
    left, bottom, right, top = paper.content_box
    width = right - left
    columns = columns_for(doc)
    widths = column_widths(columns, width)
    header = _measure_header(doc, style, width)
    head_height = style.table_size * style.leading + 2 * style.cell_pad
    footer_height = style.text_size * 1.8
    layout = DocumentLayout(doc, paper, style, columns, widths, header, head_height, footer_height)
    body_height = top - bottom - header.height - footer_height
    if body_height < 3 * head_height:
        raise ValueError(f"{doc.number}: the header leaves no room for lines on {paper.name}")
    blocks = _body_blocks(layout)
    return replace(layout, pages=paginate(blocks, body_height, head_height, style))


# ---------------------------------------------------------------- header


def barcode_for(number: str, style: Style) -> Code128 | None:
    """Code128 of the document number; None when it cannot be encoded (non-ASCII)."""
    if not number or not number.isascii():
        return None
    return Code128(
        number, barWidth=style.bar_width, barHeight=style.bar_height, humanReadable=False
    )


def _measure_header(doc: Document, style: Style, width: float) -> Header:
    line = style.text_size * style.leading
    barcode = barcode_for(doc.number, style)
    barcode_width = barcode.width if barcode else 0.0
    number_text = max(_number_lines(doc), key=lambda s: text_width(s, style.text_size))
    info_width = max(barcode_width, text_width(number_text, style.text_size)) + style.qr_size + 6
    party_width = width - info_width - 8
    party_lines = tuple(
        piece
        for text in _party_texts(doc)
        for piece in wrap_text(text, party_width, style.text_size)
    )
    info_height = max(style.qr_size, style.bar_height + 2 * line, len(party_lines) * line)
    info_height += style.gap
    company_room = width - 2 * _band_side_width(style)
    company = fit_single_line(doc.company.name, company_room, style.company_size, style.min_size)
    company_info = fit_single_line(
        _company_info_text(doc), company_room, style.text_size, style.min_size
    )
    band = _band_height(style, company, company_info)
    return Header(company, company_info, party_lines, band, info_height, info_width, barcode_width)


def _band_side_width(style: Style) -> float:
    """Room kept free at both ends of the band for the logo, copy label and reprint mark."""
    return 6.5 * style.title_size


def _band_height(style: Style, company: FittedText, info: FittedText) -> float:
    info_height = len(info.lines) * info.size * style.leading
    company_height = len(company.lines) * company.size * style.leading
    if style.title_on_company_row:
        first_row = max(company_height, style.title_size * style.leading)
    else:
        first_row = company_height + style.title_size * 1.45
    return first_row + info_height + style.gap


def _company_info_text(doc: Document) -> str:
    parts = []
    if doc.company.address:
        parts.append(f"地址: {doc.company.address}")
    if doc.company.phone:
        parts.append(f"电话: {doc.company.phone}")
    return "    ".join(parts)


def _number_lines(doc: Document) -> tuple[str, str]:
    return f"单号: {doc.number}", f"日期: {doc.date.isoformat()}"


def number_lines(doc: Document) -> tuple[str, str]:
    """The two text lines under the barcode."""
    return _number_lines(doc)


def _party_texts(doc: Document) -> list[str]:
    party = doc.party
    texts = [f"{doc.kind.party_label}: {party.name}"]
    contact = "    ".join(
        part
        for part in (
            party.contact and f"联系人: {party.contact}",
            party.phone and f"电话: {party.phone}",
        )
        if part
    )
    if contact:
        texts.append(contact)
    if party.address:
        texts.append(f"地址: {party.address}")
    if isinstance(doc, Statement) and doc.period_start and doc.period_end:
        texts.append(f"对账期间: {doc.period_start.isoformat()} 至 {doc.period_end.isoformat()}")
    return texts


# ---------------------------------------------------------------- body


def _body_blocks(layout: DocumentLayout) -> list[Block]:
    doc = layout.doc
    if isinstance(doc, TradeDocument):
        with_batch = len(layout.columns) == len(TRADE_COLUMNS_WITH_BATCH)
        blocks = [
            _row(layout, _line_values(i, line, with_batch)) for i, line in enumerate(doc.lines, 1)
        ]
        blocks += _trade_summary(layout, doc)
    else:
        *blocks, totals = _statement_rows(layout, doc)
        words = _words_block(layout, "期末余额(大写)", doc.closing_balance_fen)
        blocks += _keep_together([totals, words])
    blocks += _note_blocks(layout, doc.notes)
    if doc.kind is DocumentKind.DELIVERY_NOTE:
        blocks.append(Block(SIGNATURES, layout.style.signature_height + layout.style.gap))
    return blocks


def _line_values(seq: int, line: DocumentLine, with_batch: bool) -> list[str]:
    values = [
        str(seq),
        line.sku,
        line.name,
        line.spec,
        line.unit_name,
        f"{line.quantity:,}",
        format_fen(line.unit_price_fen),
        format_fen(line.amount_fen),
    ]
    if with_batch:
        expiry = line.expiry_date.isoformat() if line.expiry_date else ""
        values += [line.batch_lot, expiry]
    return values + [line.note]


def _row(layout: DocumentLayout, values: list[str], kind: str = ROW) -> Block:
    style = layout.style
    cells = []
    for column, width, value in zip(layout.columns, layout.widths, values, strict=True):
        room = width - 2 * style.cell_pad
        if column.shrink:
            fitted = fit_single_line(value, room, style.table_size, style.min_size)
        else:
            fitted = fit_wrapped(value, room, style.table_size)
        cells.append(Cell(fitted, column.align))
    return Block(kind, _row_height(cells, style), cells=tuple(cells))


def _row_height(cells: list[Cell] | tuple[Cell, ...], style: Style) -> float:
    tallest = max(len(cell.text.lines) * cell.text.size * style.leading for cell in cells)
    return max(tallest, style.table_size * style.leading) + 2 * style.cell_pad


def _trade_summary(layout: DocumentLayout, doc: TradeDocument) -> list[Block]:
    rows = [_summary_row(layout, "合计", f"{doc.total_quantity:,}", doc.lines_amount_fen)]
    if doc.discount_fen:
        rows.append(_summary_row(layout, "整单优惠", "", -doc.discount_fen))
    rows.append(_words_block(layout, "合计金额(大写)", doc.total_fen))
    return _keep_together(rows)


def _summary_row(layout: DocumentLayout, label: str, quantity: str, amount_fen: int) -> Block:
    values = [""] * len(layout.columns)
    values[2], values[5], values[7] = label, quantity, format_fen(amount_fen)
    return _row(layout, values, kind=TOTAL_ROW)


def _statement_rows(layout: DocumentLayout, doc: Statement) -> list[Block]:
    blocks = [_row(layout, ["", "", "期初余额", "", "", format_fen(doc.opening_balance_fen)])]
    for entry, balance in zip(doc.entries, doc.running_balances(), strict=True):
        values = [
            entry.date.isoformat(),
            entry.doc_number,
            entry.description,
            _fen_or_blank(entry.debit_fen),
            _fen_or_blank(entry.credit_fen),
            format_fen(balance),
        ]
        blocks.append(_row(layout, values))
    totals = [
        "",
        "",
        "本期合计",
        format_fen(doc.total_debit_fen),
        format_fen(doc.total_credit_fen),
        format_fen(doc.closing_balance_fen),
    ]
    blocks.append(_row(layout, totals, kind=TOTAL_ROW))
    return blocks


def _fen_or_blank(fen: int) -> str:
    return format_fen(fen) if fen else ""


def _words_block(layout: DocumentLayout, label: str, fen: int) -> Block:
    style = layout.style
    aside = f"(小写) ¥{format_fen(fen)}"
    room = layout.content_width - text_width(aside, style.text_size + 1) - 4 * style.cell_pad
    text = f"{label}: 人民币{amount_in_words(fen)}"
    lines = wrap_text(text, room, style.text_size + 1)
    height = len(lines) * (style.text_size + 1) * style.leading + 2 * style.cell_pad
    return Block(WORDS, height, lines=tuple(lines), aside=aside)


def _note_blocks(layout: DocumentLayout, notes: str) -> list[Block]:
    if not notes.strip():
        return []
    style = layout.style
    lines = wrap_text(f"备注: {notes.strip()}", layout.content_width, style.text_size)
    height = style.text_size * style.leading
    blocks = [Block(NOTE, height, lines=(line,)) for line in lines]
    return [replace(blocks[0], height=height + style.gap)] + blocks[1:]


def _keep_together(blocks: list[Block]) -> list[Block]:
    return [replace(b, keep_with_next=True) for b in blocks[:-1]] + blocks[-1:]


# ---------------------------------------------------------------- pages


def paginate(
    blocks: list[Block], body_height: float, head_height: float, style: Style
) -> tuple[tuple[Block, ...], ...]:
    """Greedy page filling; rows taller than a page are split between their text lines."""
    pages: list[list[Block]] = [[]]
    used = 0.0
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        needed = _needed(block, queue, pages[-1], head_height)
        if pages[-1] and used + needed > body_height:
            pages.append([])
            used = 0.0
            needed = _needed(block, queue, pages[-1], head_height)
        if not pages[-1] and needed > body_height and block.cells:
            room = body_height - (head_height if block.tabular else 0)
            block, rest = split_row(block, room, style)
            queue.insert(0, rest)
            needed = block.height + (head_height if block.tabular else 0)
        pages[-1].append(block)
        used += block.height + (head_height if block.tabular and len(pages[-1]) == 1 else 0)
    return tuple(tuple(page) for page in pages)


def _needed(block: Block, queue: list[Block], page: list[Block], head_height: float) -> float:
    needed = block.height + (head_height if block.tabular and not page else 0)
    follower = block
    for following in queue:  # a keep-with-next chain travels to the next page as a whole
        if not follower.keep_with_next:
            break
        needed += following.height
        follower = following
    return needed


def split_row(block: Block, room: float, style: Style) -> tuple[Block, Block]:
    """Cut a table row after as many text lines as fit in room; the rest continues below."""
    line_height = max(cell.text.size for cell in block.cells) * style.leading
    keep = max(1, int((room - 2 * style.cell_pad) // line_height))
    head = [Cell(FittedText(c.text.lines[:keep], c.text.size), c.align) for c in block.cells]
    tail = [Cell(FittedText(c.text.lines[keep:], c.text.size), c.align) for c in block.cells]
    return _rebuilt(block, head, style), _rebuilt(block, tail, style)


def _rebuilt(block: Block, cells: list[Cell], style: Style) -> Block:
    return replace(block, cells=tuple(cells), height=_row_height(cells, style))
