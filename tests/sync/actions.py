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


def sell(pc, outlet_id: str, sku: str, quantity: int, price_fen: int = 350) -> str:
    """A confirmed order; shipping it later may take the stock below zero (allowed on PCs
    set up that way, and HQ flags it)."""
    pid, unit = product(pc, sku)
    return pc.store.sales.create_order(outlet_id=outlet_id, lines=[
        {"product_id": pid, "unit_id": unit, "quantity": quantity, "unit_price_fen": price_fen}]).id


NEXT_STEP = {"confirmed": "ship", "shipped": "deliver", "delivered": "invoice"}
STEP_TARGET = {"ship": "shipped", "deliver": "delivered", "invoice": "invoiced"}


def advance(pc, order_id: str, goal: str) -> None:
    """Move the order on as a clerk would, through the services, up to `goal`: ship, deliver,
    invoice (the steps before it first), cancel, or return (one unit of the first line, after
    shipping). Raises the service's error when the order is not on this PC or past that point."""
    sales = pc.store.sales
    if goal == "cancel":
        sales.cancel(order_id=order_id, reason="客户取消")
        return
    target = STEP_TARGET.get(goal, "shipped")
    status = sales.get(order_id).order.status
    while status != target and status in NEXT_STEP:
        step = NEXT_STEP[status]
        if step == "deliver" and goal == "invoice":
            step = "invoice"  # an invoice does not wait for the signed receipt
        if step == "deliver":
            sales.deliver(order_id=order_id, signed_by="店主")
        else:
            getattr(sales, step)(order_id=order_id)
        status = sales.get(order_id).order.status
    if goal == "return":
        line = sales.get(order_id).lines[0]
        sales.create_return(order_id=order_id, lines=[(line.id, 1)], reason="破损")
