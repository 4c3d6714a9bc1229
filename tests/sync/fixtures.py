"""Fixtures shared by tests/sync and tests/server (imported by both conftest files)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.sync.harness import PC, FaultProxy, HQThread, enroll_code, seed_hq
from tests.sync.pg import PostgresCluster

_db_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres():
    cluster = PostgresCluster()
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_db_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hq.db'}"
    cluster = request.getfixturevalue("postgres")
    return cluster.create_database(f"hq_{next(_db_numbers)}")


@pytest.fixture
def sqlite_hq_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'hq.db'}"


@pytest.fixture
def hq(hq_db_url):
    server = HQThread(hq_db_url)
    yield server
    server.close()


@pytest.fixture
def hq_sqlite(sqlite_hq_url):
    server = HQThread(sqlite_hq_url)
    yield server
    server.close()


@pytest.fixture
def proxy_for():
    proxies = []

    def make(server):
        proxy = FaultProxy(server.port)
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.close()


@pytest.fixture
def make_pc(db_path: Path, tmp_path: Path):
    """make_pc(hq, 'DX', 'pc1') -> an enrolled PC of distributor DX."""
    made: list[PC] = []

    def make(server, distributor: str, name: str, device_code: str = "D01", url: str | None = None) -> PC:
        pc = PC(db_path, tmp_path / "pcs", name, device_code)
        pc.enroll(url or server.url, enroll_code(server.db, distributor))
        made.append(pc)
        return pc

    yield make
    for pc in made:
        pc.close()


@pytest.fixture
def world(hq):
    """HQ with the test catalog and distributors DX and DY."""
    return seed_hq(hq.db, "DX", "DY")
