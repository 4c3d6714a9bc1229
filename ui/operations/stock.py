"""Stock actions: look up a product's stock, receive goods, adjust, transfer, count."""

from __future__ import annotations

from dataclasses import dataclass

from ui import lookups
from ui.context import AppContext
from ui.operations.common import Callback, ErrorCallback, read, write


@dataclass(frozen=True)
class ProductStock:
    product: object  # catalog ProductInfo
    balances: list  # StockBalance rows
    batches: list  # BatchInfo


def product_stock(store, product_id: str) -> ProductStock:
    return ProductStock(store.catalog.get(product_id), store.stock.balances(product_id=product_id),
                        store.stock.batches(product_id))


def load_product_stock(ctx: AppContext, *, product_id: str, on_done: Callback,
                       on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: product_stock(ctx.store, product_id), on_done=on_done, on_error=on_error)


def load_warehouses(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, lambda: lookups.warehouses(ctx.store), on_done=on_done)


def load_stocktakes(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, lambda: lookups.stocktakes(ctx.store), on_done=on_done)


def load_allowed_actions(ctx: AppContext, *, on_done: Callback) -> None:
    """The guarded stock actions the logged-in user may take (StockService.allowed_actions)."""
    read(ctx, lambda: ctx.store.stock.allowed_actions(), on_done=on_done)


def receive_goods(ctx: AppContext, *, warehouse_id: str, lines: list, note: str = "",
                  on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.stock.receive(warehouse_id=warehouse_id, lines=lines,
                                               note=note),
          on_done=on_done, on_error=on_error)


def adjust_stock(ctx: AppContext, *, product_id: str, warehouse_id: str, quantity_delta: int,
                 reason: str, batch_id: str | None = None, on_done: Callback = None,
                 on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.stock.adjust(product_id, warehouse_id, quantity_delta,
                                              reason, batch_id),
          on_done=on_done, on_error=on_error)


def transfer_stock(ctx: AppContext, *, product_id: str, from_wh: str, to_wh: str, quantity: int,
                   reason: str = "", on_done: Callback = None,
                   on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.stock.transfer(product_id, from_wh, to_wh, quantity,
                                                reason=reason),
          on_done=on_done, on_error=on_error)


def start_stocktake(ctx: AppContext, *, warehouse_id: str, on_done: Callback = None,
                    on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.stock.start_stocktake(warehouse_id), on_done=on_done,
          on_error=on_error)


def load_stocktake(ctx: AppContext, *, stocktake_id: str, on_done: Callback,
                   on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: ctx.store.stock.get_stocktake(stocktake_id), on_done=on_done,
         on_error=on_error)


def record_count(ctx: AppContext, *, stocktake_id: str, product_id: str, batch_id: str | None,
                 counted: int, on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.stock.record_count(stocktake_id, product_id, batch_id,
                                                    counted),
          on_done=on_done, on_error=on_error)


def post_stocktake(ctx: AppContext, *, stocktake_id: str, on_done: Callback = None,
                   on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.stock.post_stocktake(stocktake_id), on_done=on_done,
          on_error=on_error)


def load_alerts(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, lambda: (ctx.store.stock.below_reorder_point(),
                       ctx.store.stock.batches_near_expiry()), on_done=on_done)
