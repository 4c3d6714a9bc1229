"""Raw protocol calls for the server tests (the client library is tested elsewhere)."""

from __future__ import annotations

import gzip
import json
import uuid

import requests

from tests.sync.harness import enroll_code

HEADERS = {"X-ChannelDesk-Protocol": "1", "X-ChannelDesk-App": "test", "X-ChannelDesk-Schema": "0001"}


class Device:
    def __init__(self, hq, distributor: str, warehouses: list[dict] | None = None) -> None:
        self.url = hq.url
        reply = requests.post(f"{self.url}/v1/enroll", headers=HEADERS, timeout=10, json={
            "code": enroll_code(hq.db, distributor), "device_name": "test",
            "warehouses": warehouses or [],
        })
        reply.raise_for_status()
        self.enrollment = reply.json()
        self.token = self.enrollment["token"]
        self.id = self.enrollment["device_id"]
        self.headers = {**HEADERS, "Authorization": f"Bearer {self.token}"}

    def push(self, *ops: dict, compress: bool = True) -> list[dict]:
        body = json.dumps({"ops": list(ops)}).encode()
        headers = {**self.headers, "Content-Type": "application/json"}
        if compress:
            body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
        reply = requests.post(f"{self.url}/v1/push", data=body, headers=headers, timeout=30)
        assert reply.status_code == 200, reply.text
        return reply.json()["results"]

    def changes(self, cursor: str = "", limit: int = 1000) -> dict:
        reply = requests.get(f"{self.url}/v1/changes", params={"cursor": cursor, "limit": limit},
                             headers=self.headers, timeout=30)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def all_changes(self) -> list[dict]:
        out, cursor = [], ""
        while True:
            page = self.changes(cursor)
            out += page["changes"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return out


def op(op_type: str, entity_id: str, payload: dict, device_time: str = "2026-11-27T08:00:00") -> dict:
    return {"op_id": str(uuid.uuid4()), "op_type": op_type, "entity_id": entity_id,
            "payload": payload, "device_time": device_time}


def outlet_create(name: str, phone: str = "", address: str = "", outlet_id: str | None = None) -> dict:
    outlet_id = outlet_id or str(uuid.uuid4())
    return op("outlet.create", outlet_id, {"id": outlet_id, "code": "CU-1", "name": name,
                                           "phone": phone, "address": address})


def filing_submit(outlet_id: str, name: str, phone: str = "", address: str = "") -> dict:
    filing_id = str(uuid.uuid4())
    return op("filing.submit", filing_id, {"id": filing_id, "outlet_id": outlet_id,
                                           "outlet_name": name, "phone": phone, "address": address})
