"""The demo brand's HQ, seeded as brand staff would set it up: price tiers, the catalog from a
catalog file (prices per tier and the floor, 控价), the distributors with their regions, and
the filing rule (staff decide every filing, so that some wait for the newcomer).

Each step goes through HQ's own functions (the ones behind `channeldesk-hq`), which publish
on the feeds exactly as the staff commands do.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.demo.products import PACK_UNIT, TAX_RATE_BP, TIERS, DemoProduct
from app.money import format_fen
from server import admin, feed, settings
from server.catalog import import_catalog
from server.db import Database
from server.models import PriceTier

CATALOG_FILE = "brand-catalog.csv"
CATALOG_COLUMNS = ("sku", "name", "spec", "category", "base_unit", "packs", "barcodes",
                   "tax_rate", "shelf_life_days", "floor_price",
                   *(f"price_{code}" for code, _name, _markup in TIERS))


@dataclass(frozen=True)
class DemoDistributor:
    """A distributor as HQ registers it. Agreements (issue 14: territory, product lines,
    targets) belong here too: `seed_distributor` is where each distributor's agreement is to
    be seeded beside it."""

    code: str
    name: str
    region: str


# The demo PC's distributor, and a rival in the next district whose approved filing makes the
# demo's filing of the same shop a conflict (撞单).
DEMO_DISTRIBUTOR = DemoDistributor("GZ01", "演示商贸有限公司", "广州市天河区")
RIVAL_DISTRIBUTOR = DemoDistributor("GZ02", "城南食品商行", "广州市海珠区")


def seed_brand(db: Database, folder: Path, products: Sequence[DemoProduct],
               distributors: Sequence[DemoDistributor] = (DEMO_DISTRIBUTOR, RIVAL_DISTRIBUTOR)) -> dict[str, str]:
    """Everything HQ holds before any PC enrolls. Returns {distributor code: id}."""
    catalog = write_catalog_file(folder / CATALOG_FILE, products)
    with db.write() as s:
        admin.set_setting(s, "filing_auto_approve", "0")
        for code, name, _markup in TIERS:
            add_price_tier(s, code, name)
        result = import_catalog(s, catalog)
        if result.problems or not result.written:
            raise ValueError(f"demo catalog refused: {result.problems}")
        return {d.code: seed_distributor(s, d) for d in distributors}


def seed_distributor(session: Session, distributor: DemoDistributor) -> str:
    return admin.add_distributor(session, distributor.code, distributor.name, distributor.region).id


def add_price_tier(session: Session, code: str, name: str) -> None:
    """A named tier, published on the catalog feed (a catalog import names new tiers by
    their code only)."""
    session.add(PriceTier(code=code, name=name))
    session.flush()
    feed.publish(session, settings.CATALOG_FEED, "price_tier", code, {"code": code, "name": name})


def write_catalog_file(path: Path, products: Sequence[DemoProduct]) -> Path:
    """The catalog as brand staff keep it: one row per product, prices in yuan."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, CATALOG_COLUMNS)
        writer.writeheader()
        writer.writerows(catalog_row(p) for p in products)
    return path


def catalog_row(p: DemoProduct) -> dict[str, str]:
    row = {
        "sku": p.sku, "name": p.name, "spec": p.spec, "category": p.category,
        "base_unit": p.base_unit, "packs": f"{PACK_UNIT}={p.pack_factor}",
        "barcodes": f"{p.base_barcode};{PACK_UNIT}:{p.pack_barcode}",
        "tax_rate": str(TAX_RATE_BP // 100), "shelf_life_days": str(p.shelf_life_days),
        "floor_price": format_fen(p.floor_fen),
    }
    for code, _name, markup in TIERS:
        row[f"price_{code}"] = format_fen(p.tier_price_fen(markup))
    return row
