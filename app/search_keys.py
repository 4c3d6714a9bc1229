"""Search keys of a product: the tokens behind indexed product search.

Every key is stored as one row (token, product_id, kind) and matched by token equality or a
prefix range, so a query never scans the catalog. Substring matches work because we index
suffixes: "口可" is a prefix of the suffix "口可乐..." of 可口可乐. Kinds, best first:

    sku, barcode  the codes (exact match ranks first, a prefix second)
    name          the whole normalised name (name prefix)
    initials      pinyin initials of the name, kkkl for 可口可乐
    pinyin        full pinyin, kekoukele
    sub           suffixes of the name and of its initials (substring matches)
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.core import seg

KIND_RANK = {"sku": 1, "barcode": 1, "name": 2, "initials": 3, "pinyin": 3, "sub": 4}
EXACT_CODE_RANK = 0

# Token lengths are bounded to keep the index small; longer queries are cut to the bound and
# the candidates checked against the full keys (see matches_long_query).
NAME_MAX = 40
SUB_NAME_MAX = 10
INITIALS_MAX = 24
SUB_INITIALS_MAX = 10
PINYIN_MAX = 40
# Longer queries match sub tokens through their first SUB_QUERY_MAX characters, then are checked.
SUB_QUERY_MAX = min(SUB_NAME_MAX, SUB_INITIALS_MAX)
MAX_POLYPHONE_VARIANTS = 2
VARIANT_LOOKBACK = 1

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_DROP = re.compile(r"[\s·•・,，、.。()（）\[\]【】\-_/]+")


def normalise_query(text: str) -> str:
    """What the clerk typed, as it is compared with tokens: half-width, lower case, no spaces.

    Full-width digits from a scanner with the Chinese IME on (１２３) become 123.
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def normalise_code(code: str) -> str:
    """SKU or barcode as stored in the index: half-width, lower case, no spaces."""
    return normalise_query(code)


class NameKeys:
    """Pinyin readings of one product name, with the positions where suffixes may start."""

    __slots__ = ("name", "units", "initials", "pinyin")

    def __init__(self, name: str) -> None:
        self.name = normalise_query(name)
        # One unit per Chinese character (its syllable) or per run of letters and digits.
        self.units = _units(self.name)
        self.initials = "".join(u[1] for u in self.units)
        self.pinyin = "".join(u[0] for u in self.units)


def _units(name: str) -> list[tuple[str, str, bool]]:
    """[(full pinyin, initials, is_chinese)] for the normalised name."""
    units: list[tuple[str, str, bool]] = []
    for run in _RUNS.findall(name):
        if _CJK.match(run):
            # Read as phrases, so 可乐 is ke le and 音乐 yin yue (pypinyin's own segmentation).
            for word in seg(run):
                for syllable in _word_pinyin(word):
                    units.append((syllable, syllable[:1], True))
        else:
            for word in _NOT_ALNUM.split(run):
                if word:
                    units.append((word, word, False))
    return units


@functools.lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    """Catalog names reuse a small vocabulary: caching per word makes pinyin ~10x cheaper."""
    return tuple(lazy_pinyin(word, errors="ignore"))


@functools.lru_cache(maxsize=8192)
def _readings(char: str) -> tuple[str, ...]:
    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(found[0]) if found else ()


def _polyphone_variants(keys: NameKeys) -> list[tuple[int, list[tuple[str, str, bool]]]]:
    """(position, units) with one character read another way (乐 le → yue), a few per name."""
    variants = []
    chars = [c for c in keys.name if _CJK.match(c)]
    chinese_positions = [i for i, u in enumerate(keys.units) if u[2]]
    if len(chars) != len(chinese_positions):
        return []  # a character pypinyin does not know: skip variants rather than misalign
    # From the end: the last characters of a name (可乐, 音乐) are where brands put polyphones.
    for char, pos in reversed(list(zip(chars, chinese_positions, strict=True))):
        primary = keys.units[pos][0]
        alternates = [r for r in _readings(char) if r and r != primary]
        if not alternates:
            continue
        units = list(keys.units)
        units[pos] = (alternates[0], alternates[0][:1], True)
        variants.append((pos, units))
        if len(variants) >= MAX_POLYPHONE_VARIANTS:
            break
    return variants


def product_tokens(
    sku: str, name: str, barcodes: list[str] | tuple[str, ...], keys: NameKeys | None = None
) -> dict[str, str]:
    """{token: kind} for one product; a token reachable two ways keeps its best kind."""
    tokens: dict[str, str] = {}

    def add(token: str, kind: str) -> None:
        if token and (token not in tokens or KIND_RANK[kind] < KIND_RANK[tokens[token]]):
            tokens[token] = kind

    keys = keys or NameKeys(name)
    add(keys.name[:NAME_MAX], "name")
    _add_name_suffixes(keys.name, add)
    _add_pinyin_tokens(keys.units, range(len(keys.units)), add)
    for pos, units in _polyphone_variants(keys):
        # Only keys that start at or shortly before the re-read character change.
        starts = [0, *range(max(1, pos - VARIANT_LOOKBACK), pos + 1)]
        _add_pinyin_tokens(units, starts, add)
    for code in barcodes:
        add(normalise_code(code), "barcode")
    add(normalise_code(sku), "sku")
    return tokens


def _add_name_suffixes(name: str, add) -> None:
    for i in range(1, len(name) - 1):
        char, before = name[i], name[i - 1]
        starts_word = _CJK.match(char) or (char.isalnum() and not before.isalnum())
        if starts_word:
            add(name[i : i + SUB_NAME_MAX], "sub")


def _add_pinyin_tokens(units: list[tuple[str, str, bool]], starts, add) -> None:
    """Initials and full pinyin from each start unit (start 0 is the prefix key)."""
    initials = "".join(u[1] for u in units)
    full = "".join(u[0] for u in units)
    i_pos = p_pos = 0
    for index, (syllable, initial, _) in enumerate(units):
        if index in starts:
            if index == 0:
                add(initials[:INITIALS_MAX], "initials")
                add(full[:PINYIN_MAX], "pinyin")
            elif len(initials) - i_pos >= 2:
                # Initials match anywhere (bskl finds 可乐 by kl); full pinyin only from the
                # start, which keeps the index about a third smaller.
                add(initials[i_pos : i_pos + SUB_INITIALS_MAX], "sub")
        i_pos += len(initial)
        p_pos += len(syllable)


def matches_long_query(query: str, name: str, initials: str, full_pinyin: str) -> bool:
    """For a query longer than the sub tokens: does the product really contain it?"""
    return query in normalise_query(name) or query in initials or query in full_pinyin
