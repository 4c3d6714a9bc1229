"""One error hierarchy for the core.

Expected errors carry a message id and named parameters, never finished text: the UI (and the
CLI) turn them into Chinese or English. A service that raises one of these has written nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class ChannelDeskError(Exception):
    """Base of every error the clerk is expected to see and act on."""

    def __init__(self, message_id: str, /, **params: Any) -> None:
        self.message_id = message_id
        self.params = params
        super().__init__(f"{message_id} {params}" if params else message_id)


class ValidationError(ChannelDeskError):
    """Bad input: a zero quantity, a malformed barcode, a missing field."""


class NotFound(ChannelDeskError):
    """A referenced product, outlet, order... does not exist (or is archived)."""


class InvalidTransition(ChannelDeskError):
    """A document cannot move from its current status with this action."""


class PermissionDenied(ChannelDeskError):
    """The logged-in user's role does not allow this action."""


class CreditLimitExceeded(ChannelDeskError):
    """Outstanding + this order exceeds the outlet's credit limit."""


class StockShortfall(ChannelDeskError):
    """Shipping would take stock below zero; params['shortages'] names each product short."""


class PriceBelowFloor(ChannelDeskError):
    """A price under the HQ floor was entered without a reason."""


class ConcurrentChange(ChannelDeskError):
    """The row changed since the clerk opened it (revision mismatch)."""


class DatabaseError(ChannelDeskError):
    """The database file is not usable (not ChannelDesk's, damaged, or newer than the app)."""


class StorageError(ChannelDeskError):
    """The disk refused a write (full, or the folder or disk is read-only). The write was
    not made at all: SQLite rolls the transaction back, a partial backup is deleted."""


class AuthenticationFailed(ChannelDeskError):
    """Wrong user name or password."""


class SyncError(ChannelDeskError):
    """Sync could not complete; the queued operations are kept."""


# English fallbacks used by the CLI and logs; the desktop translates message ids itself.
MESSAGES_EN: dict[str, str] = {
    "money.invalid": "{field}: '{value}' is not an amount",
    "money.too_precise": "{field}: '{value}' has more than two decimals",
    "quantity.not_positive": "Quantity must be a positive whole number (got {quantity})",
    "quantity.invalid": "'{value}' is not a whole quantity",
    "field.required": "{field} is required",
    "field.unknown": "Unknown fields: {fields}",
    "setting.unknown": "Unknown setting {key}",
    "field.too_long": "{field} is too long (at most {max} characters)",
    "barcode.malformed": "'{code}' is not a valid barcode",
    "barcode.duplicate": "Barcode {code} is already used by {sku}",
    "product.not_found": "Unknown product {ref}",
    "product.archived": "Product {sku} is archived",
    "product.sku_taken": "SKU {sku} already exists",
    "unit.not_found": "Product {sku} has no unit {unit}",
    "outlet.not_found": "Unknown outlet {ref}",
    "outlet.likely_duplicate": "Looks like an existing outlet: {names}",
    "outlet.phone_invalid": "'{phone}' is not a phone number",
    "tier.not_found": "Unknown price tier {ref}",
    "field.not_negative_int": "{field} must be a whole number of at least 0 (got {value})",
    "field.out_of_range": "{field} must be a whole number from {min} to {max} (got {value})",
    "filing.status_invalid": "Unknown filing status {status}",
    "outlet.archived": "Outlet {name} is archived",
    "warehouse.code_taken": "Warehouse code {code} already exists",
    "warehouse.not_found": "Unknown warehouse {ref}",
    "batch.not_found": "Unknown batch {ref}",
    "batch.dates_invalid": "Batch {lot}: expiry {expiry} is before production {production}",
    "order.not_found": "Unknown order {ref}",
    "order.empty": "Order {number} has no lines",
    "order.line_not_found": "Order line {ref} not found",
    "order.invalid_transition": "Order {number} is {status}; cannot {action}",
    "order.price_below_floor": "{sku}: price {price} is below the HQ floor {floor}; a reason is required",
    "order.no_price": "{sku} has no price for tier {tier}; enter a price",
    "order.credit_limit": "Outlet {outlet}: outstanding {outstanding} + this order {order_total} exceeds the credit limit {limit}",
    "order.override_requires_manager": "Only a manager can override the credit limit",
    "order.return_too_much": "{sku}: at most {max} can be returned",
    "order.ship_withdrawn": "Order {number} was already shipped or changed on another PC; this PC's delivery note was withdrawn",
    "order.deliver_withdrawn": "Order {number} was changed on another PC; this PC's delivery confirmation was withdrawn",
    "order.invoice_withdrawn": "Order {number} was already invoiced or changed on another PC; this PC's invoice was withdrawn",
    "order.cancel_withdrawn": "Order {number} was already shipped or changed on another PC; this PC's cancellation was withdrawn",
    "stock.shortfall": "Not enough stock: {details}",
    "stock.same_warehouse": "A transfer needs two different warehouses",
    "stock.reason_required": "An adjustment needs a reason",
    "stocktake.not_found": "Unknown stocktake {ref}",
    "stocktake.invalid_transition": "Stocktake {number} is {status}; cannot {action}",
    "stocktake.line_not_found": "Stocktake {number} has no line for {sku}",
    "purchase.not_found": "Unknown purchase order {ref}",
    "purchase.invalid_transition": "Purchase order {number} is {status}; cannot {action}",
    "purchase.over_receipt": "{sku}: receiving {quantity} exceeds the {remaining} still open",
    "purchase.empty": "Purchase order {number} has no lines",
    "purchase.no_price": "{sku} has no purchase price; enter one",
    "purchase.line_not_found": "Purchase order {number} has no line {ref}",
    "purchase.hq_status_invalid": "Unknown HQ status {status} for purchase order {number}",
    "stock.move_not_found": "Unknown stock move {ref}",
    "stock.already_reversed": "Stock move {ref} has already been reversed",
    "stock.reverse_reversal": "Stock move {ref} is itself a reversal; post the original again instead",
    "stocktake.already_open": "Warehouse {warehouse} already has an open stocktake {number}",
    "batch.lot_dates_conflict": "Lot {lot} is already recorded with production {production} and expiry {expiry}",
    "payment.not_found": "Unknown payment {ref}",
    "payment.deposit_insufficient": "Prepaid deposit {balance} is less than {amount}",
    "payment.method_invalid": "Unknown payment method {method}",
    "payment.amount_not_positive": "A payment must be more than zero (got {amount})",
    "payment.purpose_invalid": "Unknown payment purpose {purpose}",
    "filing.not_found": "Unknown filing {ref}",
    "filing.invalid_transition": "Filing is {status}; cannot {action}",
    "filing.already_open": "Outlet {name} already has an open filing",
    "user.not_found": "Unknown user {ref}",
    "user.name_taken": "User name {username} is taken",
    "user.password_weak": "Password must have at least {min} characters",
    "user.role_invalid": "Unknown role {role}",
    "auth.failed": "Wrong user name or password",
    "permission.denied": "Your role ({role}) may not {action}",
    "revision.stale": "{entity} was changed by someone else; reopen it and try again",
    "db.not_channeldesk": "{path} is not a ChannelDesk database",
    "db.newer_than_app": "The database is from a newer ChannelDesk ({revision}); please update",
    "db.damaged": "The database {path} is damaged: {detail}",
    "disk.full": "The disk holding {path} is full, so this was not saved (nothing was half-saved). Free some space on the disk, then try again.",
    "disk.read_only": "ChannelDesk cannot write to {path}: the folder or its disk is read-only. Check that the disk is not write-protected and that you may write to the folder, or start ChannelDesk with another data folder.",
    "backup.disk_full": "The backup {path} could not be written: the disk is full. The incomplete copy was deleted and the database itself is unchanged. Free some space, then back up again.",
    "device.code_invalid": "Device code must be 2-8 letters or digits (got {code})",
    "sync.busy": "Another sync is already running for this database",
    "sync.offline": "HQ cannot be reached ({url}); queued changes are kept and will be sent later",
    "sync.stalled": "The connection to HQ stalled for {seconds} s; sync will resume later",
    "sync.server_error": "HQ answered with an error ({status}); retrying later",
    "sync.throttled": "HQ is busy; retrying later",
    "sync.bad_response": "HQ's answer was cut off or garbled; retrying",
    "sync.batch_too_large": "HQ refused a batch as too large",
    "sync.op_too_large": "One change ({op_id}) is too large for HQ to accept",
    "sync.protocol_unsupported": "This ChannelDesk is too old or too new for HQ; please update ChannelDesk. Queued changes are kept. ({message})",
    "sync.device_revoked": "HQ has revoked this PC's access; ask HQ for a new enrollment code. Queued changes are kept.",
    "sync.device_cloned": "This database is also in use on another PC (a copy). Enroll this PC again with a new code from HQ, or the two PCs' documents will be mixed up.",
    "sync.unauthorized": "HQ does not accept this PC's credentials; enroll it again ({message})",
    "sync.enroll_code_invalid": "The enrollment code is unknown, already used or expired",
    "sync.must_refetch": "HQ asked for a fresh download",
    "sync.refetch_loop": "HQ keeps asking for a fresh download; sync stopped, please contact HQ",
    "sync.request_refused": "HQ refused the request ({status} {code}): {message}",
    "sync.tls_failed": "HQ's certificate could not be verified ({url})",
    "sync.no_progress": "HQ did not answer for the changes sent; retrying later",
    "sync.not_enrolled": "This PC is not enrolled with HQ; run enroll with HQ's code first",
    "sync.credentials_missing": "This PC's HQ token is missing; enroll it again",
    "sync.demo_not_enrollable": "This is the demo database of a PC on its own: HQ never received its history, so HQ and this PC could never agree. For a demo PC enrolled with a demo HQ, run: channeldesk-hq demo",
    "sync.disk_full": "The disk holding {path} is full, so sync stopped. Nothing is lost: queued changes are kept, and HQ's changes will be downloaded again once there is space.",
    "sync.internal_error": "Sync stopped on an unexpected error ({detail}); queued changes are kept",
    "field.invalid": "{field}: '{value}' is not a valid whole number",
    "category.not_found": "Unknown category {ref}",
    "tier.code_taken": "Price tier code {code} already exists",
    "unit.factor_invalid": "Pack {unit} must hold at least 2 base units (got {factor})",
    "unit.name_duplicate": "Unit names must differ: {units}",
    "demo.not_empty": "{path} already has products; demo data goes into a new database",
    "print.document_not_found": "No {kind} numbered {number}",
    "print.kind_unknown": "Unknown document type {kind} (known: {known})",
    "print.paper_unknown": "Unknown paper {paper} (known: {known})",
    "print.copies_invalid": "Copies must be a whole number from 1 to {max} (got {copies})",
    "print.offset_invalid": "{field} must be between -{max} and {max} mm (got {value})",
    "print.profile_not_found": "Unknown printer profile {name}",
    "print.period_invalid": "The period start {date_from} is after its end {date_to}",
    "print.batch_status_invalid": "Batch printing takes orders that are {known} (got {status})",
    "print.database_missing": "No ChannelDesk database at {path}",
    "import.file_not_found": "No file at {file}",
    "import.file_unreadable": "{file} cannot be read ({detail})",
    "import.encoding_unknown": "{file} is not text in any of the encodings tried ({encodings}); save it from Excel as \"CSV UTF-8\" or as .xlsx",
    "import.xls_unsupported": "{file} is an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV and import that",
    "import.xlsx_unreadable": "{file} is not a readable .xlsx workbook ({detail})",
    "import.no_header": "{file} is empty: its first line must hold the column headers",
    "import.columns_missing": "{file} lacks required columns: {columns} (its headers: {found})",
    "import.column_unknown": "Line {line}: unknown column {column}; rename it to a documented header or remove it",
    "import.column_duplicate": "Line {line}: columns {other} and {column} are the same field; keep one",
    "import.required": "Line {line}, {column}: a value is required",
    "import.text_too_long": "Line {line}, {column}: '{value}' is longer than {max} characters",
    "import.whole_number_invalid": "Line {line}, {column}: '{value}' is not a whole number of at least {min}",
    "import.money_invalid": "Line {line}, {column}: '{value}' is not an amount in yuan",
    "import.money_too_precise": "Line {line}, {column}: '{value}' has more than two decimals",
    "import.money_negative": "Line {line}, {column}: '{value}' is negative",
    "import.percent_invalid": "Line {line}, {column}: '{value}' is not a percentage from 0 to 100 (write 13 or 13%)",
    "import.date_invalid": "Line {line}, {column}: '{value}' is not a date (write 2026-11-27)",
    "import.barcode_invalid": "Line {line}, {column}: '{code}' is not a valid barcode (8, 12, 13 or 14 digits ending in the right check digit)",
    "import.scientific_notation": "Line {line}, {column}: '{code}' was shortened by Excel to scientific notation; format the column as text and type the full number",
    "import.duplicate": "Line {line}, {column}: '{value}' is already on line {first_line}",
    "import.refused": "Nothing was written: the file has {count} errors",
    "catalog.packs_invalid": "Line {line}, {column}: '{value}' is not a list of packs such as 箱=24;中包=6",
    "catalog.unit_repeated": "Line {line}, {column}: unit {unit} is named twice",
    "catalog.case_size_conflict": "Line {line}, {column}: {value} per case differs from 箱={other} in {other_column}",
    "catalog.case_barcode_without_case": "Line {line}, {column}: a case barcode needs the case size ({case_column})",
    "catalog.barcode_unit_unknown": "Line {line}, {column}: '{code}' names unit {unit}, which this product does not have",
    "catalog.barcode_repeated": "Line {line}, {column}: barcode {code} is already on line {first_line} ({sku})",
    "catalog.barcode_taken": "Line {line}, {column}: barcode {code} already belongs to product {sku}",
    "catalog.tier_code_invalid": "Line {line}, {column}: a price tier code has 1 to 20 characters without spaces",
    "promotion.field_invalid": "Promotion field {field}: {value} is not valid",
    "promotion.dates_invalid": "Promotion {code}: it ends ({valid_to}) before it starts ({valid_from})",
}


class Describable(Protocol):
    @property
    def message_id(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any]: ...


def describe(error: Describable) -> str:
    """English text for an expected error or an import problem (CLI output, logs)."""
    template = MESSAGES_EN.get(error.message_id, error.message_id)
    try:
        return template.format(**error.params)
    except (KeyError, IndexError):
        return f"{error.message_id} {error.params}"
