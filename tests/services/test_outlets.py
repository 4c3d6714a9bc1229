"""Outlets: create, edit, archive, duplicate warnings, and what goes to HQ."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, OutboxOp
from app.errors import ConcurrentChange, ValidationError
from app.services.outlets import LikelyDuplicate


def _ops(store, entity_id):
    with store.ctx.read() as s:
        return list(s.scalars(select(OutboxOp).where(OutboxOp.entity_id == entity_id).order_by(OutboxOp.seq)))


def _audits(store, entity_id):
    with store.ctx.read() as s:
        return [a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.entity_id == entity_id))]


def test_create_outlet_numbers_it_and_queues_it_for_hq(store):
    outlet = store.outlets.create(
        name="好又多便利店", contact="王芳", phone="138 0013 8000", address="长沙市岳麓区麓山路12号",
        region="岳麓区", credit_limit_fen=500_000,
    )
    assert outlet.code.startswith("CU-D01-")
    ops = _ops(store, outlet.id)
    assert [o.op_type for o in ops] == ["outlet.create"]
    assert ops[0].payload["name"] == "好又多便利店"
    assert ops[0].payload["credit_limit_fen"] == 500_000
    assert _audits(store, outlet.id) == ["outlet.create"]


@pytest.mark.parametrize(
    ("existing", "typed", "reason"),
    [
        (("好又多商行", "13800138000"), ("好又多", "13900000000"), "name"),
        (("好又多有限公司", ""), ("好 又 多 店", ""), "name"),
        (("ＡＢＣ超市", ""), ("abc", ""), "name"),
        (("张三小卖部", "+86 138-0013-8000"), ("李四烟酒", "13800138000"), "phone"),
    ],
)
def test_likely_duplicate_is_refused_until_confirmed(store, existing, typed, reason):
    first = store.outlets.create(name=existing[0], phone=existing[1])
    with pytest.raises(LikelyDuplicate) as info:
        store.outlets.create(name=typed[0], phone=typed[1])
    assert [c.id for c in info.value.candidates] == [first.id]
    assert info.value.candidates[0].reason == reason
    # Nothing was written by the refused attempt.
    assert [o.id for o in store.outlets.list().outlets] == [first.id]
    assert len(_ops(store, first.id)) == 1
    second = store.outlets.create(name=typed[0], phone=typed[1], allow_duplicate=True)
    assert second.id != first.id


def test_different_shops_are_not_duplicates(store):
    store.outlets.create(name="好又多便利店", phone="13800138000")
    assert store.outlets.find_duplicates(name="好再来便利店", phone="13900139000") == []


def test_edit_sends_only_changed_fields_with_old_and_new_values(store):
    outlet = store.outlets.create(name="天天鲜水果店", phone="13700137000", region="芙蓉区")
    updated = store.outlets.update(outlet.id, expected_rev=outlet.rev, region="天心区", contact="刘强")
    assert updated.region == "天心区" and updated.rev == outlet.rev + 1
    op = _ops(store, outlet.id)[-1]
    assert op.op_type == "outlet.update"
    assert op.payload["fields"] == {"region": ["芙蓉区", "天心区"], "contact": ["", "刘强"]}


def test_stale_edit_is_refused_and_changes_nothing(store):
    outlet = store.outlets.create(name="天天鲜水果店")
    store.outlets.update(outlet.id, expected_rev=outlet.rev, contact="刘强")
    with pytest.raises(ConcurrentChange):
        store.outlets.update(outlet.id, expected_rev=outlet.rev, contact="赵六")
    assert store.outlets.get(outlet.id).contact == "刘强"
    assert len(_ops(store, outlet.id)) == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "  "},
        {"name": "店", "phone": "12"},
        {"name": "店", "credit_limit_fen": -1},
        {"name": "店", "payment_terms_days": "30"},
        {"name": "店", "payment_terms_days": 3651},
        {"name": "店" * 201},
        {"name": "店", "favourite_colour": "red"},
    ],
)
def test_bad_input_is_refused_with_a_message_id(store, fields):
    with pytest.raises(ValidationError) as info:
        store.outlets.create(**fields)
    assert info.value.message_id
    with store.ctx.read() as s:
        assert s.scalar(select(OutboxOp.seq)) is None


def test_terms_beyond_what_hq_accepts_are_refused_here_with_the_range(store):
    with pytest.raises(ValidationError) as info:
        store.outlets.create(name="长账期店", payment_terms_days=5000)
    assert info.value.message_id == "field.out_of_range"
    assert (info.value.params["min"], info.value.params["max"]) == (0, 3650)
    assert store.outlets.create(name="十年账期店", payment_terms_days=3650).payment_terms_days == 3650


def test_archive_hides_outlet_from_lists_but_keeps_it(store):
    outlet = store.outlets.create(name="老街杂货铺")
    store.outlets.archive(outlet.id)
    assert store.outlets.list(search="老街").outlets == []
    assert [o.id for o in store.outlets.list(search="老街", include_archived=True).outlets] == [outlet.id]
    assert _ops(store, outlet.id)[-1].op_type == "outlet.archive"
    assert store.outlets.archive(outlet.id, archived=False).archived is False


def test_list_pages_by_name(store):
    for i in range(7):
        store.outlets.create(name=f"测试门店{i:02d}", allow_duplicate=True)
    first = store.outlets.list(limit=3)
    second = store.outlets.list(limit=3, after=first.next_key)
    third = store.outlets.list(limit=3, after=second.next_key)
    names = [o.name for page in (first, second, third) for o in page.outlets]
    assert names == [f"测试门店{i:02d}" for i in range(7)]
    assert third.next_key is None


def test_search_by_phone_digits(store):
    outlet = store.outlets.create(name="百家乐超市", phone="0731-8888 1234")
    assert [o.id for o in store.outlets.list(search="07318888").outlets] == [outlet.id]


def test_remote_merge_from_hq_writes_no_outbox(store):
    outlet = store.outlets.create(name="城南批发部")
    before = len(_ops(store, outlet.id))
    store.outlets.apply_remote({"id": outlet.id, "name": "城南批发部", "contact": "HQ改", "rev": 7})
    assert store.outlets.get(outlet.id).contact == "HQ改"
    assert len(_ops(store, outlet.id)) == before
