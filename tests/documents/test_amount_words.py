"""大写金额: hand-checked cases for every rule, and a parse-back property."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.documents.amount_words import amount_in_words

YI = 10**8
WAN = 10**4

CASES = [
    # zero, sign, fen-only amounts (no 零元 prefix)
    (0, "零元整"),
    (1, "壹分"),
    (7, "柒分"),
    (9, "玖分"),
    (10, "壹角整"),
    (15, "壹角伍分"),
    (50, "伍角整"),
    (70, "柒角整"),
    (99, "玖角玖分"),
    (-1, "负壹分"),
    (-100, "负壹元整"),
    (-123456, "负壹仟贰佰叁拾肆元伍角陆分"),
    # 元, 角, 分 and 整
    (100, "壹元整"),
    (101, "壹元零壹分"),  # 角 is 0, 分 is not: 零 after 元 (mandatory)
    (110, "壹元壹角整"),  # 整 after 角 when 分 is 0 (our choice)
    (111, "壹元壹角壹分"),
    (150, "壹元伍角整"),
    (123450, "壹仟贰佰叁拾肆元伍角整"),
    (123456, "壹仟贰佰叁拾肆元伍角陆分"),
    (100005, "壹仟元零伍分"),
    # 壹拾 at the start
    (1000, "壹拾元整"),
    (1001, "壹拾元零壹分"),
    (1010, "壹拾元壹角整"),
    (1200, "壹拾贰元整"),
    (1500, "壹拾伍元整"),
    (1580, "壹拾伍元捌角整"),  # PBoC example ¥15.80
    (2000, "贰拾元整"),
    (10000000, "壹拾万元整"),
    (100000000000, "壹拾亿元整"),
    # zeros inside a group
    (10000, "壹佰元整"),
    (10100, "壹佰零壹元整"),
    (11000, "壹佰壹拾元整"),
    (10010, "壹佰元壹角整"),
    (10001, "壹佰元零壹分"),
    (100000, "壹仟元整"),
    (100100, "壹仟零壹元整"),
    (101000, "壹仟零壹拾元整"),
    (110000, "壹仟壹佰元整"),
    (300000, "叁仟元整"),
    (140950, "壹仟肆佰零玖元伍角整"),  # PBoC example ¥1,409.50
    (600714, "陆仟零柒元壹角肆分"),  # PBoC example ¥6,007.14: one 零 for two zeros
    (168032, "壹仟陆佰捌拾元叁角贰分"),  # PBoC example ¥1,680.32 (variant without 零)
    (1640902, "壹万陆仟肆佰零玖元零贰分"),  # PBoC example ¥16,409.02
    (32504, "叁佰贰拾伍元零肆分"),  # PBoC example ¥325.04
    # zeros across 万
    (1000000, "壹万元整"),
    (1000100, "壹万零壹元整"),
    (1010000, "壹万零壹佰元整"),
    (1100000, "壹万壹仟元整"),
    (2000000, "贰万元整"),
    (1001001, "壹万零壹拾元零壹分"),
    (1010101, "壹万零壹佰零壹元零壹分"),
    (10000100, "壹拾万零壹元整"),
    (10700053, "壹拾万柒仟元伍角叁分"),  # ¥107,000.53: group-final zeros are not read
    (100000000, "壹佰万元整"),
    (100100000, "壹佰万壹仟元整"),
    (100010000, "壹佰万零壹佰元整"),
    (101010100, "壹佰零壹万零壹佰零壹元整"),
    (1000000000, "壹仟万元整"),
    (1000000100, "壹仟万零壹元整"),
    (9000000009, "玖仟万元零玖分"),
    # 亿 and its zeros
    (YI * 100, "壹亿元整"),
    ((YI + 1) * 100, "壹亿零壹元整"),
    ((YI + WAN) * 100, "壹亿零壹万元整"),
    ((YI + 10 * WAN) * 100, "壹亿零壹拾万元整"),
    ((YI + 1000 * WAN) * 100, "壹亿壹仟万元整"),
    (50000000050, "伍亿元伍角整"),
    (123456789012, "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
    (99999999999999, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    # 万亿 and 亿亿: 亿 nests
    (10**12 * 100, "壹万亿元整"),
    ((10**12 + 5) * 100, "壹万亿零伍元整"),
    ((10**12 + WAN) * 100, "壹万亿零壹万元整"),
    ((10**12 + YI) * 100, "壹万零壹亿元整"),
    (10**16 * 100, "壹亿亿元整"),
    ((10**16 + 1) * 100, "壹亿亿零壹元整"),
    ((10**16 + 10**12) * 100, "壹亿零壹万亿元整"),
    ((2 * 10**16 + 3 * YI) * 100, "贰亿零叁亿元整"),
    ((10**17 + 10**16) * 100, "壹拾壹亿亿元整"),
]


@pytest.mark.parametrize(("fen", "words"), CASES)
def test_hand_checked_case(fen, words):
    assert amount_in_words(fen) == words


def test_enough_hand_checked_cases():
    assert len(CASES) >= 60
    assert len({fen for fen, _ in CASES}) == len(CASES)


@pytest.mark.parametrize("bad", [1.5, 100.0, "100", None, True])
def test_refuses_anything_but_int(bad):
    with pytest.raises(TypeError):
        amount_in_words(bad)


# ---------------------------------------------------------------- independent parser

_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}


def parse_words(text: str) -> int:
    """Read 大写金额 back to fen, splitting at the *last* 亿/万 (the renderer builds from the left)."""
    sign = -1 if text.startswith("负") else 1
    text = text.removeprefix("负")
    if text == "零元整":
        return 0
    integer, _, cents = text.rpartition("元")
    cents = cents.removesuffix("整").removeprefix("零")
    jiao = re.search(r"(.)角", cents)
    fen = re.search(r"(.)分", cents)
    assert re.fullmatch(r"(.角)?(.分)?", cents), text
    value = _parse_integer(integer) * 100
    value += (_DIGIT[jiao.group(1)] * 10 if jiao else 0) + (_DIGIT[fen.group(1)] if fen else 0)
    return sign * value


def _parse_integer(text: str) -> int:
    for unit, base in (("亿", 10**8), ("万", 10**4)):
        if unit in text:
            left, _, right = text.rpartition(unit)
            return _parse_integer(left) * base + _parse_integer(right)
    total, digit = 0, None
    for char in text:
        if char in _DIGIT:
            digit = _DIGIT[char]
        else:
            assert digit is not None, f"unit without digit in {text!r}"
            total += digit * _SMALL[char]
            digit = None
    return total + (digit or 0)


amounts = st.integers(min_value=-(10**20), max_value=10**20)


@given(amounts)
def test_parses_back_to_the_same_amount(fen):
    assert parse_words(amount_in_words(fen)) == fen


@given(amounts)
def test_output_follows_the_writing_rules(fen):
    words = amount_in_words(fen)
    assert re.fullmatch(r"负?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+", words)
    assert "零零" not in words
    for unit in "拾佰仟万亿元角分":
        assert "零" + unit not in words or words == "零元整"  # a zero digit never takes a unit
    assert not re.search(r"(^|[^壹贰叁肆伍陆柒捌玖])拾", words.removeprefix("负"))  # always 壹拾
    assert words.endswith(("整", "分"))
    assert not words.endswith("分整")


@given(st.integers(min_value=1, max_value=10**18))
def test_whole_yuan_end_in_zheng(yuan):
    assert amount_in_words(yuan * 100).endswith("元整")
