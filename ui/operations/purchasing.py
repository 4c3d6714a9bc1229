"""Purchase orders to the brand: drafts, submission, receipt of what arrives."""

from __future__ import annotations

from app.services.purchasing import PoLineIn, PoReceiveLine
from ui.context import AppContext
from ui.operations.common import Callback, ErrorCallback, read, write


def load_order(ctx: AppContext, *, po_id: str, on_done: Callback,
               on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: ctx.store.purchasing.get(po_id), on_done=on_done, on_error=on_error)


def create_draft(ctx: AppContext, *, warehouse_id: str, on_done: Callback = None,
                 on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.purchasing.create_draft(warehouse_id=warehouse_id),
          on_done=on_done, on_error=on_error)


def add_draft_line(ctx: AppContext, *, po, product_id: str, unit_id: str, quantity: int,
                   on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    lines = [PoLineIn(ln.product_id, ln.unit_id, ln.quantity, ln.unit_price_fen) for ln in po.lines]
    lines.append(PoLineIn(product_id, unit_id, quantity))
    write(ctx, lambda: ctx.store.purchasing.update_draft(po.id, lines=lines),
          on_done=on_done, on_error=on_error)


def submit(ctx: AppContext, *, po_id: str, on_done: Callback = None,
           on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.purchasing.submit(po_id), on_done=on_done,
          on_error=on_error)


def cancel(ctx: AppContext, *, po_id: str, reason: str = "", on_done: Callback = None,
           on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.purchasing.cancel(po_id, reason), on_done=on_done,
          on_error=on_error)


def receive_open(ctx: AppContext, *, po, lot_no: str = "", on_done: Callback = None,
                 on_error: ErrorCallback = None) -> None:
    """Receive everything still open on the order (the common case: the truck brought it all)."""
    lines = [PoReceiveLine(ln.id, ln.open_base_qty, lot_no) for ln in po.lines if ln.open_base_qty > 0]
    write(ctx, lambda: ctx.store.purchasing.receive(po.id, lines=lines), on_done=on_done,
          on_error=on_error)
