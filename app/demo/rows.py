"""Writing demo history straight into the tables: rows buffered per table and written with
the driver's executemany, document numbers continued from the device's counters, and
timestamps in the text form SQLAlchemy's SQLite DateTime reads back.

This is how the PC-only demo reaches a million order lines in seconds; its rows are history
that never goes through the outbox (see app.demo.history).
"""

from __future__ import annotations

import datetime as dt


def ts(value: dt.datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime stores and parses."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


class DocumentNumbers:
    """Document numbers per type and day, continued from the device's counters."""

    def __init__(self, raw, device: str) -> None:
        self.device = device
        self.seq = {(t, d): n for t, d, n in raw.execute(
            "SELECT doc_type, day, last_seq FROM document_counter WHERE device_code = ?", (device,))}

    def next(self, doc_type: str, day: dt.date) -> str:
        stamp = day.strftime("%Y%m%d")
        n = self.seq.get((doc_type, stamp), 0) + 1
        self.seq[(doc_type, stamp)] = n
        return f"{doc_type}-{self.device}-{stamp}-{n:04d}"

    def rows(self) -> list[tuple]:
        return [(t, self.device, d, n) for (t, d), n in self.seq.items()]


COLUMNS = {
    "outlet": "id code name contact phone address region tier_id credit_limit_fen "
              "payment_terms_days archived name_key phone_key created_at updated_at rev server_rev",
    "customer_filing": "id outlet_id status outlet_name phone address note submitted_at decided_at "
                       "protection_until decision_reason created_at updated_at",
    "batch": "id product_id lot_no production_date expiry_date",
    "purchase_order": "id number warehouse_id status order_date total_fen note submitted_at "
                      "hq_reason created_by print_count created_at updated_at rev server_rev",
    "purchase_order_line": "id po_id line_no product_id unit_id quantity base_quantity "
                           "unit_price_fen amount_fen received_base_qty",
    "goods_receipt": "id number po_id warehouse_id received_at note created_at updated_at",
    "goods_receipt_line": "id receipt_id po_line_id product_id batch_id base_quantity",
    "stock_move": "id product_id warehouse_id batch_id quantity kind ref_type ref_id reason "
                  "reverses_id created_at user_id",
    "sales_order": "id number outlet_id warehouse_id status order_date total_fen note created_by "
                   "confirmed_at credit_override_by credit_override_reason cancel_reason "
                   "created_at updated_at rev server_rev",
    "sales_order_line": "id order_id line_no product_id unit_id quantity base_quantity "
                        "unit_price_fen amount_fen below_floor below_floor_reason note",
    "delivery_note": "id number order_id warehouse_id shipped_at delivered_at signed_by "
                     "print_count created_at updated_at",
    "delivery_note_line": "id note_id order_line_id product_id batch_id base_quantity",
    "invoice": "id number order_id outlet_id invoice_date due_date total_fen paid_fen print_count "
               "created_at updated_at",
    "payment": "id number outlet_id method purpose amount_fen allocated_fen payment_date "
               "reference note created_by created_at updated_at",
    "payment_allocation": "id invoice_id payment_id return_id amount_fen",
}


class RowWriter:
    """Buffers rows per table and writes them with executemany."""

    def __init__(self, raw, counts: dict[str, int]) -> None:
        self.raw, self.counts = raw, counts
        self.buffers: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
        self.sql = {
            t: f"INSERT INTO {t} ({', '.join(c.split())}) VALUES ({', '.join('?' * len(c.split()))})"
            for t, c in COLUMNS.items()
        }

    def add(self, table: str, row: tuple) -> None:
        self.buffers[table].append(row)

    def document_done(self) -> None:
        """Called between documents, so that a flush never writes a child without its parent
        (foreign keys are checked row by row)."""
        if sum(len(rows) for rows in self.buffers.values()) >= 100000:
            self.flush()

    def flush(self) -> None:
        # Every table, parents before children (the order of COLUMNS): a child row never
        # waits for its parent, which would make SQLite scan for orphans on each parent insert.
        for name in COLUMNS:
            rows = self.buffers[name]
            if rows:
                self.raw.executemany(self.sql[name], rows)
                self.counts[name] = self.counts.get(name, 0) + len(rows)
                rows.clear()
