"""Batches (批次): a product's lots with their production and expiry dates, recorded when goods
are received and sent to HQ. The dates decide first-expiry-first-out and expiry alerts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.db.models import Batch, Product
from app.errors import ValidationError
from app.ids import new_id
from app.services.context import UnitOfWork
from app.text import to_halfwidth


def normalise_lot(lot_no: str | None) -> str:
    return to_halfwidth(lot_no or "").strip()


def find_or_create_batch(
    uow: UnitOfWork,
    product: Product,
    lot_no: str,
    production_date: dt.date | None = None,
    expiry_date: dt.date | None = None,
) -> Batch:
    """The product's batch with this lot number, created (and sent to HQ) when new.

    A lot already known keeps its dates; giving different ones is refused rather than
    silently ignored, since the dates decide FEFO and expiry alerts.
    """
    lot = normalise_lot(lot_no)
    if not lot:
        raise ValidationError("field.required", field="lot_no")
    expiry = _expiry_date(product, production_date, expiry_date, lot)
    existing = uow.session.scalar(
        select(Batch).where(Batch.product_id == product.id, Batch.lot_no == lot)
    )
    if existing is not None:
        _check_same_dates(existing, production_date, expiry)
        return existing
    batch = Batch(
        id=new_id(),
        product_id=product.id,
        lot_no=lot,
        production_date=production_date,
        expiry_date=expiry,
    )
    uow.session.add(batch)
    uow.emit("batch.create", batch.id, batch_payload(batch))
    return batch


def batch_payload(batch: Batch) -> dict:
    return {
        "id": batch.id,
        "product_id": batch.product_id,
        "lot_no": batch.lot_no,
        "production_date": _iso(batch.production_date),
        "expiry_date": _iso(batch.expiry_date),
    }


def _expiry_date(
    product: Product, production_date: dt.date | None, expiry_date: dt.date | None, lot: str
) -> dt.date | None:
    """The expiry date: given, or production + the product's shelf life; never before production."""
    if expiry_date is None and production_date is not None and product.shelf_life_days:
        expiry_date = production_date + dt.timedelta(days=product.shelf_life_days)
    if expiry_date is not None and production_date is not None and expiry_date < production_date:
        raise ValidationError(
            "batch.dates_invalid",
            lot=lot,
            expiry=expiry_date.isoformat(),
            production=production_date.isoformat(),
        )
    return expiry_date


def _check_same_dates(batch: Batch, production: dt.date | None, expiry: dt.date | None) -> None:
    clash = (production is not None and production != batch.production_date) or (
        expiry is not None and expiry != batch.expiry_date
    )
    if clash:
        raise ValidationError(
            "batch.lot_dates_conflict",
            lot=batch.lot_no,
            production=_iso(batch.production_date),
            expiry=_iso(batch.expiry_date),
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
