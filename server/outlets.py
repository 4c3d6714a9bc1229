"""Outlets: distributor-owned, merged per field. When two PCs changed the same field the
value received last wins and both values go to the conflict log (nothing silently lost)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from server import feed, payload
from server.errors import OpRejected
from server.models import Outlet, OutletConflict, utcnow

if TYPE_CHECKING:
    from server.ops import OpContext, Outcome

TEXT_FIELDS = {"code": 40, "name": 200, "contact": 50, "phone": 50, "address": 300, "region": 100}
INT_FIELDS = ("credit_limit_fen", "payment_terms_days")
# What the columns hold (and a clerk could mean): terms in days fit an int4 with room to spare.
INT_LIMITS = {"credit_limit_fen": (0, payload.BIGINT_MAX), "payment_terms_days": (0, 3650)}
MERGEABLE = (*TEXT_FIELDS, *INT_FIELDS, "tier_id", "archived")


def outlet_data(o: Outlet) -> dict:
    return {
        "id": o.id, "code": o.code, "name": o.name, "contact": o.contact, "phone": o.phone,
        "address": o.address, "region": o.region, "tier_id": o.tier_id,
        "credit_limit_fen": o.credit_limit_fen, "payment_terms_days": o.payment_terms_days,
        "archived": o.archived, "rev": o.rev,
    }


def _check(field: str, value):
    if field in TEXT_FIELDS:
        return payload.text({field: value}, field, TEXT_FIELDS[field])
    if field in INT_FIELDS:
        number = payload.integer({field: value}, field)
        low, high = INT_LIMITS[field]
        if not low <= number <= high:
            raise OpRejected("invalid_payload", field=field)
        return number
    if field == "tier_id":
        return payload.opt_id({field: value}, field)
    if field == "archived":
        if not isinstance(value, bool):
            raise OpRejected("invalid_payload", field=field)
        return value
    raise OpRejected("invalid_payload", field=field)


def _publish(ctx: OpContext, outlet: Outlet) -> None:
    outlet.updated_at = utcnow()
    ctx.session.flush()
    feed.publish(ctx.session, ctx.feed, "outlet", outlet.id, outlet_data(outlet), rev=outlet.rev)


def _own(ctx: OpContext, outlet_id: str) -> Outlet:
    outlet = ctx.session.get(Outlet, outlet_id)
    if outlet is None or outlet.distributor_id != ctx.distributor_id:
        raise OpRejected("not_found", entity="outlet")
    return outlet


def create(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    outlet_id = payload.opt_id(p, "id") or entity_id
    existing = ctx.session.get(Outlet, outlet_id)
    if existing is not None and existing.distributor_id != ctx.distributor_id:
        raise OpRejected("id_conflict")
    values = {f: _check(f, p[f]) for f in MERGEABLE if f in p}
    if not values.get("name", "").strip():
        raise OpRejected("invalid_payload", field="name")
    outlet = existing or Outlet(id=outlet_id, distributor_id=ctx.distributor_id, rev=0)
    for key, value in values.items():
        setattr(outlet, key, value)
    outlet.rev = (outlet.rev or 0) + 1
    if existing is None:
        ctx.session.add(outlet)
    _publish(ctx, outlet)
    return Outcome(detail={"rev": outlet.rev})


def update(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    fields = p.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise OpRejected("invalid_payload", field="fields")
    outlet = _own(ctx, entity_id)
    overwritten = []
    for name, change in fields.items():
        if not isinstance(change, list | tuple) or len(change) != 2:
            raise OpRejected("invalid_payload", field=name)
        if name not in MERGEABLE:
            raise OpRejected("invalid_payload", field=name)
        old, new = change[0], _check(name, change[1])
        current = getattr(outlet, name)
        if current == new:
            continue
        if current != old:
            # Someone else changed this field since this PC saw it: last received wins.
            overwritten.append(name)
            ctx.session.add(
                OutletConflict(
                    distributor_id=ctx.distributor_id, outlet_id=outlet.id, field=name,
                    overwritten_value=str(current), winning_value=str(new), op_id=ctx.op_id,
                )
            )
        setattr(outlet, name, new)
    outlet.rev += 1
    _publish(ctx, outlet)
    return Outcome(detail={"rev": outlet.rev, "overwritten": overwritten})


def archive(ctx: OpContext, p: dict, entity_id: str) -> Outcome:
    from server.ops import Outcome

    if "fields" in p:  # the outlet service sends archiving as a field patch
        return update(ctx, p, entity_id)
    outlet = _own(ctx, entity_id)
    archived = p.get("archived", True)
    outlet.archived = archived if isinstance(archived, bool) else True
    outlet.rev += 1
    _publish(ctx, outlet)
    return Outcome(detail={"rev": outlet.rev})


HANDLERS = {"outlet.create": create, "outlet.update": update, "outlet.archive": archive}
