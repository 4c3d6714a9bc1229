"""Catalog: products as HQ publishes them, barcode scanning, prices and product search."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.barcodes import check_digit, make_ean13, validate_barcode
from app.db.models import ProductSearchToken
from app.errors import NotFound, PermissionDenied, ValidationError
from app.services.catalog import (
    SEARCH_SQL,
    PackSpec,
    rebuild_search_tokens,
    upsert_products,
)
from app.services.context import CurrentUser

COLA_BOTTLE = make_ean13("690123456789")
COLA_CASE = make_ean13("690123456790")


def add(store, sku, name, **kw):
    kw.setdefault("base_unit", "瓶")
    return store.catalog.create_product(sku=sku, name=name, **kw)


@pytest.fixture
def cola(store):
    return add(
        store, "KO-500", "可口可乐 500ml", spec="500ml×24", base_barcodes=[COLA_BOTTLE],
        packs=[PackSpec("箱", 24, (COLA_CASE,))], floor_price_fen=250,
    )


def skus(hits):
    return [h.sku for h in hits]


# -- products, units, prices -------------------------------------------------------------------

def test_product_keeps_units_barcodes_and_floor(store, cola):
    info = store.catalog.get(cola.id)
    assert [(u.name, u.factor) for u in info.units] == [("瓶", 1), ("箱", 24)]
    assert info.unit("箱").barcodes == (COLA_CASE,)
    assert info.base.barcodes == (COLA_BOTTLE,)
    assert info.floor_price_fen == 250
    assert store.catalog.get_by_sku("KO-500").id == cola.id


def test_pack_price_is_base_price_times_factor(store, cola):
    tier = store.catalog.create_price_tier(code="a", name="批发价")
    case = cola.unit("箱")
    assert store.catalog.unit_price_fen(cola.id, case.id, tier.id) is None
    store.catalog.set_price(product_id=cola.id, tier_id=tier.id, price_fen=300)
    assert store.catalog.unit_price_fen(cola.id, case.id, tier.id) == 7200
    assert store.catalog.unit_price_fen(cola.id, cola.base.id, tier.id) == 300
    assert tier.code == "A"


def test_price_refuses_float_and_negative(store, cola):
    tier = store.catalog.create_price_tier(code="B", name="零售价")
    for bad in (3.5, -1):
        with pytest.raises(ValidationError) as err:
            store.catalog.set_price(product_id=cola.id, tier_id=tier.id, price_fen=bad)
        assert err.value.message_id == "money.invalid"
    assert store.catalog.price_fen(cola.id, tier.id) is None


def test_duplicate_sku_and_barcode_are_refused(store, cola):
    with pytest.raises(ValidationError) as err:
        add(store, "KO-500", "另一个")
    assert err.value.message_id == "product.sku_taken"
    with pytest.raises(ValidationError) as err:
        add(store, "PS-500", "百事可乐", base_barcodes=[COLA_CASE])
    assert err.value.message_id == "barcode.duplicate"
    assert err.value.params["sku"] == "KO-500"
    assert store.catalog.count() == 1


def test_clerk_cannot_edit_catalog(store):
    store.login_as(CurrentUser(id=None, username="clerk", role="clerk"))
    with pytest.raises(PermissionDenied):
        add(store, "X1", "雪碧")


def test_update_replaces_pack_barcodes_and_keeps_unit_ids(store, cola):
    new_case = make_ean13("690123456791")
    updated = store.catalog.update_product(
        cola.id, name="可口可乐 零度", packs=[PackSpec("箱", 24, (new_case,))])
    assert updated.unit("箱").id == cola.unit("箱").id
    assert updated.unit("箱").barcodes == (new_case,)
    assert updated.rev == cola.rev + 1
    assert store.catalog.find_by_barcode(new_case).unit.name == "箱"
    assert store.catalog.find_by_barcode(COLA_CASE) is None
    assert skus(store.catalog.search("零度")) == ["KO-500"]


def test_update_refuses_unknown_fields(store, cola):
    with pytest.raises(ValidationError):
        store.catalog.update_product(cola.id, colour="red")
    with pytest.raises(NotFound):
        store.catalog.update_product("nope", name="x")


# -- barcodes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["6901234567892", "96385074", "036000291452", " ６９０１２３４５６７８９２ "])
def test_valid_gtins_are_accepted(code):
    assert validate_barcode(code).isdigit()


@pytest.mark.parametrize("code", ["6901234567893", "690123456789", "69012345678X2", "", "12345"])
def test_malformed_barcodes_are_refused(code):
    with pytest.raises(ValidationError) as err:
        validate_barcode(code)
    assert err.value.message_id == "barcode.malformed"
    assert err.value.params == {"code": code}


def test_check_digit_matches_gs1_examples():
    assert check_digit("400638133393") == 1  # EAN-13 4006381333931
    assert check_digit("03600029145") == 2  # UPC-A 036000291452


def test_create_refuses_a_misread_barcode(store):
    with pytest.raises(ValidationError) as err:
        add(store, "SP-1", "雪碧", base_barcodes=["6901234567893"])
    assert err.value.message_id == "barcode.malformed"
    assert store.catalog.count() == 0


def test_scanner_with_chinese_ime_finds_the_pack(store, cola):
    full_width = " " + COLA_CASE.translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "\u3000"
    match = store.catalog.find_by_barcode(full_width)
    assert match.product.sku == "KO-500"
    assert (match.unit.name, match.unit.factor) == ("箱", 24)


def test_unknown_scan_is_none_and_misread_is_an_error(store, cola):
    assert store.catalog.find_by_barcode(make_ean13("690999999999")) is None
    with pytest.raises(ValidationError):
        store.catalog.find_by_barcode("69012345")


# -- search ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "query",
    ["可口", "可口可乐", "kkkl", "KKKL", "kekou", "kekoukele", "可乐", "口可", "kkl", "ko-500",
     "ＫＯ５００", "ko5", COLA_BOTTLE, COLA_CASE, "６９０１２３４５６７９０", "500ML", "kkky", "kekoukeyue"],
)
def test_search_finds_by_every_kind_of_key(store, cola, query):
    add(store, "SP-330", "雪碧 330ml")
    assert skus(store.catalog.search(query)) == ["KO-500"]


def test_search_ranks_codes_then_names_then_pinyin_then_substrings(store):
    add(store, "KL", "白开水")  # exact SKU
    add(store, "KL900", "矿泉水")  # SKU prefix
    add(store, "X1", "KL特饮")  # name prefix
    add(store, "X2", "克力架")  # initials klj
    add(store, "X3", "可乐")  # initials kl
    add(store, "X4", "百事可乐")  # substring (initials bskl)
    add(store, "X5", "雪碧")  # no match
    hits = store.catalog.search("kl")
    assert skus(hits) == ["KL", "KL900", "X1", "X3", "X2", "X4"]
    assert [h.match for h in hits] == ["exact_code", "code_prefix", "name_prefix",
                                       "pinyin_prefix", "pinyin_prefix", "substring"]


def test_exact_barcode_ranks_before_a_longer_code_with_that_prefix(store):
    short = make_ean13("690123456780")
    add(store, "A1", "甲", base_barcodes=[short])
    add(store, "A2", "乙", base_barcodes=["0" + short])  # GTIN-14 is 14 digits
    hits = store.catalog.search(short)
    assert skus(hits) == ["A1"]
    hits = store.catalog.search(short[:6])
    assert skus(hits) == ["A1"] and hits[0].rank == 1


def test_ties_are_ordered_by_name(store):
    for sku, name in [("B", "乐事薯片 黄瓜"), ("A", "乐事薯片 原味"), ("C", "乐事薯片 番茄")]:
        add(store, sku, name)
    names = [h.name for h in store.catalog.search("乐事")]
    assert names == ["乐事薯片 番茄", "乐事薯片 黄瓜", "乐事薯片 原味"]  # fan, huang, yuan


def test_archived_products_leave_search(store, cola):
    store.catalog.archive_product(cola.id)
    assert store.catalog.search("可乐") == []
    hits = store.catalog.search("可乐", include_archived=True)
    assert skus(hits) == ["KO-500"] and hits[0].archived
    store.catalog.archive_product(cola.id, archived=False)
    assert skus(store.catalog.search("kkkl")) == ["KO-500"]


def test_long_substring_query_beyond_indexed_length(store):
    add(store, "L1", "统一老坛酸菜牛肉面超值家庭装五连包")
    add(store, "L2", "统一老坛酸菜牛肉面超值经典装")
    assert skus(store.catalog.search("老坛酸菜牛肉面超值家庭装")) == ["L1"]
    assert skus(store.catalog.search("统一老坛酸菜牛肉面超值家庭装五连包")) == ["L1"]
    assert skus(store.catalog.search("老坛酸菜牛肉面超值")) == ["L1", "L2"]


def test_limit_and_empty_query(store, cola):
    add(store, "KO-330", "可口可乐 330ml")
    assert len(store.catalog.search("可口", limit=1)) == 1
    assert store.catalog.search("  ") == []


def test_search_reads_the_token_index_not_the_whole_table(store, cola):
    with store.ctx.engine.connect() as conn:
        raw = conn.connection.driver_connection
        plan = raw.execute("EXPLAIN QUERY PLAN " + SEARCH_SQL, ("ab", "ab", "ab\U0010ffff", 0, 50)).fetchall()
    details = " | ".join(row[-1] for row in plan)
    assert "SEARCH product_search_token USING PRIMARY KEY (token>? AND token<?)" in details
    assert "SCAN product_search_token" not in details
    assert "SCAN p" not in details


# -- bulk path used by sync ---------------------------------------------------------------------

def _hq_row(pid, sku, name, rev, code):
    return {"id": pid, "sku": sku, "name": name, "base_unit": "瓶", "rev": rev,
            "units": [{"id": pid[:30] + "-u1", "name": "瓶", "factor": 1, "barcodes": [code]},
                      {"id": pid[:30] + "-u2", "name": "箱", "factor": 12, "barcodes": []}]}


def test_bulk_upsert_keeps_search_keys_right_after_a_rename(store):
    pid = "0190a000-0000-7000-8000-000000000001"
    code = make_ean13("692000000001")
    with store.ctx.write() as uow:
        upsert_products(uow.session, [_hq_row(pid, "KO-1", "可口可乐", 3, code)])
    assert skus(store.catalog.search("kkkl")) == ["KO-1"]
    with store.ctx.write() as uow:
        upsert_products(uow.session, [_hq_row(pid, "SP-1", "雪碧 清爽", 4, code)])
    for gone in ("kkkl", "可乐", "kekou", "ko1"):
        assert store.catalog.search(gone) == [], gone
    for found in ("xb", "xuebi", "清爽", "sp1", code):
        assert skus(store.catalog.search(found)) == ["SP-1"], found
    info = store.catalog.get(pid)
    assert (info.name, info.rev, len(info.units)) == ("雪碧 清爽", 4, 2)
    assert store.catalog.find_by_barcode(code).product.id == pid


def test_rebuild_search_tokens_is_idempotent(store, cola):
    with store.ctx.read() as s:
        before = set(s.execute(select(ProductSearchToken.token, ProductSearchToken.kind)))
    with store.ctx.write() as uow:
        assert rebuild_search_tokens(uow.session, [cola.id]) == len(before)
    with store.ctx.read() as s:
        after = set(s.execute(select(ProductSearchToken.token, ProductSearchToken.kind)))
    assert after == before
    assert ("ko500", "sku") in after and (COLA_BOTTLE, "barcode") in after
