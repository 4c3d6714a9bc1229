"""Sales order actions: one function per thing the clerk does, each one service call."""

from __future__ import annotations

from dataclasses import dataclass

from ui.context import AppContext
from ui.operations.common import Callback, ErrorCallback, read, write


@dataclass(frozen=True)
class ProductForEntry:
    """What the order editor shows once a product is picked for an outlet."""

    product: object  # catalog ProductInfo
    unit_prices: dict  # unit id -> tier price of that unit in fen, or None
    last_prices: list  # sales LastPrice, newest first


def product_for_entry(store, product_id: str, outlet_id: str) -> ProductForEntry:
    product = store.catalog.get(product_id)
    tier_id = store.outlets.get(outlet_id).tier_id
    prices = {u.id: (store.catalog.unit_price_fen(product_id, u.id, tier_id) if tier_id else None)
              for u in product.units}
    last = store.sales.last_prices(outlet_id=outlet_id, product_id=product_id, n=3)
    return ProductForEntry(product, prices, last)


def search_products(ctx: AppContext, *, text: str, on_done: Callback) -> None:
    read(ctx, lambda: ctx.store.catalog.search(text, limit=20), on_done=on_done)


def find_outlets(ctx: AppContext, *, text: str, on_done: Callback) -> None:
    read(ctx, lambda: ctx.store.outlets.list(search=text, limit=20).outlets, on_done=on_done)


def pick_product(ctx: AppContext, *, product_id: str, outlet_id: str, on_done: Callback,
                 on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: product_for_entry(ctx.store, product_id, outlet_id), on_done=on_done,
         on_error=on_error)


def load_order(ctx: AppContext, *, order_id: str, on_done: Callback,
               on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: ctx.store.sales.get(order_id), on_done=on_done, on_error=on_error)


def start_order(ctx: AppContext, *, outlet_id: str, on_done: Callback = None,
                on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.create_draft(outlet_id=outlet_id),
          on_done=on_done, on_error=on_error)


def add_line(ctx: AppContext, *, order_id: str, product_id: str, unit_id: str, quantity: int,
             unit_price_fen: int | None = None, below_floor_reason: str = "",
             on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.add_line(
        order_id=order_id, product_id=product_id, unit_id=unit_id, quantity=quantity,
        unit_price_fen=unit_price_fen, below_floor_reason=below_floor_reason),
        on_done=on_done, on_error=on_error)


def scan_barcode(ctx: AppContext, *, order_id: str, barcode: str, on_done: Callback = None,
                 on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.add_scanned(order_id=order_id, barcode=barcode),
          on_done=on_done, on_error=on_error)


def update_line(ctx: AppContext, *, line_id: str, quantity: int | None = None,
                unit_price_fen: int | None = None, below_floor_reason: str | None = None,
                on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.update_line(
        line_id=line_id, quantity=quantity, unit_price_fen=unit_price_fen,
        below_floor_reason=below_floor_reason), on_done=on_done, on_error=on_error)


def remove_line(ctx: AppContext, *, line_id: str, on_done: Callback = None,
                on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.remove_line(line_id=line_id), on_done=on_done,
          on_error=on_error)


def set_note(ctx: AppContext, *, order_id: str, note: str, on_done: Callback = None,
             on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.set_note(order_id=order_id, note=note),
          on_done=on_done, on_error=on_error)


def confirm_order(ctx: AppContext, *, order_id: str, override_reason: str | None = None,
                  on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.confirm(order_id=order_id,
                                               override_reason=override_reason),
          on_done=on_done, on_error=on_error)


def ship_order(ctx: AppContext, *, order_id: str, on_done: Callback = None,
               on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.ship(order_id=order_id), on_done=on_done,
          on_error=on_error)


def deliver_order(ctx: AppContext, *, order_id: str, signed_by: str = "",
                  on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.deliver(order_id=order_id, signed_by=signed_by),
          on_done=on_done, on_error=on_error)


def invoice_order(ctx: AppContext, *, order_id: str, on_done: Callback = None,
                  on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.invoice(order_id=order_id), on_done=on_done,
          on_error=on_error)


def cancel_order(ctx: AppContext, *, order_id: str, reason: str = "", on_done: Callback = None,
                 on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.cancel(order_id=order_id, reason=reason),
          on_done=on_done, on_error=on_error)


def return_goods(ctx: AppContext, *, order_id: str, lines: list[tuple[str, int]], reason: str,
                 on_done: Callback = None, on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.sales.create_return(order_id=order_id, lines=lines,
                                                     reason=reason),
          on_done=on_done, on_error=on_error)


def today_summary(ctx: AppContext, *, on_done: Callback) -> None:
    read(ctx, ctx.store.sales.today_summary, on_done=on_done)
