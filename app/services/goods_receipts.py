"""Posting a goods receipt (收货单): the receipt, its lines and one `receipt` move per line, for
goods received against a purchase order or without one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from app.db.models import GoodsReceipt, GoodsReceiptLine
from app.ids import derived_id, new_id
from app.services import ledger
from app.services.context import UnitOfWork
from app.services.stock_types import ReceiptInfo, ReceiptLineInfo


class ReceiptPart(NamedTuple):
    """A validated receipt line ready to post."""

    product_id: str
    batch_id: str | None
    base_quantity: int
    po_line_id: str | None = None


def post_goods_receipt(
    uow: UnitOfWork,
    *,
    warehouse_id: str,
    parts: Iterable[ReceiptPart],
    po_id: str | None = None,
    note: str = "",
) -> ReceiptInfo:
    """A goods receipt with its lines and `receipt` moves, and the goods_receipt.post op."""
    receipt = GoodsReceipt(
        id=new_id(),
        number=uow.next_number("GR"),
        po_id=po_id,
        warehouse_id=warehouse_id,
        received_at=uow.now,
        note=note,
    )
    uow.session.add(receipt)
    lines = [_post_receipt_line(uow, receipt, part) for part in parts]
    uow.emit("goods_receipt.post", receipt.id, _receipt_payload(receipt, lines))
    return ReceiptInfo(
        receipt.id, receipt.number, warehouse_id, po_id, receipt.received_at, tuple(lines)
    )


def _post_receipt_line(uow: UnitOfWork, receipt: GoodsReceipt, part: ReceiptPart) -> ReceiptLineInfo:
    line = GoodsReceiptLine(
        id=new_id(),
        receipt_id=receipt.id,
        po_line_id=part.po_line_id,
        product_id=part.product_id,
        batch_id=part.batch_id,
        base_quantity=part.base_quantity,
    )
    uow.session.add(line)
    move = ledger.post_move(
        uow,
        product_id=part.product_id,
        warehouse_id=receipt.warehouse_id,
        quantity=part.base_quantity,
        kind="receipt",
        batch_id=part.batch_id,
        ref_type="goods_receipt",
        ref_id=receipt.id,
        # Derived: re-posting the same receipt line can never add stock twice.
        move_id=derived_id("goods_receipt_line", line.id),
    )
    return ReceiptLineInfo(
        line.id, part.product_id, part.batch_id, part.base_quantity, move.id, part.po_line_id
    )


def _receipt_payload(receipt: GoodsReceipt, lines: list[ReceiptLineInfo]) -> dict:
    return {
        "id": receipt.id,
        "number": receipt.number,
        "po_id": receipt.po_id,
        "warehouse_id": receipt.warehouse_id,
        "received_at": receipt.received_at.isoformat(),
        "note": receipt.note,
        "lines": [
            {
                "id": line.id,
                "po_line_id": line.po_line_id,
                "product_id": line.product_id,
                "batch_id": line.batch_id,
                "base_quantity": line.base_quantity,
                "move_id": line.move_id,
            }
            for line in lines
        ],
    }
