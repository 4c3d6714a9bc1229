"""Set-up, company details, users, HQ connection."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.context import CurrentUser
from ui.context import AppContext
from ui.operations.common import Callback, ErrorCallback, read, write


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
    write(ctx, "company", lambda: ctx.store.company.update(**fields), on_done=on_done,
          on_error=on_error)


def load_users(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, ctx.store.users.list, on_done=on_done)


def create_user(ctx: AppContext, *, username: str, password: str, role: str,
                on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, "user", lambda: ctx.store.users.create(username=username, password=password,
                                                      role=role),
          on_done=on_done, on_error=on_error)


def change_role(ctx: AppContext, *, user_id: str, role: str, on_done: Callback = None,
                on_error: ErrorCallback = None) -> None:
    write(ctx, "user", lambda: ctx.store.users.change_role(user_id, role), on_done=on_done,
          on_error=on_error)


def set_user_active(ctx: AppContext, *, user_id: str, active: bool, on_done: Callback = None,
                    on_error: ErrorCallback = None) -> None:
    write(ctx, "user", lambda: ctx.store.users.set_active(user_id, active), on_done=on_done,
          on_error=on_error)


def load_hq_url(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, lambda: ctx.store.company.setting("hq_url"), on_done=on_done)


def save_hq_url(ctx: AppContext, *, url: str, on_done: Callback = None,
                on_error: ErrorCallback = None) -> None:
    write(ctx, "sync", lambda: ctx.store.company.set_setting("hq_url", url.strip()),
          on_done=on_done, on_error=on_error)


def enroll(ctx: AppContext, *, url: str, code: str, on_done: Callback = None,
           on_error: ErrorCallback = None) -> None:
    """Enrollment talks to HQ, so it runs on the network thread, never the GUI thread."""

    def done(result) -> None:
        ctx.bus.announce("sync")
        ctx.sync.sync_now()
        if on_done is not None:
            on_done(result)

    ctx.runner.run_net(lambda: enroll_with_hq(ctx.store, url, code), on_done=done,
                       on_error=on_error, label="enroll")
