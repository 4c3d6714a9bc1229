"""The HQ HTTP API (protocol 1): enroll, push, changes, device.

Business refusals are answered per operation with HTTP 200; HTTP errors mean "try again"
(5xx, 429), "send less" (413), "not allowed" (401/403), "update the app" (426) or "this
database is a copy of another PC's" (409 device_cloned).
"""


import gzip
import json
import logging
import threading
import time
import zlib
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError, OperationalError

from server import feed, filings, integrity, ops, settings
from server.auth import AuthError, authenticate, enroll
from server.db import Database
from server.models import Device, utcnow

log = logging.getLogger(__name__)

PROTOCOL_MIN, PROTOCOL_MAX = 1, 1
MAX_OPS = 500
MAX_BODY = 8 * 1024 * 1024
MAX_INFLATED = 64 * 1024 * 1024
PAGE_LIMIT = 1000
EXPIRY_CHECK_S = 60.0


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


class EnrollRequest(BaseModel):
    code: str = Field(min_length=1, max_length=40)
    device_name: str = Field(default="", max_length=100)
    warehouses: list[dict] = Field(default_factory=list, max_length=100)


PUSH_SCHEMA = {
    "type": "object",
    "required": ["ops"],
    "properties": {
        "batch_id": {"type": "string", "maxLength": 36},
        "unique_seq": {"type": "boolean", "description": (
            "true: each op's seq is used once ever by this device's database; HQ then answers "
            "409 device_cloned to a push whose new op reuses a seq of another op. Without it "
            "(older clients, whose seqs restart when the outbox drains) seqs are ignored")},
        "ops": {
            "type": "array",
            "maxItems": MAX_OPS,
            "items": {
                "type": "object",
                "required": ["op_id", "op_type", "entity_id", "payload"],
                "properties": {
                    "op_id": {"type": "string", "minLength": 1, "maxLength": 36},
                    "tx_group": {"type": "string", "maxLength": 36},
                    "seq": {"type": "integer"},
                    "op_type": {"type": "string", "minLength": 1, "maxLength": 40},
                    "entity": {"type": "string", "maxLength": 40},
                    "entity_id": {"type": "string", "minLength": 1, "maxLength": 80},
                    "base_rev": {"type": ["integer", "null"]},
                    "payload_ver": {"type": "integer"},
                    "payload": {"type": "object"},
                    "device_time": {"type": "string", "maxLength": 40},
                },
            },
        },
    },
}


CHECKSUMS_DOC = (
    "1: on the last page (has_more false), also answer `checksums`: this distributor's counts "
    "and sha256 digests at next_cursor, for the PC's convergence check"
)
_COUNTED = {"type": "object", "required": ["count", "digest"], "properties": {
    "count": {"type": "integer"}, "digest": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}}
CHANGES_RESPONSE = {
    "type": "object",
    "required": ["changes", "next_cursor", "has_more", "server_time"],
    "properties": {
        "changes": {"type": "array", "items": {"type": "object"}},
        "next_cursor": {"type": "string"},
        "has_more": {"type": "boolean"},
        "server_time": {"type": "string"},
        "checksums": {
            "type": "object",
            "description": "Only when asked for (checksums=1) and has_more is false; digests are "
                           "made by app.sync.checksums (version 1)",
            "required": ["version", "stock", "outlets", "sales_orders", "payments"],
            "properties": {
                "version": {"type": "integer"},
                "stock": {**_COUNTED, "description": "count of stock moves; digest over the sums "
                          "of quantity per (product, warehouse, batch)"},
                "outlets": {**_COUNTED, "description": "digest over (id, name, phone, address, "
                            "contact, archived)"},
                "sales_orders": {**_COUNTED, "description": "non-draft orders; digest over (id, status, "
                                 "total_fen)", "properties": {**_COUNTED["properties"], "by_status": {
                                     "type": "object", "additionalProperties": {"type": "integer"}}}},
                "payments": {**_COUNTED, "description": "digest over (id, amount_fen)"},
            },
        },
    },
}


def server_time() -> str:
    return utcnow().isoformat(timespec="milliseconds") + "Z"


def check_versions(
    x_channeldesk_protocol: Annotated[int | None, Header()] = None,
    x_channeldesk_app: Annotated[str | None, Header(max_length=40)] = None,
    x_channeldesk_schema: Annotated[str | None, Header(max_length=40)] = None,
) -> dict:
    if x_channeldesk_protocol is None or not PROTOCOL_MIN <= x_channeldesk_protocol <= PROTOCOL_MAX:
        raise ApiError(
            426, "protocol_unsupported",
            f"This HQ speaks sync protocol {PROTOCOL_MIN}-{PROTOCOL_MAX}; please update ChannelDesk",
        )
    return {"protocol": x_channeldesk_protocol, "app": x_channeldesk_app or "", "schema": x_channeldesk_schema or ""}


def create_app(db: Database) -> FastAPI:
    app = FastAPI(title="ChannelDesk HQ", version="1")
    # Level 5 compresses a page of changes nearly as well as 9 at a fraction of the CPU.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.state.db = db
    expiry = _ExpiryClock()

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"code": exc.code, "message": exc.message}, exc.status, headers=exc.headers)

    @app.exception_handler(AuthError)
    async def _auth_error(_request: Request, exc: AuthError) -> JSONResponse:
        status = 403 if exc.code == "device_revoked" else 401
        return JSONResponse({"code": exc.code, "message": exc.message}, status)

    @app.exception_handler(OperationalError)
    async def _busy(_request: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database busy or unavailable: %s", exc)
        return JSONResponse({"code": "busy", "message": "HQ is busy; retrying"}, 503,
                            headers={"Retry-After": "1"})

    def device(
        versions: Annotated[dict, Depends(check_versions)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> Device:
        token = authorization[7:] if authorization and authorization.startswith("Bearer ") else None
        with db.read() as session:
            found = authenticate(session, token)
            session.expunge(found)
        found.app_version, found.protocol = versions["app"], versions["protocol"]
        return found

    @app.post("/v1/enroll")
    def enroll_device(body: EnrollRequest, _versions: Annotated[dict, Depends(check_versions)]) -> dict:
        with db.write() as session:
            result = enroll(session, body.code, device_name=body.device_name, warehouses=body.warehouses)
            d = result.distributor
            return {
                "device_id": result.device_id, "token": result.token,
                "distributor": {"id": d.id, "code": d.code, "name": d.name, "region": d.region},
                "warehouses": result.warehouses, "server_time": server_time(),
            }

    @app.post("/v1/push", openapi_extra={"requestBody": {
        "required": True, "content": {"application/json": {"schema": PUSH_SCHEMA}}}})
    async def push(request: Request, dev: Annotated[Device, Depends(device)]) -> dict:
        body = await _read_ops(request)
        from starlette.concurrency import run_in_threadpool

        results = await run_in_threadpool(_push_sync, db, dev, body)
        return {"results": results, "server_time": server_time()}

    @app.get("/v1/changes", response_class=JSONResponse, responses={
        200: {"content": {"application/json": {"schema": CHANGES_RESPONSE}}}})
    def changes(
        dev: Annotated[Device, Depends(device)],
        cursor: Annotated[str, Query(max_length=200)] = "",
        limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT)] = PAGE_LIMIT,
        checksums: Annotated[bool, Query(description=CHECKSUMS_DOC)] = False,
    ) -> dict:
        expiry.run_if_due(db)
        with db.read(snapshot=checksums) as session:
            epoch = settings.get(session, "feed_epoch")
            start = feed.Cursor.decode(cursor, epoch)
            if start is None:
                raise ApiError(409, "must_refetch", "The sync position is not valid on this HQ; starting over")
            page = feed.read_page(session, dev.distributor_id, start, limit)
            answer = {
                "changes": page.changes, "next_cursor": page.cursor.encode(),
                "has_more": page.has_more, "server_time": server_time(),
            }
            if checksums and not page.has_more:
                # Same transaction as the page: the figures stand for the state at next_cursor.
                answer["checksums"] = integrity.for_distributor(session, dev.distributor_id)
        # Feed rows are plain JSON already: serialise once, skipping FastAPI's re-encoding walk.
        return _FastJSON(answer)

    @app.get("/v1/device")
    def device_state(dev: Annotated[Device, Depends(device)]) -> dict:
        """What a PC restored from a backup asks before its first push: the highest outbox seq
        HQ holds from this device, so that its new ops take numbers above it."""
        with db.read() as session:
            return {"device_id": dev.id, "highest_seq": ops.highest_seq(session, dev.id)}

    @app.get("/v1/ping")
    def ping(_versions: Annotated[dict, Depends(check_versions)]) -> dict:
        return {"server_time": server_time(), "protocol": [PROTOCOL_MIN, PROTOCOL_MAX]}

    return app


async def _read_ops(request: Request) -> list[dict]:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise ApiError(413, "batch_too_large", "Push batch too large; send fewer operations")
    if request.headers.get("content-encoding", "").lower() == "gzip":
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            raw = inflater.decompress(raw, MAX_INFLATED)
            if inflater.unconsumed_tail:
                raise ApiError(413, "batch_too_large", "Push batch too large; send fewer operations")
        except (zlib.error, gzip.BadGzipFile) as exc:
            raise ApiError(400, "bad_request", "The push body is not valid gzip") from exc
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "bad_request", "The push body is not JSON") from exc
    ops_list = body.get("ops") if isinstance(body, dict) else None
    if not isinstance(ops_list, list):
        raise ApiError(422, "bad_request", "The push body needs a list of ops")
    if len(ops_list) > MAX_OPS:
        raise ApiError(413, "batch_too_large", f"At most {MAX_OPS} operations per push")
    for op in ops_list:
        _check_op_envelope(op)
        if body.get("unique_seq") is not True:
            op.pop("seq", None)  # an older client reuses seqs: they prove nothing
    return ops_list


def _check_op_envelope(op) -> None:
    ok = (
        isinstance(op, dict)
        and _short_str(op.get("op_id"), 36)
        and _short_str(op.get("op_type"), 40)
        and _short_str(op.get("entity_id"), 80)
        and isinstance(op.get("device_time", ""), str | None)
        and "\x00" not in (op.get("device_time") or "")
    )
    if not ok:
        raise ApiError(422, "bad_request", "Each op needs op_id, op_type, entity_id and payload")


def _short_str(value, max_len: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= max_len and "\x00" not in value


CLONE_MESSAGE = ("This PC's database is also in use on another PC (a copy) pushing as the same "
                 "device; nothing of this push was applied. Enroll this PC again with a new code.")


def _push_sync(db: Database, dev: Device, ops_list: list[dict]) -> list[dict]:
    try:
        return _apply_push(db, dev, ops_list)
    except ops.DeviceCloned as clone:
        _record_clone(db, dev, clone)
        raise ApiError(409, "device_cloned", CLONE_MESSAGE) from None


def _record_clone(db: Database, dev: Device, clone: ops.DeviceCloned) -> None:
    """The push was rolled back; keep a trace for HQ staff (`channeldesk-hq device list`)."""
    log.warning("refused a push from a copied database: %s", clone)
    with db.write() as session:
        attached = session.get(Device, dev.id)
        attached.last_seen_at = attached.clone_seen_at = utcnow()


def _apply_push(db: Database, dev: Device, ops_list: list[dict]) -> list[dict]:
    for attempt in range(3):
        try:
            with db.write() as session:
                attached = session.get(Device, dev.id)
                attached.last_seen_at = utcnow()
                attached.app_version, attached.protocol = dev.app_version, dev.protocol
                return ops.process_batch(session, attached, ops_list)
        except IntegrityError:
            # Another distributor's push claimed one of these op ids at the same moment;
            # on the next pass the stored answer is found and answered without effect.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


class _FastJSON(JSONResponse):
    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


class _ExpiryClock:
    """Expire filings at most once a minute per process, and write only when some are due."""

    def __init__(self) -> None:
        self._next = 0.0
        self._lock = threading.Lock()

    def run_if_due(self, db: Database) -> None:
        now = time.monotonic()
        with self._lock:
            if now < self._next:
                return
            self._next = now + EXPIRY_CHECK_S
        today = utcnow().date()
        with db.read() as session:
            due = filings.has_due(session, today)
        if due:
            with db.write() as session:
                filings.expire_due(session, today)
