"""Made-up documents for previews, tests and benchmarks (no database needed)."""

from __future__ import annotations

import datetime as dt

from app.documents.model import (
    CompanyHeader,
    Document,
    DocumentKind,
    DocumentLine,
    Party,
    Statement,
    StatementEntry,
    TradeDocument,
)

SAMPLE_COMPANY = CompanyHeader(
    name="杭州鑫源商贸有限公司",
    address="浙江省杭州市余杭区仓前街道文一西路1288号3幢",
    phone="0571-88886666",
)
SAMPLE_OUTLET = Party(
    name="西湖区好邻居便利店(文三路店)",
    contact="王建国",
    phone="138 0571 2345",
    address="浙江省杭州市西湖区文三路259号",
)
SAMPLE_BRAND = Party(name="农夫山泉股份有限公司华东大区", contact="李经理", phone="400-888-1234")

_PRODUCTS = (
    ("6921168509256", "农夫山泉饮用天然水", "550ml×24瓶", "箱", 2400),
    ("6921168558049", "东方树叶茉莉花茶", "500ml×15瓶", "箱", 5250),
    ("6921168593576", "尖叫多肽型运动饮料", "550ml×15瓶", "箱", 6000),
    ("6921168560509", "农夫果园30%混合果蔬汁", "500ml×15瓶", "箱", 6750),
    ("6921168511280", "水溶C100柠檬味", "445ml×15瓶", "箱", 6300),
    ("6921168520015", "茶π柚子绿茶", "500ml×15瓶", "箱", 5400),
)

_PREFIX = {
    DocumentKind.DELIVERY_NOTE: "DN",
    DocumentKind.SALES_INVOICE: "SO",
    DocumentKind.RETURN_NOTE: "RT",
    DocumentKind.PURCHASE_ORDER: "PO",
    DocumentKind.STATEMENT: "ST",
}


def sample_number(kind: DocumentKind, seq: int) -> str:
    return f"{_PREFIX[kind]}-D01-20261127-{seq:04d}"


def sample_lines(count: int, start: int = 0) -> tuple[DocumentLine, ...]:
    lines = []
    for index in range(start, start + count):
        sku, name, spec, unit, price = _PRODUCTS[index % len(_PRODUCTS)]
        quantity = 1 + (index * 7) % 40
        lines.append(
            DocumentLine(
                sku=f"{sku[:9]}{index:04d}",
                name=name,
                spec=spec,
                unit_name=unit,
                quantity=quantity,
                unit_price_fen=price,
                amount_fen=price * quantity,
                batch_lot=f"B2026{(index % 12) + 1:02d}{index % 28 + 1:02d}",
                expiry_date=dt.date(2027, (index % 12) + 1, 1),
                note="赠品" if index % 9 == 4 else "",
            )
        )
    return tuple(lines)


def sample_document(
    kind: DocumentKind, lines: int = 20, seq: int = 1, *, reprint_count: int = 0, notes: str = ""
) -> Document:
    """A plausible document of the given kind; a statement gets `lines` entries."""
    common = dict(
        kind=kind,
        number=sample_number(kind, seq),
        date=dt.date(2026, 11, 27),
        company=SAMPLE_COMPANY,
        party=SAMPLE_BRAND if kind is DocumentKind.PURCHASE_ORDER else SAMPLE_OUTLET,
        notes=notes or "货物当面点清，签收后如有短少概不负责。",
        reprint_count=reprint_count,
    )
    if kind is DocumentKind.STATEMENT:
        return _sample_statement(lines, common)
    goods = sample_lines(lines)
    total = sum(line.amount_fen for line in goods)
    return TradeDocument(lines=goods, total_fen=total, **common)


def _sample_statement(count: int, common: dict) -> Statement:
    entries = []
    for index in range(count):
        day = dt.date(2026, 11, 1) + dt.timedelta(days=index % 28)
        if index % 3 == 2:
            entries.append(
                StatementEntry(
                    day,
                    f"RC-D01-{day:%Y%m%d}-{index:04d}",
                    "收款(微信)",
                    credit_fen=50_000 + index * 100,
                )
            )
        else:
            entries.append(
                StatementEntry(
                    day,
                    f"SO-D01-{day:%Y%m%d}-{index:04d}",
                    "销售出库",
                    debit_fen=123_456 + index * 1_111,
                )
            )
    opening = 1_000_000
    closing = opening + sum(e.debit_fen - e.credit_fen for e in entries)
    return Statement(
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30),
        opening_balance_fen=opening,
        entries=tuple(entries),
        closing_balance_fen=closing,
        **common,
    )
