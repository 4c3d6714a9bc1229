"""Fuzz the HQ API from its own OpenAPI schema (schemathesis): whatever arrives, HQ never
answers 500 and never returns another distributor's data, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.server.helpers import Device as Dev
from tests.server.helpers import filing_submit, outlet_create
from tests.sync.harness import HQThread, seed_hq

SECRET_NAME = "DY-秘密门店-7f3a"
SECRET_PHONE = "13999990000"


@pytest.fixture
def hq_schema(hq_db_url):
    server = HQThread(hq_db_url)
    seed_hq(server.db, "DX", "DY")
    other = Dev(server, "DY")
    secret = outlet_create(SECRET_NAME, SECRET_PHONE, "保密路1号")
    other.push(secret, filing_submit(secret["entity_id"], SECRET_NAME, SECRET_PHONE))
    pytest.fuzz_device = Dev(server, "DX")
    pytest.fuzz_secret_id = secret["entity_id"]
    yield schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    server.close()


schema = schemathesis.pytest.from_fixture("hq_schema")


@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_500_and_no_foreign_data(case):
    device = pytest.fuzz_device
    if (case.headers or {}).get("Authorization", "").startswith("Bearer ") is False:
        case.headers = {**(case.headers or {}), **device.headers}
    response = case.call(base_url=device.url)
    assert response.status_code < 500, response.text
    for secret in (SECRET_NAME, SECRET_PHONE, pytest.fuzz_secret_id):
        assert secret not in response.text
