"""Company profile (printed on documents), this PC's device code, and business settings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from app.db.models import CompanyProfile, Warehouse
from app.errors import ValidationError
from app.services.changes import Changes
from app.services.context import ServiceContext, get_setting, set_setting

_DEVICE_CODE = re.compile(r"^[A-Z0-9]{2,8}$")

# Business settings with their defaults (values are stored as text).
SETTING_DEFAULTS = {
    "allow_negative_stock": "0",
    "backup_keep": "14",
    "default_tax_rate_bp": "1300",
    "expiry_warning_days": "30",
    "filing_warning_days": "15",
    "hq_url": "",
}


@dataclass(frozen=True)
class CompanyInfo:
    id: str
    name: str
    address: str
    phone: str
    tax_id: str
    bank_account: str
    logo_path: str
    device_code: str
    distributor_code: str

    @property
    def changes(self) -> Changes:
        return Changes(company=True)


@dataclass(frozen=True)
class WarehouseInfo:
    id: str
    code: str
    name: str
    archived: bool


class CompanyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def is_set_up(self) -> bool:
        with self.ctx.read() as s:
            return s.scalar(select(CompanyProfile.id).limit(1)) is not None

    def set_up(
        self,
        *,
        name: str,
        device_code: str,
        address: str = "",
        phone: str = "",
        tax_id: str = "",
        bank_account: str = "",
        warehouse_name: str = "主仓库",
    ) -> CompanyInfo:
        """First run: company details, this PC's device code and a first warehouse."""
        code = device_code.strip().upper()
        if not _DEVICE_CODE.match(code):
            raise ValidationError("device.code_invalid", code=device_code)
        if not name.strip():
            raise ValidationError("field.required", field="name")
        with self.ctx.write() as uow:
            profile = uow.session.scalar(select(CompanyProfile).limit(1))
            if profile is None:
                profile = CompanyProfile(name=name.strip(), device_code=code)
                uow.session.add(profile)
            profile.name, profile.device_code = name.strip(), code
            profile.address, profile.phone = address, phone
            profile.tax_id, profile.bank_account = tax_id, bank_account
            if uow.session.scalar(select(Warehouse.id).limit(1)) is None:
                uow.session.add(Warehouse(code="WH01", name=warehouse_name))
            uow.session.flush()
            uow.audit("company.set_up", "company", profile.id, name=profile.name, device=code)
            info = _info(profile)
        self.ctx.forget_device_code()
        return info

    def update(self, **fields: str) -> CompanyInfo:
        allowed = {"name", "address", "phone", "tax_id", "bank_account", "logo_path"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError("field.unknown", fields=sorted(unknown))
        if "name" in fields and not fields["name"].strip():
            raise ValidationError("field.required", field="name")
        with self.ctx.write() as uow:
            profile = uow.session.scalar(select(CompanyProfile).limit(1))
            if profile is None:
                raise ValidationError("field.required", field="company")
            for key, value in fields.items():
                setattr(profile, key, value.strip())
            uow.audit("company.update", "company", profile.id, fields=sorted(fields))
            return _info(profile)

    def info(self) -> CompanyInfo | None:
        with self.ctx.read() as s:
            profile = s.scalar(select(CompanyProfile).limit(1))
            return _info(profile) if profile else None

    def warehouses(self, *, include_archived: bool = False) -> list[WarehouseInfo]:
        query = select(Warehouse).order_by(Warehouse.code)
        if not include_archived:
            query = query.where(Warehouse.archived.is_(False))
        with self.ctx.read() as s:
            return [WarehouseInfo(w.id, w.code, w.name, w.archived) for w in s.scalars(query)]

    def create_warehouse(self, *, code: str, name: str) -> WarehouseInfo:
        self.ctx.require_role("manager", action="warehouse.create")
        code, name = code.strip().upper(), name.strip()
        if not code or not name:
            raise ValidationError("field.required", field="code" if not code else "name")
        with self.ctx.write() as uow:
            if uow.session.scalar(select(Warehouse.id).where(Warehouse.code == code)):
                raise ValidationError("warehouse.code_taken", code=code)
            warehouse = Warehouse(code=code, name=name)
            uow.session.add(warehouse)
            uow.session.flush()
            uow.audit("warehouse.create", "warehouse", warehouse.id, code=code, name=name)
            return WarehouseInfo(warehouse.id, code, name, False)

    def setting(self, key: str) -> str:
        with self.ctx.read() as s:
            return get_setting(s, key, SETTING_DEFAULTS.get(key, ""))

    def set_setting(self, key: str, value: str) -> Changes:
        if key not in SETTING_DEFAULTS:
            raise ValidationError("setting.unknown", key=key)
        with self.ctx.write() as uow:
            set_setting(uow.session, key, value)
            uow.audit("setting.change", "setting", key, value=value)
        return Changes(settings=(key,))


def _info(p: CompanyProfile) -> CompanyInfo:
    return CompanyInfo(
        p.id, p.name, p.address, p.phone, p.tax_id, p.bank_account, p.logo_path,
        p.device_code, p.distributor_code,
    )
