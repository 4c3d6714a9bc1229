"""Enrolling this PC with HQ, and building the engine for an enrolled database."""

from __future__ import annotations

import logging
import platform
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update

from app.db.models import Base, CompanyProfile, Warehouse
from app.errors import SyncError
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.sync import credentials
from app.sync.engine import SyncEngine
from app.sync.protocol import DEFAULT_STALL_S, HQClient
from app.sync.references import ensure_warehouse
from app.sync.status import meta, write_meta

log = logging.getLogger(__name__)

# Written by the PC-only demo (app.demo.history) into sync_meta.
PC_ONLY_DEMO_MARK = "demo_data"


@dataclass(frozen=True)
class EnrollResult:
    device_id: str
    distributor_code: str
    distributor_name: str
    token_stored_in: str

    @property
    def changes(self) -> Changes:
        # HQ's distributor code and warehouse ids were written here.
        return Changes(from_hq=True)


def enroll(ctx: ServiceContext, url: str, code: str, *, verify: bool | str = True,
           device_name: str | None = None) -> EnrollResult:
    """Trade HQ's one-time code for this PC's identity. The token goes to the keyring (or a
    private file); the database keeps only HQ's address and the device id.

    The PC-only demo database is refused before HQ is asked (its one-time code stays
    unused): its history was written as if HQ had it, and HQ never will."""
    if meta(ctx).get(PC_ONLY_DEMO_MARK):
        raise SyncError("sync.demo_not_enrollable")
    with ctx.read() as s:
        local = [{"id": w.id, "code": w.code, "name": w.name} for w in s.scalars(select(Warehouse))]
    client = HQClient(url, verify=verify)
    try:
        reply = client.enroll(code.strip(), device_name=device_name or platform.node(), warehouses=local)
    finally:
        client.close()
    stored = credentials.save(Path(ctx.path), reply["device_id"], reply["token"])
    distributor = reply["distributor"]
    with ctx.write() as uow:
        profile = uow.session.scalar(select(CompanyProfile).limit(1))
        if profile is not None:
            profile.distributor_code = distributor["code"]
        _adopt_warehouses(uow.session, reply.get("warehouses") or [])
        uow.audit("sync.enroll", "device", reply["device_id"], hq_url=url,
                  distributor=distributor["code"])
    write_meta(ctx, hq_url=url.rstrip("/"), device_id=reply["device_id"],
               distributor_id=distributor["id"], distributor_code=distributor["code"],
               tls_verify="1" if verify else "0")
    return EnrollResult(reply["device_id"], distributor["code"], distributor["name"], stored.stored_in)


def _adopt_warehouses(session, hq_warehouses: list[dict]) -> None:
    """A second PC of a distributor takes the warehouse ids HQ already knows, so that stock
    moves from every PC land in the same warehouse. Only an unused local warehouse is renamed."""
    for w in hq_warehouses:
        if session.get(Warehouse, w["id"]) is not None:
            continue
        twin = session.scalar(select(Warehouse).where(Warehouse.code == w["code"]))
        if twin is not None and not _warehouse_used(session, twin.id):
            session.execute(update(Warehouse).where(Warehouse.id == twin.id).values(id=w["id"], name=w["name"]))
        else:
            ensure_warehouse(session, w["id"], w["code"], w["name"])


def _warehouse_used(session, warehouse_id: str) -> bool:
    for table in Base.metadata.sorted_tables:
        if table.name != "warehouse" and "warehouse_id" in table.c:
            used = session.scalar(
                select(func.count()).select_from(table).where(table.c.warehouse_id == warehouse_id)
            )
            if used:
                return True
    return False


def make_engine(ctx: ServiceContext, *, stall_timeout: float = DEFAULT_STALL_S, **options) -> SyncEngine:
    m = meta(ctx)
    if not m.get("device_id") or not m.get("hq_url"):
        raise SyncError("sync.not_enrolled")
    creds = credentials.load(Path(ctx.path), m["device_id"])
    if creds is None:
        raise SyncError("sync.credentials_missing")
    client = HQClient(m["hq_url"], creds.token, stall_timeout=stall_timeout,
                      verify=m.get("tls_verify", "1") != "0")
    return SyncEngine(ctx, client, **options)
