"""Applying a pulled page of HQ changes to the local store, together with the cursor, in
ONE local transaction: the cursor never runs ahead of the data it stands for.

Rows come from HQ (catalog, decisions) or from this distributor's other PCs (outlets, stock
moves, orders, payments...); they are written directly, with no outbox op, so every PC
converges on HQ's feed. The services' hooks and rules are used with the caller's session
(catalog, outlets, filing decisions, purchase order statuses), and HQ's order statuses are
ranked by the lifecycle rules the services check (app.services.lifecycles).

A change that cannot be applied (a reference this PC cannot satisfy, a malformed row) is
skipped inside a savepoint and counted, so one bad row never wedges the feed.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db.models import (
    Batch,
    CustomerFiling,
    InboundDeferred,
    OutboxOp,
    Outlet,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    StockMove,
    SyncCursor,
    SyncMeta,
)
from app.ids import derived_id
from app.services import catalog as catalog_hooks
from app.services import filings, lifecycles, purchasing
from app.services.context import ServiceContext
from app.sync import bulk_orders, remote_documents
from app.sync.references import (
    MissingReference,
    ensure_batch,
    ensure_product,
    ensure_warehouse,
    free_number,
    require_outlet,
    require_unit,
)

log = logging.getLogger(__name__)

CURSOR_STREAM = "hq"
APPLY_CACHE_KIB = 65536


@dataclass
class ApplyCounts:
    applied: int = 0
    skipped: int = 0
    deferred: int = 0  # waiting for a row that comes later in the feed (InboundDeferred)
    errors: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=256)
def tier_id(code: str) -> str:
    """Every PC derives the same local id for an HQ price tier code."""
    return derived_id("price_tier", code)


def category_id(name: str) -> str:
    return derived_id("category", name)


def load_cursor(session: Session) -> str:
    row = session.get(SyncCursor, CURSOR_STREAM)
    return row.cursor if row else ""


def apply_page(ctx: ServiceContext, changes: list[dict], next_cursor: str, *, before_commit=None) -> ApplyCounts:
    counts = ApplyCounts()
    with ctx.write() as uow:
        s = uow.session
        if not changes and load_cursor(s) == next_cursor:
            return counts
        # A first sync inserts ~20 search tokens per product into one index; a larger page
        # cache for this connection keeps that index in memory (the default is 2 MB).
        s.connection().exec_driver_sql(f"PRAGMA cache_size = -{APPLY_CACHE_KIB}")
        pending = _pending_patches(s)
        waiting = Deferred(s)
        for entity, run in _runs(changes):
            _apply_run(ctx, s, entity, run, pending, counts, waiting)
        waiting.retry(ctx, pending, counts)
        remote_documents.settle(s)
        _store_cursor(s, next_cursor)
        if counts.errors:
            _note_errors(s, counts.errors)
        if before_commit is not None:
            before_commit()
    return counts


def reset_cursor(ctx: ServiceContext) -> None:
    """HQ no longer knows our position: read the feed again from the start (outbox untouched)."""
    with ctx.write() as uow:
        _store_cursor(uow.session, "")


def _store_cursor(s: Session, cursor: str) -> None:
    row = s.get(SyncCursor, CURSOR_STREAM)
    if row is None:
        s.add(SyncCursor(stream=CURSOR_STREAM, cursor=cursor, updated_at=utcnow()))
    else:
        row.cursor, row.updated_at = cursor, utcnow()


def _note_errors(s: Session, errors: list[str]) -> None:
    row = s.get(SyncMeta, "inbound_errors")
    previous = int(row.value) if row and row.value.isdigit() else 0
    if row is None:
        s.add(SyncMeta(key="inbound_errors", value=str(len(errors))))
    else:
        row.value = str(previous + len(errors))
    last = s.get(SyncMeta, "last_inbound_error") or SyncMeta(key="last_inbound_error")
    last.value = errors[-1][:500]
    s.merge(last)


# The order in which a page's entities are applied: what others refer to comes first. Within
# an entity the feed's order is kept (the sort is stable). The feed interleaves a day's stock
# moves with its orders and payments; grouping them lets the moves go in one statement. A
# reference still missing waits in InboundDeferred, so this order is for speed, not safety.
APPLY_ORDER = {
    entity: rank for rank, entity in enumerate((
        "price_tier", "product", "warehouse", "outlet", "batch", "stock_move", "filing",
        "purchase_order", "sales_order", "payment", "sales_return", "goods_receipt", "stocktake",
    ))
}


def _runs(changes: list[dict]):
    """Changes grouped by entity, so catalog and bulk rows go in one statement."""
    run: list[dict] = []
    last = len(APPLY_ORDER)
    for change in sorted(changes, key=lambda c: APPLY_ORDER.get(c.get("entity"), last)):
        if run and change.get("entity") != run[0].get("entity"):
            yield run[0].get("entity"), run
            run = []
        run.append(change)
    if run:
        yield run[0].get("entity"), run


def _apply_run(ctx, s: Session, entity: str, run: list[dict], pending, counts: ApplyCounts,
               waiting: Deferred) -> None:
    bulk = BULK.get(entity)
    if bulk is not None and len(run) > 1:
        try:
            with s.begin_nested():
                rest = bulk(ctx, s, run, pending) or []  # what the bulk path hands back
            counts.applied += len(run) - len(rest)
            run = rest
        except Exception as exc:  # fall back to row by row to find the bad one
            log.info("bulk apply of %s failed (%s); applying row by row", entity, exc)
    handler = SINGLE.get(entity)
    for change in run:
        if handler is None:
            counts.skipped += 1  # an entity this version does not model (newer HQ)
            continue
        outcome = _apply_one(ctx, s, handler, change, pending, counts)
        if isinstance(outcome, MissingReference):
            waiting.keep(change, outcome)
            counts.deferred += 1
        elif outcome is None:
            waiting.forget(change)  # a newer state of a deferred entity was applied


def _apply_one(ctx, s: Session, handler, change: dict, pending, counts: ApplyCounts):
    """None when applied; the MissingReference when it must wait; an error is counted."""
    try:
        with s.begin_nested():
            handler(ctx, s, change, pending)
        counts.applied += 1
        return None
    except MissingReference as missing:
        return missing
    except Exception as exc:
        entity = change.get("entity")
        counts.skipped += 1
        counts.errors.append(f"{entity} {change.get('entity_id')}: {exc}"[:300])
        log.warning("could not apply %s %s: %s", entity, change.get("entity_id"), exc)
        return exc


class Deferred:
    """Changes kept aside until the rows they refer to arrive (see InboundDeferred)."""

    MAX_PASSES = 5

    def __init__(self, s: Session) -> None:
        self.s = s
        self.any = s.scalar(select(func.count()).select_from(InboundDeferred)) > 0

    def keep(self, change: dict, missing: MissingReference) -> None:
        row = self.s.get(InboundDeferred, (change.get("entity"), str(change.get("entity_id"))))
        if row is None:
            self.s.add(InboundDeferred(entity=change.get("entity"), entity_id=str(change.get("entity_id")),
                                       change=change, missing=str(missing)[:300], first_seen=utcnow()))
        else:
            row.change, row.missing, row.attempts = change, str(missing)[:300], row.attempts + 1
        self.s.flush()
        self.any = True

    def forget(self, change: dict) -> None:
        if self.any:
            self.s.execute(delete(InboundDeferred).where(
                InboundDeferred.entity == change.get("entity"),
                InboundDeferred.entity_id == str(change.get("entity_id"))))

    def retry(self, ctx, pending, counts: ApplyCounts) -> None:
        """After a page: whatever now finds its rows is applied (one may unlock another: an
        order, then its return), the rest keeps waiting."""
        for _ in range(self.MAX_PASSES if self.any else 0):
            progress = False
            rows = self.s.scalars(select(InboundDeferred).order_by(InboundDeferred.first_seen)).all()
            for row in rows:
                handler = SINGLE.get(row.entity)
                outcome = _apply_one(ctx, self.s, handler, row.change, pending, counts) if handler else None
                if isinstance(outcome, MissingReference):
                    row.missing = str(outcome)[:300]
                    continue
                self.s.delete(row)
                progress = True
            self.s.flush()
            if not progress:
                return


def waiting_count(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(InboundDeferred)))


def _pending_patches(s: Session) -> dict[str, list[dict]]:
    """Local outlet edits not yet answered by HQ: re-applied over HQ's row so the clerk
    keeps seeing what was typed until HQ has merged it."""
    patches: dict[str, list[dict]] = defaultdict(list)
    rows = s.execute(
        select(OutboxOp.entity_id, OutboxOp.payload)
        .where(OutboxOp.entity == "outlet", OutboxOp.state == "pending")
        .order_by(OutboxOp.seq)
    )
    for entity_id, payload in rows:
        data = payload if isinstance(payload, dict) else json.loads(payload)
        patches[entity_id].append(data)
    return patches


# -- catalog ---------------------------------------------------------------------------------

def _product_rows(s: Session, run: list[dict]) -> list[dict]:
    rows = []
    categories = {}
    for change in run:
        data = change["data"]
        if change.get("op") == "tombstone":
            s.execute(Product.__table__.update().where(Product.id == change["entity_id"]).values(archived=True))
            continue
        cat = data.get("category") or ""
        if cat:
            categories[category_id(cat)] = {"id": category_id(cat), "name": cat}
        rows.append({**data, "category_id": category_id(cat) if cat else None})
    if categories:
        catalog_hooks.upsert_categories(s, categories.values())
    return rows


def _apply_products(ctx, s: Session, run: list[dict], pending) -> None:
    rows = _product_rows(s, run)
    catalog_hooks.upsert_products(s, rows)
    # Prices are keyed by (product, tier): upsert_prices keeps the id of an existing row.
    prices = [
        {"product_id": r["id"], "tier_id": tier_id(code), "price_fen": int(fen),
         "rev": int(r.get("rev") or 1)}
        for r in rows for code, fen in (r.get("prices") or {}).items() if fen is not None
    ]
    if prices:
        _ensure_tiers(s, {p["tier_id"] for p in prices}, rows)
        catalog_hooks.upsert_prices(s, prices)
    _drop_withdrawn_prices(s, rows)


def _drop_withdrawn_prices(s: Session, rows: list[dict]) -> None:
    """A tier price HQ no longer publishes for a product is deleted here too."""
    from app.db.models import ProductPrice

    tier_count = {r["id"]: sum(v is not None for v in (r.get("prices") or {}).values()) for r in rows}
    stored = s.execute(
        select(ProductPrice.product_id, func.count()).where(ProductPrice.product_id.in_(list(tier_count)))
        .group_by(ProductPrice.product_id)
    ).all()
    for product_id, count in stored:
        if count > tier_count[product_id]:  # rare: only then look at which tiers went away
            published = {tier_id(c) for c, v in next(
                r for r in rows if r["id"] == product_id).get("prices", {}).items() if v is not None}
            s.execute(ProductPrice.__table__.delete().where(
                ProductPrice.product_id == product_id, ProductPrice.tier_id.not_in(published)))


def _ensure_tiers(s: Session, ids: set[str], rows: list[dict]) -> None:
    from app.db.models import PriceTier

    known = set(s.scalars(select(PriceTier.id).where(PriceTier.id.in_(ids))))
    codes = {tier_id(c): c for r in rows for c in (r.get("prices") or {})}
    missing = [{"id": i, "code": codes[i], "name": codes[i]} for i in ids - known]
    if missing:
        catalog_hooks.upsert_price_tiers(s, missing)


def _apply_product(ctx, s, change, pending) -> None:
    _apply_products(ctx, s, [change], pending)


def _apply_tier(ctx, s, change, pending) -> None:
    data = change["data"]
    catalog_hooks.upsert_price_tiers(s, [{"id": tier_id(data["code"]), "code": data["code"],
                                         "name": data.get("name") or data["code"]}])


# -- the distributor's own data --------------------------------------------------------------

def _apply_outlet(ctx, s: Session, change: dict, pending) -> None:
    from app.services.outlets import OutletService

    row = dict(change["data"])
    if change.get("op") == "tombstone":
        row = {"id": change["entity_id"], "archived": True}
        if s.get(Outlet, row["id"]) is None:
            return
    row["rev"] = change.get("rev", row.get("rev"))
    if row.get("tier_id") and s.get(_tier_model(), row["tier_id"]) is None:
        row["tier_id"] = None
    row["code"] = _free_outlet_code(s, row["id"], row.get("code") or row["id"][:12])
    OutletService(ctx).apply_remote(row, session=s)
    for patch in pending.get(row["id"], ()):
        _reapply_patch(s, row["id"], patch)


def _apply_outlets(ctx, s: Session, run: list[dict], pending) -> None:
    """A page of outlets in one statement (initial sync); same result as _apply_outlet."""
    from app.db.models import PriceTier
    from app.text import normalise_name, normalise_phone

    latest: dict[str, tuple[dict, int | None]] = {}
    for change in run:
        if change.get("op") == "tombstone":
            raise ValueError("tombstones go row by row")
        latest[change["data"]["id"]] = (change["data"], change.get("rev"))
    codes = {d.get("code") or i[:12] for i, (d, _rev) in latest.items()}
    taken = dict(s.execute(select(Outlet.code, Outlet.id).where(Outlet.code.in_(codes))).all())
    tier_ids = {d.get("tier_id") for d, _rev in latest.values() if d.get("tier_id")}
    tiers = set(s.scalars(select(PriceTier.id).where(PriceTier.id.in_(tier_ids)))) if tier_ids else set()
    now = utcnow()
    values = []
    for outlet_id, (d, rev) in latest.items():
        code = d.get("code") or outlet_id[:12]
        if taken.get(code, outlet_id) != outlet_id:
            code = f"{code}-{outlet_id[-4:]}"
        values.append({
            "id": outlet_id, "code": code, "name": d["name"], "contact": d.get("contact") or "",
            "phone": d.get("phone") or "", "address": d.get("address") or "",
            "region": d.get("region") or "",
            "tier_id": d.get("tier_id") if d.get("tier_id") in tiers else None,
            "credit_limit_fen": int(d.get("credit_limit_fen") or 0),
            "payment_terms_days": int(d.get("payment_terms_days", 30)),
            "archived": bool(d.get("archived")), "rev": rev or 1, "server_rev": rev,
            "name_key": normalise_name(d["name"]), "phone_key": normalise_phone(d.get("phone")),
            "created_at": now, "updated_at": now,
        })
    stmt = sqlite_insert(Outlet)
    keep = {"id", "rev", "created_at"}  # the local revision counts local edits only
    s.execute(stmt.on_conflict_do_update(
        index_elements=["id"],
        set_={c: getattr(stmt.excluded, c) for c in values[0] if c not in keep},
    ), values)
    for outlet_id in latest:
        for patch in pending.get(outlet_id, ()):
            _reapply_patch(s, outlet_id, patch)


def _tier_model():
    from app.db.models import PriceTier

    return PriceTier


def _free_outlet_code(s: Session, outlet_id: str, code: str) -> str:
    """Outlet codes are unique locally; a code taken by another outlet gets a suffix."""
    other = s.scalar(select(Outlet.id).where(Outlet.code == code, Outlet.id != outlet_id))
    return code if other is None else f"{code}-{outlet_id[-4:]}"


def _reapply_patch(s: Session, outlet_id: str, patch: dict) -> None:
    outlet = s.get(Outlet, outlet_id)
    fields = patch.get("fields") if "fields" in patch else None
    if outlet is None or not isinstance(fields, dict):
        return
    for name, change in fields.items():
        if hasattr(outlet, name) and isinstance(change, list) and len(change) == 2:
            setattr(outlet, name, change[1])


def _apply_filing(ctx, s: Session, change: dict, pending) -> None:
    data = change["data"]
    until = dt.date.fromisoformat(data["protection_until"]) if data.get("protection_until") else None
    filing = s.get(CustomerFiling, data["id"])
    if filing is None:
        require_outlet(s, data["outlet_id"])
        s.add(CustomerFiling(
            id=data["id"], outlet_id=data["outlet_id"], status=data["status"],
            outlet_name=data.get("outlet_name", ""), phone=data.get("phone", ""),
            address=data.get("address", ""), protection_until=until,
            decision_reason=data.get("reason", ""),
        ))
        return
    if data["status"] in filings.HQ_DECISIONS:
        filings.FilingService(ctx).apply_hq_decision(
            data["id"], status=data["status"], protection_until=until,
            reason=data.get("reason", ""), session=s,
        )
    elif data["status"] == "withdrawn":
        filing.status = "withdrawn"


def _apply_warehouse(ctx, s: Session, change: dict, pending) -> None:
    data = change["data"]
    ensure_warehouse(s, data["id"], data.get("code") or "", data.get("name") or "")


def _apply_moves(ctx, s: Session, run: list[dict], pending) -> None:
    rows = []
    for change in run:
        m = change["data"]
        ensure_product(s, m["product_id"])
        ensure_warehouse(s, m["warehouse_id"])
        ensure_batch(s, m.get("batch_id"), m["product_id"])
        day = dt.date.fromisoformat(m["business_day"]) if m.get("business_day") else utcnow().date()
        rows.append({
            "id": m["id"], "product_id": m["product_id"], "warehouse_id": m["warehouse_id"],
            "batch_id": m.get("batch_id"), "quantity": int(m["quantity"]), "kind": m["kind"],
            "ref_type": m.get("ref_type") or "", "ref_id": m.get("ref_id"),
            "reason": m.get("reason") or "", "reverses_id": _known_move(s, m.get("reverses_id")),
            "created_at": dt.datetime.combine(day, dt.time()), "user_id": None,
        })
    s.execute(sqlite_insert(StockMove).on_conflict_do_nothing(index_elements=["id"]), rows)


def _known_move(s: Session, move_id: str | None) -> str | None:
    return move_id if move_id and s.get(StockMove, move_id) is not None else None


def _apply_move(ctx, s, change, pending) -> None:
    _apply_moves(ctx, s, [change], pending)


def _apply_batch(ctx, s: Session, change: dict, pending) -> None:
    b = change["data"]
    existing = s.get(Batch, b["id"])
    dates = {k: dt.date.fromisoformat(b[k]) if b.get(k) else None for k in ("production_date", "expiry_date")}
    if existing is None:
        ensure_product(s, b["product_id"])
        s.add(Batch(id=b["id"], product_id=b["product_id"], lot_no=b["lot_no"], **dates))
    elif existing.lot_no.startswith("?"):
        existing.lot_no = b["lot_no"]
        existing.production_date, existing.expiry_date = dates["production_date"], dates["expiry_date"]


def _apply_sales_order(ctx, s: Session, change: dict, pending) -> None:
    apply_order_snapshot(ctx, s, change["data"], change.get("rev"))


def apply_order_snapshot(ctx, s: Session, o: dict, rev: int | None) -> None:
    """HQ's view of one sales order (from the feed, or from HQ's answer to a refused command)."""
    order = s.get(SalesOrder, o["id"])
    if order is not None:
        if lifecycles.hq_order_status_applies(order.status, o["status"]):
            order.status = o["status"]
        order.server_rev = rev
        if rev is not None and rev > order.rev and not _pending_ops(s, order.id):
            order.rev = rev  # this PC's next command is checked against HQ's revision
        remote_documents.apply_order_events(s, order, o)
        return
    require_outlet(s, o["outlet_id"])
    ensure_warehouse(s, o["warehouse_id"])
    number = free_number(s, SalesOrder, o.get("number") or o["id"])
    s.add(SalesOrder(**bulk_orders.order_row(o, rev, number, utcnow())))
    s.flush()
    for n, line in enumerate(o.get("lines") or [], start=1):
        require_unit(s, line["product_id"], line["unit_id"])
        s.add(SalesOrderLine(**bulk_orders.line_row(o["id"], n, line)))
    s.flush()
    remote_documents.apply_order_events(s, s.get(SalesOrder, o["id"]), o)


def _pending_ops(s: Session, entity_id: str) -> bool:
    return s.scalar(select(OutboxOp.seq).where(
        OutboxOp.entity_id == entity_id, OutboxOp.state == "pending").limit(1)) is not None


def _apply_purchase_order(ctx, s: Session, change: dict, pending) -> None:
    p = change["data"]
    po = s.get(PurchaseOrder, p["id"])
    if po is not None:
        purchasing.record_hq_status(po, p["status"], p.get("reason") or "")
        po.server_rev = change.get("rev")
        return
    ensure_warehouse(s, p["warehouse_id"])
    s.add(PurchaseOrder(
        id=p["id"], number=free_number(s, PurchaseOrder, p.get("number") or p["id"]),
        warehouse_id=p["warehouse_id"], status=p["status"],
        order_date=dt.date.fromisoformat(p["order_date"]), total_fen=int(p["total_fen"]),
        note=p.get("note") or "", hq_reason=p.get("reason") or "", server_rev=change.get("rev"),
    ))
    s.flush()
    for n, line in enumerate(p.get("lines") or [], start=1):
        require_unit(s, line["product_id"], line["unit_id"])
        s.add(PurchaseOrderLine(
            id=line.get("id") or derived_id("po_line", p["id"], str(n)), po_id=p["id"],
            line_no=line.get("line_no") or n, product_id=line["product_id"],
            unit_id=line["unit_id"], quantity=int(line["quantity"]),
            base_quantity=int(line["base_quantity"]), unit_price_fen=int(line["unit_price_fen"]),
            amount_fen=int(line["amount_fen"]),
        ))


BULK = {
    "product": _apply_products,
    "stock_move": _apply_moves,
    "outlet": _apply_outlets,
    "sales_order": bulk_orders.apply_orders,
    "payment": bulk_orders.apply_payments,
}
SINGLE = {
    "product": _apply_product,
    "price_tier": _apply_tier,
    "warehouse": _apply_warehouse,
    "outlet": _apply_outlet,
    "filing": _apply_filing,
    "stock_move": _apply_move,
    "batch": _apply_batch,
    "sales_order": _apply_sales_order,
    "purchase_order": _apply_purchase_order,
    "payment": remote_documents.apply_payment,
    "sales_return": remote_documents.apply_sales_return,
    "goods_receipt": remote_documents.apply_goods_receipt,
    "stocktake": remote_documents.apply_stocktake,
}
