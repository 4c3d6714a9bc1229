"""The HQ server through its HTTP API and admin functions, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
import uuid

import requests
from sqlalchemy import select

from server import admin, feed, filings
from server.models import Change, Device, EnrollmentCode, Filing, PurchaseOrder, SalesOrder
from tests.server.helpers import HEADERS, filing_submit, op, outlet_create
from tests.server.helpers import Device as Dev
from tests.sync.harness import enroll_code


def test_enrollment_code_is_one_time_and_only_hashes_are_stored(hq, world):
    code = enroll_code(hq.db, "DX")
    body = {"code": code, "device_name": "前台电脑"}
    first = requests.post(f"{hq.url}/v1/enroll", json=body, headers=HEADERS, timeout=10)
    again = requests.post(f"{hq.url}/v1/enroll", json=body, headers=HEADERS, timeout=10)
    assert first.status_code == 200 and again.status_code == 401
    assert again.json()["code"] == "enroll_code_invalid"
    token = first.json()["token"]
    with hq.db.read() as s:
        device = s.get(Device, first.json()["device_id"])
        stored_codes = [c.code_hash for c in s.scalars(select(EnrollmentCode))]
    assert device.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert all(code.replace("-", "") not in h for h in stored_codes)


def test_every_request_is_authenticated(hq, world):
    for headers in (HEADERS, {**HEADERS, "Authorization": "Bearer not-a-token"}):
        reply = requests.get(f"{hq.url}/v1/changes", headers=headers, timeout=10)
        assert reply.status_code == 401 and reply.json()["code"] == "unauthorized"


def test_revoked_device_gets_403_device_revoked(hq, world):
    device = Dev(hq, "DX")
    with hq.db.write() as s:
        admin.revoke_device(s, device.id)
    reply = requests.get(f"{hq.url}/v1/changes", headers=device.headers, timeout=10)
    assert reply.status_code == 403
    assert reply.json()["code"] == "device_revoked" and "revoked" in reply.json()["message"]


def test_unsupported_protocol_is_426_with_a_message(hq, world):
    device = Dev(hq, "DX")
    for version in (None, "0", "99"):
        headers = {k: v for k, v in device.headers.items() if k != "X-ChannelDesk-Protocol"}
        if version:
            headers["X-ChannelDesk-Protocol"] = version
        reply = requests.get(f"{hq.url}/v1/changes", headers=headers, timeout=10)
        assert reply.status_code == 426
        assert reply.json()["code"] == "protocol_unsupported"
        assert "update ChannelDesk" in reply.json()["message"]


def test_push_limits_and_bad_bodies(hq, world):
    device = Dev(hq, "DX")
    ops = [op("stock_move.post", str(uuid.uuid4()), {}) for _ in range(501)]
    headers = {**device.headers, "Content-Type": "application/json"}
    too_many = requests.post(f"{hq.url}/v1/push", json={"ops": ops}, headers=headers, timeout=30)
    assert too_many.status_code == 413 and too_many.json()["code"] == "batch_too_large"
    bad_gzip = requests.post(f"{hq.url}/v1/push", data=b"not gzip",
                             headers={**headers, "Content-Encoding": "gzip"}, timeout=10)
    assert bad_gzip.status_code == 400
    plain = device.push(outlet_create("不压缩也行"), compress=False)
    assert plain[0]["status"] == "applied"


def test_text_postgresql_cannot_store_and_huge_numbers_are_refused_per_op(hq, world):
    """A NUL character (PostgreSQL text cannot hold it) or a number wider than a bigint in
    one op is that op's rejection, answered like any other; the ops around it still apply.
    Found by fuzzing the API against PostgreSQL (it was a 500 for the whole batch)."""
    device = Dev(hq, "DX")
    nul = outlet_create("坏\x00名字")
    huge = op("stock_move.post", str(uuid.uuid4()), {
        "id": str(uuid.uuid4()), "product_id": str(uuid.uuid4()), "warehouse_id": str(uuid.uuid4()),
        "quantity": 10**30, "kind": "receipt"})
    wide = outlet_create("宽字段")
    wide["payload"]["payment_terms_days"] = 2**40  # an int4 column on HQ
    good = outlet_create("好名字")
    answers = device.push(nul, huge, wide, good)
    assert [(a["status"], a["reason"]) for a in answers] == [
        ("rejected", "invalid_payload"), ("rejected", "invalid_payload"),
        ("rejected", "invalid_payload"), ("applied", "")]
    again = device.push(nul)
    assert again[0]["status"] == "duplicate" and again[0]["original_status"] == "rejected"
    headers = {**device.headers, "Content-Type": "application/json"}
    bad_id = {**good, "op_id": "a\x00b"}
    refused = requests.post(f"{hq.url}/v1/push", json={"ops": [bad_id]}, headers=headers, timeout=10)
    assert refused.status_code == 422


def test_devices_never_see_or_touch_another_distributors_data(hq, world):
    dx, dy = Dev(hq, "DX"), Dev(hq, "DY")
    create = outlet_create("只属于DX的店", "13700000000")
    assert dx.push(create)[0]["status"] == "applied"
    outlet_id = create["entity_id"]
    patch = op("outlet.update", outlet_id, {"id": outlet_id, "fields": {"name": ["只属于DX的店", "抢走"]}})
    hijack = dy.push(patch, outlet_create("冒名", outlet_id=outlet_id), dict(create))
    assert [a["status"] for a in hijack] == ["rejected", "rejected", "rejected"]
    assert [a["reason"] for a in hijack] == ["not_found", "id_conflict", "id_conflict"]
    assert hijack[2].get("detail") == {}  # a replayed foreign op id reveals nothing
    seen = {c["entity_id"] for c in dy.all_changes()}
    assert outlet_id not in seen
    assert outlet_id in {c["entity_id"] for c in dx.all_changes()}


def test_hq_recomputes_order_totals_and_flags_prices_below_floor(hq, world):
    device = Dev(hq, "DX")
    cola = next(c for c in device.all_changes() if c["entity"] == "product" and c["data"]["sku"] == "COLA")
    outlet = outlet_create("算账的店")
    order_id = str(uuid.uuid4())
    unit = cola["data"]["units"][0]["id"]
    lines = [
        {"id": str(uuid.uuid4()), "product_id": cola["entity_id"], "unit_id": unit,
         "quantity": 10, "base_quantity": 10, "unit_price_fen": 350, "amount_fen": 1},
        {"id": str(uuid.uuid4()), "product_id": cola["entity_id"], "unit_id": unit,
         "quantity": 2, "base_quantity": 2, "unit_price_fen": 200, "amount_fen": 400},
    ]
    confirm = op("sales_order.confirm", order_id, {
        "id": order_id, "number": "SO-D01-1", "outlet_id": outlet["entity_id"],
        "warehouse_id": str(uuid.uuid4()), "order_date": "2026-11-27", "total_fen": 5, "lines": lines,
    })
    answers = device.push(outlet, confirm)
    assert answers[1]["status"] == "applied"
    assert answers[1]["detail"] == {"total_fen": 3900, "total_mismatch": True, "below_floor_lines": 1}
    with hq.db.read() as s:
        order = s.get(SalesOrder, order_id)
    assert order.total_fen == 3900 and order.client_total_fen == 5
    ship = op("sales_order.ship", order_id, {"id": order_id})
    cancel = op("sales_order.cancel", order_id, {"id": order_id})
    assert [a["status"] for a in device.push(ship, cancel)] == ["applied", "rejected"]


def test_filing_rule_protection_and_expiry(hq, world):
    dx, dy = Dev(hq, "DX"), Dev(hq, "DY")
    with hq.db.write() as s:
        admin.set_setting(s, "protection_days", "30")
    ox, oy = outlet_create("阳光超市", "13811112222"), outlet_create("阳光超市有限公司", "", "")
    fx = filing_submit(ox["entity_id"], "阳光超市", "138 1111 2222", "东街1号")
    fy = filing_submit(oy["entity_id"], "阳光超市有限公司", "+86-138-1111-2222", "东街一号")
    fx_again = filing_submit(ox["entity_id"], "阳光超市", "13811112222")
    first = dx.push(ox, fx)[1]
    second = dy.push(oy, fy)[1]
    mine_again = dx.push(fx_again)[0]
    until = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert first["status"] == "applied" and first["detail"]["protection_until"] == until
    assert second["status"] == "conflict"
    assert second["detail"] == {"filing_status": "conflict", "protection_until": until}
    assert mine_again["detail"]["filing_status"] == "approved"
    with hq.db.write() as s:
        s.get(Filing, fx["entity_id"]).protection_until = dt.date.today() - dt.timedelta(days=1)
        s.get(Filing, fx_again["entity_id"]).protection_until = dt.date.today() - dt.timedelta(days=1)
        assert filings.expire_due(s, dt.date.today()) == 2
    decided = {c["entity_id"]: c["data"]["status"] for c in dx.all_changes() if c["entity"] == "filing"}
    assert decided[fx["entity_id"]] == "expired"
    fz = filing_submit(oy["entity_id"], "阳光超市", "13811112222")
    assert dy.push(fz)[0]["detail"]["filing_status"] == "approved"  # free again after expiry


def test_staff_decide_filings_by_hand(hq, world):
    device = Dev(hq, "DX")
    with hq.db.write() as s:
        admin.set_setting(s, "filing_auto_approve", "0")
    outlet = outlet_create("人工审核店", "13900000000")
    filing = filing_submit(outlet["entity_id"], "人工审核店", "13900000000")
    assert device.push(outlet, filing)[1]["detail"]["filing_status"] == "pending"
    with hq.db.write() as s:
        assert [f.id for f in admin.list_filings(s, "pending")] == [filing["entity_id"]]
        admin.decide_filing(s, filing["entity_id"], "reject", "资料不全")
    change = [c for c in device.all_changes() if c["entity_id"] == filing["entity_id"]][-1]
    assert change["data"]["status"] == "rejected" and change["data"]["reason"] == "资料不全"


def test_purchase_order_status_is_decided_by_hq_and_flows_down(hq, world):
    device = Dev(hq, "DX")
    po_id = str(uuid.uuid4())
    submit = op("purchase_order.submit", po_id, {
        "id": po_id, "number": "PO-D01-1", "warehouse_id": str(uuid.uuid4()),
        "order_date": "2026-11-27", "total_fen": 1,
        "lines": [{"product_id": "p", "unit_id": "u", "quantity": 5, "base_quantity": 120,
                   "unit_price_fen": 6000}],
    })
    assert device.push(submit)[0]["detail"] == {"total_fen": 30000, "status": "submitted"}
    with hq.db.write() as s:
        admin.decide_po(s, po_id, "approve")
        admin.decide_po(s, po_id, "ship")
    cancel = op("purchase_order.cancel", po_id, {"id": po_id})
    refused = device.push(cancel)[0]
    assert refused["status"] == "rejected" and refused["reason"] == "invalid_transition"
    statuses = [c["data"]["status"] for c in device.all_changes() if c["entity_id"] == po_id]
    assert statuses == ["shipped"]  # compacted: the feed keeps the latest state
    with hq.db.read() as s:
        assert s.get(PurchaseOrder, po_id).status == "shipped"


def test_feed_pages_cursor_and_refetch(hq, world):
    device = Dev(hq, "DX")
    device.push(*[outlet_create(f"店{n}") for n in range(7)])
    seen, cursor, pages = [], "", 0
    while True:
        page = device.changes(cursor, limit=3)
        seen += page["changes"]
        cursor, pages = page["next_cursor"], pages + 1
        if not page["has_more"]:
            break
    assert len(seen) == len({(c["stream"], c["seq"]) for c in seen}) == 2 + 7 + 1  # catalog, outlets, tier
    assert pages >= 4 and device.changes(cursor)["changes"] == []
    foreign = feed.Cursor("other-epoch", 0, 0).encode()
    for bad in (foreign, "garbage!!"):
        reply = requests.get(f"{hq.url}/v1/changes", params={"cursor": bad}, headers=device.headers, timeout=10)
        assert reply.status_code == 409 and reply.json()["code"] == "must_refetch"


def test_feed_numbers_become_visible_in_commit_order(hq, world):
    """A writer that took a number and commits late must not be overtaken (DESIGN §5.4)."""
    device = Dev(hq, "DX")
    feed_name = f"d:{world['DX']}"
    took_number = threading.Event()

    def slow_writer():
        with hq.db.write() as s:
            feed.publish(s, feed_name, "test", "slow", {"n": 1})
            took_number.set()
            time.sleep(0.8)

    def fast_writer():
        took_number.wait()
        with hq.db.write() as s:
            feed.publish(s, feed_name, "test", "fast", {"n": 2})

    threads = [threading.Thread(target=slow_writer), threading.Thread(target=fast_writer)]
    for t in threads:
        t.start()
    took_number.wait()
    time.sleep(0.3)
    during = [c["entity_id"] for c in device.changes()["changes"] if c["entity"] == "test"]
    for t in threads:
        t.join()
    after = [c for c in device.changes()["changes"] if c["entity"] == "test"]
    assert during == []  # neither is visible while the first number is uncommitted
    assert [c["entity_id"] for c in after] == ["slow", "fast"]
    assert after[0]["seq"] < after[1]["seq"]
    with hq.db.read() as s:
        assert s.scalar(select(Change.seq).where(Change.entity_id == "fast")) == after[1]["seq"]
