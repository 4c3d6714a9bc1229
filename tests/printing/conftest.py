"""A distributor's day, made through the services: stock received by lot, orders confirmed,
shipped, invoiced and paid, a return, a purchase order to the brand."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from app.services.printing import PrintService
from app.services.purchasing import PoLineIn
from app.services.sales import LineInput
from app.services.stock import ReceiptLineIn
from tests.services.factories import main_warehouse, make_outlet, make_product, unit_of

TODAY = dt.date.today()


@dataclass
class World:
    outlet_id: str
    outlet_code: str
    order_id: str
    order_number: str
    note_number: str
    invoice_number: str
    return_number: str
    po_number: str
    warehouse_id: str
    cola_id: str
    cola_case: str
    tea_id: str
    tea_bottle: str


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def compact(text: str) -> str:
    """Extracted text without the spaces and breaks the PDF layout puts between glyphs."""
    return "".join(text.split())


@pytest.fixture
def world(store) -> World:
    with store.ctx.write() as uow:
        s = uow.session
        wh = main_warehouse(s)
        cola = make_product(s, sku="COLA500", name="可口可乐500ml", price_fen=350, tier="A")
        tea = make_product(s, sku="TEA550", name="康师傅绿茶", price_fen=300, floor_fen=250,
                           tier="A")
        outlet = make_outlet(s, name="好运来便利店", code="HY001", credit_limit_fen=10_000_000,
                             tier_code="A", phone="13800000001", address="西湖区文三路1号")
        ids = (wh.id, outlet.id, outlet.code, cola.id, tea.id, unit_of(s, cola, "箱").id,
               unit_of(s, tea, "瓶").id)
    wh_id, outlet_id, outlet_code, cola_id, tea_id, cola_case, tea_bottle = ids
    # Two cola lots: the 30 bottles expiring first go out first, so a 2-case line splits.
    store.stock.receive(warehouse_id=wh_id, lines=[
        ReceiptLineIn(cola_id, None, 30, lot_no="L2026A",
                      expiry_date=TODAY + dt.timedelta(days=60)),
        ReceiptLineIn(cola_id, None, 200, lot_no="L2026B",
                      expiry_date=TODAY + dt.timedelta(days=200)),
        ReceiptLineIn(tea_id, None, 100, lot_no="T88", expiry_date=TODAY + dt.timedelta(days=90)),
    ])
    order = store.sales.create_order(outlet_id=outlet_id, lines=[
        LineInput(cola_id, cola_case, 2), LineInput(tea_id, tea_bottle, 10),
    ])
    shipped = store.sales.ship(order_id=order.id)
    invoice = store.sales.invoice(order_id=order.id)
    store.receivables.record_payment(outlet_id=outlet_id, amount_fen=5000, method="cash")
    tea_line = next(ln for ln in store.sales.get(order.id).lines if ln.sku == "TEA550")
    returned = store.sales.create_return(order_id=order.id, lines=[(tea_line.id, 2)],
                                         reason="包装破损")
    po = store.purchasing.create_draft(warehouse_id=wh_id, lines=[
        PoLineIn(cola_id, cola_case, 10, 7200), PoLineIn(tea_id, None, 48, 240),
    ])
    store.purchasing.submit(po.id)
    return World(outlet_id, outlet_code, order.id, order.number, shipped.delivery_note_number,
                 invoice.number, returned.number, po.number, wh_id, cola_id, cola_case, tea_id,
                 tea_bottle)


@pytest.fixture
def printing(store) -> PrintService:
    return PrintService(store.ctx)


def ship_orders(store, world: World, count: int) -> list[str]:
    """`count` more one-line orders for the same outlet, shipped; returns their order numbers."""
    numbers = []
    for _ in range(count):
        order = store.sales.create_order(outlet_id=world.outlet_id,
                                         lines=[LineInput(world.tea_id, world.tea_bottle, 1)])
        store.sales.ship(order_id=order.id)
        numbers.append(order.number)
    return numbers

