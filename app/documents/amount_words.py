"""Chinese uppercase amounts (大写金额) from integer fen.

Conventions (中国人民银行《正确填写票据和结算凭证的基本规定》, where it leaves a choice we
pick one and keep to it):

* Digits 壹贰叁肆伍陆柒捌玖, units 拾佰仟 inside a four-digit group, 万 and 亿 between
  groups; 亿 nests, so 10^12 is 壹万亿 and 10^16 is 壹亿亿. Any size of integer works.
* A leading 1 in the tens place is written 壹拾 (壹拾元整, 壹拾伍万元整), as banks require
  so that nothing can be written in front of 拾.
* 零: one 零 stands for a run of zero digits between two non-zero digits; zeros at the end
  of a group are not read (壹佰万壹仟, but 壹佰万零壹佰); a group that is all zeros
  drops its unit (壹亿零伍万). This is the school reading rule, which the banking rule allows.
* 元 is always written when there are yuan. After 元 comes 整 when there are no 角 or 分.
  If 角 is 0 but 分 is not, 零 is written after 元 (壹元零伍分, mandatory). If the yuan end
  in 0 and 角 is not 0, no 零 is added (壹拾元伍角整; the rule makes that 零 optional).
* 整 is also written after 角 when 分 is 0 (壹元伍角整: the rule allows either; 整 leaves
  no room for an added 分). After 分 never 整.
* Below one yuan there is no 零元 prefix: 伍角整, 伍分, 叁角贰分.
* 0 fen is 零元整; negative amounts get the prefix 负 (负壹元整).
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")  # inside a four-digit group, lowest first
_WAN = 10**4
_YI = 10**8


def amount_in_words(fen: int) -> str:
    """大写金额 for an amount in fen, e.g. 123456 -> 壹仟贰佰叁拾肆元伍角陆分."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError("amount_in_words takes integer fen, never a float")
    if fen < 0:
        return "负" + amount_in_words(-fen)
    if fen == 0:
        return "零元整"
    yuan, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    text = integer_in_words(yuan) + "元" if yuan else ""
    return text + _cents_in_words(jiao, fen_digit, has_yuan=yuan > 0)


def _cents_in_words(jiao: int, fen_digit: int, *, has_yuan: bool) -> str:
    if jiao == 0 and fen_digit == 0:
        return "整"
    if fen_digit == 0:
        return DIGITS[jiao] + "角整"
    if jiao == 0:
        # 零 after 元 stops anyone from inserting a 角 amount later.
        return ("零" if has_yuan else "") + DIGITS[fen_digit] + "分"
    return DIGITS[jiao] + "角" + DIGITS[fen_digit] + "分"


def integer_in_words(number: int) -> str:
    """Uppercase words for a positive integer (no unit suffix): 10005 -> 壹万零伍."""
    if number <= 0:
        raise ValueError("integer_in_words needs a positive integer")
    return _split_words(number, _YI, "亿", _below_yi)


def _below_yi(number: int) -> str:
    return _split_words(number, _WAN, "万", _group_words)


def _split_words(number: int, base: int, unit: str, lower_words) -> str:
    """Write number as <high><unit><low>; high recurses so that 亿 can nest (壹万亿, 壹亿亿)."""
    if number < base:
        return lower_words(number)
    high, low = divmod(number, base)
    words = integer_in_words(high) + unit
    if low == 0:
        return words
    # A zero in the highest place of the lower part is read as one 零 (壹万零伍).
    if low < base // 10:
        words += "零"
    return words + lower_words(low)


def _group_words(number: int) -> str:
    """A group of up to four digits (1..9999), with one 零 for each inner run of zeros."""
    digits = [int(d) for d in str(number)]
    words: list[str] = []
    pending_zero = False
    for position, digit in enumerate(digits):
        place = len(digits) - 1 - position
        if digit == 0:
            pending_zero = True
            continue
        if pending_zero:
            words.append("零")
            pending_zero = False
        words.append(DIGITS[digit] + _SMALL_UNITS[place])
    return "".join(words)
