"""工作台: today's orders and sales, and alert lists that open the item they name."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from app.services.changes import Changes
from ui import fmt
from ui.operations.dashboard import load_dashboard
from ui.screens.base import Screen, heading


@dataclass(frozen=True)
class Alert:
    text: str
    screen: str
    item: str | None


class DashboardScreen(Screen):
    def shows(self, changes: Changes) -> bool:
        return bool(changes.sales_orders or changes.stock or changes.filings
                    or changes.receivables or changes.outlets or changes.purchase_orders
                    or changes.from_hq)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("todaySummary")
        self.summary.setStyleSheet("font-size: 18px; padding: 8px;")
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        titles = [("reorder", self.tr("Products below reorder point")),
                  ("expiry", self.tr("Batches near expiry")),
                  ("filings", self.tr("Filings expiring soon")),
                  ("overdue", self.tr("Overdue receivables")),
                  ("parked", self.tr("Operations HQ refused"))]
        for position, (key, title) in enumerate(titles):
            box = QGroupBox(title, self)
            view = QListWidget(box)
            view.setObjectName(f"alerts_{key}")
            view.itemActivated.connect(self._open_alert)
            QVBoxLayout(box).addWidget(view)
            grid.addWidget(box, position // 3, position % 3)
            self.lists[key] = view
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Today"), self))
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)
        ctx.sync.status_changed.connect(self._show_parked)
        self._fill("parked", [])

    def reload(self) -> None:
        load_dashboard(self.ctx, on_done=self._show)

    def _show(self, data) -> None:
        self.summary.setText(self.tr("{count} orders today, sales {total}").format(
            count=data.today.order_count, total=fmt.money(data.today.total_fen)))
        self._fill("reorder", [Alert(self.tr("{sku} {name}: {qty} left (reorder at {point})").format(
            sku=a.sku, name=a.name, qty=a.on_hand, point=a.reorder_point), "stock", a.product_id)
            for a in data.reorder])
        self._fill("expiry", [Alert(self.tr("{sku} lot {lot}: {qty} expire {date}").format(
            sku=a.sku, lot=a.lot_no, qty=a.quantity, date=fmt.date(a.expiry_date)), "stock",
            a.product_id) for a in data.expiry])
        self._fill("filings", [Alert(self.tr("{name}: protected until {date}").format(
            name=f.outlet_name, date=fmt.date(f.protection_until)), "outlets", f.outlet_id)
            for f in data.filings])
        self._fill("overdue", [Alert(self.tr("{name}: {amount} overdue since {date}").format(
            name=o.outlet_name, amount=fmt.money(o.overdue_fen), date=fmt.date(o.oldest_due_date)),
            "receivables", o.outlet_id) for o in data.overdue])

    def _show_parked(self, status) -> None:
        self._fill("parked", [Alert(f"{op.op_type}: {op.reason}", "sync", None)
                              for op in status.parked])

    def _fill(self, key: str, alerts: list[Alert]) -> None:
        view = self.lists[key]
        view.clear()
        for alert in alerts:
            item = QListWidgetItem(alert.text)
            item.setData(256, alert)
            view.addItem(item)
        if not alerts:
            view.addItem(QListWidgetItem(self.tr("Nothing to do")))

    def _open_alert(self, item: QListWidgetItem) -> None:
        alert = item.data(256)
        if alert is not None:
            self.ctx.navigator.open(alert.screen, alert.item)
