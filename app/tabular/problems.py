"""What is wrong with a table, line by line, as message ids the UI and the CLI translate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.errors import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one line of a table. `params` always hold `line` (as Excel numbers
    it: the header is line 1), `column` (the header as written in the file) and `value` (the
    cell's text); a message may add more."""

    message_id: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def line(self) -> int:
        return int(self.params["line"])

    @property
    def column(self) -> str:
        return str(self.params.get("column", ""))

    @property
    def value(self) -> str:
        return str(self.params.get("value", ""))


class CellError(Exception):
    """Raised by a cell parser; the table adds the line, the column and the value."""

    def __init__(self, message_id: str, /, **params: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params


class ImportRefused(ValidationError):
    """A table had problems, so nothing of it was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("import.refused", count=len(problems))
        self.problems = list(problems)
