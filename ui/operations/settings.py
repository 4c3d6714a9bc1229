"""Set-up, company details, users, HQ connection."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ui.context import AppContext
from ui.operations.common import Callback, ErrorCallback, read, write

if TYPE_CHECKING:  # run_app imports this module before the store opens: no SQLAlchemy yet
    from app.services.context import CurrentUser

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FirstRunAnswers:
    company_name: str
    address: str
    phone: str
    tax_id: str
    bank_account: str
    device_code: str
    manager_username: str
    manager_password: str
    hq_url: str = ""
    enrollment_code: str = ""


def first_run(store, answers: FirstRunAnswers) -> CurrentUser:
    """Company, device code, first manager, HQ address; logs the manager in. DB thread."""
    store.company.set_up(name=answers.company_name, device_code=answers.device_code,
                         address=answers.address, phone=answers.phone, tax_id=answers.tax_id,
                         bank_account=answers.bank_account)
    if not store.users.has_users():
        store.users.create(username=answers.manager_username, password=answers.manager_password,
                           role="manager")
    user = store.users.authenticate(answers.manager_username, answers.manager_password)
    store.login_as(user)
    if answers.hq_url.strip():
        store.company.set_setting("hq_url", answers.hq_url.strip())
        if answers.enrollment_code.strip():
            enroll_with_hq(store, answers.hq_url, answers.enrollment_code)
    return user


def enroll_with_hq(store, url: str, code: str):
    """Trade HQ's one-time enrollment code for this PC's identity (network: net thread)."""
    from app.sync.setup import enroll

    return enroll(store.ctx, url.strip(), code.strip())


def load_company(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, ctx.store.company.info, on_done=on_done)


def update_company(ctx: AppContext, *, fields: dict, on_done: Callback = None,
                   on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.company.update(**fields), on_done=on_done,
          on_error=on_error)


def load_users(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, ctx.store.users.list, on_done=on_done)


def create_user(ctx: AppContext, *, username: str, password: str, role: str,
                on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.users.create(username=username, password=password,
                                              role=role),
          on_done=on_done, on_error=on_error)


def change_role(ctx: AppContext, *, user_id: str, role: str, on_done: Callback = None,
                on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.users.change_role(user_id, role), on_done=on_done,
          on_error=on_error)


def set_user_active(ctx: AppContext, *, user_id: str, active: bool, on_done: Callback = None,
                    on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.users.set_active(user_id, active), on_done=on_done,
          on_error=on_error)


def load_hq_url(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, lambda: ctx.store.company.setting("hq_url"), on_done=on_done)


def save_hq_url(ctx: AppContext, *, url: str, on_done: Callback = None,
                on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.company.set_setting("hq_url", url.strip()),
          on_done=on_done, on_error=on_error)


def enroll(ctx: AppContext, *, url: str, code: str, on_done: Callback = None,
           on_error: ErrorCallback = None) -> None:
    """Enrollment talks to HQ, so it runs on the network thread, never the GUI thread."""

    def done(result) -> None:
        ctx.bus.announce(result.changes)
        ctx.sync.sync_now()
        if on_done is not None:
            on_done(result)

    ctx.runner.run_net(lambda: enroll_with_hq(ctx.store, url, code), on_done=done,
                       on_error=on_error, label="enroll")


# -- backups and restore (issue 6) ------------------------------------------------------------
# Backups sit in `<database folder>/backups`, the folder `app.maintenance.list_backups` lists and
# the daily backup of `ui.startup` fills (for the demo that is `<data>/demo/backups`).
# The database cannot be replaced under the open store, so a restore chosen in the settings is
# written to RESTORE_PENDING beside the database and applied at the next start, before the
# store opens (`apply_pending_restore`, called from `ui.app.run_app`).

RESTORE_PENDING = "restore-pending.json"
MANUAL = "manual"


@dataclass(frozen=True)
class PendingRestore:
    backup: Path
    requested_at: str  # ISO UTC
    requested_by: str


@dataclass(frozen=True)
class RestoreOutcome:
    """What the start-up did with a pending restore: `error` is None when it was restored."""

    backup: Path
    safety_copy: Path | None
    error: BaseException | None = None


def database_file(ctx: AppContext) -> Path:
    return Path(ctx.store.ctx.path)


def backups_folder(db_path: Path) -> Path:
    from app.config import backup_dir

    return backup_dir(Path(db_path).parent)


def back_up_now(db_path: Path, *, now: dt.datetime | None = None) -> Path:
    """A manual copy of the live database (the online backup API works while others write).
    Its kind is `manual`: only daily backups are rotated, so it stays until deleted."""
    from app.clock import utcnow
    from app.db.backup import backup_database

    stamp = (now or utcnow()).strftime("%Y%m%d-%H%M%S")
    target = backups_folder(db_path) / f"{Path(db_path).stem}-{stamp}-{MANUAL}.db"
    return backup_database(Path(db_path), target)


def request_restore(db_path: Path, backup: Path, *, username: str) -> PendingRestore:
    """Remember the chosen backup for the next start; checked now so a bad file is refused
    while the clerk is still looking at the list."""
    from app.clock import utcnow
    from app.db.backup import check_channeldesk_file

    check_channeldesk_file(Path(backup))
    pending = PendingRestore(Path(backup).resolve(), utcnow().isoformat(), username)
    target = Path(db_path).parent / RESTORE_PENDING
    tmp = target.with_suffix(".part")
    tmp.write_text(json.dumps({"backup": str(pending.backup), "requested_at":
                               pending.requested_at, "requested_by": username},
                              ensure_ascii=False), encoding="utf-8")
    tmp.replace(target)  # never a half-written request
    return pending


def pending_restore(db_path: Path) -> PendingRestore | None:
    path = Path(db_path).parent / RESTORE_PENDING
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PendingRestore(Path(data["backup"]), data.get("requested_at", ""),
                              data.get("requested_by", ""))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as exc:
        log.error("unreadable %s: %s", path, exc)
        return None


def cancel_restore(db_path: Path) -> None:
    (Path(db_path).parent / RESTORE_PENDING).unlink(missing_ok=True)


def apply_pending_restore(db_path: Path) -> RestoreOutcome | None:
    """At start-up, before anything opens the database: restore the requested backup.

    The current database is saved into the backups folder first (`before-restore`). The
    request is removed once tried, so a backup that fails its check is not retried at every
    start; a crash in the middle leaves the request in place and the next start does it again.
    """
    from app.db.backup import restore_database

    path = Path(db_path).parent / RESTORE_PENDING
    if not path.exists():
        return None
    pending = pending_restore(db_path)
    if pending is None:
        path.unlink(missing_ok=True)
        return None
    try:
        safety = restore_database(pending.backup, Path(db_path),
                                  safety_dir=backups_folder(db_path))
    except Exception as error:  # noqa: BLE001 - reported to the clerk at start-up
        log.error("pending restore of %s failed: %s", pending.backup, error)
        path.unlink(missing_ok=True)
        return RestoreOutcome(pending.backup, None, error)
    path.unlink(missing_ok=True)
    log.warning("database %s restored from %s (previous copy: %s)", db_path, pending.backup,
                safety)
    return RestoreOutcome(pending.backup, safety)


def load_backups(ctx: AppContext, *, on_done: Callback, on_error: ErrorCallback = None) -> None:
    """The backup list and the pending restore, read on the file thread."""
    from app.maintenance import list_backups

    db_path = database_file(ctx)
    ctx.runner.run_net(lambda: (list_backups(db_path.parent), pending_restore(db_path)),
                       on_done=on_done, on_error=on_error, label="backups")


def make_backup(ctx: AppContext, *, on_done: Callback = None,
                on_error: ErrorCallback = None) -> None:
    db_path = database_file(ctx)
    ctx.runner.run_net(lambda: back_up_now(db_path), on_done=on_done, on_error=on_error,
                       label="backup")


def choose_restore(ctx: AppContext, *, backup: Path, on_done: Callback = None,
                   on_error: ErrorCallback = None) -> None:
    """Manager only: record the restore for the next start."""
    from app.errors import PermissionDenied

    db_path, username = database_file(ctx), ctx.username
    if not ctx.can("manager"):
        if on_error is not None:
            on_error(PermissionDenied("permission.denied", role=ctx.role,
                                      action="backup.restore"))
        return
    ctx.runner.run_net(lambda: request_restore(db_path, backup, username=username),
                       on_done=on_done, on_error=on_error, label="restore")


def drop_restore(ctx: AppContext, *, on_done: Callback = None,
                 on_error: ErrorCallback = None) -> None:
    db_path = database_file(ctx)
    ctx.runner.run_net(lambda: cancel_restore(db_path), on_done=on_done, on_error=on_error,
                       label="restore")
