"""Every local model, imported in one place so that Alembic sees the whole schema."""

from app.db.base import Base
from app.db.models.catalog import (
    Barcode,
    Category,
    PriceTier,
    Product,
    ProductPrice,
    ProductSearchToken,
    ProductUnit,
)
from app.db.models.company import AuditEntry, CompanyProfile, DocumentCounter, Setting, User
from app.db.models.outlets import CustomerFiling, Outlet
from app.db.models.purchasing import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
)
from app.db.models.receivables import Payment, PaymentAllocation
from app.db.models.sales import (
    DeliveryNote,
    DeliveryNoteLine,
    Invoice,
    SalesOrder,
    SalesOrderLine,
    SalesReturn,
    SalesReturnLine,
)
from app.db.models.stock import Batch, StockMove, Stocktake, StocktakeLine, Warehouse
from app.db.models.sync import (
    InboundDeferred,
    OpResult,
    OutboxOp,
    PrintLogEntry,
    SyncCursor,
    SyncMeta,
)

__all__ = [
    "AuditEntry",
    "Barcode",
    "Base",
    "Batch",
    "Category",
    "CompanyProfile",
    "CustomerFiling",
    "DeliveryNote",
    "DeliveryNoteLine",
    "DocumentCounter",
    "GoodsReceipt",
    "GoodsReceiptLine",
    "InboundDeferred",
    "Invoice",
    "OpResult",
    "Outlet",
    "OutboxOp",
    "Payment",
    "PaymentAllocation",
    "PriceTier",
    "PrintLogEntry",
    "Product",
    "ProductPrice",
    "ProductSearchToken",
    "ProductUnit",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "SalesOrder",
    "SalesOrderLine",
    "SalesReturn",
    "SalesReturnLine",
    "Setting",
    "StockMove",
    "Stocktake",
    "StocktakeLine",
    "SyncCursor",
    "SyncMeta",
    "User",
    "Warehouse",
]
