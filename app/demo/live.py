"""The demo PC's history made as its people would make it: every step is a service call, so
every change is one transaction with its outbox operation and audit entry, and HQ receives
all of it at the next sync (the demo with HQ, `channeldesk-hq demo`).

The story, in the order the orchestrator (server.demo.world) runs it between syncs:
the manager orders opening stock from the brand (HQ approves and ships it), the warehouse
keeper receives it into dated lots, the clerk registers outlets and files some of them with
HQ, then takes the day's orders: most are shipped (first expiry first), delivered, invoiced
and paid; some stop on the way, one is cancelled. Last, the manager submits purchase orders
that HQ has not decided yet. Everything is dated today: document numbers carry the day they
were made, and a history made now cannot honestly carry older ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.clock import today
from app.demo.outlets import DemoOutlet, distinct_outlets
from app.demo.products import PACK_UNIT, TIERS, DemoProduct
from app.errors import CreditLimitExceeded, StockShortfall
from app.services.catalog import ProductInfo
from app.services.context import CurrentUser
from app.services.outlets import OutletInfo
from app.services.purchasing import PoLineIn, PoReceiveLine
from app.services.sales import LineInput
from app.store import Store

PO_LINES = 40  # lines per purchase order of opening stock
TWO_LOTS_EVERY = 4  # lines received in two lots of different age
COST_PCT = 88  # the distributor buys at 88 % of tier A
FILED_SHARE = 0.6  # outlets the clerk files with HQ
PAYMENT_METHODS = ("cash", "cash", "wechat", "wechat", "alipay", "bank")
# How far each order goes, by share of the day's orders (the rest is invoiced).
STOPS = (("draft", 0.02), ("cancelled", 0.03), ("confirmed", 0.07), ("shipped", 0.08),
         ("delivered", 0.10))
PAID_SHARE = 0.65  # invoices paid at once
CREDIT_OVERRIDE = "老客户，经理特批"


@dataclass(frozen=True)
class People:
    manager: CurrentUser
    clerk: CurrentUser
    keeper: CurrentUser

    @classmethod
    def of(cls, users: dict[str, str]) -> People:
        """The demo users (app.demo.company.USERS) by their ids."""
        return cls(CurrentUser(users["demo"], "demo", "manager"),
                   CurrentUser(users["clerk"], "clerk", "clerk"),
                   CurrentUser(users["keeper"], "keeper", "warehouse"))


@dataclass
class Shelf:
    """The brand's products as this PC holds them after the first sync."""

    products: list[tuple[DemoProduct, ProductInfo]]

    @classmethod
    def load(cls, store: Store, products: Sequence[DemoProduct]) -> Shelf:
        return cls([(p, store.catalog.get_by_sku(p.sku)) for p in products])

    def pack(self, info: ProductInfo):
        return info.unit(PACK_UNIT)


def order_opening_stock(store: Store, people: People, shelf: Shelf, orders: int) -> list[str]:
    """Purchase orders for about twice the day's expected sales of every product, submitted
    to HQ. Returns their ids."""
    store.login_as(people.manager)
    warehouse = store.company.warehouses()[0].id
    expected = orders * 3 * 30 / max(len(shelf.products), 1)  # lines/order × base qty/line
    lines = []
    for product, info in shelf.products:
        cases = max(10, math.ceil(2 * expected / product.pack_factor))
        lines.append(PoLineIn(info.id, shelf.pack(info).id, cases, _case_cost(product)))
    ids = []
    for first in range(0, len(lines), PO_LINES):
        po = store.purchasing.create_draft(warehouse_id=warehouse, lines=lines[first:first + PO_LINES],
                                           note="期初备货")
        ids.append(store.purchasing.submit(po.id).id)
    return ids


def _case_cost(product: DemoProduct) -> int:
    return product.price_fen * COST_PCT // 100 * product.pack_factor


def receive(store: Store, people: People, rng: random.Random, shelf: Shelf,
            po_ids: Sequence[str]) -> None:
    """The keeper receives each order whole into a fresh lot; every TWO_LOTS_EVERY-th line
    comes in two lots of different age, so that shipping shows first-expiry-first."""
    store.login_as(people.keeper)
    shelf_life = {info.id: product.shelf_life_days for product, info in shelf.products}
    for po_id in po_ids:
        po = store.purchasing.get(po_id)
        lines = []
        for line in po.lines:
            days = shelf_life[line.product_id]
            if line.line_no % TWO_LOTS_EVERY:
                lines.append(_lot(line, line.base_quantity, rng.randint(3, 20), "A", days))
                continue
            older = line.base_quantity // 2
            lines.append(_lot(line, older, rng.randint(40, 90), "A", days))
            lines.append(_lot(line, line.base_quantity - older, rng.randint(3, 20), "B", days))
        store.purchasing.receive(po_id, lines=lines)


def _lot(line, quantity: int, age_days: int, letter: str, shelf_life_days: int) -> PoReceiveLine:
    made = today() - dt.timedelta(days=age_days)
    return PoReceiveLine(line.id, quantity, f"{made:%Y%m%d}-{letter}{line.line_no:02d}", made,
                         made + dt.timedelta(days=shelf_life_days))


def register_outlets(store: Store, people: People, rng: random.Random, count: int,
                     first: Sequence[DemoOutlet] = ()) -> list[OutletInfo]:
    """The clerk registers `first` and then invented outlets, `count` in all."""
    store.login_as(people.clerk)
    tiers = {t.code: t.id for t in store.catalog.price_tiers()}
    taken = {o.phone for o in first}
    made = list(first) + [o for o in distinct_outlets(rng, count) if o.phone not in taken]
    return [store.outlets.create(
        name=o.name, contact=o.contact, phone=o.phone, address=o.address, region=o.region,
        tier_id=tiers[TIERS[o.tier][0]], credit_limit_fen=o.credit_limit_fen,
        payment_terms_days=o.payment_terms_days) for o in made[:count]]


def file_outlets(store: Store, people: People, outlets: Sequence[OutletInfo]) -> list[str]:
    """The clerk files the first FILED_SHARE of the outlets with HQ. Returns the filing ids."""
    store.login_as(people.clerk)
    filed = outlets[:max(1, round(len(outlets) * FILED_SHARE))]
    return [store.filings.create(o.id, note="新开门店", submit=True).id for o in filed]


def sell(store: Store, people: People, rng: random.Random, shelf: Shelf,
         outlets: Sequence[OutletInfo], orders: int, *, every: int = 0,
         then: Callable[[], object] | None = None) -> dict[str, int]:
    """The day's orders, each taken as far as its planned status, with `then()` called after
    every `every` orders (the desktop syncs in the background while the clerk works).
    Returns how many ended in each status."""
    weights = [rng.paretovariate(1.5) for _ in outlets]
    ended: dict[str, int] = {}
    for k in range(orders):
        outlet = rng.choices(outlets, weights=weights)[0]
        status = _sell_one(store, people, rng, shelf, outlet, _planned(k))
        ended[status] = ended.get(status, 0) + 1
        if then is not None and every and (k + 1) % every == 0:
            then()
    return ended


def _planned(k: int) -> str:
    """Spread the stops evenly over the day rather than at its end."""
    point = (k * 0.6180339887) % 1.0
    for status, share in STOPS:
        if point < share:
            return status
        point -= share
    return "invoiced"


def _sell_one(store: Store, people: People, rng: random.Random, shelf: Shelf,
              outlet: OutletInfo, planned: str) -> str:
    store.login_as(people.clerk)
    lines = _order_lines(rng, shelf)
    if planned == "draft":
        store.sales.create_order(outlet_id=outlet.id, lines=lines, confirm=False)
        return "draft"
    order = _confirmed_order(store, people, outlet, lines)
    if planned == "cancelled":
        store.sales.cancel(order_id=order.id, reason="客户取消")
        return "cancelled"
    if planned == "confirmed":
        return "confirmed"
    store.login_as(people.keeper)
    try:
        store.sales.ship(order_id=order.id)
    except StockShortfall:
        return "confirmed"  # waits for the next delivery from the brand
    if planned == "shipped":
        return "shipped"
    store.login_as(people.clerk)
    store.sales.deliver(order_id=order.id, signed_by=outlet.contact)
    if planned == "delivered":
        return "delivered"
    invoice = store.sales.invoice(order_id=order.id)
    if rng.random() < PAID_SHARE:
        store.receivables.record_payment(outlet_id=outlet.id, amount_fen=invoice.total_fen,
                                         method=rng.choice(PAYMENT_METHODS))
    return "invoiced"


def _confirmed_order(store: Store, people: People, outlet: OutletInfo, lines: list[LineInput]):
    """Over the credit limit, the outlet first settles its invoices; if that is not enough,
    the manager lets the order through with a reason (which HQ sees)."""
    with contextlib.suppress(CreditLimitExceeded):
        return store.sales.create_order(outlet_id=outlet.id, lines=lines)
    owed = store.receivables.balance(outlet.id)
    if owed > 0:
        store.receivables.record_payment(outlet_id=outlet.id, amount_fen=owed, method="bank")
        with contextlib.suppress(CreditLimitExceeded):
            return store.sales.create_order(outlet_id=outlet.id, lines=lines)
    store.login_as(people.manager)
    return store.sales.create_order(outlet_id=outlet.id, lines=lines, override_reason=CREDIT_OVERRIDE)


def _order_lines(rng: random.Random, shelf: Shelf) -> list[LineInput]:
    lines = []
    for product, info in rng.sample(shelf.products, min(len(shelf.products), rng.randint(1, 4))):
        if rng.random() < 0.5:
            lines.append(LineInput(info.id, shelf.pack(info).id, rng.randint(1, 5)))
        else:
            lines.append(LineInput(info.id, info.base.id, rng.randint(1, max(1, product.pack_factor // 4))))
    return lines


def order_for_hq_to_decide(store: Store, people: People, rng: random.Random, shelf: Shelf,
                           count: int = 2) -> list[str]:
    """Purchase orders submitted to HQ and left for HQ staff to approve or reject."""
    store.login_as(people.manager)
    warehouse = store.company.warehouses()[0].id
    ids = []
    for _ in range(count):
        picked = rng.sample(shelf.products, min(len(shelf.products), 6))
        lines = [PoLineIn(info.id, shelf.pack(info).id, rng.randint(5, 30), _case_cost(product))
                 for product, info in picked]
        po = store.purchasing.create_draft(warehouse_id=warehouse, lines=lines, note="补货")
        ids.append(store.purchasing.submit(po.id).id)
    return ids

