"""Users, roles and log-in. Passwords are stored only as scrypt hashes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.models import User
from app.errors import AuthenticationFailed, NotFound, ValidationError
from app.passwords import hash_password, verify_password
from app.services.changes import Changes
from app.services.context import ROLES, CurrentUser, ServiceContext

MIN_PASSWORD = 6


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str
    role: str
    active: bool

    @property
    def changes(self) -> Changes:
        return Changes(users=(self.id,))


class UserService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def has_users(self) -> bool:
        with self.ctx.read() as s:
            return bool(s.scalar(select(func.count(User.id))))

    def create(
        self, *, username: str, password: str, role: str, display_name: str = ""
    ) -> UserInfo:
        """The first user may be created by anyone (set-up); later ones only by a manager."""
        if self.has_users():
            self.ctx.require_role("manager", action="user.create")
        name = username.strip()
        if not name:
            raise ValidationError("field.required", field="username")
        if role not in ROLES:
            raise ValidationError("user.role_invalid", role=role)
        if len(password) < MIN_PASSWORD:
            raise ValidationError("user.password_weak", min=MIN_PASSWORD)
        with self.ctx.write() as uow:
            if uow.session.scalar(select(User.id).where(User.username == name)):
                raise ValidationError("user.name_taken", username=name)
            user = User(
                username=name,
                display_name=display_name or name,
                role=role,
                password_hash=hash_password(password),
            )
            uow.session.add(user)
            uow.session.flush()
            uow.audit("user.create", "user", user.id, username=name, role=role)
            return _info(user)

    def authenticate(self, username: str, password: str) -> CurrentUser:
        with self.ctx.read() as s:
            user = s.scalar(select(User).where(User.username == username.strip()))
        if user is None or not user.active or not verify_password(password, user.password_hash):
            raise AuthenticationFailed("auth.failed")
        return CurrentUser(id=user.id, username=user.username, role=user.role)

    def list(self) -> list[UserInfo]:
        with self.ctx.read() as s:
            return [_info(u) for u in s.scalars(select(User).order_by(User.username))]

    def change_role(self, user_id: str, role: str) -> UserInfo:
        self.ctx.require_role("manager", action="user.change_role")
        if role not in ROLES:
            raise ValidationError("user.role_invalid", role=role)
        with self.ctx.write() as uow:
            user = self._get(uow.session, user_id)
            user.role = role
            uow.audit("user.change_role", "user", user.id, role=role)
            return _info(user)

    def set_active(self, user_id: str, active: bool) -> UserInfo:
        self.ctx.require_role("manager", action="user.deactivate")
        with self.ctx.write() as uow:
            user = self._get(uow.session, user_id)
            user.active = active
            uow.audit("user.set_active", "user", user.id, active=active)
            return _info(user)

    def change_password(self, user_id: str, password: str) -> None:
        if self.ctx.user.id != user_id:
            self.ctx.require_role("manager", action="user.change_password")
        if len(password) < MIN_PASSWORD:
            raise ValidationError("user.password_weak", min=MIN_PASSWORD)
        with self.ctx.write() as uow:
            user = self._get(uow.session, user_id)
            user.password_hash = hash_password(password)
            uow.audit("user.change_password", "user", user.id)

    @staticmethod
    def _get(session, user_id: str) -> User:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound("user.not_found", ref=user_id)
        return user


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.username, u.display_name, u.role, u.active)
