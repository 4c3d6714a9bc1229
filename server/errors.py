"""Business refusals of an operation (answered per op with HTTP 200, never a 4xx)."""

from __future__ import annotations


class OpRejected(Exception):
    def __init__(self, reason: str, *, answer: str = "rejected", **detail) -> None:
        super().__init__(reason)
        self.status = answer
        self.reason = reason
        self.detail = detail
