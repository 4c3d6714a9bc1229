"""Outlets: the distributor's customers. Create, edit, archive, and warn on likely duplicates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.models import Outlet, PriceTier
from app.errors import ConcurrentChange, NotFound, ValidationError
from app.services.changes import Changes
from app.services.context import ServiceContext, UnitOfWork
from app.text import normalise_name, normalise_phone, to_halfwidth

# Fields a clerk edits; each travels to HQ as a per-field patch {field: [old, new]}.
EDITABLE_FIELDS = (
    "name",
    "contact",
    "phone",
    "address",
    "region",
    "tier_id",
    "credit_limit_fen",
    "payment_terms_days",
)
_TEXT_LIMITS = {"name": 200, "contact": 50, "phone": 50, "address": 300, "region": 100}


@dataclass(frozen=True)
class OutletInfo:
    id: str
    code: str
    name: str
    contact: str
    phone: str
    address: str
    region: str
    tier_id: str | None
    credit_limit_fen: int
    payment_terms_days: int
    archived: bool
    rev: int

    @property
    def changes(self) -> Changes:
        return Changes(outlets=(self.id,))


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    name: str
    phone: str
    address: str
    reason: str  # phone | name


class LikelyDuplicate(ValidationError):
    """Raised by create/update when another outlet looks like the same shop.

    The clerk sees the candidates and may save anyway with allow_duplicate=True.
    """

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        super().__init__(
            "outlet.likely_duplicate",
            names="、".join(c.name for c in candidates),
            count=len(candidates),
        )
        self.candidates = candidates


@dataclass(frozen=True)
class OutletPage:
    outlets: list[OutletInfo]
    next_key: tuple[str, str] | None = field(default=None)


class OutletService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- writes ---------------------------------------------------------------------------

    def create(self, *, name: str, allow_duplicate: bool = False, **fields: Any) -> OutletInfo:
        values = _clean_fields({"name": name, **fields})
        with self.ctx.write() as uow:
            _check_tier(uow.session, values.get("tier_id"))
            if not allow_duplicate:
                _refuse_duplicates(uow.session, values["name"], values.get("phone", ""), None)
            outlet = Outlet(code=uow.next_number("CU"), **values)
            _set_keys(outlet)
            uow.session.add(outlet)
            uow.session.flush()
            uow.emit("outlet.create", outlet.id, _payload(outlet))
            uow.audit("outlet.create", "outlet", outlet.id, name=outlet.name)
            return _info(outlet)

    def update(
        self,
        outlet_id: str,
        *,
        expected_rev: int | None = None,
        allow_duplicate: bool = False,
        **fields: Any,
    ) -> OutletInfo:
        """Change some fields. expected_rev is the revision the clerk opened (stale → refused)."""
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise ValidationError("field.unknown", fields=sorted(unknown))
        values = _clean_fields(fields, partial=True)
        with self.ctx.write() as uow:
            outlet = _get(uow.session, outlet_id)
            if expected_rev is not None and expected_rev != outlet.rev:
                raise ConcurrentChange("revision.stale", entity=outlet.name)
            _check_tier(uow.session, values.get("tier_id"))
            changes = {k: [getattr(outlet, k), v] for k, v in values.items() if getattr(outlet, k) != v}
            if not changes:
                return _info(outlet)
            if not allow_duplicate and ({"name", "phone"} & changes.keys()):
                _refuse_duplicates(
                    uow.session, values.get("name", outlet.name), values.get("phone", outlet.phone),
                    outlet.id,
                )
            self._apply_patch(uow, outlet, changes)
            return _info(outlet)

    def archive(self, outlet_id: str, *, archived: bool = True) -> OutletInfo:
        """Outlets are never deleted; archiving hides them from order entry."""
        with self.ctx.write() as uow:
            outlet = _get(uow.session, outlet_id)
            if outlet.archived == archived:
                return _info(outlet)
            self._apply_patch(uow, outlet, {"archived": [outlet.archived, archived]})
            return _info(outlet)

    def _apply_patch(self, uow: UnitOfWork, outlet: Outlet, changes: dict[str, list]) -> None:
        base_rev = outlet.server_rev
        for key, (_old, new) in changes.items():
            setattr(outlet, key, new)
        _set_keys(outlet)
        outlet.rev += 1
        op = "outlet.archive" if set(changes) == {"archived"} else "outlet.update"
        uow.emit(op, outlet.id, {"id": outlet.id, "fields": changes}, base_rev=base_rev)
        uow.audit(op, "outlet", outlet.id, changes=changes)

    def apply_remote(self, row: dict[str, Any], *, session: Session | None = None) -> None:
        """Store an outlet as HQ holds it after merging (sync engine; no outbox op)."""
        if session is None:
            with self.ctx.write() as uow:
                _apply_remote(uow.session, row)
        else:
            _apply_remote(session, row)

    # -- queries --------------------------------------------------------------------------

    def get(self, outlet_id: str) -> OutletInfo:
        with self.ctx.read() as s:
            return _info(_get(s, outlet_id))

    def find_duplicates(
        self, *, name: str, phone: str = "", exclude_id: str | None = None
    ) -> list[DuplicateCandidate]:
        with self.ctx.read() as s:
            return _duplicates(s, name, phone, exclude_id)

    def list(
        self,
        *,
        search: str = "",
        region: str = "",
        include_archived: bool = False,
        after: tuple[str, str] | None = None,
        limit: int = 100,
    ) -> OutletPage:
        """Outlets ordered by name, keyset-paginated: pass the previous page's next_key."""
        query = select(Outlet).order_by(Outlet.name, Outlet.id).limit(limit + 1)
        if not include_archived:
            query = query.where(Outlet.archived.is_(False))
        if region:
            query = query.where(Outlet.region == region)
        if search:
            text = to_halfwidth(search).strip()
            phone = normalise_phone(text)
            conditions = [Outlet.name.contains(text), Outlet.code == text.upper()]
            if len(phone) >= 4:
                conditions.append(Outlet.phone_key.startswith(phone))
            query = query.where(or_(*conditions))
        if after:
            query = query.where((Outlet.name > after[0]) | ((Outlet.name == after[0]) & (Outlet.id > after[1])))
        with self.ctx.read() as s:
            rows = list(s.scalars(query))
        more = len(rows) > limit
        rows = rows[:limit]
        next_key = (rows[-1].name, rows[-1].id) if more and rows else None
        return OutletPage([_info(o) for o in rows], next_key)


# The same bounds as HQ's (server/outlets.py): ten years of terms, a bigint of fen.
_INT_MAX = {"payment_terms_days": 3650, "credit_limit_fen": 2**63 - 1}


def _clean_fields(fields: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in EDITABLE_FIELDS:
            raise ValidationError("field.unknown", fields=[key])
        if key in _TEXT_LIMITS:
            value = to_halfwidth(value or "").strip() if key == "phone" else (value or "").strip()
            if len(value) > _TEXT_LIMITS[key]:
                raise ValidationError("field.too_long", field=key, max=_TEXT_LIMITS[key])
        elif key in ("credit_limit_fen", "payment_terms_days"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValidationError("field.not_negative_int", field=key, value=str(value))
            if value > _INT_MAX[key]:  # HQ refuses more; say so now rather than park the change
                raise ValidationError("field.out_of_range", field=key, min=0, max=_INT_MAX[key],
                                      value=str(value))
        values[key] = value
    if ("name" in values or not partial) and not values.get("name"):
        raise ValidationError("field.required", field="name")
    if values.get("phone") and len(normalise_phone(values["phone"])) < 7:
        raise ValidationError("outlet.phone_invalid", phone=values["phone"])
    return values


def _check_tier(session: Session, tier_id: str | None) -> None:
    if tier_id is not None and session.get(PriceTier, tier_id) is None:
        raise NotFound("tier.not_found", ref=tier_id)


def _refuse_duplicates(session: Session, name: str, phone: str, exclude_id: str | None) -> None:
    candidates = _duplicates(session, name, phone, exclude_id)
    if candidates:
        raise LikelyDuplicate(candidates)


def _duplicates(
    session: Session, name: str, phone: str, exclude_id: str | None
) -> list[DuplicateCandidate]:
    name_key, phone_key = normalise_name(name), normalise_phone(phone)
    conditions = []
    if phone_key:
        conditions.append(Outlet.phone_key == phone_key)
    if name_key:
        conditions.append(Outlet.name_key == name_key)
    if not conditions:
        return []
    query = select(Outlet).where(or_(*conditions)).limit(10)
    if exclude_id:
        query = query.where(Outlet.id != exclude_id)
    found = []
    for o in session.scalars(query):
        reason = "phone" if phone_key and o.phone_key == phone_key else "name"
        found.append(DuplicateCandidate(o.id, o.name, o.phone, o.address, reason))
    return found


def _set_keys(outlet: Outlet) -> None:
    outlet.name_key = normalise_name(outlet.name)
    outlet.phone_key = normalise_phone(outlet.phone)


def _get(session: Session, outlet_id: str) -> Outlet:
    outlet = session.get(Outlet, outlet_id)
    if outlet is None:
        raise NotFound("outlet.not_found", ref=outlet_id)
    return outlet


def _payload(o: Outlet) -> dict[str, Any]:
    data = {key: getattr(o, key) for key in EDITABLE_FIELDS}
    data.update(id=o.id, code=o.code, archived=o.archived)
    return data


def _apply_remote(session: Session, row: dict[str, Any]) -> None:
    outlet = session.get(Outlet, row["id"])
    if outlet is None:
        outlet = Outlet(id=row["id"], code=row.get("code") or row["id"][:12], name=row["name"])
        session.add(outlet)
    for key in (*EDITABLE_FIELDS, "archived", "code"):
        if key in row and row[key] is not None:
            setattr(outlet, key, row[key])
    if "rev" in row:
        outlet.server_rev = row["rev"]
    outlet.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    _set_keys(outlet)


def _info(o: Outlet) -> OutletInfo:
    return OutletInfo(
        o.id, o.code, o.name, o.contact, o.phone, o.address, o.region, o.tier_id,
        o.credit_limit_fen, o.payment_terms_days, o.archived, o.rev,
    )
