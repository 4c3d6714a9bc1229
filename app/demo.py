"""Demo data: a realistic distributor's year, for trying the app and for benchmarks.

`build_demo` fills a new database with Chinese FMCG products (units, EAN-13 barcodes, three
price tiers, floors), two warehouses, a year of purchase orders and goods receipts into dated
batches, outlets with filings, and sales orders in every status with delivery notes (batch
allocations, first expiry first), shipment moves, invoices and payments. Stock adds up: on-hand
is the sum of moves and no shipment takes a batch below zero.

Demo rows are written as already-synced history: revisioned rows carry server_rev = rev, no
outbox operation is queued (HQ never sees them), and sync_meta["demo_data"] records the build.
Writes go through the driver's executemany in a few large transactions (`channeldesk demo
--products 100000 --outlets 5000 --orders 200000` writes ~1M order lines); products go through
the catalog's bulk path so their search keys are the ones the app maintains.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text as _sql
from sqlalchemy.orm import Session

from app.barcodes import make_ean13
from app.clock import today as local_today
from app.clock import utcnow
from app.errors import ValidationError
from app.ids import new_id
from app.money import format_fen
from app.services.catalog import upsert_prices, upsert_products
from app.services.context import SYSTEM_USER
from app.services.lifecycles import ORDER_STATUSES
from app.store import Store
from app.text import normalise_name, normalise_phone

# -- vocabulary (invented brands) --------------------------------------------------------------

# code, name, shelf life days, brands, flavours, product lines, sizes (size, base unit, pack
# factor, spec), base price range in fen per base unit
CATEGORIES = (
    ("YL", "饮料", 365,
     "清泉山 乐百源 可口鲜 冰峰泉 康源 雪域 绿野 蓝湾 百乐 金果园 达利源 椰香岛",
     "柠檬味 青柠味 橙味 葡萄味 蜜桃味 荔枝味 白桃味 苹果味 西柚味 菠萝味 原味 无糖 薄荷味 百香果味 乌龙",
     "苏打水 果汁饮料 汽水 茶饮料 功能饮料 可乐",
     (("330ml", "罐", 24, "330ml×24"), ("500ml", "瓶", 24, "500ml×24"),
      ("600ml", "瓶", 24, "600ml×24"), ("1.25L", "瓶", 12, "1.25L×12"), ("2L", "瓶", 6, "2L×6")),
     (180, 650)),
    ("XX", "休闲食品", 270,
     "旺达 乐事多 好丽源 口口香 脆香园 三只熊 良品坊 童年记 喜之味 米多多 金丝猴 小当家",
     "原味 番茄味 黄瓜味 烧烤味 海苔味 香辣味 芝士味 巧克力味 草莓味 椰子味 五香 奶油味 焦糖味 红枣味 麻辣味",
     "薯片 饼干 雪饼 瓜子 坚果 辣条 威化 蛋卷",
     (("70g", "袋", 22, "70g×22"), ("150g", "袋", 20, "150g×20"), ("400g", "袋", 12, "400g×12"),
      ("1kg", "盒", 6, "1kg×6")),
     (250, 2800)),
    ("RZ", "乳制品", 180,
     "牧场鲜 草原红 北牧 雪原 晨光牧场 绿茵 优牧 奶香坊 青青草原 天润泽 安慕乐 伊犁源",
     "原味 草莓味 香蕉味 黄桃味 燕麦 红枣 核桃 低脂 脱脂 全脂 蓝莓味 芒果味 谷物 有机 益生菌",
     "纯牛奶 酸奶 乳饮料 早餐奶 高钙奶 儿童奶",
     (("250ml", "盒", 24, "250ml×24"), ("200ml", "盒", 24, "200ml×24"), ("1L", "盒", 12, "1L×12"),
      ("100g", "杯", 24, "100g×24")),
     (220, 1500)),
    ("FB", "方便食品", 180,
     "康乐福 统御 今麦香 白象山 五谷道 面面香 福满园 一面缘 老坛记 味香源 华丰源 农家乐",
     "红烧牛肉 老坛酸菜 香辣牛肉 鲜虾鱼板 番茄鸡蛋 藤椒牛肉 葱香排骨 酸辣 麻辣香锅 海鲜 卤香 黑胡椒牛排 骨汤 菌菇 鸡汤",
     "方便面 桶面 拌面 粉丝 米粉 自热火锅",
     (("单袋", "袋", 24, "100g×24"), ("桶装", "桶", 12, "120g×12"), ("五连包", "包", 6, "5×100g×6"),
      ("杯装", "杯", 24, "60g×24")),
     (250, 1600)),
    ("TW", "调味品", 540,
     "海味源 千禾田 厨香坊 李记 老灶坊 鲜之味 百味坊 川香坊 金龙泉 好厨娘 古法坊 味道长",
     "金标 特级 一品 薄盐 零添加 头道 古法 有机 精选 醇香 鲜味 红烧 酿造 家用 餐饮",
     "生抽 老抽 蚝油 陈醋 料酒 鸡精 辣椒酱 豆瓣酱",
     (("500ml", "瓶", 12, "500ml×12"), ("1.9L", "桶", 6, "1.9L×6"), ("800g", "瓶", 12, "800g×12"),
      ("180g", "袋", 50, "180g×50")),
     (300, 3500)),
    ("JL", "酒类", 720,
     "雪峰 黄河源 金麦 崂泉 燕山 珠江源 龙泉 清河 长城岭 太白居 古井坊 汾阳",
     "纯生 精酿 清爽 原浆 黑啤 白啤 小麦 经典 陈酿 窖藏 浓香型 清香型 酱香型 特制 干型",
     "啤酒 白酒 黄酒 米酒",
     (("500ml罐", "罐", 12, "500ml×12"), ("330ml", "瓶", 24, "330ml×24"), ("500ml", "瓶", 6, "500ml×6"),
      ("2.5L", "桶", 4, "2.5L×4")),
     (300, 9000)),
)
VARIANTS = ("", "经典装", "家庭装", "轻享装", "升级版", "新包装", "促销装", "礼盒装")
TIERS = (("A", "一级批发价", 100), ("B", "二级批发价", 108), ("C", "终端零售价", 125))
TIER_SHARE = (15, 35, 50)  # % of outlets per tier

DISTRICTS = "天河区 越秀区 海珠区 白云区 番禺区 黄埔区 花都区 南沙区 增城区 从化区 荔湾区".split()
ROADS = "中山路 解放路 人民路 建设路 新华路 和平路 东风路 文明路 环城路 滨江路 工业大道 花园街".split()
SHOP_NAMES = "好又多 万家 惠民 佳佳 天天 乐购 邻里 快客 金牛 福满多 新一佳 旺旺 美宜 百汇".split()
SHOP_KINDS = "便利店 超市 商行 副食店 烟酒店 小卖部 批发部 食杂店".split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志海"
FILING_STATUSES = ("draft", "pending", "pending", "approved", "approved", "approved",
                   "rejected", "conflict", "expired", "withdrawn")
PAYMENT_METHODS = ("cash", "cash", "wechat", "wechat", "alipay", "bank")
BELOW_FLOOR_REASONS = ("老客户促销", "临期处理", "经理特批", "竞品压价")

CHUNK_ORDERS = 20000  # orders per transaction


def build_demo(
    path: Path,
    *,
    products: int = 500,
    outlets: int = 200,
    orders: int = 2000,
    seed: int = 20261127,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Create (or open) the database at `path` and fill it with demo data.

    Refuses a database that already has products. Returns what was written, with timings.
    """
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    with Store.open(Path(path)) as store:
        store.login_as(SYSTEM_USER)
        people = _prepare(store)
        with store.ctx.engine.connect() as conn:
            raw = conn.connection.driver_connection
            if raw.execute("SELECT 1 FROM product LIMIT 1").fetchone():
                raise ValidationError("demo.not_empty", path=str(path))
            raw.execute("PRAGMA cache_size=-262144")  # 256 MB while building
            conn.execution_options(immediate=True)  # BEGIN IMMEDIATE: we are the writer
            builder = _DemoBuilder(conn, raw, random.Random(seed), people, say)
            builder.run(products=products, outlets=outlets, orders=orders, seed=seed)
    result = dict(builder.counts)
    result["rows"] = sum(builder.counts.values())
    result["seconds"] = round(time.perf_counter() - started, 2)
    say(f"done: {result['rows']} rows in {result['seconds']} s")
    return result


def _prepare(store: Store) -> dict[str, str]:
    """Company, users and warehouses through the services (few rows, real validation)."""
    if not store.company.is_set_up():
        store.company.set_up(name="演示商贸有限公司", device_code="D01",
                             address="广州市天河区中山路88号", phone="020-88886666")
    users = {u.username: u.id for u in store.users.list()}
    for username, password, role, display in (
        ("demo", "demo123", "manager", "演示经理"),
        ("clerk", "clerk123", "clerk", "开单员小王"),
        ("keeper", "keeper123", "warehouse", "仓管老李"),
    ):
        if username not in users:
            users[username] = store.users.create(username=username, password=password,
                                                 role=role, display_name=display).id
    with store.ctx.write() as uow:
        found = dict(uow.session.execute(_sql("SELECT code, id FROM warehouse")).all())
        if "WH02" not in found:
            wid = new_id()
            uow.session.execute(_sql(
                "INSERT INTO warehouse (id, code, name, archived, created_at, updated_at) "
                "VALUES (:id, 'WH02', '二号仓库', 0, :now, :now)"), {"id": wid, "now": _ts(utcnow())})
            found["WH02"] = wid
    main = found.get("WH01") or sorted(v for k, v in found.items() if k != "WH02")[0]
    return {"demo": users["demo"], "clerk": users["clerk"], "keeper": users["keeper"],
            "wh1": main, "wh2": found["WH02"], "device": store.ctx.device_code}


def _ts(value: dt.datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime stores and parses."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


class _Numbers:
    """Document numbers per type and day, continued from the device's counters."""

    def __init__(self, raw, device: str) -> None:
        self.device = device
        self.seq = {(t, d): n for t, d, n in raw.execute(
            "SELECT doc_type, day, last_seq FROM document_counter WHERE device_code = ?", (device,))}

    def next(self, doc_type: str, day: dt.date) -> str:
        stamp = day.strftime("%Y%m%d")
        n = self.seq.get((doc_type, stamp), 0) + 1
        self.seq[(doc_type, stamp)] = n
        return f"{doc_type}-{self.device}-{stamp}-{n:04d}"

    def rows(self) -> list[tuple]:
        return [(t, self.device, d, n) for (t, d), n in self.seq.items()]


COLUMNS = {
    "outlet": "id code name contact phone address region tier_id credit_limit_fen "
              "payment_terms_days archived name_key phone_key created_at updated_at rev server_rev",
    "customer_filing": "id outlet_id status outlet_name phone address note submitted_at decided_at "
                       "protection_until decision_reason created_at updated_at",
    "batch": "id product_id lot_no production_date expiry_date",
    "purchase_order": "id number warehouse_id status order_date total_fen note submitted_at "
                      "hq_reason created_by print_count created_at updated_at rev server_rev",
    "purchase_order_line": "id po_id line_no product_id unit_id quantity base_quantity "
                           "unit_price_fen amount_fen received_base_qty",
    "goods_receipt": "id number po_id warehouse_id received_at note created_at updated_at",
    "goods_receipt_line": "id receipt_id po_line_id product_id batch_id base_quantity",
    "stock_move": "id product_id warehouse_id batch_id quantity kind ref_type ref_id reason "
                  "reverses_id created_at user_id",
    "sales_order": "id number outlet_id warehouse_id status order_date total_fen note created_by "
                   "confirmed_at credit_override_by credit_override_reason cancel_reason "
                   "created_at updated_at rev server_rev",
    "sales_order_line": "id order_id line_no product_id unit_id quantity base_quantity "
                        "unit_price_fen amount_fen below_floor below_floor_reason note",
    "delivery_note": "id number order_id warehouse_id shipped_at delivered_at signed_by "
                     "print_count created_at updated_at",
    "delivery_note_line": "id note_id order_line_id product_id batch_id base_quantity",
    "invoice": "id number order_id outlet_id invoice_date due_date total_fen paid_fen print_count "
               "created_at updated_at",
    "payment": "id number outlet_id method purpose amount_fen allocated_fen payment_date "
               "reference note created_by created_at updated_at",
    "payment_allocation": "id invoice_id payment_id return_id amount_fen",
}


class _Writer:
    """Buffers rows per table and writes them with executemany."""

    def __init__(self, raw, counts: dict[str, int]) -> None:
        self.raw, self.counts = raw, counts
        self.buffers: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
        self.sql = {
            t: f"INSERT INTO {t} ({', '.join(c.split())}) VALUES ({', '.join('?' * len(c.split()))})"
            for t, c in COLUMNS.items()
        }

    def add(self, table: str, row: tuple) -> None:
        self.buffers[table].append(row)

    def document_done(self) -> None:
        """Called between documents, so that a flush never writes a child without its parent
        (foreign keys are checked row by row)."""
        if sum(len(rows) for rows in self.buffers.values()) >= 100000:
            self.flush()

    def flush(self) -> None:
        # Every table, parents before children (the order of COLUMNS): a child row never
        # waits for its parent, which would make SQLite scan for orphans on each parent insert.
        for name in COLUMNS:
            rows = self.buffers[name]
            if rows:
                self.raw.executemany(self.sql[name], rows)
                self.counts[name] = self.counts.get(name, 0) + len(rows)
                rows.clear()


class _DemoBuilder:
    def __init__(self, conn, raw, rng: random.Random, people: dict[str, str], say) -> None:
        self.conn, self.raw, self.rng, self.people, self.say = conn, raw, rng, people, say
        self.counts: dict[str, int] = {}
        self.out = _Writer(raw, self.counts)
        self.numbers = _Numbers(raw, people["device"])
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
        categories = []
        for _code, name, *_rest in CATEGORIES:
            cid = new_id()
            self.raw.execute("INSERT INTO category (id, name, parent_id) VALUES (?, ?, NULL)",
                             (cid, name))
            categories.append(cid)
        self.tiers = []
        for code, name, markup in TIERS:
            row = self.raw.execute("SELECT id FROM price_tier WHERE code = ?", (code,)).fetchone()
            tid = row[0] if row else new_id()
            if not row:
                self.raw.execute("INSERT INTO price_tier (id, code, name) VALUES (?, ?, ?)",
                                 (tid, code, name))
            self.tiers.append((tid, markup))
        self.products = []  # (id, base unit id, pack unit id, factor, tier A price, floor, shelf)
        sizes = [len(c[3].split()) * len(c[4].split()) * len(c[5].split()) * len(VARIANTS)
                 * len(c[6]) for c in CATEGORIES]
        total = sum(sizes)
        picks = rng.sample(range(total), min(count, total)) + list(range(max(0, count - total)))
        page, prices = [], []
        for serial, pick in enumerate(picks, start=1):
            row, price_rows = self._product(serial, pick % total, sizes, categories,
                                            suffix=pick // total)
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

    def _product(self, serial, pick, sizes, categories, suffix):
        rng = self.rng
        index = 0
        while pick >= sizes[index]:
            pick -= sizes[index]
            index += 1
        code, _cat, shelf, brands, flavours, lines, packs, (lo, hi) = CATEGORIES[index]
        brands, flavours, lines = brands.split(), flavours.split(), lines.split()
        pick, brand = divmod(pick, len(brands))
        pick, flavour = divmod(pick, len(flavours))
        pick, line = divmod(pick, len(lines))
        pick, variant = divmod(pick, len(VARIANTS))
        size, unit, factor, spec = packs[pick % len(packs)]
        name = f"{brands[brand]}{flavours[flavour]}{lines[line]}"
        name += f" {VARIANTS[variant]}" if VARIANTS[variant] else ""
        name += f" {size}" + (f" 第{suffix + 1}版" if suffix else "")
        pid, base_id, pack_id = new_id(), new_id(), new_id()
        price_a = rng.randrange(lo, hi) // 10 * 10 + 10
        floor = price_a * 95 // 100 // 10 * 10
        self.products.append((pid, base_id, pack_id, factor, price_a, floor, shelf))
        row = {
            "id": pid, "sku": f"{code}{serial:06d}", "name": name, "spec": spec,
            "category_id": categories[index], "base_unit": unit, "tax_rate_bp": 1300,
            "shelf_life_days": shelf, "reorder_point": factor * 5, "floor_price_fen": floor,
            "rev": 1, "units": [
                {"id": base_id, "name": unit, "factor": 1,
                 "barcodes": [make_ean13(f"692{serial:09d}")]},
                {"id": pack_id, "name": "箱", "factor": factor,
                 "barcodes": [make_ean13(f"693{serial:09d}")]},
            ],
        }
        prices = [{"product_id": pid, "tier_id": tid, "price_fen": price_a * markup // 100,
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
            district, road = rng.choice(DISTRICTS), rng.choice(ROADS)
            name = f"{district[:2]}{rng.choice(SHOP_NAMES)}{rng.choice(SHOP_KINDS)}"
            name += f"（{road}{rng.randint(1, 9)}店）" if rng.random() < 0.5 else ""
            contact = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
            phone = "1" + rng.choice("3578") + f"{rng.randrange(10**9):09d}"
            tier = rng.choices(range(3), weights=TIER_SHARE)[0]
            credit = 0 if rng.random() < 0.3 else rng.choice((3000, 5000, 10000, 20000, 50000)) * 100
            terms = rng.choice((0, 7, 15, 30, 30, 60))
            oid, stamp = new_id(), _ts(dt.datetime.combine(day, dt.time(2, 0)))
            self.out.add("outlet", (
                oid, self.numbers.next("CU", day), name, contact, phone,
                f"广州市{district}{road}{rng.randint(1, 300)}号", district, self.tiers[tier][0],
                credit, terms, False, normalise_name(name), normalise_phone(phone), stamp, stamp,
                1, 1))
            self.outlets.append((oid, tier, terms, contact, terms + rng.randint(-5, 25)))
            if rng.random() < 0.15:
                self._filing(oid, name, phone, district, day)
        self.outlet_cum = list(itertools.accumulate(
            rng.paretovariate(1.5) for _ in range(len(self.outlets))))
        self.out.flush()

    def _filing(self, outlet_id, name, phone, district, day) -> None:
        status = self.rng.choice(FILING_STATUSES)
        submitted = None if status == "draft" else dt.datetime.combine(day, dt.time(3, 0))
        decided = (submitted + dt.timedelta(days=2)
                   if status in ("approved", "rejected", "conflict", "expired") else None)
        until = None
        if status in ("approved", "expired"):
            until = (day + dt.timedelta(days=180 if status == "expired" else 540)).isoformat()
        reason = {"rejected": "资料不全", "conflict": "该门店已由其他经销商报备"}.get(status, "")
        stamp = _ts(dt.datetime.combine(day, dt.time(2, 0)))
        self.out.add("customer_filing", (
            new_id(), outlet_id, status, name, phone, f"广州市{district}", "",
            submitted and _ts(submitted), decided and _ts(decided), until, reason, stamp, stamp))

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
                                        "goods_receipt", gr_id, "", None, _ts(received),
                                        self.people["keeper"]))
            self.stock.setdefault((pidx, wh), []).append([expiry, day, batch_id, base_qty])
            total += cost * cases
        stamp = _ts(ordered)
        self.out.add("purchase_order", (po_id, self.numbers.next("PO", ordered.date()), warehouse,
                                        "received", ordered.date().isoformat(), total, "", stamp,
                                        "", self.people["demo"], 1, stamp, _ts(received), 1, 1))
        self.out.add("goods_receipt", (gr_id, self.numbers.next("GR", day), po_id, warehouse,
                                       _ts(received), "", _ts(received), _ts(received)))
        self.out.document_done()

    def _open_purchase_orders(self) -> None:
        """A few purchase orders still on their way through HQ."""
        for k, status in enumerate(("draft", "submitted", "approved", "shipped", "rejected")):
            day = self.today - dt.timedelta(days=k)
            po_id, total, stamp = new_id(), 0, _ts(dt.datetime.combine(day, dt.time(1, 0)))
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
        confirmed = None if status == "draft" else _ts(created + dt.timedelta(minutes=20))
        self.out.add("sales_order", (
            order_id, number, outlet_id, self.people["wh1" if wh == 0 else "wh2"], status,
            day.isoformat(), order_total, "", self.people["clerk"], confirmed, None, "",
            "客户取消" if status == "cancelled" else "", _ts(created), _ts(created), 1, 1))
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
                                            "delivery_note", note_id, "", None, _ts(shipped),
                                            self.people["keeper"]))
        self.out.add("delivery_note", (
            note_id, self.numbers.next("DN", ship_day), order_id, warehouse, _ts(shipped),
            delivered and _ts(delivered), contact if delivered else "", 1, _ts(shipped),
            _ts(delivered or shipped)))

    def _invoice(self, order_id, outlet_idx, ship_day, total) -> None:
        """Outlets pay their oldest invoices first: a paid prefix, at most one part-paid."""
        outlet_id, _tier, terms, _contact, lag = self.outlets[outlet_idx]
        invoice_id, due = new_id(), ship_day + dt.timedelta(days=terms)
        stamp = _ts(dt.datetime.combine(ship_day, dt.time(8, 0)))
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
        stamp = _ts(dt.datetime.combine(day, dt.time(6, 0)))
        self.out.add("payment", (payment_id, self.numbers.next("PAY", day), outlet_id, method,
                                 "settlement", amount, amount, day.isoformat(), reference, "",
                                 self.people["clerk"], stamp, stamp))
        self.out.add("payment_allocation", (new_id(), invoice_id, payment_id, None, amount))

    # -- closing ---------------------------------------------------------------------------

    def _finish(self, seed: int) -> None:
        for n, (outlet_id, *_rest) in enumerate(self.outlets):
            if n % 33 == 0:  # a few outlets keep a prepaid deposit (预存款)
                day = self.today - dt.timedelta(days=n % 90)
                stamp = _ts(dt.datetime.combine(day, dt.time(6, 0)))
                self.out.add("payment", (new_id(), self.numbers.next("PAY", day), outlet_id,
                                         "bank", "deposit", 500000, 0, day.isoformat(), "", "预存货款",
                                         self.people["clerk"], stamp, stamp))
        self.out.flush()
        self.raw.executemany(
            "INSERT INTO document_counter (doc_type, device_code, day, last_seq) VALUES (?,?,?,?) "
            "ON CONFLICT(doc_type, device_code, day) DO UPDATE SET last_seq = excluded.last_seq",
            self.numbers.rows())
        note = {"seed": seed, "built_at": _ts(utcnow()), "counts": self.counts,
                "synced": "demo rows are history HQ already has: server_rev = rev, no outbox ops"}
        self.raw.execute("INSERT OR REPLACE INTO sync_meta (key, value) VALUES ('demo_data', ?)",
                         (json.dumps(note, ensure_ascii=False),))
        self.raw.execute(
            "INSERT INTO audit_entry (id, at, user_id, action, entity, entity_id, detail) "
            "VALUES (?, ?, ?, 'demo.build', 'database', 'demo', ?)",
            (new_id(), _ts(utcnow()), self.people["demo"], json.dumps({"seed": seed})))


def demo_summary(path: Path) -> dict:
    """Counts for the CLI: products, outlets, orders by status, stock and receivables."""
    with Store.open(Path(path)) as store, store.ctx.engine.connect() as conn:
        raw = conn.connection.driver_connection

        def one(sql: str) -> int:
            return int(raw.execute(sql).fetchone()[0] or 0)

        by_status = dict(raw.execute(
            "SELECT status, COUNT(*) FROM sales_order GROUP BY status ORDER BY status").fetchall())
        stock_value = one("""
            WITH on_hand AS (SELECT product_id, SUM(quantity) AS q FROM stock_move
                             GROUP BY product_id),
                 cost AS (SELECT product_id, SUM(amount_fen) AS a, SUM(base_quantity) AS b
                          FROM purchase_order_line GROUP BY product_id)
            SELECT SUM(on_hand.q * cost.a / cost.b) FROM on_hand JOIN cost USING (product_id)""")
        receivables = one("SELECT SUM(total_fen - paid_fen) FROM invoice")
        return {
            "products": one("SELECT COUNT(*) FROM product"),
            "outlets": one("SELECT COUNT(*) FROM outlet"),
            "orders": sum(by_status.values()),
            "orders_by_status": {s: by_status.get(s, 0) for s in ORDER_STATUSES},
            "order_lines": one("SELECT COUNT(*) FROM sales_order_line"),
            "stock_on_hand_base_units": one("SELECT SUM(quantity) FROM stock_move"),
            "stock_value_fen": stock_value,
            "stock_value": format_fen(stock_value, sign=True),
            "invoices": one("SELECT COUNT(*) FROM invoice"),
            "receivables_fen": receivables,
            "receivables": format_fen(receivables, sign=True),
            "payments": one("SELECT COUNT(*) FROM payment"),
            "filings": one("SELECT COUNT(*) FROM customer_filing"),
        }
