"""Is a ChannelDesk file whole? Answered from its tables alone, in plain SQL.

Nothing here imports the services or the writer of the power-loss test: the checks restate
what a committed document looks like (an order's lines add up to its total, a shipment has
its note, its moves and its outbox op, every op has the audit entry of its transaction and
its entity...), so that a service that writes half a document, or a crash that keeps half of
one, is caught even if the service's own code agrees with itself.

`problems(conn)` returns a list of human-readable findings; an empty list means whole.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

# Which table each numbered document type lives in (`<type>-<device>-<yyyymmdd>-<seq>`).
NUMBERED = {
    "SO": "sales_order", "DN": "delivery_note", "INV": "invoice", "PAY": "payment",
    "ST": "stocktake", "CU": "outlet", "RT": "sales_return", "GR": "goods_receipt",
    "PO": "purchase_order",
}
OUTLET_FIELDS = ("name", "contact", "phone", "address", "region", "tier_id", "credit_limit_fen",
                 "payment_terms_days", "archived")
# Writes whose audit entry and outbox op carry the same name, entity and moment.
DOCUMENT_ACTIONS = ", ".join(f"'{action}'" for action in (
    "sales_order.confirm", "sales_order.ship", "sales_order.deliver", "sales_order.invoice",
    "sales_order.cancel", "payment.record", "outlet.create", "outlet.update", "stocktake.post",
    "sales_return.create"))

# Each check: a name and a query returning one row per offending document.
CHECKS: list[tuple[str, str]] = [
    ("order total is not the sum of its lines, or a confirmed order has no line", """
        SELECT o.number, o.status, o.total_fen, COALESCE(SUM(l.amount_fen), 0), COUNT(l.id)
        FROM sales_order o LEFT JOIN sales_order_line l ON l.order_id = o.id
        GROUP BY o.id
        HAVING o.total_fen != COALESCE(SUM(l.amount_fen), 0)
            OR (o.status != 'draft' AND COUNT(l.id) = 0)"""),
    ("order line amount is not quantity x price", """
        SELECT id, quantity, unit_price_fen, amount_fen FROM sales_order_line
        WHERE amount_fen != quantity * unit_price_fen"""),
    ("order's confirm op missing or not matching the order", """
        SELECT o.number FROM sales_order o
        WHERE o.status != 'draft' AND NOT EXISTS (
            SELECT 1 FROM outbox_op op WHERE op.op_type = 'sales_order.confirm'
              AND op.entity_id = o.id
              AND json_extract(op.payload, '$.total_fen') = o.total_fen
              AND json_array_length(op.payload, '$.lines') =
                  (SELECT COUNT(*) FROM sales_order_line l WHERE l.order_id = o.id))"""),
    ("order status and its lifecycle ops disagree", """
        SELECT o.number, o.status, ops.kinds FROM sales_order o
        LEFT JOIN (SELECT entity_id, group_concat(op_type) AS kinds FROM outbox_op
                   WHERE entity = 'sales_order' GROUP BY entity_id) ops ON ops.entity_id = o.id
        WHERE (o.status IN ('shipped', 'delivered', 'invoiced'))
                  != (COALESCE(ops.kinds, '') LIKE '%sales_order.ship%')
           OR (o.status = 'invoiced') != (COALESCE(ops.kinds, '') LIKE '%sales_order.invoice%')
           OR (o.status = 'cancelled') != (COALESCE(ops.kinds, '') LIKE '%sales_order.cancel%')
           OR (o.status = 'delivered' AND COALESCE(ops.kinds, '') NOT LIKE '%sales_order.deliver%')
           OR (o.status NOT IN ('delivered', 'invoiced')
               AND COALESCE(ops.kinds, '') LIKE '%sales_order.deliver%')"""),
    ("shipped order without exactly one delivery note", """
        SELECT o.number, COUNT(n.id) FROM sales_order o
        LEFT JOIN delivery_note n ON n.order_id = o.id
        GROUP BY o.id
        HAVING COUNT(n.id) != (o.status IN ('shipped', 'delivered', 'invoiced'))"""),
    ("delivery note does not ship every order line in full", """
        SELECT n.number, l.id, l.base_quantity, COALESCE(SUM(dl.base_quantity), 0)
        FROM delivery_note n JOIN sales_order_line l ON l.order_id = n.order_id
        LEFT JOIN delivery_note_line dl ON dl.note_id = n.id AND dl.order_line_id = l.id
        GROUP BY n.id, l.id HAVING l.base_quantity != COALESCE(SUM(dl.base_quantity), 0)"""),
    ("shipment's stock moves do not take out what the note ships", """
        SELECT n.number, -COALESCE((SELECT SUM(m.quantity) FROM stock_move m
                                    WHERE m.kind = 'shipment' AND m.ref_id = n.order_id), 0),
               (SELECT SUM(dl.base_quantity) FROM delivery_note_line dl WHERE dl.note_id = n.id)
        FROM delivery_note n
        WHERE -COALESCE((SELECT SUM(m.quantity) FROM stock_move m
                         WHERE m.kind = 'shipment' AND m.ref_id = n.order_id), 0)
              != (SELECT SUM(dl.base_quantity) FROM delivery_note_line dl WHERE dl.note_id = n.id)"""),
    ("shipment's op missing or not carrying its note and moves", """
        SELECT n.number FROM delivery_note n
        WHERE NOT EXISTS (
            SELECT 1 FROM outbox_op op WHERE op.op_type = 'sales_order.ship'
              AND op.entity_id = n.order_id
              AND json_extract(op.payload, '$.delivery_note.id') = n.id
              AND json_array_length(op.payload, '$.moves') =
                  (SELECT COUNT(*) FROM stock_move m
                   WHERE m.kind = 'shipment' AND m.ref_id = n.order_id))"""),
    ("delivered order's note has no delivery time", """
        SELECT o.number FROM sales_order o JOIN delivery_note n ON n.order_id = o.id
        WHERE (n.delivered_at IS NOT NULL)
              != EXISTS (SELECT 1 FROM outbox_op op WHERE op.op_type = 'sales_order.deliver'
                         AND op.entity_id = o.id)"""),
    ("invoice missing, or its total or op not matching the order", """
        SELECT o.number, i.number FROM sales_order o LEFT JOIN invoice i ON i.order_id = o.id
        WHERE (o.status = 'invoiced') != (i.id IS NOT NULL)
           OR (i.id IS NOT NULL AND (i.total_fen != o.total_fen OR NOT EXISTS (
                SELECT 1 FROM outbox_op op WHERE op.op_type = 'sales_order.invoice'
                  AND op.entity_id = o.id
                  AND json_extract(op.payload, '$.invoice.id') = i.id)))"""),
    ("invoice's paid amount is not the sum of its allocations", """
        SELECT i.number, i.paid_fen, i.total_fen, COALESCE(SUM(a.amount_fen), 0)
        FROM invoice i LEFT JOIN payment_allocation a ON a.invoice_id = i.id
        GROUP BY i.id
        HAVING i.paid_fen != COALESCE(SUM(a.amount_fen), 0) OR i.paid_fen > i.total_fen"""),
    ("payment's allocated amount is not the sum of its allocations", """
        SELECT p.number, p.allocated_fen, p.amount_fen, COALESCE(SUM(a.amount_fen), 0)
        FROM payment p LEFT JOIN payment_allocation a ON a.payment_id = p.id
        GROUP BY p.id
        HAVING p.allocated_fen != COALESCE(SUM(a.amount_fen), 0) OR p.allocated_fen > p.amount_fen"""),
    ("payment without its op", """
        SELECT p.number FROM payment p WHERE NOT EXISTS (
            SELECT 1 FROM outbox_op op WHERE op.op_type = 'payment.record'
              AND op.entity_id = p.id AND json_extract(op.payload, '$.amount_fen') = p.amount_fen)"""),
    ("return's lines, moves or op do not match it", """
        SELECT r.number FROM sales_return r
        WHERE r.total_fen != (SELECT COALESCE(SUM(amount_fen), 0) FROM sales_return_line
                              WHERE return_id = r.id)
           OR (SELECT COALESCE(SUM(base_quantity), 0) FROM sales_return_line
               WHERE return_id = r.id)
              != (SELECT COALESCE(SUM(quantity), 0) FROM stock_move
                  WHERE ref_type = 'sales_return' AND ref_id = r.id)
           OR NOT EXISTS (SELECT 1 FROM outbox_op op WHERE op.op_type = 'sales_return.create'
                          AND op.entity_id = r.id)"""),
    ("goods receipt's lines and moves differ", """
        SELECT g.number FROM goods_receipt g
        WHERE (SELECT COALESCE(SUM(base_quantity), 0) FROM goods_receipt_line
               WHERE receipt_id = g.id)
              != (SELECT COALESCE(SUM(quantity), 0) FROM stock_move
                  WHERE ref_type = 'goods_receipt' AND ref_id = g.id)
           OR NOT EXISTS (SELECT 1 FROM outbox_op op WHERE op.op_type = 'goods_receipt.post'
                          AND op.entity_id = g.id
                          AND json_array_length(op.payload, '$.lines') =
                              (SELECT COUNT(*) FROM goods_receipt_line WHERE receipt_id = g.id))"""),
    ("stocktake's posted moves are not its counted differences", """
        SELECT s.number, s.status, l.product_id, l.counted_qty, l.book_qty_at_count,
               COALESCE((SELECT SUM(m.quantity) FROM stock_move m
                         WHERE m.ref_type = 'stocktake' AND m.ref_id = s.id
                           AND m.product_id = l.product_id
                           AND m.batch_id IS l.batch_id), 0) AS posted
        FROM stocktake s JOIN stocktake_line l ON l.stocktake_id = s.id
        WHERE posted != CASE WHEN s.status = 'posted' AND l.counted_qty IS NOT NULL
                             THEN l.counted_qty - l.book_qty_at_count ELSE 0 END"""),
    ("stocktake status and its op disagree", """
        SELECT s.number, s.status FROM stocktake s
        WHERE (s.status = 'posted') != EXISTS (
            SELECT 1 FROM outbox_op op WHERE op.op_type = 'stocktake.post' AND op.entity_id = s.id
              AND json_array_length(op.payload, '$.lines') =
                  (SELECT COUNT(*) FROM stocktake_line WHERE stocktake_id = s.id))"""),
    ("stock move that no op carries to HQ", """
        SELECT m.id, m.kind FROM stock_move m
        WHERE NOT EXISTS (SELECT 1 FROM outbox_op op
                          WHERE op.op_type = 'stock_move.post' AND op.entity_id = m.id)
          AND m.id NOT IN (SELECT json_extract(j.value, '$.id')
                           FROM outbox_op op, json_each(op.payload, '$.moves') j
                           WHERE op.op_type = 'sales_order.ship')"""),
    ("op without an audit entry of its transaction", """
        SELECT op.seq, op.op_type FROM outbox_op op
        WHERE NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.at = op.device_time)"""),
    ("document action audited without its op (or the other way round)", f"""
        SELECT 'audit', a.action, a.entity_id FROM audit_entry a
        WHERE a.action IN ({DOCUMENT_ACTIONS})
          AND NOT EXISTS (SELECT 1 FROM outbox_op op WHERE op.op_type = a.action
                          AND op.entity_id = a.entity_id AND op.device_time = a.at)
        UNION ALL
        SELECT 'op', op.op_type, op.entity_id FROM outbox_op op
        WHERE op.op_type IN ({DOCUMENT_ACTIONS})
          AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.action = op.op_type
                          AND a.entity_id = op.entity_id AND a.at = op.device_time)"""),
    ("op's transaction group split (part of one write kept)", """
        SELECT tx_group, COUNT(DISTINCT device_time) FROM outbox_op
        GROUP BY tx_group HAVING COUNT(DISTINCT device_time) != 1"""),
]


def connect(path: Path) -> sqlite3.Connection:
    """A plain connection (it recovers a WAL a killed writer left, as the next start would)."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def integrity(conn: sqlite3.Connection) -> list[str]:
    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    found = [] if rows == ["ok"] else [f"integrity_check: {'; '.join(rows[:5])}"]
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        found.append(f"foreign_key_check: {broken[:5]}")
    return found


def problems(conn: sqlite3.Connection) -> list[str]:
    """Everything wrong with the file, read in one snapshot."""
    conn.execute("BEGIN")
    try:
        found = integrity(conn)
        for name, query in CHECKS:
            rows = conn.execute(query).fetchall()
            if rows:
                found.append(f"{name}: {rows[:5]}")
        found += _ops_name_existing_entities(conn)
        found += _outlets_are_the_fold_of_their_ops(conn)
        found += _numbers_neither_lost_nor_reused(conn)
    finally:
        conn.execute("COMMIT")
    return found


def _ops_name_existing_entities(conn: sqlite3.Connection) -> list[str]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found = []
    for (entity,) in conn.execute("SELECT DISTINCT entity FROM outbox_op").fetchall():
        if entity not in tables:
            found.append(f"op entity {entity} has no table")
            continue
        missing = conn.execute(
            f"SELECT op.op_type, op.entity_id FROM outbox_op op WHERE op.entity = ? AND NOT "
            f"EXISTS (SELECT 1 FROM {entity} e WHERE e.id = op.entity_id) LIMIT 5", (entity,)
        ).fetchall()
        if missing:
            found.append(f"ops naming a {entity} that does not exist: {missing}")
    return found


def _outlets_are_the_fold_of_their_ops(conn: sqlite3.Connection) -> list[str]:
    """An outlet's row equals its create op with every patch op applied in order, and its
    revision counts those patches."""
    folded: dict[str, dict] = {}
    patches: dict[str, int] = {}
    for op_type, entity_id, payload in conn.execute(
            "SELECT op_type, entity_id, payload FROM outbox_op WHERE entity = 'outlet' "
            "ORDER BY seq"):
        data = json.loads(payload)
        if op_type == "outlet.create":
            folded[entity_id] = {k: data.get(k) for k in OUTLET_FIELDS}
        elif entity_id in folded:
            for key, (_old, new) in data["fields"].items():
                folded[entity_id][key] = new
            patches[entity_id] = patches.get(entity_id, 0) + 1
    found = []
    columns = ", ".join(OUTLET_FIELDS)
    for row in conn.execute(f"SELECT id, rev, {columns} FROM outlet"):
        outlet_id, rev, values = row[0], row[1], dict(zip(OUTLET_FIELDS, row[2:], strict=True))
        values["archived"] = bool(values["archived"])
        expected = folded.get(outlet_id)
        if expected is None:
            found.append(f"outlet {outlet_id} has no outlet.create op")
            continue
        expected = {**expected, "archived": bool(expected["archived"])}
        if values != expected or rev != 1 + patches.get(outlet_id, 0):
            found.append(f"outlet {outlet_id} (rev {rev}) is {values}, its ops say {expected} "
                         f"after {patches.get(outlet_id, 0)} patches")
    return found


def _numbers_neither_lost_nor_reused(conn: sqlite3.Connection) -> list[str]:
    """Each per-device day counter stands at the number of documents it numbered: a counter
    ahead of its documents kept half a write; one behind would hand a number out twice."""
    found = []
    for doc_type, device, day, last_seq in conn.execute(
            "SELECT doc_type, device_code, day, last_seq FROM document_counter").fetchall():
        table = NUMBERED.get(doc_type)
        if table is None:
            found.append(f"document type {doc_type} unknown to this check")
            continue
        column = "code" if table == "outlet" else "number"
        prefix = f"{doc_type}-{device}-{day}-"
        count, highest = conn.execute(
            f"SELECT COUNT(*), MAX(CAST(substr({column}, ?) AS INTEGER)) FROM {table} "
            f"WHERE {column} LIKE ? || '%'", (len(prefix) + 1, prefix)).fetchone()
        if count != last_seq or (highest or 0) != last_seq:
            found.append(f"counter {prefix}* at {last_seq}, documents {count} (highest {highest})")
    return found
