"""Enrollment codes and device tokens. HQ stores only SHA-256 hashes of both."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import settings
from server.models import Device, Distributor, EnrollmentCode, HqWarehouse, utcnow

# Letters and digits that cannot be confused when read over the phone (no 0/O, 1/I/L).
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class AuthError(Exception):
    """code is machine-readable (device_revoked, unauthorized, enroll_code_invalid)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _code_hash(code: str) -> str:
    return token_hash(code.strip().upper().replace("-", ""))


def issue_enroll_code(session: Session, distributor_code: str) -> str:
    distributor = session.scalar(select(Distributor).where(Distributor.code == distributor_code))
    if distributor is None:
        raise LookupError(f"unknown distributor {distributor_code}")
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    days = int(settings.get(session, "enroll_code_days") or 7)
    session.add(
        EnrollmentCode(
            code_hash=_code_hash(raw),
            distributor_id=distributor.id,
            expires_at=utcnow() + dt.timedelta(days=days),
        )
    )
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    token: str
    distributor: Distributor
    warehouses: list[dict]


def enroll(session: Session, code: str, *, device_name: str, warehouses: list[dict]) -> Enrollment:
    """Trade a one-time code for a device id and a secret token (shown once, stored hashed).

    The first PC of a distributor defines its warehouses; later PCs adopt them."""
    row = session.get(EnrollmentCode, _code_hash(code), with_for_update=True)
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        raise AuthError("enroll_code_invalid", "This enrollment code is unknown, used or expired")
    token = secrets.token_urlsafe(32)
    device = Device(
        id=str(uuid.uuid4()),
        distributor_id=row.distributor_id,
        name=device_name[:100],
        token_hash=token_hash(token),
    )
    session.add(device)
    row.used_at, row.device_id = utcnow(), device.id
    known = _register_warehouses(session, row.distributor_id, warehouses)
    return Enrollment(device.id, token, session.get(Distributor, row.distributor_id), known)


def _register_warehouses(session: Session, distributor_id: str, offered: list[dict]) -> list[dict]:
    existing = list(
        session.scalars(select(HqWarehouse).where(HqWarehouse.distributor_id == distributor_id))
    )
    if not existing:
        for w in offered:
            if isinstance(w, dict) and isinstance(w.get("id"), str) and session.get(HqWarehouse, w["id"]) is None:
                row = HqWarehouse(
                    id=w["id"][:36], distributor_id=distributor_id,
                    code=str(w.get("code", ""))[:20], name=str(w.get("name", ""))[:100],
                )
                session.add(row)
                existing.append(row)
        session.flush()
    return [{"id": w.id, "code": w.code, "name": w.name} for w in existing]


def authenticate(session: Session, token: str | None) -> Device:
    if not token:
        raise AuthError("unauthorized", "This PC is not enrolled with HQ")
    device = session.scalar(select(Device).where(Device.token_hash == token_hash(token)))
    if device is None:
        raise AuthError("unauthorized", "HQ does not recognise this PC; enroll it again")
    if device.revoked_at is not None:
        raise AuthError(
            "device_revoked",
            "HQ has revoked this PC's access; ask HQ for a new enrollment code",
        )
    return device
