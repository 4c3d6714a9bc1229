"""Open a ChannelDesk database and reach every service through one object."""

from __future__ import annotations

import functools
from pathlib import Path

from app.db.migrate import ensure_schema
from app.services.context import CurrentUser, ServiceContext


class Store:
    """An open local database with its services. Services are created on first use."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @classmethod
    def open(cls, path: Path, *, backup_dir: Path | None = None) -> Store:
        ensure_schema(Path(path), backup_dir=backup_dir)
        return cls(ServiceContext.open(Path(path)))

    def close(self) -> None:
        self.ctx.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def login_as(self, user: CurrentUser) -> None:
        self.ctx.user = user

    @functools.cached_property
    def company(self):
        from app.services.company import CompanyService

        return CompanyService(self.ctx)

    @functools.cached_property
    def users(self):
        from app.services.users import UserService

        return UserService(self.ctx)

    @functools.cached_property
    def catalog(self):
        from app.services.catalog import CatalogService

        return CatalogService(self.ctx)

    @functools.cached_property
    def outlets(self):
        from app.services.outlets import OutletService

        return OutletService(self.ctx)

    @functools.cached_property
    def filings(self):
        from app.services.filings import FilingService

        return FilingService(self.ctx)

    @functools.cached_property
    def stock(self):
        from app.services.stock import StockService

        return StockService(self.ctx)

    @functools.cached_property
    def purchasing(self):
        from app.services.purchasing import PurchasingService

        return PurchasingService(self.ctx)

    @functools.cached_property
    def sales(self):
        from app.services.sales import SalesService

        return SalesService(self.ctx)

    @functools.cached_property
    def receivables(self):
        from app.services.receivables import ReceivableService

        return ReceivableService(self.ctx)

    @functools.cached_property
    def printing(self):
        from app.services.printing import PrintService

        return PrintService(self.ctx)
