"""Outlet and filing actions."""

from __future__ import annotations

from ui.context import AppContext
from ui.operations.common import Callback, ErrorCallback, read, write


def load_outlet(ctx: AppContext, *, outlet_id: str, on_done: Callback,
                on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: (ctx.store.outlets.get(outlet_id),
                       ctx.store.filings.list(outlet_id=outlet_id)),
         on_done=on_done, on_error=on_error)


def load_tiers(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, ctx.store.catalog.price_tiers, on_done=on_done)


def create_outlet(ctx: AppContext, *, fields: dict, allow_duplicate: bool = False,
                  on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.outlets.create(allow_duplicate=allow_duplicate,
                                                **fields),
          on_done=on_done, on_error=on_error)


def update_outlet(ctx: AppContext, *, outlet_id: str, expected_rev: int, fields: dict,
                  allow_duplicate: bool = False, on_done: Callback = None,
                  on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.outlets.update(
        outlet_id, expected_rev=expected_rev, allow_duplicate=allow_duplicate, **fields),
        on_done=on_done, on_error=on_error)


def archive_outlet(ctx: AppContext, *, outlet_id: str, archived: bool, on_done: Callback = None,
                   on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.outlets.archive(outlet_id, archived=archived),
          on_done=on_done, on_error=on_error)


def submit_filing(ctx: AppContext, *, outlet_id: str, note: str = "", on_done: Callback = None,
                  on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.filings.create(outlet_id, note=note, submit=True),
          on_done=on_done, on_error=on_error)


def withdraw_filing(ctx: AppContext, *, filing_id: str, on_done: Callback = None,
                    on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.filings.withdraw(filing_id), on_done=on_done,
          on_error=on_error)


def load_expiring_filings(ctx: AppContext, *, days: int, on_done: Callback) -> None:
    read(ctx, lambda: ctx.store.filings.expiring(within_days=days), on_done=on_done)
