"""`channeldesk print` writes the same documents from scripts, logged like desktop prints."""

from __future__ import annotations

import pytest

from app.cli import main
from app.config import database_path
from app.store import Store
from tests.printing.conftest import TODAY, compact, pdf_pages, pdf_text, ship_orders


def run(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture
def data_dir(store, world, db_path):
    # The world was written through `store`; the CLI opens the same file by its data folder.
    assert database_path(db_path.parent) == db_path
    return db_path.parent


def test_print_writes_the_document_and_logs_it(data_dir, world, tmp_path, capsys):
    out = tmp_path / "out" / "note.pdf"
    code = run("--data-dir", str(data_dir), "print", "delivery-note", world.note_number,
               "--out", str(out), "--paper", "241x140")
    assert code == 0
    text = compact(pdf_text(out.read_bytes()))
    assert world.note_number in text and "好运来便利店" in text
    with Store.open(database_path(data_dir)) as store:
        assert [r.doc_number for r in store.printing.print_log()] == [world.note_number]


def test_preview_writes_without_logging(data_dir, world, tmp_path):
    out = tmp_path / "inv.pdf"
    assert run("--data-dir", str(data_dir), "print", "invoice", world.invoice_number,
               "--out", str(out), "--preview") == 0
    assert "壹佰玖拾捌元整" in compact(pdf_text(out.read_bytes()))
    with Store.open(database_path(data_dir)) as store:
        assert store.printing.print_log() == []


def test_statement_by_outlet_code_and_period(data_dir, world, tmp_path):
    out = tmp_path / "st.pdf"
    assert run("--data-dir", str(data_dir), "print", "statement", "--outlet", world.outlet_code,
               "--from", TODAY.replace(day=1).isoformat(), "--to", TODAY.isoformat(),
               "--out", str(out)) == 0
    assert "壹佰肆拾贰元整" in compact(pdf_text(out.read_bytes()))


def test_print_batch_puts_the_days_notes_in_one_file(store, data_dir, world, tmp_path):
    ship_orders(store, world, 2)
    out = tmp_path / "morning.pdf"
    assert run("--data-dir", str(data_dir), "print-batch", "--date", TODAY.isoformat(),
               "--out", str(out)) == 0
    assert pdf_pages(out.read_bytes()) == 3


def test_unknown_number_fails_without_a_file(data_dir, world, tmp_path, capsys):
    out = tmp_path / "none.pdf"
    assert run("--data-dir", str(data_dir), "print", "invoice", "INV-X", "--out", str(out)) == 2
    assert not out.exists()
    assert "INV-X" in capsys.readouterr().err


def test_a_missing_database_is_not_created(tmp_path):
    empty = tmp_path / "empty"
    assert run("--data-dir", str(empty), "print", "invoice", "INV-X", "--out",
               str(tmp_path / "x.pdf")) == 2
    assert not database_path(empty).exists()
