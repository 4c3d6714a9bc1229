"""What clerks do on a PC, through the real services (each call is one local transaction
that appends its outbox ops)."""

from __future__ import annotations

from sqlalchemy import select

from app.db.models import Product, ProductUnit, Warehouse
from app.services import ledger


def product(pc, sku: str) -> tuple[str, str]:
    """(product id, base unit id) as pulled from HQ's catalog."""
    with pc.ctx.read() as s:
        p = s.scalar(select(Product).where(Product.sku == sku))
        unit = s.scalar(select(ProductUnit).where(ProductUnit.product_id == p.id, ProductUnit.factor == 1))
        return p.id, unit.id


def warehouse(pc) -> str:
    with pc.ctx.read() as s:
        return s.scalar(select(Warehouse.id).order_by(Warehouse.code).limit(1))


def new_outlet(pc, name: str, phone: str = "", address: str = "") -> str:
    return pc.store.outlets.create(name=name, phone=phone, address=address, allow_duplicate=True,
                                   credit_limit_fen=10_000_000).id


def receive(pc, sku: str, quantity: int) -> None:
    pid, _unit = product(pc, sku)
    pc.store.stock.adjust(pid, warehouse(pc), quantity, "opening stock")


def move(pc, sku: str, quantity: int, kind: str = "shipment") -> str:
    """A bare ledger entry (a sale's shipment without the paperwork)."""
    pid, _unit = product(pc, sku)
    with pc.ctx.write() as uow:
        return ledger.post_move(uow, product_id=pid, warehouse_id=warehouse(pc),
                                quantity=quantity, kind=kind).id


def stock_of(pc, sku: str) -> int:
    pid, _unit = product(pc, sku)
    with pc.ctx.read() as s:
        return ledger.on_hand(s, pid)
