"""Customer filings (客户报备): the distributor's claim on an outlet, decided only by HQ.

The PC creates and submits a filing and then shows "pending" until HQ's decision arrives
through sync; nothing here approves, rejects or expires a filing on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import today
from app.db.models import CustomerFiling, Outlet
from app.errors import InvalidTransition, NotFound, ValidationError
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.text import normalise_address, normalise_name, normalise_phone

OPEN_STATUSES = ("draft", "pending", "approved")
HQ_DECISIONS = ("approved", "rejected", "conflict", "expired")


@dataclass(frozen=True)
class FilingInfo:
    id: str
    outlet_id: str
    outlet_name: str
    phone: str
    address: str
    status: str
    note: str
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    protection_until: dt.date | None
    decision_reason: str

    @property
    def changes(self) -> Changes:
        return Changes(filings=(self.id,))


class FilingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def create(self, outlet_id: str, *, note: str = "", submit: bool = False) -> FilingInfo:
        """A filing records the outlet as it is now; the outlet may change later."""
        with self.ctx.write() as uow:
            outlet = uow.session.get(Outlet, outlet_id)
            if outlet is None:
                raise NotFound("outlet.not_found", ref=outlet_id)
            if outlet.archived:
                raise ValidationError("outlet.archived", name=outlet.name)
            if _open_filing(uow.session, outlet_id, today()):
                raise ValidationError("filing.already_open", name=outlet.name)
            filing = CustomerFiling(
                outlet_id=outlet.id,
                outlet_name=outlet.name,
                phone=outlet.phone,
                address=outlet.address,
                note=note.strip(),
            )
            uow.session.add(filing)
            uow.session.flush()
            uow.audit("filing.create", "filing", filing.id, outlet=outlet.name)
            if submit:
                self._submit(uow, filing)
            return _info(filing)

    def submit(self, filing_id: str) -> FilingInfo:
        with self.ctx.write() as uow:
            filing = _get(uow.session, filing_id)
            if filing.status != "draft":
                raise InvalidTransition("filing.invalid_transition", status=filing.status, action="submit")
            self._submit(uow, filing)
            return _info(filing)

    def _submit(self, uow, filing: CustomerFiling) -> None:
        filing.status = "pending"
        filing.submitted_at = uow.now
        uow.emit("filing.submit", filing.id, _submit_payload(filing))
        uow.audit("filing.submit", "filing", filing.id)

    def withdraw(self, filing_id: str, *, reason: str = "") -> FilingInfo:
        """A draft is simply withdrawn; a pending one also tells HQ."""
        with self.ctx.write() as uow:
            filing = _get(uow.session, filing_id)
            if filing.status not in ("draft", "pending"):
                raise InvalidTransition("filing.invalid_transition", status=filing.status, action="withdraw")
            if filing.status == "pending":
                uow.emit("filing.withdraw", filing.id, {"id": filing.id, "reason": reason})
            filing.status = "withdrawn"
            uow.audit("filing.withdraw", "filing", filing.id, reason=reason)
            return _info(filing)

    def apply_hq_decision(
        self,
        filing_id: str,
        *,
        status: str,
        protection_until: dt.date | None = None,
        reason: str = "",
        session: Session | None = None,
    ) -> FilingInfo | None:
        """HQ's ruling as pulled by sync. Unknown filings (another PC's) are ignored here."""
        if status not in HQ_DECISIONS:
            raise ValidationError("filing.status_invalid", status=status)
        if session is not None:
            return self._apply_decision(session, filing_id, status, protection_until, reason)
        with self.ctx.write() as uow:
            info = self._apply_decision(uow.session, filing_id, status, protection_until, reason)
            if info is not None:
                uow.audit("filing.hq_decision", "filing", filing_id, status=status, reason=reason)
            return info

    @staticmethod
    def _apply_decision(session, filing_id, status, protection_until, reason) -> FilingInfo | None:
        filing = session.get(CustomerFiling, filing_id)
        if filing is None:
            return None
        filing.status = status
        filing.protection_until = protection_until
        filing.decision_reason = reason
        filing.decided_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return _info(filing)

    def get(self, filing_id: str) -> FilingInfo:
        with self.ctx.read() as s:
            return _info(_get(s, filing_id))

    def list(self, *, outlet_id: str | None = None, status: str | None = None, limit: int = 200) -> list[FilingInfo]:
        query = select(CustomerFiling).order_by(CustomerFiling.created_at.desc()).limit(limit)
        if outlet_id:
            query = query.where(CustomerFiling.outlet_id == outlet_id)
        if status:
            query = query.where(CustomerFiling.status == status)
        with self.ctx.read() as s:
            return [_info(f) for f in s.scalars(query)]

    def expiring(self, *, within_days: int, as_of: dt.date | None = None) -> list[FilingInfo]:
        """Approved filings whose protection ends within the next N days (soonest first)."""
        start = as_of or today()
        end = start + dt.timedelta(days=within_days)
        query = (
            select(CustomerFiling)
            .where(
                CustomerFiling.status == "approved",
                CustomerFiling.protection_until >= start,
                CustomerFiling.protection_until <= end,
            )
            .order_by(CustomerFiling.protection_until)
        )
        with self.ctx.read() as s:
            return [_info(f) for f in s.scalars(query)]


def _open_filing(session: Session, outlet_id: str, as_of: dt.date) -> bool:
    query = select(CustomerFiling).where(
        CustomerFiling.outlet_id == outlet_id, CustomerFiling.status.in_(OPEN_STATUSES)
    )
    for filing in session.scalars(query):
        if filing.status != "approved" or (filing.protection_until or dt.date.max) >= as_of:
            return True
    return False


def _submit_payload(f: CustomerFiling) -> dict:
    return {
        "id": f.id,
        "outlet_id": f.outlet_id,
        "outlet_name": f.outlet_name,
        "phone": f.phone,
        "address": f.address,
        "note": f.note,
        "name_key": normalise_name(f.outlet_name),
        "phone_key": normalise_phone(f.phone),
        "address_key": normalise_address(f.address),
    }


def _get(session: Session, filing_id: str) -> CustomerFiling:
    filing = session.get(CustomerFiling, filing_id)
    if filing is None:
        raise NotFound("filing.not_found", ref=filing_id)
    return filing


def _info(f: CustomerFiling) -> FilingInfo:
    return FilingInfo(
        f.id, f.outlet_id, f.outlet_name, f.phone, f.address, f.status, f.note,
        f.submitted_at, f.decided_at, f.protection_until, f.decision_reason,
    )
