"""Sales orders (销售单) from draft to invoice: lines and prices, credit check, shipping with
first-expiry-first-out batch allocation, delivery, invoicing, cancelling and returns.

Drafts belong to this PC and emit no outbox op. From confirmation on, every change is a command
HQ checks against the revision the clerk saw (`base_rev`), so each one emits an op carrying
everything HQ needs.

Credit limit (信用额度): an order is refused when the outlet's outstanding receivable plus this
order exceeds its credit limit plus its prepaid deposit. A limit of 0 means "not controlled"
(不控制), as in the desktop tools clerks know: cash-on-delivery outlets must still be able to
order, and a manager sets a limit for outlets that buy on credit. A manager may override a
refusal with a reason, which is stored on the order and in the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from sqlalchemy import and_, func, select, tuple_
from sqlalchemy.orm import Session

from app.clock import today
from app.db.models import (
    Barcode,
    DeliveryNote,
    Invoice,
    Outlet,
    PriceTier,
    Product,
    ProductPrice,
    ProductUnit,
    SalesOrder,
    SalesOrderLine,
    Warehouse,
)
from app.errors import (
    ConcurrentChange,
    CreditLimitExceeded,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    PriceBelowFloor,
    ValidationError,
)
from app.ids import new_id
from app.money import format_fen
from app.services import ledger, lifecycles, pricing
from app.services.context import ServiceContext, UnitOfWork
from app.services.receivables import (
    InvoiceInfo,
    allocation_payload,
    apply_open_credits,
    credit_position,
)
from app.services.sales_returns import plan_return, post_return, return_request
from app.services.sales_shipping import (
    delivery_line_payload,
    delivery_note_lines,
    plan_shipment,
    post_shipment,
)
from app.services.sales_types import (  # noqa: F401
    AllocationLine,
    DaySummary,
    LastPrice,
    LineInput,
    LineResult,
    OrderDetail,
    OrderInfo,
    OrderLineInfo,
    OrderSummary,
    ReturnInfo,
    ReturnLineInfo,
    ShipResult,
    UnitFacts,
)
from app.text import to_halfwidth

# Orders that count as sales (today's summary, last prices).
SOLD_STATUSES = ("confirmed", "shipped", "delivered", "invoiced")




class SalesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- drafts (local only: audit, no outbox op) ---------------------------------------------

    def create_draft(
        self,
        *,
        outlet_id: str,
        warehouse_id: str | None = None,
        order_date: dt.date | None = None,
        note: str = "",
    ) -> OrderInfo:
        with self.ctx.write() as uow:
            order = self._new_order(uow, outlet_id, warehouse_id, order_date, note)
            uow.audit("sales_order.create_draft", "sales_order", order.id, number=order.number)
            return self._info(order)

    def create_order(
        self,
        *,
        outlet_id: str,
        lines: Sequence[LineInput | dict],
        confirm: bool = True,
        warehouse_id: str | None = None,
        order_date: dt.date | None = None,
        note: str = "",
        override_reason: str | None = None,
    ) -> OrderInfo:
        """Save a typed order in one transaction: header, lines and (by default) confirmation."""
        inputs = [_line_input(line) for line in lines]
        with self.ctx.write() as uow:
            order = self._new_order(uow, outlet_id, warehouse_id, order_date, note)
            self._add_lines(uow.session, order, inputs)
            uow.audit(
                "sales_order.create", "sales_order", order.id, number=order.number,
                lines=len(inputs), total_fen=order.total_fen,
            )
            if confirm:
                self._confirm(uow, order, override_reason)
            return self._info(order)

    def add_line(
        self,
        *,
        order_id: str,
        product_id: str,
        unit_id: str,
        quantity: int,
        unit_price_fen: int | None = None,
        below_floor_reason: str = "",
        expected_rev: int | None = None,
    ) -> LineResult:
        entry = LineInput(product_id, unit_id, quantity, unit_price_fen, below_floor_reason)
        with self.ctx.write() as uow:
            order = self._order_for(uow.session, order_id, "edit", expected_rev)
            (line,) = self._add_lines(uow.session, order, [entry])
            uow.audit("sales_order.add_line", "sales_order", order.id, line_id=line.id,
                      product_id=product_id, quantity=quantity, price_fen=line.unit_price_fen)
            return LineResult(self._info(order), _line_info(uow.session, line))

    def add_scanned(
        self, *, order_id: str, barcode: str, expected_rev: int | None = None
    ) -> LineResult:
        """A scan adds one of the scanned unit, or one more to the line already holding it."""
        code = "".join(to_halfwidth(barcode).split())
        if not code:
            raise ValidationError("barcode.malformed", code=barcode)
        with self.ctx.write() as uow:
            s = uow.session
            order = self._order_for(s, order_id, "edit", expected_rev)
            found = s.execute(
                select(Barcode.product_id, Barcode.unit_id).where(Barcode.code == code)
            ).first()
            if found is None:
                raise NotFound("product.not_found", ref=code)
            line = next(
                (ln for ln in order.lines
                 if ln.product_id == found.product_id and ln.unit_id == found.unit_id),
                None,
            )
            if line is None:
                (line,) = self._add_lines(s, order, [LineInput(found.product_id, found.unit_id, 1)])
            else:
                facts = _unit_facts(s, order, [line.unit_id])[line.unit_id]
                _set_line(line, facts, line.quantity + 1, line.unit_price_fen,
                          line.below_floor_reason)
                _retotal(order)
            uow.audit("sales_order.scan", "sales_order", order.id, barcode=code, line_id=line.id,
                      quantity=line.quantity)
            return LineResult(self._info(order), _line_info(s, line))

    def update_line(
        self,
        *,
        line_id: str,
        quantity: int | None = None,
        unit_price_fen: int | None = None,
        below_floor_reason: str | None = None,
        expected_rev: int | None = None,
    ) -> LineResult:
        with self.ctx.write() as uow:
            s = uow.session
            line = _line(s, line_id)
            order = self._order_for(s, line.order_id, "edit", expected_rev)
            facts = _unit_facts(s, order, [line.unit_id])[line.unit_id]
            _set_line(
                line, facts,
                line.quantity if quantity is None else quantity,
                line.unit_price_fen if unit_price_fen is None else unit_price_fen,
                line.below_floor_reason if below_floor_reason is None else below_floor_reason,
            )
            _retotal(order)
            uow.audit("sales_order.update_line", "sales_order", order.id, line_id=line.id,
                      quantity=line.quantity, price_fen=line.unit_price_fen)
            return LineResult(self._info(order), _line_info(s, line))

    def remove_line(self, *, line_id: str, expected_rev: int | None = None) -> OrderInfo:
        with self.ctx.write() as uow:
            s = uow.session
            line = _line(s, line_id)
            order = self._order_for(s, line.order_id, "edit", expected_rev)
            order.lines.remove(line)
            for number, kept in enumerate(order.lines, start=1):
                kept.line_no = number
            _retotal(order)
            uow.audit("sales_order.remove_line", "sales_order", order.id, line_id=line_id,
                      product_id=line.product_id)
            return self._info(order)

    def set_note(self, *, order_id: str, note: str, expected_rev: int | None = None) -> OrderInfo:
        with self.ctx.write() as uow:
            order = self._order_for(uow.session, order_id, "edit", expected_rev)
            order.note = _text(note, "note", 500)
            order.rev += 1
            uow.audit("sales_order.set_note", "sales_order", order.id)
            return self._info(order)

    # -- lifecycle commands (each emits an op) ------------------------------------------------

    def confirm(
        self,
        *,
        order_id: str,
        override_reason: str | None = None,
        expected_rev: int | None = None,
    ) -> OrderInfo:
        with self.ctx.write() as uow:
            order = self._order_for(uow.session, order_id, "confirm", expected_rev)
            self._confirm(uow, order, override_reason)
            return self._info(order)

    def ship(self, *, order_id: str, expected_rev: int | None = None) -> ShipResult:
        with self.ctx.write() as uow:
            s = uow.session
            order = self._order_for(s, order_id, "ship", expected_rev)
            parts, shortages = plan_shipment(s, order)
            ledger.check_negative_stock(s, shortages)
            note, moves = post_shipment(uow, order, parts)
            base_rev = _bump(order, "ship")
            allocations = delivery_note_lines(s, note.id)
            uow.emit("sales_order.ship", order.id, {
                "id": order.id, "number": order.number, "rev": order.rev,
                "delivery_note": {
                    "id": note.id, "number": note.number, "warehouse_id": note.warehouse_id,
                    "shipped_at": note.shipped_at.isoformat(),
                    "lines": [delivery_line_payload(a) for a in allocations],
                },
                "negative_stock": [ledger.shortage_payload(x) for x in shortages],
                "moves": [ledger.move_payload(m) for m in moves],
            }, base_rev=base_rev)
            uow.audit("sales_order.ship", "sales_order", order.id, number=order.number,
                      delivery_note=note.number,
                      negative_stock=[x.sku for x in shortages])
            return ShipResult(self._info(order), note.id, note.number, tuple(allocations),
                              tuple(shortages))

    def deliver(
        self, *, order_id: str, signed_by: str = "", expected_rev: int | None = None
    ) -> OrderInfo:
        """The goods arrived and the receipt copy (回单) was signed."""
        with self.ctx.write() as uow:
            s = uow.session
            order = self._order_for(s, order_id, "deliver", expected_rev)
            note = s.scalar(select(DeliveryNote).where(DeliveryNote.order_id == order.id))
            note.delivered_at = uow.now
            note.signed_by = _text(signed_by, "signed_by", 100)
            base_rev = _bump(order, "deliver")
            uow.emit("sales_order.deliver", order.id, {
                "id": order.id, "rev": order.rev, "delivery_note_id": note.id,
                "delivered_at": note.delivered_at.isoformat(), "signed_by": note.signed_by,
            }, base_rev=base_rev)
            uow.audit("sales_order.deliver", "sales_order", order.id, signed_by=note.signed_by)
            return self._info(order)

    def invoice(
        self, *, order_id: str, invoice_date: dt.date | None = None,
        expected_rev: int | None = None,
    ) -> InvoiceInfo:
        """Bill a shipped or delivered order; open credits of the outlet are applied at once."""
        with self.ctx.write() as uow:
            s = uow.session
            order = self._order_for(s, order_id, "invoice", expected_rev)
            outlet = _outlet(s, order.outlet_id)
            day = invoice_date or today()
            inv = Invoice(
                id=new_id(), number=uow.next_number("INV"), order_id=order.id,
                outlet_id=order.outlet_id, invoice_date=day,
                due_date=day + dt.timedelta(days=outlet.payment_terms_days),
                total_fen=order.total_fen, paid_fen=0,
            )
            s.add(inv)
            s.flush()
            allocations = apply_open_credits(uow, order.outlet_id)
            base_rev = _bump(order, "invoice")
            uow.emit("sales_order.invoice", order.id, {
                "id": order.id, "rev": order.rev,
                "invoice": {
                    "id": inv.id, "number": inv.number, "outlet_id": inv.outlet_id,
                    "invoice_date": inv.invoice_date.isoformat(),
                    "due_date": inv.due_date.isoformat(), "total_fen": inv.total_fen,
                },
                "allocations": allocation_payload(allocations),
            }, base_rev=base_rev)
            uow.audit("sales_order.invoice", "sales_order", order.id, invoice=inv.number,
                      total_fen=inv.total_fen)
            return InvoiceInfo(inv.id, inv.number, inv.order_id, inv.outlet_id,
                               inv.invoice_date, inv.due_date, inv.total_fen, inv.paid_fen)

    def cancel(
        self, *, order_id: str, reason: str = "", expected_rev: int | None = None
    ) -> OrderInfo:
        """Cancel before shipping. A confirmed order needs a reason, and HQ is told."""
        with self.ctx.write() as uow:
            order = self._order_for(uow.session, order_id, "cancel", expected_rev)
            was = order.status
            order.cancel_reason = _text(reason, "reason", 300)
            if was == "confirmed" and not order.cancel_reason:
                raise ValidationError("field.required", field="reason")
            base_rev = _bump(order, "cancel")
            if was == "confirmed":
                uow.emit("sales_order.cancel", order.id,
                         {"id": order.id, "rev": order.rev, "reason": order.cancel_reason},
                         base_rev=base_rev)
            uow.audit("sales_order.cancel", "sales_order", order.id, was=was,
                      reason=order.cancel_reason)
            return self._info(order)

    def create_return(
        self,
        *,
        order_id: str,
        lines: Iterable[tuple[str, int]],
        reason: str = "",
        expected_rev: int | None = None,
    ) -> ReturnInfo:
        """Goods back after shipping: each (order line, base quantity) goes back into the lots it
        was shipped from (earliest expiry first) and its value credits the outlet."""
        wanted = return_request(lines)
        with self.ctx.write() as uow:
            s = uow.session
            order = self._order_for(s, order_id, "return", expected_rev)
            chunks = plan_return(s, order, wanted)
            ret = post_return(uow, order, chunks, _text(reason, "reason", 300))
            s.flush()
            allocations = apply_open_credits(uow, order.outlet_id)
            base_rev = order.rev
            order.rev += 1
            uow.emit("sales_return.create", ret.id, {
                "id": ret.id, "number": ret.number, "order_id": order.id,
                "order_rev": order.rev, "outlet_id": ret.outlet_id,
                "warehouse_id": ret.warehouse_id, "return_date": ret.return_date.isoformat(),
                "reason": ret.reason, "total_fen": ret.total_fen,
                "lines": [asdict(c) for c in chunks],
                "allocations": allocation_payload(allocations),
            }, base_rev=base_rev)
            uow.audit("sales_return.create", "sales_return", ret.id, number=ret.number,
                      order=order.number, total_fen=ret.total_fen, reason=ret.reason)
            return ReturnInfo(ret.id, ret.number, order.id, ret.outlet_id, ret.total_fen,
                              ret.applied_fen, tuple(chunks))

    # -- queries --------------------------------------------------------------------------

    def get(self, order_id: str) -> OrderDetail:
        with self.ctx.read() as s:
            order = s.get(SalesOrder, order_id)
            if order is None:
                raise NotFound("order.not_found", ref=order_id)
            note = s.scalar(select(DeliveryNote).where(DeliveryNote.order_id == order.id))
            invoice_number = s.scalar(select(Invoice.number).where(Invoice.order_id == order.id))
            return OrderDetail(
                order=self._info(order),
                outlet_name=s.scalar(select(Outlet.name).where(Outlet.id == order.outlet_id)),
                lines=tuple(_line_infos(s, order.id)),
                allocations=tuple(delivery_note_lines(s, note.id)) if note else (),
                delivery_note_number=note.number if note else None,
                invoice_number=invoice_number,
                credit_override_by=order.credit_override_by,
                credit_override_reason=order.credit_override_reason,
                cancel_reason=order.cancel_reason,
            )

    def list_orders(
        self,
        *,
        status: str | None = None,
        outlet_id: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        number_like: str | None = None,
        after_key: tuple[dt.date, str] | None = None,
        limit: int = 100,
    ) -> list[OrderSummary]:
        """Newest first, one page at a time: pass the last row's `key` as `after_key`.

        Keyset paging walks the (…, order_date, number) indexes, so a page costs the same on
        the first or the thousandth page of 200,000 orders.
        """
        query = _filter_orders(
            select(
                SalesOrder.id, SalesOrder.number, SalesOrder.order_date, SalesOrder.status,
                SalesOrder.outlet_id, Outlet.name, SalesOrder.total_fen,
            ).join(Outlet, Outlet.id == SalesOrder.outlet_id),
            status, outlet_id, date_from, date_to, number_like,
        )
        if after_key is not None:
            query = query.where(
                tuple_(SalesOrder.order_date, SalesOrder.number) < tuple_(*after_key)
            )
        query = query.order_by(SalesOrder.order_date.desc(), SalesOrder.number.desc())
        with self.ctx.read() as s:
            return [OrderSummary(*row) for row in s.execute(query.limit(limit))]

    def count_orders(
        self,
        *,
        status: str | None = None,
        outlet_id: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        number_like: str | None = None,
    ) -> int:
        """How many rows list_orders would page through with the same filters."""
        # count(*) lets SQLite read the smallest covering index; count(id) reads every id.
        query = _filter_orders(select(func.count()).select_from(SalesOrder), status, outlet_id,
                               date_from, date_to, number_like)
        with self.ctx.read() as s:
            return int(s.scalar(query))

    def order_key_at(
        self,
        offset: int,
        *,
        status: str | None = None,
        outlet_id: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        number_like: str | None = None,
    ) -> tuple[dt.date, str] | None:
        """The list_orders key of row `offset` (0-based), so a page far down a long list is one
        index walk instead of fetching every page before it."""
        query = (
            _filter_orders(select(SalesOrder.order_date, SalesOrder.number), status, outlet_id,
                           date_from, date_to, number_like)
            .order_by(SalesOrder.order_date.desc(), SalesOrder.number.desc())
            .offset(offset).limit(1)
        )
        with self.ctx.read() as s:
            row = s.execute(query).first()
        return (row[0], row[1]) if row else None

    def last_prices(self, *, outlet_id: str, product_id: str, n: int = 3) -> list[LastPrice]:
        """The last n prices charged to this outlet for this product, newest first."""
        with self.ctx.read() as s:
            rows = s.execute(
                select(SalesOrder.number, SalesOrder.order_date, ProductUnit.name,
                       SalesOrderLine.quantity, SalesOrderLine.unit_price_fen)
                .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
                .join(ProductUnit, ProductUnit.id == SalesOrderLine.unit_id)
                .where(SalesOrder.outlet_id == outlet_id,
                       SalesOrderLine.product_id == product_id,
                       SalesOrder.status.in_(SOLD_STATUSES))
                .order_by(SalesOrder.order_date.desc(), SalesOrder.number.desc(),
                          SalesOrderLine.line_no)
                .limit(n)
            ).all()
        return [LastPrice(*row) for row in rows]

    def today_summary(self, day: dt.date | None = None) -> DaySummary:
        """Orders confirmed for a business day (drafts and cancelled orders do not count)."""
        day = day or today()
        with self.ctx.read() as s:
            count, total = s.execute(
                select(func.count(SalesOrder.id), func.coalesce(func.sum(SalesOrder.total_fen), 0))
                .where(SalesOrder.status.in_(SOLD_STATUSES), SalesOrder.order_date == day)
            ).one()
        return DaySummary(day, int(count), int(total))

    # -- internals ------------------------------------------------------------------------

    def _info(self, order: SalesOrder) -> OrderInfo:
        """The order as the current user sees it: with the actions they may take now."""
        return _order_info(order, self.ctx.user.role)

    def _new_order(
        self, uow: UnitOfWork, outlet_id: str, warehouse_id: str | None,
        order_date: dt.date | None, note: str,
    ) -> SalesOrder:
        s = uow.session
        outlet = _outlet(s, outlet_id)
        if outlet is None:
            raise NotFound("outlet.not_found", ref=outlet_id)
        if outlet.archived:
            raise ValidationError("outlet.archived", name=outlet.name)
        order = SalesOrder(
            id=new_id(), number=uow.next_number("SO"), outlet_id=outlet_id,
            warehouse_id=_warehouse_id(s, warehouse_id), status="draft",
            order_date=order_date or today(), total_fen=0, note=_text(note, "note", 500),
            created_by=self.ctx.user.id, rev=1, lines=[],
        )
        s.add(order)
        return order

    def _order_for(
        self, session: Session, order_id: str, action: str, expected_rev: int | None
    ) -> SalesOrder:
        """The order, checked against the revision the clerk saw and the action's statuses."""
        order = session.get(SalesOrder, order_id)
        if order is None:
            raise NotFound("order.not_found", ref=order_id)
        if expected_rev is not None and expected_rev != order.rev:
            raise ConcurrentChange("revision.stale", entity=order.number,
                                   expected=expected_rev, actual=order.rev)
        if not lifecycles.order_allows(order.status, action):
            raise InvalidTransition("order.invalid_transition", number=order.number,
                                    status=order.status, action=action)
        return order

    def _add_lines(
        self, session: Session, order: SalesOrder, inputs: list[LineInput]
    ) -> list[SalesOrderLine]:
        facts = _unit_facts(session, order, [i.unit_id for i in inputs])
        added = []
        for entry in inputs:
            unit = facts.get(entry.unit_id)
            if unit is None or unit.product_id != entry.product_id:
                sku = session.scalar(select(Product.sku).where(Product.id == entry.product_id))
                if sku is None:
                    raise NotFound("product.not_found", ref=entry.product_id)
                raise NotFound("unit.not_found", sku=sku, unit=entry.unit_id)
            if unit.archived:
                raise ValidationError("product.archived", sku=unit.sku)
            price = entry.unit_price_fen
            if price is None:
                if unit.tier_price_fen is None:
                    raise ValidationError("order.no_price", sku=unit.sku,
                                          tier=_tier_code(session, order))
                price = pricing.unit_price(unit.tier_price_fen, unit.factor)
            line = SalesOrderLine(id=new_id(), line_no=len(order.lines) + 1,
                                  product_id=unit.product_id, unit_id=unit.unit_id)
            _set_line(line, unit, entry.quantity, price, entry.below_floor_reason)
            order.lines.append(line)
            added.append(line)
        _retotal(order)
        return added

    def _confirm(self, uow: UnitOfWork, order: SalesOrder, override_reason: str | None) -> None:
        if not order.lines:
            raise ValidationError("order.empty", number=order.number)
        self._check_credit(uow, order, override_reason)
        order.confirmed_at = uow.now
        base_rev = _bump(order, "confirm")
        uow.emit("sales_order.confirm", order.id, _order_snapshot(order), base_rev=base_rev)
        uow.audit("sales_order.confirm", "sales_order", order.id, number=order.number,
                  total_fen=order.total_fen,
                  below_floor=[ln.line_no for ln in order.lines if ln.below_floor])

    def _check_credit(
        self, uow: UnitOfWork, order: SalesOrder, override_reason: str | None
    ) -> None:
        s = uow.session
        outlet = _outlet(s, order.outlet_id)
        if outlet.credit_limit_fen == 0:
            return
        outstanding, deposit = credit_position(s, outlet.id)
        headroom = outlet.credit_limit_fen + deposit
        if outstanding + order.total_fen <= headroom:
            return
        reason = (override_reason or "").strip()
        if not reason:
            raise CreditLimitExceeded(
                "order.credit_limit", outlet=outlet.name,
                outstanding=format_fen(outstanding), order_total=format_fen(order.total_fen),
                limit=format_fen(outlet.credit_limit_fen), outstanding_fen=outstanding,
                order_total_fen=order.total_fen, limit_fen=outlet.credit_limit_fen,
            )
        if not lifecycles.may_override_credit(self.ctx.user.role):
            raise PermissionDenied("order.override_requires_manager", role=self.ctx.user.role)
        order.credit_override_by = self.ctx.user.id
        order.credit_override_reason = reason[:300]
        uow.audit("sales_order.credit_override", "sales_order", order.id, reason=reason,
                  outstanding_fen=outstanding, order_total_fen=order.total_fen,
                  limit_fen=outlet.credit_limit_fen)


# -- line arithmetic and validation -----------------------------------------------------------


def _filter_orders(query, status, outlet_id, date_from, date_to, number_like):
    if status is not None:
        query = query.where(SalesOrder.status == status)
    if outlet_id is not None:
        query = query.where(SalesOrder.outlet_id == outlet_id)
    if date_from is not None:
        query = query.where(SalesOrder.order_date >= date_from)
    if date_to is not None:
        query = query.where(SalesOrder.order_date <= date_to)
    if number_like:
        pattern = to_halfwidth(number_like).strip()
        query = query.where(SalesOrder.number.contains(pattern, autoescape=True))
    return query


def _line_input(line: LineInput | dict) -> LineInput:
    return line if isinstance(line, LineInput) else LineInput(**line)


def _set_line(
    line: SalesOrderLine, unit: UnitFacts, quantity: int, unit_price_fen: int, reason: str
) -> None:
    """Validate and store quantity and price; a price under HQ's floor needs a reason."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError("quantity.not_positive", quantity=quantity)
    if isinstance(unit_price_fen, bool) or not isinstance(unit_price_fen, int):
        raise ValidationError("money.invalid", field="unit_price", value=str(unit_price_fen))
    if unit_price_fen < 0:
        raise ValidationError("money.invalid", field="unit_price", value=format_fen(unit_price_fen))
    reason = _text(reason, "below_floor_reason", 300)
    below = pricing.is_below_floor(unit_price_fen, unit.factor, unit.floor_price_fen)
    if below and not reason:
        floor = unit.floor_price_fen * unit.factor
        raise PriceBelowFloor(
            "order.price_below_floor", sku=unit.sku, unit=unit.unit_name,
            price=format_fen(unit_price_fen), floor=format_fen(floor),
            price_fen=unit_price_fen, floor_fen=floor,
        )
    line.quantity = quantity
    line.base_quantity = quantity * unit.factor
    line.unit_price_fen = unit_price_fen
    line.below_floor = below
    line.below_floor_reason = reason if below else ""


def _retotal(order: SalesOrder) -> None:
    totals = pricing.order_totals((ln.quantity, ln.unit_price_fen) for ln in order.lines)
    for line, amount in zip(order.lines, totals.line_amounts_fen, strict=True):
        line.amount_fen = amount
    order.total_fen = totals.total_fen
    order.rev += 1


def _bump(order: SalesOrder, action: str) -> int:
    """Move to the status `action` leads to; returns the revision the command was based on
    (the op's base_rev)."""
    base_rev = order.rev
    order.status = lifecycles.order_target(action)
    order.rev += 1
    return base_rev


def _text(value: str | None, field: str, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError("field.too_long", field=field, max=max_length)
    return text


def _unit_facts(session: Session, order: SalesOrder, unit_ids: list[str]) -> dict[str, UnitFacts]:
    """Units, their products and the outlet's tier prices for all lines, in one query."""
    tier_id = _outlet(session, order.outlet_id).tier_id
    rows = session.execute(
        select(
            ProductUnit.id, ProductUnit.product_id, ProductUnit.factor, ProductUnit.name,
            Product.sku, Product.name, Product.floor_price_fen, Product.archived,
            ProductPrice.price_fen,
        )
        .join(Product, Product.id == ProductUnit.product_id)
        .outerjoin(ProductPrice, and_(ProductPrice.product_id == ProductUnit.product_id,
                                      ProductPrice.tier_id == tier_id))
        .where(ProductUnit.id.in_(set(unit_ids)))
    ).all()
    return {row[0]: UnitFacts(*row) for row in rows}


def _tier_code(session: Session, order: SalesOrder) -> str:
    tier = session.scalar(
        select(PriceTier.code).join(Outlet, Outlet.tier_id == PriceTier.id)
        .where(Outlet.id == order.outlet_id)
    )
    return tier or ""


def _outlet(session: Session, outlet_id: str) -> Outlet | None:
    """The outlet, loaded once per transaction: the session's identity map holds rows weakly,
    so without this reference each step of an order save would read it again."""
    held = session.info.setdefault("outlets", {})
    if outlet_id not in held:
        held[outlet_id] = session.get(Outlet, outlet_id)
    return held[outlet_id]


def _warehouse_id(session: Session, warehouse_id: str | None) -> str:
    if warehouse_id is None:
        found = session.scalar(
            select(Warehouse.id).where(Warehouse.archived.is_(False)).order_by(Warehouse.code)
            .limit(1)
        )
    else:
        found = session.scalar(
            select(Warehouse.id).where(Warehouse.id == warehouse_id,
                                       Warehouse.archived.is_(False))
        )
    if found is None:
        raise NotFound("warehouse.not_found", ref=warehouse_id or "")
    return found


def _line(session: Session, line_id: str) -> SalesOrderLine:
    line = session.get(SalesOrderLine, line_id)
    if line is None:
        raise NotFound("order.line_not_found", ref=line_id)
    return line


# -- plain records ----------------------------------------------------------------------------


def _order_info(o: SalesOrder, role: str) -> OrderInfo:
    return OrderInfo(o.id, o.number, o.outlet_id, o.warehouse_id, o.status, o.order_date,
                     o.total_fen, o.rev, o.note, lifecycles.order_actions(o.status, role))


def _order_snapshot(o: SalesOrder) -> dict:
    """Everything HQ needs to apply a confirmation without asking back."""
    return {
        "id": o.id, "number": o.number, "outlet_id": o.outlet_id,
        "warehouse_id": o.warehouse_id, "order_date": o.order_date.isoformat(),
        "status": o.status, "rev": o.rev, "total_fen": o.total_fen, "note": o.note,
        "credit_override": (
            {"by": o.credit_override_by, "reason": o.credit_override_reason}
            if o.credit_override_by else None
        ),
        "lines": [
            {
                "id": ln.id, "line_no": ln.line_no, "product_id": ln.product_id,
                "unit_id": ln.unit_id, "quantity": ln.quantity,
                "base_quantity": ln.base_quantity, "unit_price_fen": ln.unit_price_fen,
                "amount_fen": ln.amount_fen, "below_floor": ln.below_floor,
                "below_floor_reason": ln.below_floor_reason,
            }
            for ln in o.lines
        ],
    }


def _line_infos(session: Session, order_id: str) -> list[OrderLineInfo]:
    rows = session.execute(
        select(SalesOrderLine, Product.sku, Product.name, ProductUnit.name, ProductUnit.factor)
        .join(Product, Product.id == SalesOrderLine.product_id)
        .join(ProductUnit, ProductUnit.id == SalesOrderLine.unit_id)
        .where(SalesOrderLine.order_id == order_id)
        .order_by(SalesOrderLine.line_no)
    ).all()
    return [_line_record(ln, sku, name, unit, factor) for ln, sku, name, unit, factor in rows]


def _line_info(session: Session, line: SalesOrderLine) -> OrderLineInfo:
    sku, name, unit, factor = session.execute(
        select(Product.sku, Product.name, ProductUnit.name, ProductUnit.factor)
        .join(ProductUnit, ProductUnit.product_id == Product.id)
        .where(ProductUnit.id == line.unit_id)
    ).one()
    return _line_record(line, sku, name, unit, factor)


def _line_record(ln: SalesOrderLine, sku: str, name: str, unit: str, factor: int) -> OrderLineInfo:
    return OrderLineInfo(
        ln.id, ln.line_no, ln.product_id, sku, name, ln.unit_id, unit, factor, ln.quantity,
        ln.base_quantity, ln.unit_price_fen, ln.amount_fen, ln.below_floor,
        ln.below_floor_reason,
    )
