"""Customer filings (客户报备), decided by HQ.

The first valid filing of an outlet — matched by normalised phone, or by normalised name
plus address — is approved for the protection period (HQ setting, default 90 days). A later
filing of the same outlet from another distributor is a conflict (撞单) whose answer says
only until when the outlet is protected. Approved filings expire by themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.text import normalise_address, normalise_name, normalise_phone
from server import feed, payload, settings
from server.errors import OpRejected
from server.models import Filing, utcnow

if TYPE_CHECKING:
    from server.ops import OpContext, Outcome


def filing_data(f: Filing) -> dict:
    return {
        "id": f.id, "outlet_id": f.outlet_id, "outlet_name": f.outlet_name, "phone": f.phone,
        "address": f.address, "status": f.status,
        "protection_until": f.protection_until.isoformat() if f.protection_until else None,
        "reason": f.reason,
        "decided_at": f.decided_at.isoformat() if f.decided_at else None,
    }


def publish(session: Session, f: Filing) -> None:
    f.rev += 1
    session.flush()
    feed.publish(session, settings.distributor_feed(f.distributor_id), "filing", f.id, filing_data(f), rev=f.rev)


def _holder(session: Session, f: Filing, today: dt.date) -> Filing | None:
    """The filing that currently protects this outlet, if any."""
    same_outlet = []
    if f.phone_key:
        same_outlet.append(Filing.phone_key == f.phone_key)
    if f.name_key and f.address_key:
        same_outlet.append(and_(Filing.name_key == f.name_key, Filing.address_key == f.address_key))
    if not same_outlet:
        return None
    return session.scalar(
        select(Filing)
        .where(
            or_(*same_outlet),
            Filing.status == "approved",
            Filing.protection_until >= today,
            Filing.id != f.id,
        )
        .order_by(Filing.decided_at)
        .limit(1)
    )


def decide_by_rule(session: Session, f: Filing, today: dt.date) -> None:
    holder = _holder(session, f, today)
    if holder is not None:
        f.status = "approved" if holder.distributor_id == f.distributor_id else "conflict"
        f.protection_until = holder.protection_until
        f.reason = "" if f.status == "approved" else "protected_until"
    elif settings.get(session, "filing_auto_approve") == "1":
        days = int(settings.get(session, "protection_days") or 90)
        f.status, f.protection_until, f.reason = "approved", today + dt.timedelta(days=days), ""
    else:
        return  # stays pending until HQ staff decide
    f.decided_at, f.decided_by = utcnow(), "rule"


def submit(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    filing_id = payload.opt_id(p, "id") or entity_id
    if ctx.session.get(Filing, filing_id) is not None:
        raise OpRejected("id_conflict")
    name = payload.text(p, "outlet_name", 200) or payload.text(p, "name", 200)
    phone, address = payload.text(p, "phone", 50), payload.text(p, "address", 300)
    if not name.strip():
        raise OpRejected("invalid_payload", field="outlet_name")
    f = Filing(
        id=filing_id, distributor_id=ctx.distributor_id, outlet_id=payload.req_id(p, "outlet_id"),
        outlet_name=name, phone=phone, address=address, note=payload.text(p, "note", 500),
        phone_key=normalise_phone(phone), name_key=normalise_name(name),
        address_key=normalise_address(address), status="pending", rev=0,
    )
    ctx.session.add(f)
    decide_by_rule(ctx.session, f, ctx.received_at.date())
    publish(ctx.session, f)
    detail = {"filing_status": f.status, "protection_until": filing_data(f)["protection_until"]}
    return Outcome(status="conflict" if f.status == "conflict" else "applied", detail=detail)


def withdraw(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    f = ctx.session.get(Filing, entity_id)
    if f is None or f.distributor_id != ctx.distributor_id:
        raise OpRejected("not_found", entity="filing")
    if f.status not in ("pending", "approved"):
        raise OpRejected("invalid_transition", status=f.status)
    f.status, f.decided_at = "withdrawn", utcnow()
    publish(ctx.session, f)
    return Outcome(detail={"filing_status": f.status})


def decide_by_staff(session: Session, filing_id: str, approve: bool, reason: str = "") -> Filing:
    f = session.get(Filing, filing_id)
    if f is None:
        raise LookupError(f"unknown filing {filing_id}")
    today = utcnow().date()
    if approve:
        days = int(settings.get(session, "protection_days") or 90)
        f.status, f.protection_until = "approved", today + dt.timedelta(days=days)
    else:
        f.status, f.protection_until = "rejected", None
    f.reason, f.decided_at, f.decided_by = reason[:500], utcnow(), "staff"
    publish(session, f)
    return f


def expire_due(session: Session, today: dt.date) -> int:
    """Approved filings past their protection period become expired (and flow down)."""
    due = list(
        session.scalars(
            select(Filing).where(Filing.status == "approved", Filing.protection_until < today)
        )
    )
    for f in due:
        f.status, f.decided_at = "expired", utcnow()
        publish(session, f)
    return len(due)


def has_due(session: Session, today: dt.date) -> bool:
    return session.scalar(
        select(Filing.id)
        .where(Filing.status == "approved", Filing.protection_until < today)
        .limit(1)
    ) is not None


HANDLERS = {"filing.submit": submit, "filing.withdraw": withdraw}
