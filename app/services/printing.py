"""Printing documents from real data: render, log the print, count reprints; printer profiles.

A print is a local fact: it writes a print-log row, bumps the document's print count and an
audit entry in one transaction, and emits no outbox op (HQ does not track prints, and an op
type HQ does not know would be parked as rejected). A preview renders exactly what the next
print would carry (including its "补打" mark) and writes nothing.

The PDF is rendered before the transaction opens, so a print that fails to render logs
nothing and the database is never locked while reportlab works. The transaction then checks
that nobody printed the same document in between (another window, the batch); if someone
did, the document is rendered again with the new reprint number.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import today
from app.db.models import DeliveryNote, Outlet, PrintLogEntry, SalesOrder, User
from app.documents.model import CompanyHeader, Document, DocumentKind
from app.documents.paper import PAPERS, PrinterProfile
from app.errors import ConcurrentChange, NotFound, ValidationError
from app.services import doc_loaders as loaders
from app.services.changes import Changes
from app.services.context import ServiceContext, get_setting, set_setting

PROFILES_SETTING = "print_profiles"
MAX_OFFSET_MM = 20
MAX_COPIES = 10
MAX_ATTEMPTS = 3
BATCH_STATUSES = ("confirmed", "shipped")
# Orders whose goods have left: their delivery notes belong to "shipped that day".
_SHIPPED_STATUSES = ("shipped", "delivered", "invoiced")

# Names accepted on the command line and in the UI, besides DocumentKind values.
KIND_ALIASES = {
    "delivery-note": DocumentKind.DELIVERY_NOTE,
    "invoice": DocumentKind.SALES_INVOICE,
    "return": DocumentKind.RETURN_NOTE,
    "purchase-order": DocumentKind.PURCHASE_ORDER,
    "statement": DocumentKind.STATEMENT,
}


@dataclass(frozen=True)
class PrintProfile:
    """One printer as the clerk set it up: paper, calibration, copies and labels."""

    name: str
    paper: str = "A4"
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    copies: int = 1
    copy_labels: tuple[str, ...] = ()
    printer_name: str = ""  # Qt printer name; "" = ask with the print dialog

    @property
    def calibration(self) -> PrinterProfile:
        return PrinterProfile(self.name, self.offset_x_mm, self.offset_y_mm)

    @property
    def changes(self) -> Changes:
        return Changes(print_profiles=(self.name,))


@dataclass(frozen=True)
class PrintedPdf:
    """What `render` hands to the printer: the PDF, and the documents whose print it logged
    and counted."""

    pdf: bytes
    numbers: tuple[str, ...]

    @property
    def changes(self) -> Changes:
        return Changes(prints=self.numbers)


@dataclass(frozen=True)
class PrintLogRecord:
    id: str
    at: dt.datetime  # UTC
    user_id: str | None
    username: str
    doc_type: str
    doc_number: str
    copies: int
    reprint_no: int
    paper: str


@dataclass(frozen=True)
class BatchCandidate:
    """An order offered for batch printing of its delivery note."""

    order_id: str
    order_number: str
    note_number: str | None  # None until the order ships
    outlet_name: str
    status: str
    total_fen: int
    print_count: int


@dataclass(frozen=True)
class _Options:
    paper: str
    copies: int
    calibration: PrinterProfile | None = None
    copy_labels: tuple[str, ...] | None = None


class _CountMoved(Exception):
    """Someone printed the document after we rendered it: roll back and render again."""


def document_kind(kind: str | DocumentKind) -> DocumentKind:
    if isinstance(kind, DocumentKind):
        return kind
    found = KIND_ALIASES.get(kind)
    if found is None:
        try:
            found = DocumentKind(kind)
        except ValueError:
            raise ValidationError("print.kind_unknown", kind=kind,
                                  known=", ".join(KIND_ALIASES)) from None
    return found


class PrintService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- printing -------------------------------------------------------------------------

    def render(
        self,
        kind: str | DocumentKind,
        number: str,
        *,
        paper: str | None = None,
        profile_name: str | None = None,
        copies: int | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> PrintedPdf:
        """Render for printing: the print is logged and counted; reprints carry "补打".

        Statements take the outlet code as `number` and a period (default: this month).
        """
        kind = document_kind(kind)
        options = self._options(paper, profile_name, copies)
        return self._print(lambda s, company: [self._load(s, kind, number, company, date_from,
                                                          date_to)], options)

    def document(
        self,
        kind: str | DocumentKind,
        number: str,
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> Document:
        """The document record as the next print would show it (for checks and previews)."""
        kind = document_kind(kind)
        company = self.company_header()
        with self.ctx.read() as s:
            return self._load(s, kind, number, company, date_from, date_to).doc

    def preview(
        self,
        kind: str | DocumentKind,
        number: str,
        *,
        paper: str | None = None,
        profile_name: str | None = None,
        copies: int | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> bytes:
        """What `render` would print next, without logging or counting anything."""
        options = self._options(paper, profile_name, copies)
        doc = self.document(kind, number, date_from=date_from, date_to=date_to)
        return _render_pdf([doc], options)

    def render_batch_delivery_notes(
        self,
        refs: Sequence[str],
        *,
        paper: str | None = None,
        profile_name: str | None = None,
        copies: int | None = None,
        workers: int | None = None,
    ) -> PrintedPdf:
        """Many delivery notes as one PDF (one print job), each logged and counted.

        `refs` are order ids, order numbers or delivery note numbers, printed in that order.
        """
        options = self._options(paper, profile_name, copies)
        return self._print(_batch_loader(refs), options, workers=workers)

    def preview_batch_delivery_notes(
        self,
        refs: Sequence[str],
        *,
        paper: str | None = None,
        profile_name: str | None = None,
        copies: int | None = None,
        workers: int | None = None,
    ) -> bytes:
        """The batch as `render_batch_delivery_notes` would print it, logging nothing."""
        options = self._options(paper, profile_name, copies)
        company = self.company_header()
        with self.ctx.read() as s:
            loaded = _batch_loader(refs)(s, company)
        return _render_pdf([item.doc for item in loaded], options, workers=workers)

    def delivery_batch(
        self, day: dt.date | None = None, status: str = "shipped"
    ) -> list[BatchCandidate]:
        """Orders for the morning batch: shipped that (local) day, or confirmed for that day."""
        if status not in BATCH_STATUSES:
            raise ValidationError("print.batch_status_invalid", status=status,
                                  known=", ".join(BATCH_STATUSES))
        day = day or today()
        query = (
            select(SalesOrder.id, SalesOrder.number, DeliveryNote.number, Outlet.name,
                   SalesOrder.status, SalesOrder.total_fen, DeliveryNote.print_count)
            .join(Outlet, Outlet.id == SalesOrder.outlet_id)
            .outerjoin(DeliveryNote, DeliveryNote.order_id == SalesOrder.id)
        )
        if status == "shipped":
            start, end = _utc_bounds(day)
            query = query.where(SalesOrder.status.in_(_SHIPPED_STATUSES),
                                DeliveryNote.shipped_at >= start, DeliveryNote.shipped_at < end)
        else:
            query = query.where(SalesOrder.status == "confirmed", SalesOrder.order_date == day)
        with self.ctx.read() as s:
            rows = s.execute(query.order_by(SalesOrder.number)).all()
            return [self._candidate(s, *row) for row in rows]

    def print_log(self, number: str | None = None, limit: int = 100) -> list[PrintLogRecord]:
        """Newest first; all documents, or the prints of one number."""
        query = (
            select(PrintLogEntry, User.username)
            .outerjoin(User, User.id == PrintLogEntry.user_id)
            .order_by(PrintLogEntry.at.desc(), PrintLogEntry.id.desc())
            .limit(limit)
        )
        if number is not None:
            query = query.where(PrintLogEntry.doc_number == number.strip())
        with self.ctx.read() as s:
            return [
                PrintLogRecord(e.id, e.at, e.user_id, username or "", e.doc_type, e.doc_number,
                               e.copies, e.reprint_no, e.paper)
                for e, username in s.execute(query)
            ]

    # -- brand printed on purchase orders --------------------------------------------------

    def brand(self):
        with self.ctx.read() as s:
            return loaders.brand_party(s)

    def set_brand(self, *, name: str, contact: str = "", phone: str = "",
                  address: str = "") -> None:
        """The brand's name and contact printed as 供货单位 on purchase orders."""
        self.ctx.require_role("manager", action="print.set_brand")
        values = dict(zip(loaders.BRAND_SETTINGS, (name, contact, phone, address), strict=True))
        with self.ctx.write() as uow:
            for key, value in values.items():
                set_setting(uow.session, key, value.strip())
            uow.audit("print.set_brand", "setting", "brand", name=name.strip())

    # -- printer profiles -----------------------------------------------------------------

    def profiles(self) -> list[PrintProfile]:
        with self.ctx.read() as s:
            return _stored_profiles(s)

    def profile(self, name: str) -> PrintProfile:
        for found in self.profiles():
            if found.name == name:
                return found
        raise NotFound("print.profile_not_found", name=name)

    def save_profile(
        self,
        *,
        name: str,
        paper: str = "A4",
        offset_x_mm: float = 0.0,
        offset_y_mm: float = 0.0,
        copies: int = 1,
        copy_labels: Sequence[str] = (),
        printer_name: str = "",
    ) -> PrintProfile:
        """Create or replace the profile with this name (managers set up printers)."""
        self.ctx.require_role("manager", action="print.save_profile")
        profile = _checked_profile(name, paper, offset_x_mm, offset_y_mm, copies, copy_labels,
                                   printer_name)
        with self.ctx.write() as uow:
            kept = [p for p in _stored_profiles(uow.session) if p.name != profile.name]
            _store_profiles(uow.session, sorted([*kept, profile], key=lambda p: p.name))
            uow.audit("print.save_profile", "setting", PROFILES_SETTING, **asdict(profile))
        return profile

    def delete_profile(self, name: str) -> Changes:
        self.ctx.require_role("manager", action="print.delete_profile")
        with self.ctx.write() as uow:
            stored = _stored_profiles(uow.session)
            kept = [p for p in stored if p.name != name]
            if len(kept) == len(stored):
                raise NotFound("print.profile_not_found", name=name)
            _store_profiles(uow.session, kept)
            uow.audit("print.delete_profile", "setting", PROFILES_SETTING, name=name)
        return Changes(print_profiles=(name,))

    # -- internals ------------------------------------------------------------------------

    def company_header(self) -> CompanyHeader:
        from pathlib import Path

        from app.services.company import CompanyService

        info = CompanyService(self.ctx).info()
        if info is None:
            return CompanyHeader(name="")
        # A logo that was moved or deleted must not stop the clerk from printing.
        logo = info.logo_path if info.logo_path and Path(info.logo_path).is_file() else None
        return CompanyHeader(name=info.name, address=info.address, phone=info.phone,
                             logo_path=logo)

    def _options(self, paper: str | None, profile_name: str | None,
                 copies: int | None) -> _Options:
        chosen = self.profile(profile_name) if profile_name else None
        paper = paper or (chosen.paper if chosen else "A4")
        if paper not in PAPERS:
            raise ValidationError("print.paper_unknown", paper=paper, known=", ".join(PAPERS))
        copies = copies if copies is not None else (chosen.copies if chosen else 1)
        _check_copies(copies)
        return _Options(
            paper=paper, copies=copies,
            calibration=chosen.calibration if chosen else None,
            copy_labels=(chosen.copy_labels or None) if chosen else None,
        )

    def _load(self, s: Session, kind: DocumentKind, number: str, company: CompanyHeader,
              date_from: dt.date | None, date_to: dt.date | None) -> loaders.Loaded:
        number = (number or "").strip()
        if kind is DocumentKind.STATEMENT:
            return self._statement(s, number, company, date_from, date_to)
        load = {
            DocumentKind.DELIVERY_NOTE: loaders.load_delivery_note,
            DocumentKind.SALES_INVOICE: loaders.load_invoice,
            DocumentKind.RETURN_NOTE: loaders.load_return_note,
            DocumentKind.PURCHASE_ORDER: loaders.load_purchase_order,
        }[kind]
        return load(s, number, company)

    def _statement(self, s: Session, code: str, company: CompanyHeader,
                   date_from: dt.date | None, date_to: dt.date | None) -> loaders.Loaded:
        from app.services.receivables import ReceivableService

        date_to = date_to or today()
        date_from = date_from or date_to.replace(day=1)
        if date_from > date_to:
            raise ValidationError("print.period_invalid", date_from=date_from.isoformat(),
                                  date_to=date_to.isoformat())
        outlet = loaders.find_outlet(s, code)
        account = ReceivableService(self.ctx).statement(outlet.id, date_from, date_to)
        return loaders.build_statement(s, outlet, account, company)

    def _print(self, load_all, options: _Options, *, workers: int | None = None) -> PrintedPdf:
        """Load, render, then log and count in one transaction; again if a count moved."""
        company = self.company_header()
        for _ in range(MAX_ATTEMPTS):
            with self.ctx.read() as s:
                loaded = load_all(s, company)
            pdf = _render_pdf([item.doc for item in loaded], options, workers=workers)
            try:
                self._log_prints(loaded, options)
            except _CountMoved:
                continue
            return PrintedPdf(pdf, tuple(item.doc.number for item in loaded))
        raise ConcurrentChange("revision.stale", entity=loaded[0].doc.number)

    def _log_prints(self, loaded: list[loaders.Loaded], options: _Options) -> None:
        with self.ctx.write() as uow:
            s = uow.session
            for item in loaded:
                doc = item.doc
                if _prints_now(s, item) != item.prints_so_far:
                    raise _CountMoved(doc.number)  # rolls back every row of this batch
                if item.counter is not None:
                    model, row_id = item.counter
                    s.get(model, row_id).print_count = item.prints_so_far + 1
                s.add(PrintLogEntry(at=uow.now, user_id=self.ctx.user.id, doc_type=doc.kind.value,
                                    doc_number=doc.number, copies=options.copies,
                                    reprint_no=item.prints_so_far, paper=options.paper))
                uow.audit("document.print", item.entity, item.entity_id, kind=doc.kind.value,
                          number=doc.number, copies=options.copies, paper=options.paper,
                          reprint_no=item.prints_so_far)

    @staticmethod
    def _candidate(s: Session, order_id, order_number, note_number, outlet_name, status,
                   total_fen, print_count) -> BatchCandidate:
        if note_number is None:
            print_count = loaders.logged_prints(s, DocumentKind.DELIVERY_NOTE.value, order_number)
        return BatchCandidate(order_id, order_number, note_number, outlet_name, status,
                              total_fen, print_count or 0)


# -- helpers ------------------------------------------------------------------------------------


def _render_pdf(docs, options: _Options, *, workers: int | None = None) -> bytes:
    from app.documents import render_batch

    return render_batch(docs, workers=workers, paper=options.paper,
                        profile=options.calibration, copies=options.copies,
                        copy_labels=options.copy_labels)


def _batch_loader(refs: Sequence[str]):
    unique = list(dict.fromkeys(refs))  # a note listed twice prints (and counts) once
    if not unique:
        raise ValidationError("field.required", field="orders")

    def load_all(s: Session, company: CompanyHeader) -> list[loaders.Loaded]:
        return [loaders.load_delivery_note(s, _order_number(s, ref), company) for ref in unique]

    return load_all


def _prints_now(s: Session, item: loaders.Loaded) -> int:
    if item.counter is not None:
        model, row_id = item.counter
        return s.get(model, row_id).print_count
    return loaders.logged_prints(s, item.doc.kind.value, item.doc.number)


def _order_number(s: Session, ref: str) -> str:
    """An order id becomes its number; numbers pass through."""
    ref = (ref or "").strip()
    number = s.scalar(select(SalesOrder.number).where(SalesOrder.id == ref))
    return number or ref


def _utc_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The clerk's local day as a naive-UTC range (shipped_at is stored in UTC)."""
    start = dt.datetime.combine(day, dt.time()).astimezone()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).astimezone()
    return (start.astimezone(dt.UTC).replace(tzinfo=None),
            end.astimezone(dt.UTC).replace(tzinfo=None))


def _check_copies(copies: object) -> None:
    if isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise ValidationError("print.copies_invalid", copies=copies, max=MAX_COPIES)


def _offset(value: object, field_name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError("print.offset_invalid", field=field_name, value=value,
                              max=MAX_OFFSET_MM)
    if not math.isfinite(value) or abs(value) > MAX_OFFSET_MM:
        raise ValidationError("print.offset_invalid", field=field_name, value=value,
                              max=MAX_OFFSET_MM)
    return round(float(value), 1)  # a clerk measures tenths of a millimetre at best


def _checked_profile(name, paper, offset_x_mm, offset_y_mm, copies, copy_labels,
                     printer_name) -> PrintProfile:
    name = (name or "").strip()
    if not name:
        raise ValidationError("field.required", field="name")
    if len(name) > 40:
        raise ValidationError("field.too_long", field="name", max=40)
    if paper not in PAPERS:
        raise ValidationError("print.paper_unknown", paper=paper, known=", ".join(PAPERS))
    _check_copies(copies)
    labels = tuple(label.strip() for label in copy_labels if label.strip())
    return PrintProfile(name, paper, _offset(offset_x_mm, "offset_x_mm"),
                        _offset(offset_y_mm, "offset_y_mm"), copies, labels,
                        (printer_name or "").strip())


def _stored_profiles(s: Session) -> list[PrintProfile]:
    raw = get_setting(s, PROFILES_SETTING, "[]")
    try:
        items = json.loads(raw)
    except json.JSONDecodeError:
        return []  # a damaged setting must not stop printing; saving rewrites it
    known = {f.name for f in fields(PrintProfile)}
    return [
        PrintProfile(**{key: (tuple(value) if key == "copy_labels" else value)
                        for key, value in item.items() if key in known})
        for item in items if isinstance(item, dict) and item.get("name")
    ]


def _store_profiles(s: Session, profiles: list[PrintProfile]) -> None:
    set_setting(s, PROFILES_SETTING,
                json.dumps([asdict(p) for p in profiles], ensure_ascii=False))
