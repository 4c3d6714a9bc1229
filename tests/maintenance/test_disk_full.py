"""A full disk on the clerk's PC, on a real (small) disk: during a write, during a backup
and during a sync pull. Each time the clerk is told in words (a message id the desktop
translates, never a traceback) and nothing is lost: the database passes its integrity check
and still opens, the write is all there or not there at all, a half-written backup is
deleted, and a pull that stopped keeps its cursor exactly where its applied data ends."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import maintenance
from app.db.backup import backup_database
from app.db.models import Product, SyncCursor
from app.errors import StorageError, describe
from app.services.context import CurrentUser
from app.store import Store
from app.sync import engine as sync_engine
from app.sync.protocol import HQClient
from server.catalog import import_rows
from tests.maintenance import fold
from tests.maintenance.disks import fill_up, free_up, small_disk
from tests.services.factories import make_product, unit_of
from tests.sync import actions
from tests.sync.harness import PC, ROOT, all_op_ids, check_invariants, seed_hq

ORDER_LINES = 40
COUNTED = ("sales_order", "sales_order_line", "outbox_op", "audit_entry", "document_counter")


def _counts(path: Path) -> dict[str, int]:
    conn = fold.connect(path)
    try:
        counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COUNTED}
        counts["numbers"] = conn.execute(
            "SELECT COALESCE(SUM(last_seq), 0) FROM document_counter").fetchone()[0]
        return counts
    finally:
        conn.close()


def _whole(path: Path, *, synced: bool = False) -> None:
    """Intact, and (while nothing has left the outbox for HQ) every document complete."""
    conn = fold.connect(path)
    try:
        assert (fold.integrity(conn) if synced else fold.problems(conn)) == []
    finally:
        conn.close()


def _checkpoint(path: Path) -> None:
    """Empty the WAL, so that the next write needs new room on the disk."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _open_logged_in(path: Path) -> Store:
    store = Store.open(path)
    manager = store.users.create(username="manager", password="manager-pw", role="manager")
    store.login_as(CurrentUser(id=manager.id, username="manager", role="manager"))
    return store


def test_an_order_saved_on_a_full_disk_is_refused_in_words_and_never_half_saved(
        tmp_path, db_path):
    with small_disk(tmp_path, 2048) as disk:
        path = disk / "data" / "channeldesk.db"
        path.parent.mkdir()
        shutil.copy(db_path, path)
        store = _open_logged_in(path)
        outlet = store.outlets.create(name="华联超市", phone="13800000001").id
        with store.ctx.write() as uow:
            products = [make_product(uow.session, price_fen=350, tier="A")
                        for _ in range(ORDER_LINES)]
            units = [(p.id, unit_of(uow.session, p, "瓶").id) for p in products]
        lines = [{"product_id": pid, "unit_id": unit, "quantity": 2, "unit_price_fen": 350}
                 for pid, unit in units]
        outcomes = []
        # From no room at all to room for part of the order's pages: the disk fills up before
        # the write starts, or in the middle of writing its pages to the WAL.
        for room in (0, 4096, 8192, 16384, 32768, 65536, 131072, 262144):
            _checkpoint(path)
            before = _counts(path)
            fill_up(disk, leave_bytes=room)
            try:
                order = store.sales.create_order(outlet_id=outlet, lines=lines)
            except StorageError as error:
                assert error.message_id == "disk.full" and error.params == {"path": str(path)}
                assert "is full" in describe(error) and "nothing was half-saved" in describe(error)
                assert _counts(path) == before  # no order, no line, no op, no number used
                outcomes.append("refused")
            else:
                assert len(store.sales.get(order.id).lines) == ORDER_LINES
                outcomes.append("saved")
            _whole(path)
            with Store.open(path) as again:  # the next start, while the disk is still full
                assert again.sales.count_orders() == outcomes.count("saved")
            free_up(disk)
        store.close()
    assert "refused" in outcomes and "saved" in outcomes, outcomes
    assert outcomes.index("saved") > 1, outcomes  # refused also after writing part of it


def test_a_backup_that_fills_the_disk_is_deleted_and_reported(tmp_path, db_path, store):
    with store.ctx.write() as uow:
        for _ in range(300):  # a database larger than the backup disk
            make_product(uow.session, price_fen=100, tier="A")
    with small_disk(tmp_path, 256) as disk:
        target = disk / "backups" / "channeldesk-manual.db"
        with pytest.raises(StorageError) as refused:
            backup_database(db_path, target)
        assert refused.value.message_id == "backup.disk_full"
        assert refused.value.params == {"path": str(target)}
        assert "incomplete copy was deleted" in describe(refused.value)
        assert list(target.parent.iterdir()) == []  # no .part, no journal
        _whole(db_path)  # the database itself is untouched

        cli = subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(db_path.parent), "backup",
             str(disk / "from-cli.db")],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
            text=True, timeout=120)
        assert cli.returncode == 2, cli.stderr
        assert "Traceback" not in cli.stderr
        assert "could not be written: the disk is full" in cli.stderr
        assert sorted(p.name for p in disk.iterdir()) == ["backups"]


def test_the_daily_backup_on_a_full_disk_leaves_no_partial_copy(tmp_path, db_path):
    with small_disk(tmp_path, 2048) as disk:
        path = disk / "channeldesk.db"
        shutil.copy(db_path, path)
        (disk / "backups").mkdir()
        fill_up(disk, leave_bytes=128 * 1024)  # room for a part of the copy only
        with pytest.raises(StorageError) as refused:
            maintenance.daily_backup(path, disk)
        assert refused.value.message_id == "backup.disk_full"
        assert list((disk / "backups").iterdir()) == []
        assert maintenance.list_backups(disk) == []
        _whole(path)
        free_up(disk)
        assert maintenance.daily_backup(path, disk) is not None  # room again: it is made


CATALOG_SIZE = 600


def _big_catalog() -> list[dict]:
    return [{"sku": f"K{n:05d}", "name": f"测试商品{n} 500ml 装", "base_unit": "瓶",
             "packs": "箱=24", "price_A": "3.50", "floor_price": "3.00"}
            for n in range(CATALOG_SIZE)]


def _products_up_to(hq, token: str, cursor: str, page_limit: int) -> set[str]:
    """The products HQ's feed holds up to `cursor` (read page by page, as the PC did)."""
    if not cursor:
        return set()
    client = HQClient(hq.url, token)
    try:
        seen, at = set(), ""
        for _ in range(1000):
            page = client.changes(at, page_limit)
            seen |= {c["entity_id"] for c in page["changes"] if c["entity"] == "product"}
            at = page["next_cursor"]
            if at == cursor:
                return seen
            assert page["has_more"], "the PC's cursor is not one HQ ever handed out"
        raise AssertionError("the feed did not reach the PC's cursor")
    finally:
        client.close()


def test_a_pull_that_fills_the_disk_stops_in_words_and_keeps_its_cursor_with_its_data(
        hq_sqlite, tmp_path, db_path, monkeypatch):
    hq = hq_sqlite
    ids = seed_hq(hq.db, "DX")
    with hq.db.write() as s:
        import_rows(s, _big_catalog())
    # Many small transactions, so that some pages are in when the disk fills up.
    monkeypatch.setattr(sync_engine, "APPLY_BATCH_ROWS", 200)
    with small_disk(tmp_path, 24 * 1024) as disk:
        from tests.sync.harness import enroll_code

        pc = PC(db_path, disk / "pcs", "pc1")
        pc.enroll(hq.url, enroll_code(hq.db, "DX"))
        actions.new_outlet(pc, "华联超市", "13800000001")  # a queued change that must survive
        fill_up(disk, leave_bytes=768 * 1024)

        report = pc.sync(page_limit=100)

        assert not report.ok and report.error_id == "sync.disk_full", report
        assert report.error_params == {"path": str(pc.path)}
        _whole(pc.path, synced=True)
        with pc.ctx.read() as s:
            cursor = s.scalar(select(SyncCursor.cursor)) or ""
            local = set(s.scalars(select(Product.id)))
        token = pc.engine().client.token
        assert 0 < len(local) < CATALOG_SIZE, "the disk was meant to fill during the pull"
        assert local == _products_up_to(hq, token, cursor, 100)
        emitted = all_op_ids(pc)

        free_up(disk)
        assert pc.sync(page_limit=100).ok
        with pc.ctx.read() as s:
            assert s.scalar(select(func.count()).select_from(Product)) == CATALOG_SIZE + 2
        check_invariants(hq.db, ids["DX"], [pc], {"pc1": emitted})
        pc.close()


def test_a_pdf_printed_to_a_full_disk_is_refused_in_words_and_leaves_no_half_file(
        tmp_path, db_path, store):
    outlet = store.outlets.create(name="华联超市", phone="13800000001").id
    with store.ctx.write() as uow:
        product = make_product(uow.session, price_fen=350, tier="A")
        unit = unit_of(uow.session, product, "瓶").id
    store.stock.adjust(product.id, store.company.warehouses()[0].id, 10, "期初")
    order = store.sales.create_order(outlet_id=outlet, lines=[
        {"product_id": product.id, "unit_id": unit, "quantity": 2, "unit_price_fen": 350}])
    note = store.sales.ship(order_id=order.id).delivery_note_number
    with small_disk(tmp_path, 256) as disk:
        fill_up(disk, leave_bytes=4096)  # far less than a PDF with its embedded font
        ran = subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(db_path.parent), "print",
             "delivery-note", note, "--out", str(disk / "note.pdf")],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
            text=True, timeout=120)
        left = sorted(p.name for p in disk.iterdir() if not p.name.startswith("filler"))
    assert ran.returncode == 2 and "Traceback" not in ran.stderr, ran.stderr
    assert f"The disk holding {disk / 'note.pdf'} is full" in ran.stderr, ran.stderr
    assert left == []
