"""A year of a distributor's history for the PC-only demo: two warehouses, purchase orders
and goods receipts into dated batches, outlets with filings, and sales orders in every status
with delivery notes (batch allocations, first expiry first), shipment moves, invoices and
payments. Stock adds up: on-hand is the sum of moves and no shipment takes a batch below zero.

The rows are written as already-synced history: revisioned rows carry server_rev = rev, no
outbox operation is queued (HQ never sees them), and sync_meta["demo_data"] records the build
(enrolling such a database is refused: HQ and the PC could never agree).
Writes go through the driver's executemany in a few large transactions; products go through
the catalog's bulk path so their search keys are the ones the app maintains.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import random

from sqlalchemy.orm import Session

from app.clock import today as local_today
from app.clock import utcnow
from app.demo.outlets import DemoOutlet, demo_outlet
from app.demo.products import (
    CATEGORIES,
    PACK_UNIT,
    TAX_RATE_BP,
    TIERS,
    DemoProduct,
    demo_products,
)
from app.demo.rows import DocumentNumbers, RowWriter, ts
from app.ids import new_id
from app.services.catalog import upsert_prices, upsert_products
from app.services.lifecycles import ORDER_STATUSES
from app.sync.setup import PC_ONLY_DEMO_MARK
from app.text import normalise_name, normalise_phone

FILING_STATUSES = ("draft", "pending", "pending", "approved", "approved", "approved",
                   "rejected", "conflict", "expired", "withdrawn")
PAYMENT_METHODS = ("cash", "cash", "wechat", "wechat", "alipay", "bank")
BELOW_FLOOR_REASONS = ("老客户促销", "临期处理", "经理特批", "竞品压价")

CHUNK_ORDERS = 20000  # orders per transaction


class HistoryBuilder:
    """The demo's catalog, outlets and a year of documents, written table by table."""


    def __init__(self, conn, raw, rng: random.Random, people: dict[str, str], say) -> None:
        self.conn, self.raw, self.rng, self.people, self.say = conn, raw, rng, people, say
        self.counts: dict[str, int] = {}
        self.out = RowWriter(raw, self.counts)
        self.numbers = DocumentNumbers(raw, people["device"])
        self.today = local_today()
        self.paying: dict[int, bool] = {}  # outlet index -> still paying invoices in order
        self.start = self.today - dt.timedelta(days=364)

    def _begin(self):
        return self.conn.begin()

    def run(self, *, products: int, outlets: int, orders: int, seed: int) -> None:
        with self._begin():
            self.say(f"products: {products}")
            self._catalog(products)
        with self._begin():
            self.say(f"outlets: {outlets}")
            self._outlets(outlets)
            self.say("purchase orders and goods receipts")
            self._purchases(orders)
            self.out.flush()
        for first in range(0, orders, CHUNK_ORDERS):
            with self._begin():
                self.say(f"sales orders {first + 1}-{min(orders, first + CHUNK_ORDERS)}")
                for k in range(first, min(orders, first + CHUNK_ORDERS)):
                    self._order(k, orders)
                self.out.flush()
        with self._begin():
            self._finish(seed)

    # -- catalog ---------------------------------------------------------------------------

    def _catalog(self, count: int) -> None:
        rng = self.rng
        session = Session(bind=self.conn)
        categories = {}
        for _code, name, *_rest in CATEGORIES:
            categories[name] = new_id()
            self.raw.execute("INSERT INTO category (id, name, parent_id) VALUES (?, ?, NULL)",
                             (categories[name], name))
        self.tiers = []
        for code, name, markup in TIERS:
            row = self.raw.execute("SELECT id FROM price_tier WHERE code = ?", (code,)).fetchone()
            tid = row[0] if row else new_id()
            if not row:
                self.raw.execute("INSERT INTO price_tier (id, code, name) VALUES (?, ?, ?)",
                                 (tid, code, name))
            self.tiers.append((tid, markup))
        self.products = []  # (id, base unit id, pack unit id, factor, tier A price, floor, shelf)
        page, prices = [], []
        for product in demo_products(rng, count):
            row, price_rows = self._product(product, categories)
            page.append(row)
            prices.extend(price_rows)
            if len(page) >= 2000:
                upsert_products(session, page)
                upsert_prices(session, prices)
                page, prices = [], []
        upsert_products(session, page)
        upsert_prices(session, prices)
        for table in ("product", "product_unit", "barcode", "product_price",
                      "product_search_token"):
            self.counts[table] = self.raw.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(self.products))]
        rng.shuffle(weights)  # popular products spread over categories
        self.product_cum = list(itertools.accumulate(weights))

    def _product(self, p: DemoProduct, categories: dict[str, str]):
        """The product's row for the catalog's bulk path (as HQ would publish it)."""
        pid, base_id, pack_id = new_id(), new_id(), new_id()
        self.products.append((pid, base_id, pack_id, p.pack_factor, p.price_fen, p.floor_fen,
                              p.shelf_life_days))
        row = {
            "id": pid, "sku": p.sku, "name": p.name, "spec": p.spec,
            "category_id": categories[p.category], "base_unit": p.base_unit,
            "tax_rate_bp": TAX_RATE_BP, "shelf_life_days": p.shelf_life_days,
            "reorder_point": p.pack_factor * 5, "floor_price_fen": p.floor_fen, "rev": 1,
            "units": [
                {"id": base_id, "name": p.base_unit, "factor": 1, "barcodes": [p.base_barcode]},
                {"id": pack_id, "name": PACK_UNIT, "factor": p.pack_factor,
                 "barcodes": [p.pack_barcode]},
            ],
        }
        prices = [{"product_id": pid, "tier_id": tid, "price_fen": p.tier_price_fen(markup),
                   "rev": 1} for tid, markup in self.tiers]
        return row, prices

    def _pick_product(self) -> int:
        r = self.rng.random() * self.product_cum[-1]
        return min(bisect.bisect_left(self.product_cum, r), len(self.product_cum) - 1)

    # -- outlets and filings ---------------------------------------------------------------

    def _outlets(self, count: int) -> None:
        rng = self.rng
        self.outlets = []  # (id, tier index, payment terms, contact, pay lag days)
        opening = self.start - dt.timedelta(days=365)
        for n in range(count):
            day = opening + dt.timedelta(days=(n * 365) // max(count, 1))
            o = demo_outlet(rng)
            oid, stamp = new_id(), ts(dt.datetime.combine(day, dt.time(2, 0)))
            self.out.add("outlet", (
                oid, self.numbers.next("CU", day), o.name, o.contact, o.phone, o.address,
                o.region, self.tiers[o.tier][0], o.credit_limit_fen, o.payment_terms_days, False,
                normalise_name(o.name), normalise_phone(o.phone), stamp, stamp, 1, 1))
            self.outlets.append((oid, o.tier, o.payment_terms_days, o.contact,
                                 o.payment_terms_days + rng.randint(-5, 25)))
            if rng.random() < 0.15:
                self._filing(oid, o, day)
        self.outlet_cum = list(itertools.accumulate(
            rng.paretovariate(1.5) for _ in range(len(self.outlets))))
        self.out.flush()

    def _filing(self, outlet_id: str, outlet: DemoOutlet, day: dt.date) -> None:
        status = self.rng.choice(FILING_STATUSES)
        submitted = None if status == "draft" else dt.datetime.combine(day, dt.time(3, 0))
        decided = (submitted + dt.timedelta(days=2)
                   if status in ("approved", "rejected", "conflict", "expired") else None)
        until = None
        if status in ("approved", "expired"):
            until = (day + dt.timedelta(days=180 if status == "expired" else 540)).isoformat()
        reason = {"rejected": "资料不全", "conflict": "该门店已由其他经销商报备"}.get(status, "")
        stamp = ts(dt.datetime.combine(day, dt.time(2, 0)))
        self.out.add("customer_filing", (
            new_id(), outlet_id, status, outlet.name, outlet.phone, outlet.address, "",
            submitted and ts(submitted), decided and ts(decided), until, reason, stamp, stamp))

    # -- purchasing: batches received before they are sold ----------------------------------

    def _purchases(self, orders: int) -> None:
        """Three rounds into WH01 and two into WH02, sized from the expected sales."""
        rng = self.rng
        shipped_base = orders * 5 * 0.9 * 55  # lines/order × shipped share × base qty/line
        weight_total = self.product_cum[-1]
        self.stock: dict[tuple[int, int], list[list]] = {}
        rounds = ((0, -400, 0.45), (0, -240, 0.55), (0, -90, 0.40), (1, -400, 0.45),
                  (1, -150, 0.55))
        for wh, offset, share in rounds:
            day = self.today + dt.timedelta(days=offset)
            wh_share = 0.8 if wh == 0 else 0.2
            po_lines = []
            for pidx, prod in enumerate(self.products):
                weight = self.product_cum[pidx] - (self.product_cum[pidx - 1] if pidx else 0)
                expected = shipped_base * weight / weight_total * wh_share * share * 1.8
                cases = int(expected // prod[3]) + rng.randint(2, 6)
                po_lines.append((pidx, cases))
            for first in range(0, len(po_lines), 40):
                self._purchase_order(wh, day, po_lines[first : first + 40])
        self._open_purchase_orders()

    def _purchase_order(self, wh: int, day: dt.date, lines) -> None:
        rng, warehouse = self.rng, self.people["wh1" if wh == 0 else "wh2"]
        po_id, gr_id = new_id(), new_id()
        ordered = dt.datetime.combine(day - dt.timedelta(days=7), dt.time(1, 0))
        received = dt.datetime.combine(day, dt.time(2, 30))
        total = 0
        for line_no, (pidx, cases) in enumerate(lines, start=1):
            pid, _base, pack, factor, price_a, _floor, shelf = self.products[pidx]
            cost = price_a * 88 // 100 * factor
            base_qty = cases * factor
            line_id, batch_id = new_id(), new_id()
            produced = day - dt.timedelta(days=rng.randint(3, 30))
            expiry = produced + dt.timedelta(days=shelf)
            self.out.add("purchase_order_line", (line_id, po_id, line_no, pid, pack, cases,
                                                 base_qty, cost, cost * cases, base_qty))
            self.out.add("batch", (batch_id, pid, f"{produced:%Y%m%d}-{wh + 1}{line_no:02d}",
                                   produced.isoformat(), expiry.isoformat()))
            self.out.add("goods_receipt_line", (new_id(), gr_id, line_id, pid, batch_id, base_qty))
            self.out.add("stock_move", (new_id(), pid, warehouse, batch_id, base_qty, "receipt",
                                        "goods_receipt", gr_id, "", None, ts(received),
                                        self.people["keeper"]))
            self.stock.setdefault((pidx, wh), []).append([expiry, day, batch_id, base_qty])
            total += cost * cases
        stamp = ts(ordered)
        self.out.add("purchase_order", (po_id, self.numbers.next("PO", ordered.date()), warehouse,
                                        "received", ordered.date().isoformat(), total, "", stamp,
                                        "", self.people["demo"], 1, stamp, ts(received), 1, 1))
        self.out.add("goods_receipt", (gr_id, self.numbers.next("GR", day), po_id, warehouse,
                                       ts(received), "", ts(received), ts(received)))
        self.out.document_done()

    def _open_purchase_orders(self) -> None:
        """A few purchase orders still on their way through HQ."""
        for k, status in enumerate(("draft", "submitted", "approved", "shipped", "rejected")):
            day = self.today - dt.timedelta(days=k)
            po_id, total, stamp = new_id(), 0, ts(dt.datetime.combine(day, dt.time(1, 0)))
            for line_no in range(1, 6):
                pid, _b, pack, factor, price_a, _f, _s = self.products[self._pick_product()]
                cost, cases = price_a * 88 // 100 * factor, self.rng.randint(5, 50)
                self.out.add("purchase_order_line", (new_id(), po_id, line_no, pid, pack, cases,
                                                     cases * factor, cost, cost * cases, 0))
                total += cost * cases
            self.out.add("purchase_order", (
                po_id, self.numbers.next("PO", day), self.people["wh1"], status, day.isoformat(),
                total, "", None if status == "draft" else stamp,
                "超出本月额度" if status == "rejected" else "", self.people["demo"], 0, stamp,
                stamp, 1, None if status == "draft" else 1))

    # -- sales -----------------------------------------------------------------------------

    def _status(self, k: int, total: int, day: dt.date) -> str:
        if k >= total - len(ORDER_STATUSES) and total >= len(ORDER_STATUSES):
            return ORDER_STATUSES[k - (total - len(ORDER_STATUSES))]  # every status shows up
        age = (self.today - day).days
        if age <= 1:
            table = (("draft", 25), ("confirmed", 35), ("shipped", 25), ("delivered", 10),
                     ("cancelled", 5))
        elif age <= 7:
            table = (("confirmed", 5), ("shipped", 10), ("delivered", 60), ("invoiced", 20),
                     ("cancelled", 5))
        else:
            table = (("invoiced", 88), ("delivered", 3), ("cancelled", 5), ("draft", 2),
                     ("confirmed", 2))
        return self.rng.choices([s for s, _ in table], weights=[w for _, w in table])[0]

    def _order(self, k: int, total: int) -> None:
        rng = self.rng
        day = self.start + dt.timedelta(days=(k * 365) // total)
        status = self._status(k, total, day)
        outlet_idx = min(bisect.bisect_left(self.outlet_cum, rng.random() * self.outlet_cum[-1]),
                         len(self.outlets) - 1)
        outlet_id, tier, terms, contact, lag = self.outlets[outlet_idx]
        wh = 0 if rng.random() < 0.8 else 1
        ships = status in ("shipped", "delivered", "invoiced")
        ship_day = min(day + dt.timedelta(days=rng.randint(0, 1)), self.today)
        lines = self._order_lines(rng.randint(1, 9), tier, wh, ships, ship_day)
        if not lines:
            return
        order_id, number = new_id(), self.numbers.next("SO", day)
        created = dt.datetime.combine(day, dt.time(1, rng.randint(0, 59)))
        order_total = sum(line[5] for line in lines)
        confirmed = None if status == "draft" else ts(created + dt.timedelta(minutes=20))
        self.out.add("sales_order", (
            order_id, number, outlet_id, self.people["wh1" if wh == 0 else "wh2"], status,
            day.isoformat(), order_total, "", self.people["clerk"], confirmed, None, "",
            "客户取消" if status == "cancelled" else "", ts(created), ts(created), 1, 1))
        line_ids = []
        for line_no, (pidx, unit_id, qty, base_qty, unit_price, amount, reason, _alloc) in \
                enumerate(lines, start=1):
            line_ids.append(new_id())
            self.out.add("sales_order_line", (
                line_ids[-1], order_id, line_no, self.products[pidx][0], unit_id, qty, base_qty,
                unit_price, amount, bool(reason), reason, ""))
        if ships:
            self._deliver(order_id, status, wh, ship_day, lines, line_ids, contact, day)
        if status == "invoiced":
            self._invoice(order_id, outlet_idx, ship_day, order_total)
        self.out.document_done()

    def _order_lines(self, count, tier, wh, ships, ship_day):
        rng, lines, used = self.rng, [], set()
        tier_markup = self.tiers[tier][1]
        for _ in range(count):
            for _attempt in range(8):
                pidx = self._pick_product()
                if pidx in used:
                    continue
                pid, base_id, pack_id, factor, price_a, floor, _s = self.products[pidx]
                by_pack = rng.random() < 0.5
                qty = rng.randint(1, 10) if by_pack else rng.randint(1, 4) * max(1, factor // 4)
                base_qty = qty * factor if by_pack else qty
                alloc = self._allocate(pidx, wh, base_qty, ship_day) if ships else []
                if alloc is None:
                    continue
                used.add(pidx)
                base_price = price_a * tier_markup // 100
                reason = ""
                if rng.random() < 0.03:
                    base_price, reason = floor - 10, rng.choice(BELOW_FLOOR_REASONS)
                unit_price = base_price * (factor if by_pack else 1)
                lines.append((pidx, pack_id if by_pack else base_id, qty, base_qty, unit_price,
                              unit_price * qty, reason, alloc))
                break
        return lines

    def _allocate(self, pidx, wh, base_qty, ship_day):
        """First expiry first from batches received by ship_day; None when short."""
        batches = self.stock.get((pidx, wh), ())
        available = [b for b in batches if b[1] <= ship_day and b[3] > 0]
        if sum(b[3] for b in available) < base_qty:
            return None
        taken, need = [], base_qty
        for batch in sorted(available, key=lambda b: b[0]):
            take = min(need, batch[3])
            batch[3] -= take
            taken.append((batch[2], take))
            need -= take
            if not need:
                break
        return taken

    def _deliver(self, order_id, status, wh, ship_day, lines, line_ids, contact, day) -> None:
        note_id, warehouse = new_id(), self.people["wh1" if wh == 0 else "wh2"]
        shipped = dt.datetime.combine(ship_day, dt.time(2, self.rng.randint(0, 59)))
        delivered = shipped + dt.timedelta(hours=4) if status != "shipped" else None
        for line, line_id in zip(lines, line_ids, strict=True):
            pid = self.products[line[0]][0]
            for batch_id, qty in line[7]:
                self.out.add("delivery_note_line", (new_id(), note_id, line_id, pid, batch_id, qty))
                self.out.add("stock_move", (new_id(), pid, warehouse, batch_id, -qty, "shipment",
                                            "delivery_note", note_id, "", None, ts(shipped),
                                            self.people["keeper"]))
        self.out.add("delivery_note", (
            note_id, self.numbers.next("DN", ship_day), order_id, warehouse, ts(shipped),
            delivered and ts(delivered), contact if delivered else "", 1, ts(shipped),
            ts(delivered or shipped)))

    def _invoice(self, order_id, outlet_idx, ship_day, total) -> None:
        """Outlets pay their oldest invoices first: a paid prefix, at most one part-paid."""
        outlet_id, _tier, terms, _contact, lag = self.outlets[outlet_idx]
        invoice_id, due = new_id(), ship_day + dt.timedelta(days=terms)
        stamp = ts(dt.datetime.combine(ship_day, dt.time(8, 0)))
        paid = 0
        state = self.paying
        pay_day = ship_day + dt.timedelta(days=max(0, lag))
        if state.get(outlet_idx, True):
            if pay_day < self.today:
                paid = total
            else:
                state[outlet_idx] = False  # from here on this outlet's invoices are open
                if self.rng.random() < 0.5:
                    paid, pay_day = total * self.rng.randint(3, 8) // 10, self.today
        self.out.add("invoice", (invoice_id, self.numbers.next("INV", ship_day), order_id,
                                 outlet_id, ship_day.isoformat(), due.isoformat(), total, paid, 0,
                                 stamp, stamp))
        if paid:
            self._payment(outlet_id, invoice_id, paid, pay_day)

    def _payment(self, outlet_id, invoice_id, amount, day) -> None:
        payment_id, method = new_id(), self.rng.choice(PAYMENT_METHODS)
        reference = "" if method == "cash" else f"{self.rng.randrange(10**12):012d}"
        stamp = ts(dt.datetime.combine(day, dt.time(6, 0)))
        self.out.add("payment", (payment_id, self.numbers.next("PAY", day), outlet_id, method,
                                 "settlement", amount, amount, day.isoformat(), reference, "",
                                 self.people["clerk"], stamp, stamp))
        self.out.add("payment_allocation", (new_id(), invoice_id, payment_id, None, amount))

    # -- closing ---------------------------------------------------------------------------

    def _finish(self, seed: int) -> None:
        for n, (outlet_id, *_rest) in enumerate(self.outlets):
            if n % 33 == 0:  # a few outlets keep a prepaid deposit (预存款)
                day = self.today - dt.timedelta(days=n % 90)
                stamp = ts(dt.datetime.combine(day, dt.time(6, 0)))
                self.out.add("payment", (new_id(), self.numbers.next("PAY", day), outlet_id,
                                         "bank", "deposit", 500000, 0, day.isoformat(), "", "预存货款",
                                         self.people["clerk"], stamp, stamp))
        self.out.flush()
        self.raw.executemany(
            "INSERT INTO document_counter (doc_type, device_code, day, last_seq) VALUES (?,?,?,?) "
            "ON CONFLICT(doc_type, device_code, day) DO UPDATE SET last_seq = excluded.last_seq",
            self.numbers.rows())
        note = {"seed": seed, "built_at": ts(utcnow()), "counts": self.counts,
                "synced": "PC-only history: server_rev = rev and no outbox ops; HQ never had it"}
        self.raw.execute("INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)",
                         (PC_ONLY_DEMO_MARK, json.dumps(note, ensure_ascii=False)))
        self.raw.execute(
            "INSERT INTO audit_entry (id, at, user_id, action, entity, entity_id, detail) "
            "VALUES (?, ?, ?, 'demo.build', 'database', 'demo', ?)",
            (new_id(), ts(utcnow()), self.people["demo"], json.dumps({"seed": seed})))
