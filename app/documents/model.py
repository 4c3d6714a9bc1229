"""What a printed document shows, as plain frozen data.

Loaders (written against the database elsewhere) build these records; the renderer only reads
them. Rules the loaders must follow:

* Money is integer fen everywhere (`*_fen` fields); never pass a float or a Decimal.
* Quantities are integers in the unit named by `unit_name` (convert packs before building
  the line: 2 箱 of 24 瓶 is either quantity=2, unit_name="箱" or quantity=48, unit_name="瓶").
* Texts are shown as given (no trimming beyond line breaks); empty strings print nothing.
* `TradeDocument.total_fen` must equal the sum of the line amounts minus `discount_fen`,
  and `Statement.closing_balance_fen` must equal opening + debits - credits; the constructors
  check this so that a wrong figure never reaches paper.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class DocumentKind(StrEnum):
    """Printable document kinds; the value is the stable code used in settings and logs."""

    DELIVERY_NOTE = "delivery_note"
    SALES_INVOICE = "sales_invoice"
    RETURN_NOTE = "return_note"
    PURCHASE_ORDER = "purchase_order"
    STATEMENT = "statement"

    @property
    def title(self) -> str:
        """Default printed title (a document may override it)."""
        return _TITLES[self]

    @property
    def party_label(self) -> str:
        """Label in front of the other party's name."""
        return _PARTY_LABELS[self]


_TITLES = {
    DocumentKind.DELIVERY_NOTE: "送货单",
    DocumentKind.SALES_INVOICE: "销售结算单",
    DocumentKind.RETURN_NOTE: "退货单",
    DocumentKind.PURCHASE_ORDER: "订货单",
    DocumentKind.STATEMENT: "对账单",
}

_PARTY_LABELS = {
    DocumentKind.DELIVERY_NOTE: "收货单位",
    DocumentKind.SALES_INVOICE: "购货单位",
    DocumentKind.RETURN_NOTE: "退货单位",
    DocumentKind.PURCHASE_ORDER: "供货单位",
    DocumentKind.STATEMENT: "客户",
}

#: Labels of a three-part form, in the order the parts are printed.
DEFAULT_COPY_LABELS: tuple[str, ...] = ("存根联", "客户联", "回单联")


@dataclass(frozen=True, slots=True)
class CompanyHeader:
    """The distributor printing the document (from its business settings)."""

    name: str
    address: str = ""
    phone: str = ""
    logo_path: str | None = None  # PNG or JPEG; drawn at the left of the header when set


@dataclass(frozen=True, slots=True)
class Party:
    """The other side: an outlet (客户/门店) or, on purchase orders, the brand."""

    name: str
    contact: str = ""
    phone: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One goods line. `amount_fen` is given, not recomputed: line discounts live upstream."""

    sku: str
    name: str
    spec: str
    unit_name: str
    quantity: int
    unit_price_fen: int
    amount_fen: int
    batch_lot: str = ""
    expiry_date: dt.date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _require_int("quantity", self.quantity)
        _require_int("unit_price_fen", self.unit_price_fen)
        _require_int("amount_fen", self.amount_fen)


@dataclass(frozen=True, slots=True)
class StatementEntry:
    """One row of an account statement (对账单): debit raises what the outlet owes."""

    date: dt.date
    doc_number: str
    description: str
    debit_fen: int = 0
    credit_fen: int = 0

    def __post_init__(self) -> None:
        _require_int("debit_fen", self.debit_fen)
        _require_int("credit_fen", self.credit_fen)


@dataclass(frozen=True, slots=True, kw_only=True)
class _DocumentBase:
    kind: DocumentKind
    number: str  # e.g. SO-D01-20261127-0007; printed as text, Code128 and QR
    date: dt.date
    company: CompanyHeader
    party: Party
    notes: str = ""  # free text under the table; may be long, wraps across pages
    reprint_count: int = 0  # 0 = original; N prints "补打 (第 N 次)"
    copy_labels: tuple[str, ...] = ()  # per-document override of the multi-part labels
    title: str = ""  # overrides kind.title when set (e.g. "发货单")

    @property
    def display_title(self) -> str:
        return self.title or self.kind.title


@dataclass(frozen=True, slots=True, kw_only=True)
class TradeDocument(_DocumentBase):
    """Delivery note, sales invoice, return note or purchase order: a table of goods lines."""

    lines: tuple[DocumentLine, ...] = ()
    total_fen: int = 0
    discount_fen: int = 0  # whole-document discount (整单优惠), already in total_fen

    def __post_init__(self) -> None:
        if self.kind is DocumentKind.STATEMENT:
            raise ValueError("a statement is a Statement, not a TradeDocument")
        _require_int("total_fen", self.total_fen)
        _require_int("discount_fen", self.discount_fen)
        expected = self.lines_amount_fen - self.discount_fen
        if expected != self.total_fen:
            raise ValueError(
                f"{self.number}: total_fen {self.total_fen} != lines {self.lines_amount_fen}"
                f" - discount {self.discount_fen}"
            )

    @property
    def lines_amount_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)

    @property
    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines)


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement(_DocumentBase):
    """Account statement (对账单) of one outlet over a period."""

    kind: DocumentKind = DocumentKind.STATEMENT
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    opening_balance_fen: int = 0
    entries: tuple[StatementEntry, ...] = ()
    closing_balance_fen: int = 0

    def __post_init__(self) -> None:
        if self.kind is not DocumentKind.STATEMENT:
            raise ValueError("Statement.kind must be DocumentKind.STATEMENT")
        _require_int("opening_balance_fen", self.opening_balance_fen)
        _require_int("closing_balance_fen", self.closing_balance_fen)
        running = self.running_balances()
        expected = running[-1] if running else self.opening_balance_fen
        if expected != self.closing_balance_fen:
            raise ValueError(
                f"{self.number}: closing balance {self.closing_balance_fen} != {expected}"
            )

    def running_balances(self) -> list[int]:
        """Balance after each entry, starting from the opening balance."""
        balances, balance = [], self.opening_balance_fen
        for entry in self.entries:
            balance += entry.debit_fen - entry.credit_fen
            balances.append(balance)
        return balances

    @property
    def total_debit_fen(self) -> int:
        return sum(entry.debit_fen for entry in self.entries)

    @property
    def total_credit_fen(self) -> int:
        return sum(entry.credit_fen for entry in self.entries)


Document = TradeDocument | Statement


def _require_int(name: str, value: object) -> None:
    # bool is an int subclass and float sneaks in from spreadsheets: refuse both.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int (fen or base units), got {type(value).__name__}")
