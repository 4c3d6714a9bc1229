"""Customer filings: the PC submits and waits; only HQ's answer decides."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.db.models import OutboxOp
from app.errors import InvalidTransition, ValidationError


@pytest.fixture
def outlet(store):
    return store.outlets.create(name="星沙好邻居超市", phone="13874561234", address="长沙县星沙大道88号")


def test_submitted_filing_is_pending_and_queued_with_matching_keys(store, outlet):
    filing = store.filings.create(outlet.id, note="新开门店", submit=True)
    assert filing.status == "pending" and filing.submitted_at is not None
    with store.ctx.read() as s:
        op = s.scalar(select(OutboxOp).where(OutboxOp.entity_id == filing.id))
    assert op.op_type == "filing.submit"
    assert op.payload["phone_key"] == "13874561234"
    assert op.payload["name_key"] == "星沙好邻居"
    assert op.payload["outlet_name"] == "星沙好邻居超市"


def test_draft_then_submit(store, outlet):
    draft = store.filings.create(outlet.id)
    assert draft.status == "draft"
    with store.ctx.read() as s:
        assert s.scalar(select(OutboxOp).where(OutboxOp.entity_id == draft.id)) is None
    assert store.filings.submit(draft.id).status == "pending"
    with pytest.raises(InvalidTransition):
        store.filings.submit(draft.id)


def test_one_open_filing_per_outlet(store, outlet):
    store.filings.create(outlet.id, submit=True)
    with pytest.raises(ValidationError) as info:
        store.filings.create(outlet.id)
    assert info.value.message_id == "filing.already_open"


def test_hq_decisions_set_status_and_protection(store, outlet):
    filing = store.filings.create(outlet.id, submit=True)
    until = dt.date.today() + dt.timedelta(days=90)
    approved = store.filings.apply_hq_decision(filing.id, status="approved", protection_until=until)
    assert approved.status == "approved" and approved.protection_until == until
    conflict_outlet = store.outlets.create(name="另一家店", phone="13900001111")
    other = store.filings.create(conflict_outlet.id, submit=True)
    decided = store.filings.apply_hq_decision(
        other.id, status="conflict", protection_until=until, reason="该门店受保护至 " + until.isoformat()
    )
    assert decided.status == "conflict" and "受保护" in decided.decision_reason


def test_expired_approval_allows_a_new_filing(store, outlet):
    filing = store.filings.create(outlet.id, submit=True)
    store.filings.apply_hq_decision(
        filing.id, status="approved", protection_until=dt.date.today() - dt.timedelta(days=1)
    )
    assert store.filings.create(outlet.id).status == "draft"


def test_expiring_lists_approved_filings_ending_soon(store):
    soon, later = (store.outlets.create(name=n, phone=p) for n, p in (("甲店", "13800000001"), ("乙店", "13800000002")))
    today = dt.date(2026, 11, 27)
    for outlet, days in ((soon, 5), (later, 40)):
        filing = store.filings.create(outlet.id, submit=True)
        store.filings.apply_hq_decision(filing.id, status="approved", protection_until=today + dt.timedelta(days=days))
    assert [f.outlet_name for f in store.filings.expiring(within_days=15, as_of=today)] == ["甲店"]
    assert len(store.filings.expiring(within_days=60, as_of=today)) == 2


def test_withdraw_pending_tells_hq(store, outlet):
    filing = store.filings.create(outlet.id, submit=True)
    assert store.filings.withdraw(filing.id, reason="客户关店").status == "withdrawn"
    with store.ctx.read() as s:
        types = [o.op_type for o in s.scalars(select(OutboxOp).where(OutboxOp.entity_id == filing.id))]
    assert types == ["filing.submit", "filing.withdraw"]


def test_unknown_decision_status_is_refused(store, outlet):
    filing = store.filings.create(outlet.id, submit=True)
    with pytest.raises(ValidationError):
        store.filings.apply_hq_decision(filing.id, status="maybe")
    assert store.filings.get(filing.id).status == "pending"
