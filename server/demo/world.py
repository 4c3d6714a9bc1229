"""The demo with HQ, without the desktop: a demo HQ in a child process and a demo PC enrolled
with it, whose history went through the outbox to HQ, so that both hold the same.

Layout of the demo folder:
    hq.db, hq.log, brand-catalog.csv   the brand's HQ (`channeldesk-hq --data-dir FOLDER ...`)
    demo/channeldesk.db                the demo PC (`channeldesk --data-dir FOLDER --demo`)
    rival/channeldesk.db               the PC of a second distributor, who filed a shop first
    demo.json                          what was built; "complete" once the build finished

`build_world` makes it (about 20 s with the default sizes on a 2-core machine), `open_world`
serves an existing one again; both return a running DemoWorld that `close()` stops.
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select

from app.config import DB_FILENAME, demo_database_path
from app.demo import live
from app.demo.company import set_up_company
from app.demo.outlets import DemoOutlet
from app.demo.products import demo_products
from app.demo.sizes import Sizes
from app.errors import SyncError, describe
from app.store import Store
from app.sync import credentials
from app.sync.engine import SyncReport
from app.sync.setup import enroll, make_engine
from app.sync.status import meta, write_meta
from server import admin
from server.auth import issue_enroll_code
from server.db import Database, default_url
from server.demo.brand import (
    CATALOG_FILE,
    DEMO_DISTRIBUTOR,
    RIVAL_DISTRIBUTOR,
    DemoDistributor,
    seed_brand,
)
from server.demo.process import HQProcess, port_is_free
from server.models import Distributor

DEFAULT_SEED = 20261127
MARKER = "demo.json"
RIVAL_FOLDER = "rival"
# Left at HQ for the newcomer to decide: the last filings the clerk made.
FILINGS_LEFT_PENDING = 3
# The shop both distributors claim: the rival files it first, so the demo's filing is a 撞单.
CONTESTED_SHOP = DemoOutlet("海珠惠民便利店（江南大道店）", "梁志海", "13922001234",
                            "广州市海珠区江南大道中168号", "海珠区", 1, 0, 15)
SYNC_EVERY = 40  # orders between two syncs, as the desktop syncs while the clerk works
REJECT_REASON = "资料不全：缺门头照片"

Say = Callable[[str], None]


class DemoFailed(RuntimeError):
    """The demo could not be built or served; the message says why."""


@dataclass(frozen=True)
class DemoWorld:
    folder: Path
    hq: HQProcess
    pc_path: Path
    built_seconds: float
    check: str  # the data check of the last sync: "ok" when HQ and the PC agree

    @property
    def hq_database_url(self) -> str:
        return hq_database_url(self.folder)

    def close(self) -> None:
        self.hq.stop()


def hq_database_url(folder: Path) -> str:
    return default_url(folder)


def is_built(folder: Path) -> bool:
    return _marker(folder).get("complete") is True


def _marker(folder: Path) -> dict:
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_marker(folder: Path, **values) -> None:
    (folder / MARKER).write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")


# -- building ----------------------------------------------------------------------------------

def build_world(folder: Path, *, port: int = 0, sizes: Sizes | None = None,
                seed: int = DEFAULT_SEED, say: Say = lambda _text: None) -> DemoWorld:
    """Build the demo in an empty (or earlier demo) folder and leave its HQ running."""
    started = time.perf_counter()
    sizes = sizes or Sizes()
    clear_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _write_marker(folder, complete=False)
    rng = random.Random(seed)
    products = demo_products(rng, sizes.products)
    db = Database(hq_database_url(folder))
    db.upgrade()
    hq = HQProcess.launch(folder, port)  # it boots while HQ is seeded and the PCs are set up
    try:
        with contextlib.ExitStack() as pcs:
            say(f"HQ: {len(products)} products from {CATALOG_FILE}, price tiers, "
                f"distributors {DEMO_DISTRIBUTOR.code} and {RIVAL_DISTRIBUTOR.code}")
            seed_brand(db, folder, products)
            rival = pcs.enter_context(DemoPC(folder / RIVAL_FOLDER / DB_FILENAME, RIVAL_DISTRIBUTOR))
            pc = pcs.enter_context(DemoPC(demo_database_path(folder), DEMO_DISTRIBUTOR))
            say(f"HQ serving on {hq.wait_ready().url}")
            _rival_files_the_shop(db, hq.url, rival, rng, say)
            check = _demo_pc_history(db, hq.url, pc, products, sizes, rng, say)
    except BaseException:
        hq.stop()
        raise
    finally:
        db.dispose()
    seconds = round(time.perf_counter() - started, 1)
    _write_marker(folder, complete=True, seconds=seconds, seed=seed, sizes=asdict(sizes))
    return DemoWorld(folder, hq, demo_database_path(folder), seconds, check)


class DemoPC:
    """A PC of one demo distributor, set up and enrolled through the real enrollment."""

    def __init__(self, path: Path, distributor: DemoDistributor) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.store = Store.open(path)
        self.people = live.People.of(set_up_company(self.store, name=distributor.name))
        self.distributor = distributor

    def enroll(self, db: Database, url: str) -> None:
        with db.write() as s:
            code = issue_enroll_code(s, self.distributor.code)
        enroll(self.store.ctx, url, code, device_name=f"demo {self.distributor.code}")

    def sync(self) -> SyncReport:
        """One sync cycle that must leave nothing queued or refused."""
        engine = make_engine(self.store.ctx)
        try:
            report = engine.run_once()
        finally:
            engine.client.close()
        if not report.ok:
            raise DemoFailed(describe(SyncError(report.error_id, **report.error_params)))
        status = engine.status()
        if status.pending_count or status.parked:
            raise DemoFailed(f"HQ left {status.pending_count} changes queued and refused "
                             f"{len(status.parked)}: {[p.reason for p in status.parked]}")
        return report

    def __enter__(self) -> DemoPC:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def _rival_files_the_shop(db: Database, url: str, pc: DemoPC, rng: random.Random, say: Say) -> None:
    say(f"{RIVAL_DISTRIBUTOR.code}: files {CONTESTED_SHOP.name}; HQ approves it")
    pc.enroll(db, url)
    pc.sync()
    shop = live.register_outlets(pc.store, pc.people, rng, 1, first=[CONTESTED_SHOP])
    filed = live.file_outlets(pc.store, pc.people, shop)
    pc.sync()
    with db.write() as s:
        for filing_id in filed:
            admin.decide_filing(s, filing_id, "approve")
    pc.sync()


def _demo_pc_history(db: Database, url: str, pc: DemoPC, products, sizes: Sizes,
                     rng: random.Random, say: Say) -> str:
    """The demo PC's day, synced step by step; returns the final data check's result."""
    pc.enroll(db, url)
    pc.sync()
    store, people = pc.store, pc.people
    shelf = live.Shelf.load(store, products)
    say("opening stock: purchase orders to HQ, approved and shipped there, received here")
    po_ids = live.order_opening_stock(store, people, shelf, sizes.orders)
    pc.sync()
    _staff_ship(db, po_ids)
    pc.sync()
    live.receive(store, people, rng, shelf, po_ids)
    say(f"{sizes.outlets} outlets, some filed with HQ")
    outlets = live.register_outlets(store, people, rng, sizes.outlets, first=[CONTESTED_SHOP])
    filings = live.file_outlets(store, people, outlets)
    pc.sync()
    _staff_decide_filings(db, filings[:-FILINGS_LEFT_PENDING])
    say(f"{sizes.orders} sales orders: shipped, delivered, invoiced, paid")
    live.sell(store, people, rng, shelf, outlets, sizes.orders, every=SYNC_EVERY, then=pc.sync)
    live.order_for_hq_to_decide(store, people, rng, shelf)
    pc.sync()
    return _checked_sync(pc)


def _staff_ship(db: Database, po_ids: list[str]) -> None:
    with db.write() as s:
        for po_id in po_ids:
            admin.decide_po(s, po_id, "approve")
            admin.decide_po(s, po_id, "ship")


def _staff_decide_filings(db: Database, filing_ids: list[str]) -> None:
    """HQ staff approve the filings still pending (the 撞单 one was answered by HQ's rule),
    except one that lacks a photo of the shop front."""
    with db.write() as s:
        pending = [f.id for f in admin.list_filings(s, "pending") if f.id in set(filing_ids)]
        for n, filing_id in enumerate(pending):
            rejected = n == len(pending) // 2
            admin.decide_filing(s, filing_id, "reject" if rejected else "approve",
                                REJECT_REASON if rejected else "")


def _checked_sync(pc: DemoPC) -> str:
    """A sync that runs the convergence check (app.sync.integrity) whatever its schedule."""
    write_meta(pc.store.ctx, integrity_checked_at="")  # "never checked": due in this cycle
    report = pc.sync()
    if report.integrity != "ok":
        raise DemoFailed(f"the data check found HQ and this PC different ({report.integrity})")
    return report.integrity


# -- serving an existing demo ------------------------------------------------------------------

def open_world(folder: Path, *, port: int = 0) -> DemoWorld:
    """Serve a built demo again, on the port the PC knows unless told another (or unless it
    is taken: then on a free one, and the PC is told the new address)."""
    pc_path = demo_database_path(folder)
    with Store.open(pc_path) as store:
        known = meta(store.ctx).get("hq_url", "")
        wanted = port or urlsplit(known).port or 0
        hq = HQProcess.start(folder, wanted if port or port_is_free(wanted) else 0)
        if hq.url != known:
            write_meta(store.ctx, hq_url=hq.url)
    return DemoWorld(folder, hq, pc_path, 0.0, "")


def clear_folder(folder: Path) -> None:
    """Remove an earlier demo: its files only, and its PCs' tokens. A folder that holds such
    files without the demo's marker is refused: it may hold a real HQ or a real PC."""
    pcs = (demo_database_path(folder), folder / RIVAL_FOLDER / DB_FILENAME)
    ours = [folder / "hq.db", *(pc.parent for pc in pcs)]
    if not _marker(folder):
        if any(path.exists() for path in ours):
            raise DemoFailed(f"{folder} holds ChannelDesk data that no demo made; "
                             "choose another folder")
        return
    for pc_path in pcs:
        _forget_token(pc_path)
        shutil.rmtree(pc_path.parent, ignore_errors=True)
    for name in ("hq.db", "hq.db-wal", "hq.db-shm", "hq.log", "hq.port", CATALOG_FILE, MARKER):
        (folder / name).unlink(missing_ok=True)


def _forget_token(pc_path: Path) -> None:
    if not pc_path.exists():
        return
    with contextlib.suppress(Exception), Store.open(pc_path) as store:  # a broken demo is removed anyway
        device_id = meta(store.ctx).get("device_id")
        if device_id:
            credentials.forget(pc_path, device_id)


# -- what waits for HQ staff ------------------------------------------------------------------

@dataclass(frozen=True)
class WaitingFiling:
    id: str
    outlet_name: str


@dataclass(frozen=True)
class WaitingOrder:
    id: str
    number: str
    total_fen: int
    status: str  # submitted: to approve or reject; approved: to ship


@dataclass(frozen=True)
class Contest:
    """The rival's approved filing of the shop the demo PC filed too (撞单)."""

    holder_code: str
    holder_name: str
    outlet_name: str
    phone: str
    protected_until: str


@dataclass(frozen=True)
class Waiting:
    filings: tuple[WaitingFiling, ...]
    orders: tuple[WaitingOrder, ...]
    contest: Contest | None


def waiting_at_hq(folder: Path) -> Waiting:
    """Read from the demo HQ's database what its staff still have to decide."""
    db = Database(hq_database_url(folder))
    try:
        with db.read() as s:
            distributors = {d.id: d for d in s.scalars(select(Distributor))}
            filings = tuple(WaitingFiling(f.id, f.outlet_name) for f in admin.list_filings(s, "pending"))
            orders = tuple(WaitingOrder(po.id, po.number, po.total_fen, po.status)
                           for status in ("submitted", "approved") for po in admin.list_pos(s, status))
            held = [f for f in admin.list_filings(s, "approved") if f.phone == CONTESTED_SHOP.phone]
            contest = None
            if held:
                holder = distributors[held[0].distributor_id]
                contest = Contest(holder.code, holder.name, held[0].outlet_name, held[0].phone,
                                  held[0].protection_until.isoformat())
            return Waiting(filings, orders, contest)
    finally:
        db.dispose()
