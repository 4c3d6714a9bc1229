"""Company set-up, warehouses, settings, users and log-in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import User
from app.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.services.context import CurrentUser


def test_first_run_set_up_fixes_device_code_used_in_numbers(store):
    info = store.company.set_up(name="湘江商贸有限公司", device_code="pc2", address="长沙")
    assert info.device_code == "PC2"
    with store.ctx.write() as uow:
        assert uow.next_number("SO").startswith("SO-PC2-")


@pytest.mark.parametrize("code", ["", "a", "D 1", "TOOLONGCODE", "收银1"])
def test_bad_device_code_is_refused(store, code):
    with pytest.raises(ValidationError) as info:
        store.company.set_up(name="x", device_code=code)
    assert info.value.message_id == "device.code_invalid"
    assert store.company.info().device_code == "D01"


def test_warehouses(store):
    assert [w.code for w in store.company.warehouses()] == ["WH01"]
    store.company.create_warehouse(code="wh02", name="城东仓")
    assert [w.name for w in store.company.warehouses()] == ["主仓库", "城东仓"]
    with pytest.raises(ValidationError):
        store.company.create_warehouse(code="WH02", name="重复")


def test_settings_have_defaults_and_refuse_unknown_keys(store):
    assert store.company.setting("allow_negative_stock") == "0"
    store.company.set_setting("allow_negative_stock", "1")
    assert store.company.setting("allow_negative_stock") == "1"
    with pytest.raises(ValidationError):
        store.company.set_setting("colour", "red")


def test_passwords_are_hashed_and_checked(store):
    store.users.create(username="xiaoli", password="s3cret-pw", role="clerk")
    with store.ctx.read() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "xiaoli"))
    assert "s3cret-pw" not in stored and stored.startswith("scrypt$")
    assert store.users.authenticate(" xiaoli ", "s3cret-pw").role == "clerk"
    with pytest.raises(AuthenticationFailed):
        store.users.authenticate("xiaoli", "wrong")
    with pytest.raises(AuthenticationFailed):
        store.users.authenticate("nobody", "s3cret-pw")


def test_only_managers_manage_users(store):
    clerk = store.users.create(username="xiaoli", password="s3cret-pw", role="clerk")
    store.login_as(CurrentUser(clerk.id, "xiaoli", "clerk"))
    with pytest.raises(PermissionDenied):
        store.users.create(username="other", password="s3cret-pw", role="manager")
    with pytest.raises(PermissionDenied):
        store.users.change_role(clerk.id, "manager")
    store.users.change_password(clerk.id, "new-pass-1")  # one's own password is allowed
    assert store.users.authenticate("xiaoli", "new-pass-1").id == clerk.id


def test_deactivated_user_cannot_log_in(store):
    clerk = store.users.create(username="temp", password="s3cret-pw", role="clerk")
    store.users.set_active(clerk.id, False)
    with pytest.raises(AuthenticationFailed):
        store.users.authenticate("temp", "s3cret-pw")


@pytest.mark.parametrize(
    ("username", "password", "role", "message_id"),
    [("", "s3cret-pw", "clerk", "field.required"), ("a", "123", "clerk", "user.password_weak"),
     ("a", "s3cret-pw", "boss", "user.role_invalid"), ("manager", "s3cret-pw", "clerk", "user.name_taken")],
)
def test_bad_user_input(store, username, password, role, message_id):
    with pytest.raises(ValidationError) as info:
        store.users.create(username=username, password=password, role=role)
    assert info.value.message_id == message_id
