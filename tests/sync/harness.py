"""Test harness for sync: a real HQ on 127.0.0.1 (uvicorn in a thread or a subprocess),
a fault-injecting HTTP proxy, simulated PCs (each its own migrated SQLite file), and the
invariant checks of DESIGN.md §5."""

from __future__ import annotations

import http.client
import http.server
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path

import uvicorn
from sqlalchemy import func, select, update

from app.db.models import (
    CompanyProfile,
    DeliveryNote,
    DeliveryNoteLine,
    GoodsReceipt,
    Invoice,
    OpResult,
    OutboxOp,
    Outlet,
    Payment,
    PaymentAllocation,
    SalesOrder,
    SalesReturn,
    StockMove,
    Warehouse,
)
from app.ids import new_id
from app.services.context import CurrentUser
from app.store import Store
from app.sync.engine import Backoff
from app.sync.setup import enroll, make_engine
from server import admin, auth
from server.app import create_app
from server.catalog import import_rows
from server.db import Database
from server.models import Document, ProcessedOp
from server.models import Outlet as HqOutlet
from server.models import SalesOrder as HqOrder
from server.models import StockMove as HqMove

ROOT = Path(__file__).resolve().parents[2]


class HQThread:
    """The real HQ app served by uvicorn on port 0 in a background thread."""

    def __init__(self, url: str) -> None:
        self.db_url = url
        self.db = Database(url)
        self.db.upgrade()
        self._start()

    def _start(self) -> None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", getattr(self, "port", 0)))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(create_app(self.db), log_level="error", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("HQ did not start")
            time.sleep(0.01)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def close(self) -> None:
        self.stop()
        self.db.dispose()


class HQProcess:
    """HQ in its own process (`channeldesk-hq serve`), for kill-and-restart scenarios."""

    def __init__(self, url: str, tmp: Path) -> None:
        self.db_url, self.tmp = url, tmp
        self.db = Database(url)
        self.db.upgrade()
        self.port = 0
        self.proc: subprocess.Popen | None = None

    def start(self, env: dict | None = None) -> None:
        port_file = self.tmp / f"port-{time.monotonic_ns()}"
        cmd = [sys.executable, "-m", "server.cli", "--db", self.db_url, "serve", "--port",
               str(self.port), "--port-file", str(port_file)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})},
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("HQ process did not start")
            time.sleep(0.05)
        self.port = int(port_file.read_text())
        while True:  # wait until it accepts connections
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_exit(self, timeout: float = 30) -> int:
        return self.proc.wait(timeout)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def close(self) -> None:
        self.stop()
        self.db.dispose()


class FaultProxy:
    """An HTTP proxy in front of HQ that misbehaves on request: each queued fault applies to
    the next matching request. Faults: ('status', code[, retry_after]) answered without
    reaching HQ; 'drop_response' (HQ commits, the client never hears); 'truncate' (half the
    body); 'stall' (headers, then silence); 'drop_request' (connection closed, HQ never sees it)."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.faults: deque[tuple[str, tuple]] = deque()
        self.log: list[tuple[str, str, str]] = []  # (method, path, fault applied)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                proxy._handle(self)

            def do_POST(self) -> None:
                proxy._handle(self)

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, fault, *args, path: str = "", times: int = 1) -> None:
        for _ in range(times):
            self.faults.append((path, (fault, *args)))

    def _next_fault(self, path: str):
        for item in list(self.faults):
            if item[0] in path:
                self.faults.remove(item)
                return item[1]
        return None

    def _handle(self, h) -> None:
        body = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        fault = self._next_fault(h.path)
        if fault and fault[0] == "pass":  # a placeholder that spaces faults out in the queue
            fault = None
        self.log.append((h.command, h.path.split("?")[0], fault[0] if fault else ""))
        if fault and fault[0] == "drop_request":
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault and fault[0] == "status":
            payload = b'{"code": "injected", "message": "injected fault"}'
            h.send_response(fault[1])
            if len(fault) > 2:
                h.send_header("Retry-After", str(fault[2]))
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(payload)))
            h.end_headers()
            h.wfile.write(payload)
            return
        status, headers, data = self._forward(h, body)
        if fault and fault[0] == "drop_response":
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        h.send_response(status)
        for key, value in headers:
            if key.lower() not in ("transfer-encoding", "connection", "content-length", "date", "server"):
                h.send_header(key, value)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        if fault and fault[0] == "truncate":
            h.wfile.write(data[: len(data) // 2])
            h.wfile.flush()
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault and fault[0] == "stall":
            h.wfile.write(data[:10])
            h.wfile.flush()
            time.sleep(fault[1] if len(fault) > 1 else 3)
            h.close_connection = True
            return
        h.wfile.write(data)

    def _forward(self, h, body: bytes):
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("host", "connection")}
        conn.request(h.command, h.path, body=body or None, headers=headers)
        response = conn.getresponse()
        data = response.read()
        result = (response.status, response.getheaders(), data)
        conn.close()
        return result

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# -- HQ set-up -------------------------------------------------------------------------------

CATALOG = [
    {"sku": "COLA", "name": "可乐 500ml", "base_unit": "瓶", "packs": "箱=24",
     "barcodes": "6900000000014;箱:6900000000021", "price_A": "3.50", "floor_price": "3.00"},
    {"sku": "TEA", "name": "绿茶 500ml", "base_unit": "瓶", "packs": "箱=12",
     "barcodes": "6900000000038", "price_A": "3.00", "floor_price": "2.50"},
]


def seed_hq(db: Database, *codes: str) -> dict[str, str]:
    """Catalog plus one distributor per code; returns {code: distributor id}."""
    ids = {}
    with db.write() as s:
        import_rows(s, CATALOG)
        for code in codes:
            ids[code] = admin.add_distributor(s, code, f"经销商{code}", "华东").id
    return ids


def enroll_code(db: Database, distributor_code: str) -> str:
    with db.write() as s:
        return auth.issue_enroll_code(s, distributor_code)


# -- PCs -------------------------------------------------------------------------------------

class PC:
    """One distributor PC: its own database file, enrolled with HQ, syncing through `url`."""

    def __init__(self, template: Path, folder: Path, name: str, device_code: str = "D01") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{name}.db"
        shutil.copy(template, self.path)
        self.name = name
        self.store = Store.open(self.path)
        with self.store.ctx.write() as uow:
            # Each PC was set up on its own, so its first warehouse has its own id until
            # enrollment adopts the one HQ already knows.
            uow.session.execute(update(Warehouse).values(id=new_id()))
            uow.session.scalar(select(CompanyProfile)).device_code = device_code
        self.store.ctx.forget_device_code()
        self.store.login_as(CurrentUser(id=None, username="sync-test", role="manager"))

    @property
    def ctx(self):
        return self.store.ctx

    def enroll(self, url: str, code: str):
        return enroll(self.ctx, url, code)

    def engine(self, url: str | None = None, *, stall: float = 5.0, attempts: int = 4):
        engine = make_engine(self.ctx, stall_timeout=stall, max_attempts=attempts,
                             backoff=Backoff(base=0.01, cap=0.05))
        if url:
            engine.client.url = url
        return engine

    def sync(self, url: str | None = None, *, batch_size: int | None = None,
             page_limit: int | None = None, **kw):
        """One sync cycle; batch_size / page_limit override the engine's (ops per push,
        changes per page) to spread the work over many requests."""
        engine = self.engine(url, **kw)
        if batch_size is not None:
            engine.batch_size = batch_size
        if page_limit is not None:
            engine.page_limit = page_limit
        try:
            return engine.run_once()
        finally:
            engine.client.close()

    def close(self) -> None:
        self.store.close()


# -- invariants ------------------------------------------------------------------------------

def outbox_ids(pc: PC) -> tuple[set[str], set[str]]:
    """(pending op ids, parked op ids)."""
    with pc.ctx.read() as s:
        rows = s.execute(select(OutboxOp.op_id, OutboxOp.state)).all()
    return {r[0] for r in rows if r[1] == "pending"}, {r[0] for r in rows if r[1] == "parked"}


def acknowledged(pc: PC) -> dict[str, str]:
    with pc.ctx.read() as s:
        return dict(s.execute(select(OpResult.op_id, OpResult.status)).all())


def stock_sums(session, model, extra=()) -> dict[tuple[str, str], int]:
    query = select(model.product_id, model.warehouse_id, func.sum(model.quantity)).where(*extra)
    rows = session.execute(query.group_by(model.product_id, model.warehouse_id)).all()
    return {(r[0], r[1]): int(r[2]) for r in rows}


def hq_outlets(db: Database, distributor_id: str) -> dict[str, dict]:
    with db.read() as s:
        rows = s.scalars(select(HqOutlet).where(HqOutlet.distributor_id == distributor_id))
        return {o.id: _outlet_fields(o) for o in rows}


def pc_outlets(pc: PC) -> dict[str, dict]:
    with pc.ctx.read() as s:
        return {o.id: _outlet_fields(o) for o in s.scalars(select(Outlet))}


def _outlet_fields(o) -> dict:
    return {k: getattr(o, k) for k in ("name", "phone", "address", "contact", "archived")}


def check_invariants(db: Database, distributor_id: str, pcs: list[PC], ever_emitted: dict[str, set[str]] | None = None) -> None:
    """I1-I4 after quiescence: nothing pending; every op answered once or parked; HQ's stock
    and outlets equal every PC's; each op id appears once on HQ."""
    with db.read() as s:
        processed = dict(s.execute(
            select(ProcessedOp.op_id, ProcessedOp.status).where(ProcessedOp.distributor_id == distributor_id)
        ).all())
        hq_stock = stock_sums(s, HqMove, (HqMove.distributor_id == distributor_id,))
        move_count = s.scalar(select(func.count()).select_from(HqMove).where(HqMove.distributor_id == distributor_id))
    for pc in pcs:
        pending, parked = outbox_ids(pc)
        assert not pending, f"{pc.name}: {len(pending)} ops still pending"
        acks = acknowledged(pc)
        for op_id in parked:
            assert processed.get(op_id) in ("rejected", "conflict"), f"parked op {op_id} not refused by HQ"
        for op_id, status in acks.items():
            assert op_id in processed, f"{pc.name}: op {op_id} acknowledged but unknown to HQ"
            assert processed[op_id] == status, f"{pc.name}: op {op_id} is {status} here, {processed[op_id]} on HQ"
        if ever_emitted is not None:
            lost = ever_emitted[pc.name] - set(acks) - parked
            assert not lost, f"{pc.name}: ops vanished without an answer: {lost}"
        with pc.ctx.read() as s:
            assert stock_sums(s, StockMove) == hq_stock, f"{pc.name}: stock differs from HQ"
            assert s.scalar(select(func.count()).select_from(StockMove)) == move_count
        assert pc_outlets(pc) == hq_outlets(db, distributor_id), f"{pc.name}: outlets differ from HQ"
        assert pc_documents(pc) == hq_documents(db, distributor_id), f"{pc.name}: orders or payments differ"
        assert pc_paperwork(pc) == pc_paperwork(pcs[0]), f"{pc.name}: documents differ from {pcs[0].name}"
        assert pc_receivables(pc) == pc_receivables(pcs[0]), f"{pc.name}: receivables differ from {pcs[0].name}"


def pc_documents(pc: PC) -> tuple[dict, set]:
    """Sales orders HQ has heard of ({id: (status, total)}) and payments, as this PC sees them."""
    with pc.ctx.read() as s:
        orders = {r[0]: (r[1], r[2]) for r in s.execute(
            select(SalesOrder.id, SalesOrder.status, SalesOrder.total_fen).where(SalesOrder.status != "draft"))}
        payments = set(s.scalars(select(Payment.id)))
    return orders, payments


def pc_paperwork(pc: PC) -> dict:
    """Delivery notes (with their lots), returns and goods receipts: the same on every PC."""
    with pc.ctx.read() as s:
        notes = {}
        for note in s.scalars(select(DeliveryNote)):
            lines = sorted(s.execute(select(
                DeliveryNoteLine.order_line_id, DeliveryNoteLine.batch_id, DeliveryNoteLine.base_quantity,
            ).where(DeliveryNoteLine.note_id == note.id)).all(), key=str)
            notes[note.id] = (note.order_id, note.number, note.signed_by, tuple(lines))
        returns = dict(s.execute(select(SalesReturn.id, SalesReturn.total_fen)).all())
        receipts = set(s.scalars(select(GoodsReceipt.id)))
    return {"delivery_notes": notes, "returns": returns, "receipts": receipts}


def pc_receivables(pc: PC) -> dict:
    """What every outlet owes and which credit pays which invoice."""
    with pc.ctx.read() as s:
        invoices = {r[0]: tuple(r[1:]) for r in s.execute(
            select(Invoice.id, Invoice.number, Invoice.total_fen, Invoice.paid_fen))}
        payments = {r[0]: tuple(r[1:]) for r in s.execute(
            select(Payment.id, Payment.amount_fen, Payment.allocated_fen))}
        allocations = sorted(s.execute(select(
            PaymentAllocation.invoice_id, PaymentAllocation.payment_id, PaymentAllocation.return_id,
            PaymentAllocation.amount_fen)).all(), key=str)
    return {"invoices": invoices, "payments": payments, "allocations": allocations}


def hq_documents(db: Database, distributor_id: str) -> tuple[dict, set]:
    with db.read() as s:
        orders = {r[0]: (r[1], r[2]) for r in s.execute(
            select(HqOrder.id, HqOrder.status, HqOrder.total_fen).where(HqOrder.distributor_id == distributor_id))}
        payments = set(s.scalars(select(Document.id).where(
            Document.distributor_id == distributor_id, Document.entity == "payment")))
    return orders, payments


def all_op_ids(pc: PC) -> set[str]:
    pending, parked = outbox_ids(pc)
    return pending | parked | set(acknowledged(pc))
