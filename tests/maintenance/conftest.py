"""Helpers for the maintenance tests: damaging a real database the way a failing disk does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.sync.fixtures import hq_sqlite, sqlite_hq_url  # noqa: F401 - the disk-full pull test


def scribble_over_btree_pages(path: Path, tables: int = 6) -> list[int]:
    """Overwrite the root b-tree pages of a few tables with garbage; returns the page numbers.

    Page 1 (the schema) is left alone, so SQLite still opens the file and only an integrity
    check notices: the damage a clerk would otherwise meet weeks later in the middle of work.
    """
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND rootpage > 1 "
            "AND name IN ('company_profile', 'warehouse', 'setting', 'user_account', "
            "'audit_entry', 'document_counter', 'alembic_version') ORDER BY rootpage")]
    conn.close()
    pages = pages[:tables]
    assert pages, "no table pages found to damage"
    with path.open("r+b") as raw:
        for page in pages:
            raw.seek((page - 1) * page_size)
            raw.write(bytes([0xA5, 0x5A]) * (page_size // 2))
    return pages


@pytest.fixture
def root_log_handlers():
    """Remove whatever handlers a test adds to the root logger (it is process-wide)."""
    import logging

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
