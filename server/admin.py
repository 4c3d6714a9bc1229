"""HQ staff actions behind the `channeldesk-hq` admin commands."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server import filings, settings
from server.documents import move_po
from server.models import (
    Device,
    Distributor,
    FeedCounter,
    Filing,
    Product,
    PurchaseOrder,
    StockMove,
    utcnow,
)


def add_distributor(session: Session, code: str, name: str, region: str = "") -> Distributor:
    if session.scalar(select(Distributor).where(Distributor.code == code)) is not None:
        raise ValueError(f"distributor {code} already exists")
    distributor = Distributor(id=str(uuid.uuid4()), code=code, name=name, region=region)
    session.add(distributor)
    session.add(FeedCounter(feed=settings.distributor_feed(distributor.id), seq=0))
    session.flush()
    return distributor


def list_filings(session: Session, status: str | None = None) -> list[Filing]:
    query = select(Filing).order_by(Filing.submitted_at)
    if status:
        query = query.where(Filing.status == status)
    return list(session.scalars(query))


def decide_filing(session: Session, filing_id: str, decision: str, reason: str = "") -> Filing:
    if decision not in ("approve", "reject"):
        raise ValueError("decision must be approve or reject")
    return filings.decide_by_staff(session, filing_id, decision == "approve", reason)


def list_pos(session: Session, status: str | None = None) -> list[PurchaseOrder]:
    query = select(PurchaseOrder).order_by(PurchaseOrder.submitted_at)
    if status:
        query = query.where(PurchaseOrder.status == status)
    return list(session.scalars(query))


def decide_po(session: Session, po_id: str, action: str, reason: str = "") -> PurchaseOrder:
    po = session.get(PurchaseOrder, po_id)
    if po is None:
        raise LookupError(f"unknown purchase order {po_id}")
    move_po(session, po, action, reason)
    return po


def list_devices(session: Session) -> list[tuple[Device, str]]:
    """Every device with its distributor's code, by distributor then enrollment."""
    rows = session.execute(select(Device, Distributor.code).join(Distributor, Distributor.id == Device.distributor_id)
                           .order_by(Distributor.code, Device.created_at))
    return [(d, code) for d, code in rows]


def revoke_device(session: Session, device_id: str) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise LookupError(f"unknown device {device_id}")
    device.revoked_at = device.revoked_at or utcnow()
    return device


def set_setting(session: Session, key: str, value: str) -> None:
    if key not in settings.DEFAULTS:
        raise ValueError(f"unknown setting {key}; known: {', '.join(sorted(settings.DEFAULTS))}")
    if key in ("protection_days", "enroll_code_days") and (not value.isdigit() or int(value) < 1):
        raise ValueError(f"{key} must be a positive whole number of days")
    settings.put(session, key, value)


def sell_through_report(session: Session, out: Path) -> int:
    """Per distributor: quantities sold by product and day (shipments less returns, in base
    units) and stock on hand now. Returns the number of rows written."""
    sku = {p.id: p.sku for p in session.scalars(select(Product))}
    codes = {d.id: d.code for d in session.scalars(select(Distributor))}
    on_hand = {
        (r[0], r[1]): int(r[2])
        for r in session.execute(
            select(StockMove.distributor_id, StockMove.product_id, func.sum(StockMove.quantity))
            .group_by(StockMove.distributor_id, StockMove.product_id)
        )
    }
    sold = session.execute(
        select(
            StockMove.distributor_id, StockMove.product_id, StockMove.business_day,
            -func.sum(StockMove.quantity),
        )
        .where(StockMove.kind.in_(("shipment", "return")))
        .group_by(StockMove.distributor_id, StockMove.product_id, StockMove.business_day)
        .order_by(StockMove.distributor_id, StockMove.product_id, StockMove.business_day)
    ).all()
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["distributor", "sku", "product_id", "day", "sold_base_qty", "on_hand_base_qty"])
        for dist, product, day, qty in sold:
            writer.writerow([codes.get(dist, dist), sku.get(product, ""), product,
                             day.isoformat(), int(qty), on_hand.get((dist, product), 0)])
        sold_keys = {(r[0], r[1]) for r in sold}
        for (dist, product), qty in sorted(on_hand.items()):
            if (dist, product) not in sold_keys:  # stock that did not move: still reported
                writer.writerow([codes.get(dist, dist), sku.get(product, ""), product, "", 0, qty])
    return len(sold)


