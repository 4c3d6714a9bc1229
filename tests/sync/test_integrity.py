"""The convergence check after a pull (sync-anchors §8.11): a PC compares its stock ledger,
outlets, orders and payments with HQ's figures, repairs itself by re-reading HQ's feed, and
says so when it cannot (real HQ on 127.0.0.1, SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import decimal
import logging

import pytest
from sqlalchemy import func, select, text

from app.clock import utcnow
from app.db.models import StockMove
from app.ids import new_id
from app.sync import checksums, integrity
from app.sync.cli import _print_report, _print_status
from app.sync.protocol import HQClient
from app.sync.status import read_status, write_meta
from server.models import StockMove as HqMove
from tests.sync import actions
from tests.sync.harness import check_invariants, pc_outlets


def _sync_watching(pc):
    """Sync once; returns (report, [(checksums asked?, checksums answered) per /v1/changes])."""
    engine = pc.engine()
    calls = []
    real = engine.client.changes

    def changes(cursor, limit, *, checksums=False):
        page = real(cursor, limit, checksums=checksums)
        calls.append((checksums, page.get("checksums")))
        return page

    engine.client.changes = changes
    try:
        return engine.run_once(), calls
    finally:
        engine.client.close()


def _a_day(pc) -> str:
    """An outlet (edited), stock in, an order shipped and invoiced, a payment."""
    shop = actions.new_outlet(pc, "红星便利店", "13800000001", "中山路1号")
    actions.receive(pc, "COLA", 100)
    actions.receive(pc, "TEA", 30)
    pid, unit = actions.product(pc, "COLA")
    order = pc.store.sales.create_order(outlet_id=shop, lines=[
        {"product_id": pid, "unit_id": unit, "quantity": 10, "unit_price_fen": 350}])
    pc.store.sales.ship(order_id=order.id)
    pc.store.sales.invoice(order_id=order.id)
    pc.store.receivables.record_payment(outlet_id=shop, amount_fen=1000, method="cash")
    pc.store.outlets.update(shop, phone="13800000002", allow_duplicate=True)
    return shop


def _make_check_due(pc) -> None:
    """As if the interval had passed since the last check."""
    long_ago = utcnow() - integrity.CHECK_EVERY - dt.timedelta(minutes=1)
    write_meta(pc.ctx, integrity_checked_at=long_ago.isoformat(timespec="seconds"))


def _day_on_two_pcs(hq, make_pc):
    pc1 = make_pc(hq, "DX", "pc1", "D01")
    assert pc1.sync().ok
    shop = _a_day(pc1)
    assert pc1.sync().ok
    pc2 = make_pc(hq, "DX", "pc2", "D02")
    report, calls = _sync_watching(pc2)
    assert report.ok
    return pc1, pc2, shop, report, calls


def test_after_a_normal_day_each_pc_checks_once_and_a_no_op_sync_asks_nothing(hq, world, make_pc):
    pc1 = make_pc(hq, "DX", "pc1", "D01")
    report, calls = _sync_watching(pc1)  # the first sync itself is not slowed by the check
    assert report.ok and report.integrity == "" and calls == [(False, None)]
    _a_day(pc1)
    report, calls = _sync_watching(pc1)  # pushes the day, then the first check
    assert report.ok and report.pushed > 0 and report.integrity == "ok"
    assert [asked for asked, _ in calls] == [True]
    pc2 = make_pc(hq, "DX", "pc2", "D02")
    report, calls = _sync_watching(pc2)  # first sync: the whole day arrives
    assert report.ok and report.integrity == "" and calls == [(False, None)]
    report, calls = _sync_watching(pc2)  # the next one checks

    assert report.ok and report.integrity == "ok" and [asked for asked, _ in calls] == [True]
    hq_sums = calls[-1][1]
    assert hq_sums["stock"]["count"] == 3 and hq_sums["outlets"]["count"] == 1
    assert hq_sums["sales_orders"]["by_status"] == {"invoiced": 1} and hq_sums["payments"]["count"] == 1
    for pc in (pc1, pc2):
        with pc.ctx.read() as s:
            assert integrity.local_checksums(s) == hq_sums  # same digests as this HQ backend
        status = read_status(pc.ctx)
        assert status.integrity_ok is True and status.integrity_checked_at is not None
        report, calls = _sync_watching(pc)
        assert report.ok and report.requests == 1 and report.integrity == ""
        assert calls == [(False, None)]
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_pc_that_lost_rows_repairs_itself_from_the_feed(hq, world, make_pc, caplog):
    pc1, pc2, shop, _report, _calls = _day_on_two_pcs(hq, make_pc)
    # PC2's file is replaced by an older copy: the TEA receipt and the phone edit are gone.
    with pc2.ctx.write() as uow:
        tea, _unit = actions.product(pc2, "TEA")
        uow.session.execute(text("DELETE FROM stock_move WHERE product_id = :p"), {"p": tea})
        uow.session.execute(text("UPDATE outlet SET phone = '13800000001' WHERE id = :id"), {"id": shop})
    _make_check_due(pc2)

    with caplog.at_level(logging.WARNING, logger="app.sync.engine"):
        report, calls = _sync_watching(pc2)

    assert report.ok and report.integrity == "repaired"
    assert [asked for asked, _ in calls] == [True, True]  # the check, then one re-read
    assert "stock (HQ 3, here 2)" in caplog.text and "outlets" in caplog.text
    status = read_status(pc2.ctx)
    assert status.integrity_ok is True and status.integrity_streams == ()
    assert actions.stock_of(pc2, "TEA") == 30 and pc_outlets(pc2)[shop]["phone"] == "13800000002"
    check_invariants(hq.db, world["DX"], [pc1, pc2])


def test_a_row_hq_never_had_is_reported_and_kept_with_one_repair_only(hq, world, make_pc, caplog, capsys):
    pc1, pc2, _shop, _report, _calls = _day_on_two_pcs(hq, make_pc)
    extra = new_id()
    tea, _unit = actions.product(pc2, "TEA")
    with pc2.ctx.write() as uow:  # written straight into the file, not through the outbox
        uow.session.add(StockMove(id=extra, product_id=tea, warehouse_id=actions.warehouse(pc2),
                                  quantity=5, kind="adjustment", reason="hand edit"))
    _make_check_due(pc2)

    with caplog.at_level(logging.WARNING, logger="app.sync.engine"):
        report, calls = _sync_watching(pc2)

    assert report.ok and report.integrity == "mismatch"
    assert [asked for asked, _ in calls] == [True, True]  # one repair, no loop
    assert "rows HQ never had in stock" in caplog.text
    status = read_status(pc2.ctx)
    assert status.integrity_ok is False and status.integrity_streams == ("stock",)
    with pc2.ctx.read() as s:
        assert s.get(StockMove, extra) is not None  # nothing deleted on a checksum
    with hq.db.read() as s:
        assert s.scalar(select(func.count()).select_from(HqMove).where(HqMove.id == extra)) == 0
    _print_report(report)
    _print_status(status)
    printed = capsys.readouterr().out
    assert "still differs from HQ" in printed
    assert "WARNING" in printed and "different from HQ in: stock" in printed

    report, calls = _sync_watching(pc2)  # the next sync neither asks again nor clears the flag
    assert report.ok and calls == [(False, None)] and read_status(pc2.ctx).integrity_ok is False


def test_hq_answers_checksums_only_when_asked_and_only_on_the_last_page(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    actions_outlets = [actions.new_outlet(pc, f"门店{n}") for n in range(3)]
    assert pc.sync().ok and len(actions_outlets) == 3
    client = HQClient(hq.url, pc.engine().client.token)
    try:
        assert "checksums" not in client.changes("", 1000)
        first = client.changes("", 2, checksums=True)
        assert first["has_more"] and "checksums" not in first
        cursor, page = first["next_cursor"], first
        while page["has_more"]:
            page = client.changes(cursor, 2, checksums=True)
            cursor = page["next_cursor"]
        assert page["checksums"]["outlets"]["count"] == 3
    finally:
        client.close()


# -- the digest itself --------------------------------------------------------------------

ROWS = [("p1", "w1", None, 10), ("p1", "w2", "b1", -3), ("p2", "w1", None, 0)]


def test_digest_ignores_row_order_but_not_a_changed_quantity():
    assert checksums.digest(ROWS) == checksums.digest(list(reversed(ROWS)))
    changed = [*ROWS[:2], ("p2", "w1", None, 1)]
    assert checksums.digest(changed) != checksums.digest(ROWS)


def test_digest_is_the_same_whatever_the_database_driver_returned():
    # PostgreSQL sums are Decimal, SQLite's are int; booleans come back as bool or 0/1.
    assert checksums.digest([("p1", decimal.Decimal(10), True)]) == checksums.digest([("p1", 10, 1)])
    assert checksums.digest([("p1", None)]) != checksums.digest([("p1", "")])
    with pytest.raises(TypeError):
        checksums.digest([("p1", 1.5)])


def test_no_check_while_a_parked_op_keeps_this_pc_legitimately_different(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok
    with pc.ctx.write() as uow:
        uow.emit("loyalty_card.issue", "card-1", {"id": "card-1"})  # HQ refuses it: parked
    assert pc.sync().parked == 1
    _make_check_due(pc)
    checked_before = read_status(pc.ctx).integrity_checked_at

    report, calls = _sync_watching(pc)

    assert report.ok and report.integrity == "" and calls == [(False, None)]
    assert read_status(pc.ctx).integrity_checked_at == checked_before


def test_the_check_is_due_again_after_the_interval_or_after_a_clock_that_ran_ahead(hq, world, make_pc):
    pc = make_pc(hq, "DX", "pc1")
    assert pc.sync().ok  # the first sync: the check is due for the next one
    assert integrity.due(pc.ctx)
    assert pc.sync().integrity == "ok"
    now = utcnow()
    assert not integrity.due(pc.ctx, now)
    assert integrity.due(pc.ctx, now + integrity.CHECK_EVERY + dt.timedelta(seconds=1))
    for stored in ((now + dt.timedelta(days=30)).isoformat(), "garbled"):
        write_meta(pc.ctx, integrity_checked_at=stored)
        assert integrity.due(pc.ctx, now)
