"""Type sizes and spacings per paper class, and the table columns of each document kind."""

from __future__ import annotations

from dataclasses import dataclass

from app.documents.model import Document, DocumentKind, TradeDocument
from app.documents.paper import Paper


@dataclass(frozen=True, slots=True)
class Style:
    company_size: float  # company name
    title_size: float  # 送货单 etc.
    text_size: float  # party block, info block, notes
    table_size: float
    min_size: float  # figures shrink no smaller than this, then wrap
    leading: float  # line height as a multiple of the font size
    cell_pad: float  # padding inside table cells and boxes, points
    gap: float  # vertical gap between header parts
    qr_size: float
    bar_height: float
    bar_width: float  # Code128 module width; >= 0.75 pt so zbar reads a 200 dpi scan
    signature_height: float
    title_on_company_row: bool  # short forms: "公司名  送货单" on one row


REGULAR = Style(
    company_size=16,
    title_size=15,
    text_size=8.5,
    table_size=8.5,
    min_size=5,
    leading=1.25,
    cell_pad=2.5,
    gap=4,
    qr_size=50,
    bar_height=22,
    bar_width=0.8,
    signature_height=30,
    title_on_company_row=False,
)

COMPACT = Style(
    company_size=12.5,
    title_size=12.5,
    text_size=7.5,
    table_size=7.5,
    min_size=5,
    leading=1.2,
    cell_pad=1.6,
    gap=2.5,
    qr_size=36,
    bar_height=16,
    bar_width=0.75,
    signature_height=20,
    title_on_company_row=True,
)


def style_for(paper: Paper) -> Style:
    return COMPACT if paper.compact else REGULAR


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    weight: float  # share of the table width
    align: str  # "L", "C" or "R"
    shrink: bool  # figures shrink to stay on one line; texts wrap


# Codes (SKU, batch lot) and figures shrink rather than wrap: a wrapped code is misread.
_SEQ = Column("序号", 3.5, "C", True)
_UNIT = Column("单位", 4.5, "C", False)
_QTY = Column("数量", 6, "R", True)
_PRICE = Column("单价", 8, "R", True)
_AMOUNT = Column("金额", 10, "R", True)

TRADE_COLUMNS_WITH_BATCH = (
    _SEQ,
    Column("商品编码", 12.5, "L", True),
    Column("商品名称", 20, "L", False),
    Column("规格", 11, "L", False),
    _UNIT,
    _QTY,
    _PRICE,
    _AMOUNT,
    Column("批号", 9.5, "L", True),
    Column("有效期", 10, "C", True),
    Column("备注", 8, "L", False),
)

TRADE_COLUMNS = (
    _SEQ,
    Column("商品编码", 13, "L", True),
    Column("商品名称", 30, "L", False),
    Column("规格", 12, "L", False),
    _UNIT,
    _QTY,
    _PRICE,
    _AMOUNT,
    Column("备注", 13, "L", False),
)

STATEMENT_COLUMNS = (
    Column("日期", 10, "C", True),
    Column("单号", 20, "L", False),
    Column("摘要", 28, "L", False),
    Column("借方(应收)", 13, "R", True),
    Column("贷方(已收)", 13, "R", True),
    Column("余额", 14, "R", True),
)


def shows_batch(doc: Document) -> bool:
    """Delivery notes always carry 批号/有效期 (traceability); others only when a line has one."""
    if not isinstance(doc, TradeDocument):
        return False
    if doc.kind is DocumentKind.DELIVERY_NOTE:
        return True
    return any(line.batch_lot or line.expiry_date for line in doc.lines)


def columns_for(doc: Document) -> tuple[Column, ...]:
    if doc.kind is DocumentKind.STATEMENT:
        return STATEMENT_COLUMNS
    return TRADE_COLUMNS_WITH_BATCH if shows_batch(doc) else TRADE_COLUMNS


def column_widths(columns: tuple[Column, ...], table_width: float) -> tuple[float, ...]:
    total = sum(column.weight for column in columns)
    return tuple(table_width * column.weight / total for column in columns)
