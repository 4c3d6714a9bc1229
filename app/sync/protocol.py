"""The HTTP side of sync protocol 1: enroll, push (gzip JSON) and pull pages of changes.

Errors are sorted by what the engine should do next: retry later (Transient), send fewer
ops (BatchTooLarge), start the feed over (MustRefetch), or stop and tell the clerk
(any other SyncError, e.g. an app too old for HQ, a revoked PC or a copied database).
"""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass

from app.errors import SyncError

log = logging.getLogger(__name__)

PROTOCOL = 1
DEFAULT_STALL_S = 30.0
CONNECT_TIMEOUT_S = 10.0


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("channeldesk")
    except Exception:  # not installed (running from a checkout)
        return "0.1.0"


def schema_version() -> str:
    from app.db.schema_version import HEAD_REVISION

    return HEAD_REVISION


class Transient(SyncError):
    """Worth retrying with the same request: network trouble, HQ busy or restarting."""

    def __init__(self, message_id: str, /, retry_after: float | None = None, **params) -> None:
        super().__init__(message_id, **params)
        self.retry_after = retry_after


class BatchTooLarge(SyncError):
    pass


class MustRefetch(SyncError):
    pass


@dataclass
class TrafficStats:
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0


class HQClient:
    """One HQ, one device token. Certificates are verified unless told otherwise."""

    def __init__(
        self,
        url: str,
        token: str | None = None,
        *,
        stall_timeout: float = DEFAULT_STALL_S,
        verify: bool | str = True,
        protocol: int = PROTOCOL,
    ) -> None:
        import requests  # imported lazily: ~0.2 s the desktop should not pay at start-up

        self.url = url.rstrip("/")
        self.token = token
        self.stall_timeout = stall_timeout
        self.protocol = protocol
        self.stats = TrafficStats()
        self._http = requests.Session()
        self._http.verify = verify

    def close(self) -> None:
        self._http.close()

    def enroll(self, code: str, *, device_name: str, warehouses: list[dict]) -> dict:
        body = {"code": code, "device_name": device_name, "warehouses": warehouses}
        return self._call("POST", "/v1/enroll", body=body)

    def push(self, ops: list[dict]) -> dict:
        # unique_seq: this database's outbox never hands a seq out twice (AUTOINCREMENT), so
        # HQ may take one seq under two op ids as a copied database (409 device_cloned).
        return self._call("POST", "/v1/push", body={"ops": ops, "unique_seq": True}, compress=True)

    def device(self) -> dict:
        return self._call("GET", "/v1/device")

    def changes(self, cursor: str, limit: int, *, checksums: bool = False) -> dict:
        params = {"cursor": cursor, "limit": limit}
        if checksums:  # only when due: HQ then reads whole tables, and the no-op sync stays small
            params["checksums"] = 1
        return self._call("GET", "/v1/changes", params=params)

    def _headers(self) -> dict:
        headers = {
            "X-ChannelDesk-Protocol": str(self.protocol),
            "X-ChannelDesk-App": app_version(),
            "X-ChannelDesk-Schema": schema_version(),
            "Accept-Encoding": "gzip",
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _call(self, method: str, path: str, *, body=None, params=None, compress=False) -> dict:
        import requests

        headers = self._headers()
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
            if compress:
                data = gzip.compress(data, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
        self.stats.requests += 1
        self.stats.bytes_sent += len(data or b"") + _header_bytes(headers) + len(path) + 16
        try:
            # The read timeout fires when no byte arrives for that long: a stall timeout.
            response = self._http.request(
                method, self.url + path, data=data, params=params, headers=headers,
                timeout=(CONNECT_TIMEOUT_S, self.stall_timeout),
            )
            content = response.content
        except requests.exceptions.SSLError as exc:
            raise SyncError("sync.tls_failed", url=self.url, detail=str(exc)[:200]) from exc
        except requests.exceptions.Timeout as exc:
            raise Transient("sync.stalled", seconds=self.stall_timeout) from exc
        except requests.exceptions.RequestException as exc:
            raise Transient("sync.offline", url=self.url, detail=str(exc)[:200]) from exc
        wire = int(response.headers.get("Content-Length") or len(content))
        self.stats.bytes_received += wire + _header_bytes(response.headers) + 16
        return _interpret(response.status_code, response.headers, content)


def _header_bytes(headers) -> int:
    return sum(len(k) + len(str(v)) + 4 for k, v in headers.items())


def _interpret(status: int, headers, content: bytes) -> dict:
    try:
        body = json.loads(content) if content else {}
    except ValueError:
        body = None
    if status == 200:
        if not isinstance(body, dict):
            raise Transient("sync.bad_response")  # truncated or garbled: ask again
        return body
    code = body.get("code", "") if isinstance(body, dict) else ""
    message = body.get("message", "") if isinstance(body, dict) else ""
    if status == 429 or status >= 500:
        return _raise_transient(status, headers)
    if status == 413:
        raise BatchTooLarge("sync.batch_too_large")
    if status == 426:
        raise SyncError("sync.protocol_unsupported", message=message)
    if status == 409 and code == "must_refetch":
        raise MustRefetch("sync.must_refetch")
    if status == 409 and code == "device_cloned":
        raise SyncError("sync.device_cloned", message=message)
    if code == "device_revoked":
        raise SyncError("sync.device_revoked", message=message)
    if code == "enroll_code_invalid":
        raise SyncError("sync.enroll_code_invalid")
    if status in (401, 403):
        raise SyncError("sync.unauthorized", message=message)
    raise SyncError("sync.request_refused", status=status, code=code, message=message)


def _raise_transient(status: int, headers) -> dict:
    retry_after = None
    try:
        retry_after = float(headers.get("Retry-After")) if headers.get("Retry-After") else None
    except ValueError:
        retry_after = None
    message_id = "sync.throttled" if status == 429 else "sync.server_error"
    raise Transient(message_id, retry_after=retry_after, status=status)
