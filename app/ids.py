"""Client-generated identifiers (UUIDv7) for rows and sync operations."""

from __future__ import annotations

import uuid

import uuid_utils

# Derived facts (e.g. the stock move of one delivery line) get name-based ids so that
# regenerating them after a crash or a retry can never create a duplicate.
_DERIVED_NAMESPACE = uuid.UUID("5b0f5c2e-9c3a-4a57-8f65-7c1c2f0a9d11")


def new_id() -> str:
    """A new time-ordered UUIDv7 as canonical text."""
    return str(uuid_utils.uuid7())


def derived_id(*parts: str) -> str:
    """A deterministic id for a fact derived from other ids."""
    return str(uuid.uuid5(_DERIVED_NAMESPACE, ":".join(parts)))
