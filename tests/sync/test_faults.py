"""Fault scenarios of DESIGN.md §5 against the real HQ on 127.0.0.1 (SQLite and PostgreSQL),
each ending with the invariants: every op answered once or visibly parked, HQ equals the
fold of accepted ops, every PC converges, stock sums agree."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.db.models import CustomerFiling, OutboxOp
from app.sync import apply, outbox
from app.sync.lock import SyncLock
from app.sync.protocol import HQClient
from app.sync.status import meta
from server.models import NegativeStockFlag, OutletConflict, ProcessedOp
from server.models import Outlet as HqOutlet
from tests.sync import actions
from tests.sync.harness import all_op_ids, check_invariants, pc_outlets


def _two_pcs(hq, make_pc, world, distributor="DX"):
    pc1 = make_pc(hq, distributor, "pc1", "D01")
    pc2 = make_pc(hq, distributor, "pc2", "D02")
    assert pc1.sync().ok and pc2.sync().ok
    return pc1, pc2


def _hq_count(hq, model, *where) -> int:
    with hq.db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_lost_response_after_hq_commit_is_answered_duplicate(hq, world, make_pc, proxy_for):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    outlet_id = actions.new_outlet(pc, "华联超市", "13800000001", "中山路1号")
    actions.receive(pc, "COLA", 24)
    emitted = all_op_ids(pc)
    proxy = proxy_for(hq)
    proxy.add("drop_response", path="/v1/push")

    report = pc.sync(proxy.url)

    assert report.ok and report.duplicates == 2 and report.pushed == 0
    assert [entry[2] for entry in proxy.log if entry[1] == "/v1/push"] == ["drop_response", ""]
    assert _hq_count(hq, HqOutlet, HqOutlet.id == outlet_id) == 1
    check_invariants(hq.db, world["DX"], [pc], {"pc1": emitted})


def test_duplicate_concurrent_pushes_apply_once(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    for _ in range(20):
        actions.move(pc, "COLA", 1, kind="receipt")
    ops = outbox.next_batch(pc.ctx, 500)
    token = pc.engine().client.token
    answers: list[list[dict]] = []

    def push():
        client = HQClient(hq.url, token)
        answers.append(client.push(ops)["results"])
        client.close()

    threads = [threading.Thread(target=push) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    statuses = sorted(a["status"] for batch in answers for a in batch)
    assert statuses.count("applied") == 20 and statuses.count("duplicate") == 40
    assert actions.stock_of(pc, "COLA") == 20
    assert pc.sync().ok
    check_invariants(hq.db, world["DX"], [pc])


def test_second_sync_worker_on_one_database_is_refused(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    with SyncLock(pc.path):
        report = pc.sync()
    assert not report.ok and report.error_id == "sync.busy"
    assert pc.sync().ok


def test_5xx_and_429_storms_are_ridden_out(hq, world, make_pc, proxy_for):
    pc = make_pc(hq, "DX", "pc1")
    actions.new_outlet(pc, "便民商店")
    proxy = proxy_for(hq)
    proxy.add("status", 503, path="/v1/push", times=2)
    proxy.add("status", 429, 0, path="/v1/push")
    proxy.add("status", 502, path="/v1/changes")
    proxy.add("status", 500, path="/v1/changes")

    report = pc.sync(proxy.url, attempts=6)

    assert report.ok
    assert sum(1 for e in proxy.log if e[2] == "status") == 5
    check_invariants(hq.db, world["DX"], [pc])


def test_storm_longer_than_the_retry_budget_fails_and_keeps_ops(hq, world, make_pc, proxy_for):
    pc = make_pc(hq, "DX", "pc1")
    actions.new_outlet(pc, "便民商店")
    proxy = proxy_for(hq)
    proxy.add("status", 503, path="/v1/push", times=10)

    report = pc.sync(proxy.url, attempts=3)

    assert not report.ok and report.error_id == "sync.server_error"
    status = pc.engine().status()
    assert status.pending_count == 1 and not status.online
    proxy.faults.clear()
    assert pc.sync(proxy.url).ok
    check_invariants(hq.db, world["DX"], [pc])


def test_413_halves_the_batch(hq, world, make_pc, proxy_for):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    for _ in range(40):
        actions.move(pc, "TEA", 2, kind="receipt")
    proxy = proxy_for(hq)
    proxy.add("status", 413, path="/v1/push", times=2)
    engine = pc.engine(proxy.url)
    engine.batch_size = 40

    report = engine.run_once()

    assert report.ok and report.pushed == 40
    pushes = [e for e in proxy.log if e[1] == "/v1/push"]
    assert len(pushes) == 2 + 4  # refused at 40 and 20, then four batches of 10
    check_invariants(hq.db, world["DX"], [pc])


def test_truncated_and_stalled_bodies_are_retried(hq, world, make_pc, proxy_for):
    pc = make_pc(hq, "DX", "pc1")
    actions.new_outlet(pc, "华润万家", "13900000002")
    proxy = proxy_for(hq)
    proxy.add("stall", 3, path="/v1/push")
    proxy.add("truncate", path="/v1/changes")
    proxy.add("drop_request", path="/v1/changes")

    report = pc.sync(proxy.url, stall=1.0, attempts=5)

    assert report.ok and report.pushed + report.duplicates == 1
    check_invariants(hq.db, world["DX"], [pc])


def test_poison_op_is_parked_and_good_ops_behind_it_go_through(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    with pc.ctx.write() as uow:
        uow.emit("stock_move.post", "bad-move", {"id": "bad-move", "quantity": "lots", "kind": "receipt"})
        uow.emit("loyalty_card.issue", "card-1", {"id": "card-1"})
    good = actions.new_outlet(pc, "好邻居")
    actions.receive(pc, "COLA", 5)

    report = pc.sync()

    assert report.ok and report.parked == 2 and report.pushed == 2
    status = pc.engine().status()
    assert sorted(p.reason for p in status.parked) == ["invalid_payload", "unknown_op_type"]
    assert _hq_count(hq, HqOutlet, HqOutlet.id == good) == 1
    again = pc.sync()  # parked ops are not sent again
    assert again.ok and again.requests == 1
    check_invariants(hq.db, world["DX"], [pc])


def test_two_pcs_editing_one_outlet_merge_per_field(hq, world, make_pc):
    pc1, pc2 = _two_pcs(hq, make_pc, world)
    outlet_id = actions.new_outlet(pc1, "联华超市", "13800000009", "解放路9号")
    assert pc1.sync().ok and pc2.sync().ok
    pc1.store.outlets.update(outlet_id, phone="13800000001", allow_duplicate=True)
    pc2.store.outlets.update(outlet_id, phone="13800000002", allow_duplicate=True)
    pc2.store.outlets.update(outlet_id, address="解放路10号")

    for pc in (pc1, pc2, pc1, pc2):
        assert pc.sync().ok

    with hq.db.read() as s:
        merged = s.get(HqOutlet, outlet_id)
        conflicts = list(s.scalars(select(OutletConflict)))
    assert (merged.phone, merged.address) == ("13800000002", "解放路10号")  # last received wins
    assert [(c.field, c.overwritten_value, c.winning_value) for c in conflicts] == [
        ("phone", "13800000001", "13800000002")
    ]
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_pending_local_edit_survives_a_pull_of_older_hq_state(hq, world, make_pc):
    pc1, pc2 = _two_pcs(hq, make_pc, world)
    outlet_id = actions.new_outlet(pc1, "联华超市", "13800000009")
    assert pc1.sync().ok and pc2.sync().ok
    pc1.store.outlets.update(outlet_id, name="联华超市(总店)")
    assert pc1.sync().ok
    pc2.store.outlets.update(outlet_id, contact="王经理")  # not pushed yet
    assert pc2.engine()._pull_all() is None  # pull only: the pending edit stays visible
    seen = pc2.store.outlets.get(outlet_id)
    assert (seen.name, seen.contact) == ("联华超市(总店)", "王经理")
    assert pc2.sync().ok and pc1.sync().ok
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_two_pcs_selling_the_last_unit_both_succeed(hq, world, make_pc):
    pc1, pc2 = _two_pcs(hq, make_pc, world)
    outlet_id = actions.new_outlet(pc1, "小卖部")
    actions.receive(pc1, "COLA", 1)
    assert pc1.sync().ok and pc2.sync().ok
    pid, unit = actions.product(pc1, "COLA")
    for pc in (pc1, pc2):
        order = pc.store.sales.create_order(
            outlet_id=outlet_id,
            lines=[{"product_id": pid, "unit_id": unit, "quantity": 1, "unit_price_fen": 350}],
        )
        pc.store.sales.ship(order_id=order.id)
    paid = pc2.store.receivables.record_payment(outlet_id=outlet_id, amount_fen=350, method="cash")

    for pc in (pc1, pc2, pc1):
        assert pc.sync().ok

    assert actions.stock_of(pc1, "COLA") == actions.stock_of(pc2, "COLA") == -1
    with hq.db.read() as s:
        flag = s.scalar(select(NegativeStockFlag))
    assert flag is not None and flag.balance == -1 and flag.product_id == pid
    with pc1.ctx.read() as s:
        from app.db.models import Payment, SalesOrder

        assert s.get(Payment, paid.id).amount_fen == 350  # recorded on PC2, seen on PC1
        assert s.scalar(select(func.count()).select_from(SalesOrder)) == 2
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_two_distributors_filing_one_outlet_get_one_approval(hq, world, make_pc):
    px = make_pc(hq, "DX", "px")
    py = make_pc(hq, "DY", "py")
    ox = actions.new_outlet(px, "星光便利店", "138-0000-0077", "人民路77号")
    oy = actions.new_outlet(py, "星光便利", "+86 13800000077", "人民路 77 号")
    fx = px.store.filings.create(ox, submit=True).id
    fy = py.store.filings.create(oy, submit=True).id

    assert px.sync().ok
    report = py.sync()

    assert report.ok and report.conflicts == 1
    with px.ctx.read() as s:
        approved = s.get(CustomerFiling, fx)
    with py.ctx.read() as s:
        refused = s.get(CustomerFiling, fy)
    assert approved.status == "approved" and approved.protection_until is not None
    assert refused.status == "conflict"
    assert refused.protection_until == approved.protection_until
    assert "DX" not in (refused.decision_reason or "") and "星光便利店" not in (refused.decision_reason or "")
    assert ox not in pc_outlets(py)  # nothing of DX ever reaches DY's PC
    check_invariants(hq.db, world["DX"], [px])
    check_invariants(hq.db, world["DY"], [py])


def test_clock_skew_is_reported_and_never_orders_anything(hq, world, make_pc, monkeypatch):
    import datetime as dt

    pc1, pc2 = _two_pcs(hq, make_pc, world)
    outlet_id = actions.new_outlet(pc1, "联华超市")
    assert pc1.sync().ok and pc2.sync().ok
    real = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    pc2.store.outlets.update(outlet_id, contact="先改")
    monkeypatch.setattr("app.services.context.utcnow", lambda: real - dt.timedelta(days=1))
    pc1.store.outlets.update(outlet_id, contact="后改")  # device clock a day behind
    monkeypatch.setattr("app.sync.engine.utcnow", lambda: real + dt.timedelta(days=1))
    assert pc2.sync().ok and pc1.sync().ok
    monkeypatch.undo()
    assert pc2.sync().ok

    with hq.db.read() as s:
        assert s.get(HqOutlet, outlet_id).contact == "后改"  # received last, whatever its clock
    status = pc1.engine().status()
    assert status.clock_warning and status.clock_skew_s == pytest.approx(86400, abs=60)
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_old_client_is_told_to_update_and_keeps_its_ops(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    actions.new_outlet(pc, "老客户")
    engine = pc.engine()
    engine.client.protocol = 0

    report = engine.run_once()

    assert not report.ok and report.error_id == "sync.protocol_unsupported"
    assert "update" in report.error_params["message"]
    assert engine.status().pending_count == 1
    assert pc.sync().ok
    check_invariants(hq.db, world["DX"], [pc])


def test_revoked_device_is_refused_with_a_clear_code(hq, world, make_pc):
    from server.admin import revoke_device

    pc = make_pc(hq, "DX", "pc1")
    actions.new_outlet(pc, "被停用")
    with hq.db.write() as s:
        revoke_device(s, meta(pc.ctx)["device_id"])

    report = pc.sync()

    assert not report.ok and report.error_id == "sync.device_revoked"
    assert pc.engine().status().pending_count == 1
    with pc.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 1


def test_outage_then_drain_of_queued_ops(hq, world, make_pc, proxy_for):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    for _ in range(600):
        actions.move(pc, "COLA", 1, kind="receipt")
    proxy = proxy_for(hq)
    proxy.add("drop_request", times=4)
    assert not pc.sync(proxy.url, attempts=2).ok  # HQ unreachable: nothing lost

    report = pc.sync(proxy.url)

    assert report.ok and report.pushed == 600
    assert len([e for e in proxy.log if e[1] == "/v1/push" and not e[2]]) == 2  # 500 + 100
    check_invariants(hq.db, world["DX"], [pc])


def test_every_terminal_answer_is_stored_once_on_hq(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    actions.new_outlet(pc, "一家店")
    assert pc.sync().ok
    ops = [{"op_id": "x-1", "op_type": "no.such", "entity_id": "e", "payload": {}}]
    client = HQClient(hq.url, pc.engine().client.token)
    first = client.push(ops)["results"][0]
    second = client.push(ops)["results"][0]
    assert first["status"] == "rejected" and first["reason"] == "unknown_op_type"
    assert second["status"] == "duplicate" and second["original_status"] == "rejected"
    assert _hq_count(hq, ProcessedOp, ProcessedOp.op_id == "x-1") == 1


def test_catalog_changes_and_tombstones_reach_every_pc(hq, world, make_pc):
    from app.db.models import Product, ProductPrice
    from server.catalog import import_rows, remove_product
    from tests.sync.harness import CATALOG

    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    with hq.db.write() as s:
        import_rows(s, [{**CATALOG[0], "price_A": "", "price_B": "3.80", "name": "可乐 500ml 新包装"}])
        remove_product(s, "TEA")
    assert pc.sync().ok
    with pc.ctx.read() as s:
        cola = s.scalar(select(Product).where(Product.sku == "COLA"))
        tea = s.scalar(select(Product).where(Product.sku == "TEA"))
        prices = {p.price_fen for p in s.scalars(select(ProductPrice).where(ProductPrice.product_id == cola.id))}
    assert cola.name == "可乐 500ml 新包装" and prices == {380}  # tier A withdrawn, B added
    assert tea.archived  # the tombstone archives it; old documents still refer to it
    assert pc.store.catalog.search("新包装")  # search keys follow the new name


def test_initial_sync_over_a_connection_cut_again_and_again_completes(hq, world, make_pc, proxy_for):
    """A new PC's first sync on a bad line: pages are truncated, answers lost, the line drops
    for longer than the retries last. Each run resumes from the last page committed with its
    cursor, and the PC ends equal to HQ."""
    pc1 = make_pc(hq, "DX", "pc1", "D01")
    assert pc1.sync().ok
    for n in range(300):
        actions.new_outlet(pc1, f"山区小店{n:03d}")
    actions.receive(pc1, "COLA", 40)
    assert pc1.sync().ok

    proxy = proxy_for(hq)
    pc2 = make_pc(hq, "DX", "pc2", "D02", url=proxy.url)
    for _ in range(3):
        for fault in (("truncate",), ("pass",), ("drop_response",), ("pass",), ("pass",)):
            proxy.add(*fault, path="/v1/changes")
    for _ in range(5):  # a drop longer than one run's retries
        proxy.add("status", 503, path="/v1/changes")
    runs, kept = [], []
    for _ in range(6):
        runs.append(pc2.sync(proxy.url, attempts=3, page_limit=25))
        with pc2.ctx.read() as s:
            kept.append(apply.load_cursor(s))
        if runs[-1].ok:
            break
    assert runs[-1].ok
    failed = [cursor for report, cursor in zip(runs, kept, strict=True) if not report.ok]
    assert failed and failed[0] != ""  # resumed from the pages already committed, not from zero
    pulls = [entry for entry in proxy.log if entry[1] == "/v1/changes"]
    assert {"truncate", "drop_response", "status"} <= {fault for _m, _p, fault in pulls}
    assert len(pc_outlets(pc2)) == 300
    check_invariants(hq.db, world["DX"], [pc1, pc2])
