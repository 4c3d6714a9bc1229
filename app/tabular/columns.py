"""Which column of a file is which field: per-import tables of the headers people write.

A header matches whatever its writer did with spaces, full-width characters (（）：ＳＫＵ),
bracket styles (【】[]), letter case, underscores and a '*' marking a required column:
"箱规（每箱数量）", "箱规(每箱数量)" and "箱规 (每箱数量)*" are one header.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.tabular.cells import Parser, text
from app.text import to_halfwidth

_DROPPED = re.compile(r"[\s_*\ufeff]+")
_SPACES = re.compile(r"[\s*\ufeff]+")  # family prefixes keep '_': "price_A"
_BRACKETS = str.maketrans({"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")"})


def header_key(header: str) -> str:
    """The form in which two ways of writing one header are equal."""
    return _DROPPED.sub("", to_halfwidth(header).translate(_BRACKETS)).casefold()


@dataclass(frozen=True)
class Column:
    """One field. `zh` and `en` are the headers a template writes; `aliases` are other headers
    accepted for it. `help` documents it (English, for --help); `note_zh` for the template."""

    key: str
    zh: str
    en: str
    parse: Parser = field(default_factory=text)
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""
    note_zh: str = ""
    as_text: bool = False  # codes with leading zeros or 13+ digits: a text column in Excel

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.zh, self.en, *self.aliases)


@dataclass(frozen=True)
class ColumnFamily:
    """Any number of columns of one kind, each naming a member in its header after a prefix:
    `价格:A` and `price:A` are the price of member "A". `member` turns the text after the
    prefix into the member's code (price tiers: upper case)."""

    key: str
    prefixes: tuple[str, ...]
    parse: Parser = field(default_factory=text)
    member: Callable[[str], str] = str.strip
    help: str = ""

    def match(self, header: str) -> str | None:
        light = _SPACES.sub("", to_halfwidth(header).translate(_BRACKETS))
        for prefix in self.prefixes:
            if light.casefold().startswith(prefix.casefold()) and len(light) > len(prefix):
                return self.member(light[len(prefix):])
        return None


@dataclass(frozen=True)
class Schema:
    """The columns one import knows. Keys of family members are `<family key>:<member>`."""

    columns: tuple[Column, ...]
    families: tuple[ColumnFamily, ...] = ()
    _by_header: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_header: dict[str, Column] = {}
        for column in self.columns:
            for header in column.headers:
                by_header.setdefault(header_key(header), column)
        object.__setattr__(self, "_by_header", by_header)

    def match(self, header: str) -> tuple[str, Parser] | None:
        """(key, parser) of the field a header names, or None for an unknown column."""
        column = self._by_header.get(header_key(header))
        if column is not None:
            return column.key, column.parse
        for family in self.families:
            member = family.match(header)
            if member:
                return f"{family.key}:{member}", family.parse
        return None

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]

    def with_columns(self, extra: Iterable[Column]) -> Schema:
        return Schema((*self.columns, *extra), self.families)
