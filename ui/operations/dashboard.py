"""What the dashboard shows, read in one background task."""

from __future__ import annotations

from dataclasses import dataclass

from ui.context import AppContext
from ui.operations.common import Callback, read

ALERT_LIMIT = 50


@dataclass(frozen=True)
class DashboardData:
    today: object  # sales DaySummary
    reorder: list
    expiry: list
    filings: list
    overdue: list


def dashboard_data(store) -> DashboardData:
    days = int(store.company.setting("filing_warning_days") or 15)
    return DashboardData(
        today=store.sales.today_summary(),
        reorder=store.stock.below_reorder_point()[:ALERT_LIMIT],
        expiry=store.stock.batches_near_expiry()[:ALERT_LIMIT],
        filings=store.filings.expiring(within_days=days)[:ALERT_LIMIT],
        overdue=store.receivables.overdue()[:ALERT_LIMIT],
    )


def load_dashboard(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, lambda: dashboard_data(ctx.store), on_done=on_done)
