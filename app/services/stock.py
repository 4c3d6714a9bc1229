"""Stock: balances and history from the ledger, receipts, adjustments, transfers, reversals,
stocktakes (盘点) and stock alerts.

On-hand is always the sum of stock moves; nothing here keeps a balance column. A mistake is
corrected by a reversing move, never by editing one. The stock rules (on-hand, batch balances,
first-expiry-first-out, the negative-stock check) are app.services.ledger's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from app.clock import today as local_today
from app.db.models import (
    Batch,
    Product,
    StockMove,
    Stocktake,
    StocktakeLine,
    Warehouse,
)
from app.errors import InvalidTransition, NotFound, ValidationError
from app.ids import derived_id, new_id
from app.services import ledger
from app.services.batches import find_or_create_batch, normalise_lot
from app.services.context import ServiceContext, UnitOfWork, get_setting
from app.services.goods_receipts import ReceiptPart, post_goods_receipt
from app.services.references import get_batch, get_product, get_unit, get_warehouse
from app.services.stock_types import (  # noqa: F401  (the service's public records)
    ALL_BATCHES,
    AllBatches,
    BatchInfo,
    BatchPart,
    ExpiryAlert,
    LedgerEntry,
    MoveInfo,
    ReceiptInfo,
    ReceiptLineIn,
    ReceiptLineInfo,
    ReorderAlert,
    StockBalance,
    StocktakeInfo,
    StocktakeLineInfo,
    StocktakeSummary,
    TransferInfo,
)

STOCK_ROLES = ("warehouse", "manager")  # who may change stock other than by receiving it
# What STOCK_ROLES guard, named as PermissionDenied names them; receiving and counting are
# open to every role.
GUARDED_ACTIONS = ("stock.adjust", "stock.transfer", "stock.reverse", "stocktake.post",
                   "stocktake.cancel")

# ---------------------------------------------------------------------------------------------


class StockService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- queries ------------------------------------------------------------------------------

    def allowed_actions(self) -> tuple[str, ...]:
        """The guarded actions the current user may take (screens enable their buttons from
        this, not from a role list of their own)."""
        return GUARDED_ACTIONS if self.ctx.user.role in STOCK_ROLES else ()

    def on_hand(
        self,
        product_id: str,
        warehouse_id: str | None = None,
        batch_id: str | None | AllBatches = ALL_BATCHES,
    ) -> int:
        """Sum of moves; warehouse_id None: all warehouses; batch_id None: the stock without a
        batch; ALL_BATCHES (the default): all of it."""
        with self.ctx.read() as s:
            get_product(s, product_id)
            return ledger.on_hand(s, product_id, warehouse_id, batch_id)

    def balances(
        self, product_id: str | None = None, warehouse_id: str | None = None
    ) -> list[StockBalance]:
        """Non-zero balances per product × warehouse × batch (negatives included, flagged)."""
        total = func.sum(StockMove.quantity)
        query = (
            select(
                StockMove.product_id, Product.sku, Product.name, StockMove.warehouse_id,
                Warehouse.code, StockMove.batch_id, Batch.lot_no, Batch.production_date,
                Batch.expiry_date, total,
            )
            .join(Product, Product.id == StockMove.product_id)
            .join(Warehouse, Warehouse.id == StockMove.warehouse_id)
            .outerjoin(Batch, Batch.id == StockMove.batch_id)
            .group_by(StockMove.product_id, StockMove.warehouse_id, StockMove.batch_id)
            .having(total != 0)
            .order_by(Product.sku, Warehouse.code, Batch.expiry_date.is_(None), Batch.expiry_date)
        )
        if product_id is not None:
            query = query.where(StockMove.product_id == product_id)
        if warehouse_id is not None:
            query = query.where(StockMove.warehouse_id == warehouse_id)
        with self.ctx.read() as s:
            return [
                StockBalance(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], r[8], int(r[9]))
                for r in s.execute(query)
            ]

    def ledger(
        self,
        product_id: str,
        warehouse_id: str | None = None,
        *,
        limit: int = 50,
        before: str | None = None,
    ) -> list[LedgerEntry]:
        """Newest-first history with the running balance after each move.

        Keyset-paginated: pass the last entry's id as `before` for the next page. Moves are
        ordered by (created_at, id); the balance is computed in that same order, so the
        newest entry's balance is the current on-hand.
        """
        with self.ctx.read() as s:
            get_product(s, product_id)
            scope = [StockMove.product_id == product_id]
            if warehouse_id is not None:
                scope.append(StockMove.warehouse_id == warehouse_id)
            key = tuple_(StockMove.created_at, StockMove.id)
            page_query = (
                select(StockMove, Batch.lot_no)
                .outerjoin(Batch, Batch.id == StockMove.batch_id)
                .where(*scope)
                .order_by(StockMove.created_at.desc(), StockMove.id.desc())
                .limit(limit)
            )
            if before is not None:
                cursor = s.get(StockMove, before)
                if cursor is None:
                    raise NotFound("stock.move_not_found", ref=before)
                page_query = page_query.where(key < tuple_(cursor.created_at, cursor.id))
            rows = s.execute(page_query).all()
            if not rows:
                return []
            top = rows[0][0]
            balance = int(
                s.scalar(
                    select(func.coalesce(func.sum(StockMove.quantity), 0)).where(
                        *scope, key <= tuple_(top.created_at, top.id)
                    )
                )
            )
            entries = []
            for move, lot in rows:
                entries.append(_ledger_entry(move, lot, balance))
                balance -= move.quantity
            return entries

    def below_reorder_point(self, warehouse_id: str | None = None) -> list[ReorderAlert]:
        """Active products whose on-hand is at or below their reorder point (point > 0)."""
        sums = select(
            StockMove.product_id.label("product_id"),
            func.sum(StockMove.quantity).label("qty"),
        ).group_by(StockMove.product_id)
        if warehouse_id is not None:
            sums = sums.where(StockMove.warehouse_id == warehouse_id)
        sums = sums.subquery()
        qty = func.coalesce(sums.c.qty, 0)
        query = (
            select(Product.id, Product.sku, Product.name, qty, Product.reorder_point)
            .outerjoin(sums, sums.c.product_id == Product.id)
            .where(Product.reorder_point > 0, Product.archived.is_(False))
            .where(qty <= Product.reorder_point)
            .order_by(Product.sku)
        )
        with self.ctx.read() as s:
            return [
                ReorderAlert(r[0], r[1], r[2], warehouse_id, int(r[3]), r[4])
                for r in s.execute(query)
            ]

    def batches_near_expiry(
        self,
        days: int | None = None,
        *,
        warehouse_id: str | None = None,
        today: dt.date | None = None,
    ) -> list[ExpiryAlert]:
        """Batches with stock that expire within `days` (default: the expiry_warning_days
        setting, 30), already expired ones included, soonest first."""
        today = today or local_today()
        total = func.sum(StockMove.quantity)
        with self.ctx.read() as s:
            if days is None:
                days = int(get_setting(s, "expiry_warning_days", "30") or 30)
            query = (
                select(
                    Batch.id, Product.id, Product.sku, Product.name, Batch.lot_no,
                    Batch.expiry_date, StockMove.warehouse_id, total,
                )
                .join(StockMove, StockMove.batch_id == Batch.id)
                .join(Product, Product.id == Batch.product_id)
                .where(Batch.expiry_date <= today + dt.timedelta(days=days))
                .group_by(Batch.id, StockMove.warehouse_id)
                .having(total > 0)
                .order_by(Batch.expiry_date, Product.sku)
            )
            if warehouse_id is not None:
                query = query.where(StockMove.warehouse_id == warehouse_id)
            return [
                ExpiryAlert(r[0], r[1], r[2], r[3], r[4], r[5], r[6], int(r[7]), (r[5] - today).days)
                for r in s.execute(query)
            ]

    def batches(self, product_id: str) -> list[BatchInfo]:
        with self.ctx.read() as s:
            get_product(s, product_id)
            rows = s.scalars(
                select(Batch).where(Batch.product_id == product_id).order_by(Batch.expiry_date)
            )
            return [_batch_info(b) for b in rows]

    # -- batches and receipts -----------------------------------------------------------------

    def create_batch(
        self,
        product_id: str,
        lot_no: str,
        production_date: dt.date | None = None,
        expiry_date: dt.date | None = None,
    ) -> BatchInfo:
        """Record a lot (or return it when already known with the same dates)."""
        with self.ctx.write() as uow:
            product = get_product(uow.session, product_id)
            batch = find_or_create_batch(uow, product, lot_no, production_date, expiry_date)
            uow.audit("batch.create", "batch", batch.id, product_id=product_id, lot_no=batch.lot_no)
            return _batch_info(batch)

    def receive(
        self, *, warehouse_id: str, lines: Sequence[ReceiptLineIn], note: str = ""
    ) -> ReceiptInfo:
        """A goods receipt without a purchase order (e.g. goods transferred in by the brand)."""
        lines = [ReceiptLineIn(*line) for line in lines]
        if not lines:
            raise ValidationError("field.required", field="lines")
        for line in lines:
            ledger.require_quantity(line.quantity)
        with self.ctx.write() as uow:
            get_warehouse(uow.session, warehouse_id)
            parts = [self._receipt_part(uow, line) for line in lines]
            receipt = post_goods_receipt(uow, warehouse_id=warehouse_id, parts=parts, note=note)
            uow.audit(
                "stock.receive", "goods_receipt", receipt.id,
                number=receipt.number, lines=len(parts),
            )
            return receipt

    @staticmethod
    def _receipt_part(uow: UnitOfWork, line: ReceiptLineIn) -> ReceiptPart:
        product = get_product(uow.session, line.product_id)
        unit = get_unit(uow.session, product, line.unit_id)
        if line.batch_id is not None:
            batch = get_batch(uow.session, product.id, line.batch_id)
        elif normalise_lot(line.lot_no):
            batch = find_or_create_batch(
                uow, product, line.lot_no, line.production_date, line.expiry_date
            )
        else:
            batch = None
        return ReceiptPart(product.id, batch.id if batch else None, line.quantity * unit.factor)

    # -- corrections --------------------------------------------------------------------------

    def adjust(
        self,
        product_id: str,
        warehouse_id: str,
        quantity_delta: int,
        reason: str,
        batch_id: str | None = None,
    ) -> MoveInfo:
        """Post an `adjustment` move (breakage, samples, found goods). batch_id None means
        the unbatched stock, not "any batch"."""
        self.ctx.require_role(*STOCK_ROLES, action="stock.adjust")
        if isinstance(quantity_delta, bool) or not isinstance(quantity_delta, int) or not quantity_delta:
            raise ValidationError("quantity.not_positive", quantity=quantity_delta)
        text = _required_reason(reason)
        with self.ctx.write() as uow:
            get_product(uow.session, product_id)
            get_warehouse(uow.session, warehouse_id)
            get_batch(uow.session, product_id, batch_id)
            if quantity_delta < 0:
                ledger.check_can_take(uow.session, product_id, warehouse_id, batch_id,
                                      -quantity_delta)
            move = ledger.post_move(
                uow, product_id=product_id, warehouse_id=warehouse_id, quantity=quantity_delta,
                kind="adjustment", batch_id=batch_id, ref_type="adjustment", reason=text,
            )
            uow.audit(
                "stock.adjust", "stock_move", move.id, product_id=product_id,
                warehouse_id=warehouse_id, quantity=quantity_delta, reason=text,
            )
            return _move_info(move)

    def transfer(
        self,
        product_id: str,
        from_wh: str,
        to_wh: str,
        quantity: int,
        batch_id: str | None = None,
        *,
        reason: str = "",
    ) -> TransferInfo:
        """Move goods between warehouses: linked transfer_out/transfer_in moves in one
        transaction. Without batch_id the source batches are taken first expiry first and
        each keeps its batch on arrival."""
        self.ctx.require_role(*STOCK_ROLES, action="stock.transfer")
        ledger.require_quantity(quantity)
        if from_wh == to_wh:
            raise ValidationError("stock.same_warehouse")
        with self.ctx.write() as uow:
            s = uow.session
            get_product(s, product_id)
            get_warehouse(s, from_wh)
            get_warehouse(s, to_wh)
            if batch_id is not None:
                get_batch(s, product_id, batch_id)
                ledger.check_can_take(s, product_id, from_wh, batch_id, quantity)
                parts: tuple[BatchPart, ...] = (BatchPart(batch_id, quantity),)
            else:
                parts = ledger.take_fefo(s, product_id, from_wh, quantity,
                                         business_date=local_today())
            transfer_id = new_id()
            moves = []
            for part_batch, qty in parts:
                for wh, signed, kind in ((from_wh, -qty, "transfer_out"), (to_wh, qty, "transfer_in")):
                    moves.append(ledger.post_move(
                        uow, product_id=product_id, warehouse_id=wh, quantity=signed, kind=kind,
                        batch_id=part_batch, ref_type="transfer", ref_id=transfer_id,
                        reason=reason.strip(),
                    ))
            uow.audit(
                "stock.transfer", "transfer", transfer_id, product_id=product_id,
                from_wh=from_wh, to_wh=to_wh, quantity=quantity,
            )
            return TransferInfo(transfer_id, tuple(_move_info(m) for m in moves))

    def reverse_move(self, move_id: str, reason: str) -> list[MoveInfo]:
        """Cancel a move by posting its opposite (kind `reversal`). Reversing either leg of a
        transfer reverses both legs, so stock never vanishes between warehouses."""
        self.ctx.require_role(*STOCK_ROLES, action="stock.reverse")
        text = _required_reason(reason)
        with self.ctx.write() as uow:
            s = uow.session
            original = s.get(StockMove, move_id)
            if original is None:
                raise NotFound("stock.move_not_found", ref=move_id)
            if original.reverses_id is not None:
                raise InvalidTransition("stock.reverse_reversal", ref=move_id)
            targets = self._reversal_targets(s, original)
            for move in targets:
                if move.quantity > 0:
                    ledger.check_can_take(s, move.product_id, move.warehouse_id,
                                          move.batch_id, move.quantity)
            posted = [self._post_reversal(uow, move, text) for move in targets]
            uow.audit("stock.reverse", "stock_move", move_id, reason=text, moves=len(posted))
            return [_move_info(m) for m in posted]

    @staticmethod
    def _reversal_targets(s: Session, original: StockMove) -> list[StockMove]:
        if original.ref_type == "transfer" and original.ref_id:
            targets = list(s.scalars(
                select(StockMove).where(
                    StockMove.ref_type == "transfer",
                    StockMove.ref_id == original.ref_id,
                    StockMove.reverses_id.is_(None),
                ).order_by(StockMove.id)
            ))
        else:
            targets = [original]
        reversed_ids = set(s.scalars(
            select(StockMove.reverses_id).where(StockMove.reverses_id.in_([m.id for m in targets]))
        ))
        if original.id in reversed_ids:
            raise InvalidTransition("stock.already_reversed", ref=original.id)
        return [m for m in targets if m.id not in reversed_ids]

    @staticmethod
    def _post_reversal(uow: UnitOfWork, move: StockMove, reason: str) -> StockMove:
        return ledger.post_move(
            uow, product_id=move.product_id, warehouse_id=move.warehouse_id,
            quantity=-move.quantity, kind="reversal", batch_id=move.batch_id,
            # Same document reference, so a document's net effect is the sum of its moves.
            ref_type=move.ref_type, ref_id=move.ref_id, reason=reason,
            reverses_id=move.id, move_id=derived_id("reversal", move.id),
        )

    # -- stocktakes ---------------------------------------------------------------------------
    #
    # The count describes the shelf when it is recorded. record_count stores the book
    # quantity at that moment, and posting adds counted - book_qty_at_count. Moves between the
    # snapshot and the count are thus inside the count; moves after the count (a shipment
    # while the stocktake is still open) are kept on top of it. This equals the brief's
    # "counted - (expected + moves since snapshot)" with the moves taken up to the count.
    # Lines never counted are left as they are (not zeroed).

    def start_stocktake(
        self, warehouse_id: str, product_ids: Sequence[str] | None = None, *, note: str = ""
    ) -> StocktakeInfo:
        """Snapshot the expected quantity of each product/batch with stock in the warehouse
        (or of the given products, each with at least one line to count)."""
        with self.ctx.write() as uow:
            s = uow.session
            warehouse = get_warehouse(s, warehouse_id)
            self._refuse_second_open(s, warehouse)
            for pid in product_ids or ():
                get_product(s, pid)
            stocktake = Stocktake(
                id=new_id(), number=uow.next_number("ST"), warehouse_id=warehouse_id, note=note
            )
            s.add(stocktake)
            for pid, bid, qty in self._snapshot(s, warehouse_id, product_ids):
                s.add(StocktakeLine(
                    stocktake_id=stocktake.id, product_id=pid, batch_id=bid, expected_qty=qty
                ))
            s.flush()
            uow.audit("stocktake.start", "stocktake", stocktake.id, number=stocktake.number)
            return _stocktake_info(s, stocktake)

    @staticmethod
    def _refuse_second_open(s: Session, warehouse: Warehouse) -> None:
        open_number = s.scalar(
            select(Stocktake.number).where(
                Stocktake.warehouse_id == warehouse.id, Stocktake.status == "open"
            )
        )
        if open_number:
            raise InvalidTransition(
                "stocktake.already_open", warehouse=warehouse.code, number=open_number
            )

    @staticmethod
    def _snapshot(
        s: Session, warehouse_id: str, product_ids: Sequence[str] | None
    ) -> list[tuple[str, str | None, int]]:
        total = func.sum(StockMove.quantity)
        query = (
            select(StockMove.product_id, StockMove.batch_id, total)
            .where(StockMove.warehouse_id == warehouse_id)
            .group_by(StockMove.product_id, StockMove.batch_id)
            .having(total != 0)
        )
        if product_ids is not None:
            query = query.where(StockMove.product_id.in_(list(product_ids)))
        rows = [(r[0], r[1], int(r[2])) for r in s.execute(query)]
        # A product asked for but out of stock still gets a line, so it can be counted.
        seen = {pid for pid, _, _ in rows}
        rows += [(pid, None, 0) for pid in dict.fromkeys(product_ids or ()) if pid not in seen]
        return rows

    def record_count(
        self, stocktake_id: str, product_id: str, batch_id: str | None, counted_qty: int
    ) -> StocktakeInfo:
        """Record (or correct) the counted quantity of one product/batch; stock found that
        was not in the snapshot gets a new line with expected 0."""
        if isinstance(counted_qty, bool) or not isinstance(counted_qty, int) or counted_qty < 0:
            raise ValidationError("quantity.invalid", value=counted_qty)
        with self.ctx.write() as uow:
            s = uow.session
            stocktake = self._open_stocktake(s, stocktake_id, action="count")
            get_product(s, product_id)
            get_batch(s, product_id, batch_id)
            line = _stocktake_line(s, stocktake.id, product_id, batch_id)
            if line is None:
                line = StocktakeLine(
                    stocktake_id=stocktake.id, product_id=product_id, batch_id=batch_id,
                    expected_qty=0,
                )
                s.add(line)
            line.counted_qty = counted_qty
            line.book_qty_at_count = ledger.on_hand(s, product_id, stocktake.warehouse_id, batch_id)
            s.flush()
            uow.audit(
                "stocktake.count", "stocktake", stocktake.id, product_id=product_id,
                batch_id=batch_id, counted=counted_qty, book=line.book_qty_at_count,
            )
            return _stocktake_info(s, stocktake)

    def post_stocktake(self, stocktake_id: str) -> StocktakeInfo:
        """Post one `stocktake` move per counted difference and close the stocktake."""
        self.ctx.require_role(*STOCK_ROLES, action="stocktake.post")
        with self.ctx.write() as uow:
            s = uow.session
            stocktake = self._open_stocktake(s, stocktake_id, action="post")
            lines = _stocktake_lines(s, stocktake.id)
            self._check_post_keeps_stock(s, stocktake, lines)
            for line in lines:
                diff = _line_difference(line)
                if diff:
                    ledger.post_move(
                        uow, product_id=line.product_id, warehouse_id=stocktake.warehouse_id,
                        quantity=diff, kind="stocktake", batch_id=line.batch_id,
                        ref_type="stocktake", ref_id=stocktake.id, reason=stocktake.number,
                        move_id=derived_id("stocktake_line", line.id),
                    )
            stocktake.status, stocktake.posted_at = "posted", uow.now
            # The counted sheet itself, for the other PCs' stocktake history (the moves above
            # carry the stock effect).
            uow.emit("stocktake.post", stocktake.id, _stocktake_payload(stocktake, lines))
            uow.audit("stocktake.post", "stocktake", stocktake.id, number=stocktake.number)
            return _stocktake_info(s, stocktake)

    @staticmethod
    def _check_post_keeps_stock(s: Session, stocktake: Stocktake, lines: list[StocktakeLine]) -> None:
        """A count lower than what later moves already took means the count was wrong (or
        goods left uncounted): ask for a recount instead of posting a negative balance."""
        short = []
        for line in lines:
            diff = _line_difference(line)
            if diff >= 0:
                continue
            now = ledger.on_hand(s, line.product_id, stocktake.warehouse_id, line.batch_id)
            if now + diff < 0:
                short.append(ledger.shortage(
                    s, line.product_id, stocktake.warehouse_id, line.batch_id, -diff, now
                ))
        ledger.check_negative_stock(s, short)

    def cancel_stocktake(self, stocktake_id: str) -> StocktakeInfo:
        self.ctx.require_role(*STOCK_ROLES, action="stocktake.cancel")
        with self.ctx.write() as uow:
            stocktake = self._open_stocktake(uow.session, stocktake_id, action="cancel")
            stocktake.status = "cancelled"
            uow.audit("stocktake.cancel", "stocktake", stocktake.id, number=stocktake.number)
            return _stocktake_info(uow.session, stocktake)

    def stocktakes(self, *, limit: int = 50) -> list[StocktakeSummary]:
        """Recent stocktake sessions, newest first."""
        query = (
            select(Stocktake.id, Stocktake.number, Stocktake.warehouse_id, Stocktake.status,
                   Stocktake.created_at)
            .order_by(Stocktake.created_at.desc()).limit(limit)
        )
        with self.ctx.read() as s:
            return [StocktakeSummary(*row) for row in s.execute(query)]

    def get_stocktake(self, stocktake_id: str) -> StocktakeInfo:
        with self.ctx.read() as s:
            stocktake = s.get(Stocktake, stocktake_id)
            if stocktake is None:
                raise NotFound("stocktake.not_found", ref=stocktake_id)
            return _stocktake_info(s, stocktake)

    @staticmethod
    def _open_stocktake(s: Session, stocktake_id: str, *, action: str) -> Stocktake:
        stocktake = s.get(Stocktake, stocktake_id)
        if stocktake is None:
            raise NotFound("stocktake.not_found", ref=stocktake_id)
        if stocktake.status != "open":
            raise InvalidTransition(
                "stocktake.invalid_transition",
                number=stocktake.number, status=stocktake.status, action=action,
            )
        return stocktake


def _required_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError("stock.reason_required")
    return text


def _move_info(move: StockMove) -> MoveInfo:
    return MoveInfo(
        move.id, move.product_id, move.warehouse_id, move.batch_id, move.quantity, move.kind,
        move.ref_type, move.ref_id, move.reason, move.reverses_id, move.created_at,
    )


def _batch_info(batch: Batch) -> BatchInfo:
    return BatchInfo(batch.id, batch.product_id, batch.lot_no, batch.production_date, batch.expiry_date)


def _line_difference(line: StocktakeLine) -> int:
    if line.counted_qty is None or line.book_qty_at_count is None:
        return 0
    return line.counted_qty - line.book_qty_at_count


def _stocktake_line(
    s: Session, stocktake_id: str, product_id: str, batch_id: str | None
) -> StocktakeLine | None:
    batch_filter = (
        StocktakeLine.batch_id.is_(None) if batch_id is None else StocktakeLine.batch_id == batch_id
    )
    return s.scalar(
        select(StocktakeLine).where(
            StocktakeLine.stocktake_id == stocktake_id,
            StocktakeLine.product_id == product_id,
            batch_filter,
        )
    )


def _stocktake_lines(s: Session, stocktake_id: str) -> list[StocktakeLine]:
    return list(s.scalars(
        select(StocktakeLine)
        .where(StocktakeLine.stocktake_id == stocktake_id)
        .order_by(StocktakeLine.product_id, StocktakeLine.batch_id)
    ))


def _stocktake_info(s: Session, stocktake: Stocktake) -> StocktakeInfo:
    rows = s.execute(
        select(StocktakeLine, Product.sku, Batch.lot_no)
        .join(Product, Product.id == StocktakeLine.product_id)
        .outerjoin(Batch, Batch.id == StocktakeLine.batch_id)
        .where(StocktakeLine.stocktake_id == stocktake.id)
        .order_by(Product.sku, Batch.expiry_date.is_(None), Batch.expiry_date, Batch.lot_no)
    ).all()
    lines = tuple(
        StocktakeLineInfo(
            line.id, line.product_id, sku, line.batch_id, lot or "", line.expected_qty,
            line.counted_qty, line.book_qty_at_count,
        )
        for line, sku, lot in rows
    )
    return StocktakeInfo(
        stocktake.id, stocktake.number, stocktake.warehouse_id, stocktake.status, stocktake.note,
        stocktake.created_at, stocktake.posted_at, lines,
    )


def _ledger_entry(move: StockMove, lot: str | None, balance: int) -> LedgerEntry:
    return LedgerEntry(
        move.id, move.created_at, move.warehouse_id, move.batch_id, lot or "", move.kind,
        move.quantity, balance, move.ref_type, move.ref_id, move.reason, move.reverses_id,
        move.user_id,
    )


def _stocktake_payload(stocktake: Stocktake, lines: list[StocktakeLine]) -> dict:
    return {
        "id": stocktake.id, "number": stocktake.number, "warehouse_id": stocktake.warehouse_id,
        "note": stocktake.note, "posted_at": stocktake.posted_at.isoformat(),
        "lines": [
            {"id": ln.id, "product_id": ln.product_id, "batch_id": ln.batch_id,
             "expected_qty": ln.expected_qty, "counted_qty": ln.counted_qty,
             "book_qty_at_count": ln.book_qty_at_count}
            for ln in lines
        ],
    }
