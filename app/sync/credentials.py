"""Where this PC keeps its HQ device token: the system keyring, or, where no keyring
backend exists (headless Linux, some locked-down PCs), a file only this user can read."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "ChannelDesk HQ"


@dataclass(frozen=True)
class Credentials:
    device_id: str
    token: str
    stored_in: str  # keyring | file


def token_file(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).stem + ".hq-token")


def save(db_path: Path, device_id: str, token: str) -> Credentials:
    if _keyring_set(device_id, token):
        token_file(db_path).unlink(missing_ok=True)
        return Credentials(device_id, token, "keyring")
    path = token_file(db_path)
    log.warning("no usable keyring backend; storing the HQ token in %s (readable by this user only)", path)
    _write_private(path, json.dumps({"device_id": device_id, "token": token}))
    return Credentials(device_id, token, "file")


def load(db_path: Path, device_id: str) -> Credentials | None:
    path = token_file(db_path)
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("device_id") == device_id:
            return Credentials(device_id, data["token"], "file")
    token = _keyring_get(device_id)
    return Credentials(device_id, token, "keyring") if token else None


def forget(db_path: Path, device_id: str) -> None:
    token_file(db_path).unlink(missing_ok=True)
    try:
        import keyring

        keyring.delete_password(SERVICE, device_id)
    except Exception:  # nothing stored there, or no backend: nothing to forget
        pass


def _keyring_set(device_id: str, token: str) -> bool:
    try:
        import keyring
        from keyring.backends import fail

        if isinstance(keyring.get_keyring(), fail.Keyring):
            return False
        keyring.set_password(SERVICE, device_id, token)
        return keyring.get_password(SERVICE, device_id) == token
    except Exception as exc:  # keyring raises backend-specific errors (locked, no D-Bus...)
        log.warning("keyring unavailable: %s", exc)
        return False


def _keyring_get(device_id: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(SERVICE, device_id)
    except Exception:
        return None


def _write_private(path: Path, text: str) -> None:
    """Create the file with mode 0600 from the start (no window where others could read it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
