"""Receivables actions: look at what an outlet owes, record a payment."""

from __future__ import annotations

from dataclasses import dataclass

from ui.context import AppContext
from ui.operations.common import Callback, ErrorCallback, read, write


@dataclass(frozen=True)
class OutletAccount:
    outlet: object  # OutletInfo
    balance_fen: int
    deposit_fen: int
    open_invoices: list


def outlet_account(store, outlet_id: str) -> OutletAccount:
    r = store.receivables
    return OutletAccount(store.outlets.get(outlet_id), r.balance(outlet_id),
                         r.deposit_balance(outlet_id), r.open_invoices(outlet_id))


def load_account(ctx: AppContext, *, outlet_id: str, on_done: Callback,
                 on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: outlet_account(ctx.store, outlet_id), on_done=on_done, on_error=on_error)


def load_aging(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, ctx.store.receivables.aging, on_done=on_done)


def load_overdue(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, ctx.store.receivables.overdue, on_done=on_done)


def record_payment(ctx: AppContext, *, outlet_id: str, amount_fen: int, method: str,
                   purpose: str = "settlement", reference: str = "", on_done: Callback = None,
                   on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.receivables.record_payment(
        outlet_id=outlet_id, amount_fen=amount_fen, method=method, purpose=purpose,
        reference=reference), on_done=on_done, on_error=on_error)
