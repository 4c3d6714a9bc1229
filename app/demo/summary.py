"""What a demo database holds, for `channeldesk demo`: counts, stock value, receivables."""

from __future__ import annotations

from pathlib import Path

from app.money import format_fen
from app.services.lifecycles import ORDER_STATUSES
from app.store import Store


def demo_summary(path: Path) -> dict:
    """Counts for the CLI: products, outlets, orders by status, stock and receivables."""
    with Store.open(Path(path)) as store, store.ctx.engine.connect() as conn:
        raw = conn.connection.driver_connection

        def one(sql: str) -> int:
            return int(raw.execute(sql).fetchone()[0] or 0)

        by_status = dict(raw.execute(
            "SELECT status, COUNT(*) FROM sales_order GROUP BY status ORDER BY status").fetchall())
        stock_value = one("""
            WITH on_hand AS (SELECT product_id, SUM(quantity) AS q FROM stock_move
                             GROUP BY product_id),
                 cost AS (SELECT product_id, SUM(amount_fen) AS a, SUM(base_quantity) AS b
                          FROM purchase_order_line GROUP BY product_id)
            SELECT SUM(on_hand.q * cost.a / cost.b) FROM on_hand JOIN cost USING (product_id)""")
        receivables = one("SELECT SUM(total_fen - paid_fen) FROM invoice")
        return {
            "products": one("SELECT COUNT(*) FROM product"),
            "outlets": one("SELECT COUNT(*) FROM outlet"),
            "orders": sum(by_status.values()),
            "orders_by_status": {s: by_status.get(s, 0) for s in ORDER_STATUSES},
            "order_lines": one("SELECT COUNT(*) FROM sales_order_line"),
            "stock_on_hand_base_units": one("SELECT SUM(quantity) FROM stock_move"),
            "stock_value_fen": stock_value,
            "stock_value": format_fen(stock_value, sign=True),
            "invoices": one("SELECT COUNT(*) FROM invoice"),
            "receivables_fen": receivables,
            "receivables": format_fen(receivables, sign=True),
            "payments": one("SELECT COUNT(*) FROM payment"),
            "filings": one("SELECT COUNT(*) FROM customer_filing"),
        }
