<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name />
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>Delivery note</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>A5 (landscape)</source>
        <translation>A5 (landscape)</translation>
    </message>
    <message>
        <source>241×140 mm (2-part form)</source>
        <translation>241×140 mm (2-part form)</translation>
    </message>
    <message>
        <source>241×93 mm (3-part form)</source>
        <translation>241×93 mm (3-part form)</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Daily</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>Before restore</source>
        <translation>Before restore</translation>
    </message>
    <message>
        <source>Before upgrade</source>
        <translation>Before upgrade</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>The backup {name} has been restored. The database as it was before is saved as {saved}.</source>
        <translation>The backup {name} has been restored. The database as it was before is saved as {saved}.</translation>
    </message>
    <message>
        <source>The backup {name} could not be restored: {reason}

The database was left as it was.</source>
        <translation>The backup {name} could not be restored: {reason}

The database was left as it was.</translation>
    </message>
</context>
<context>
    <name>BackupsWidget</name>
    <message>
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Restore selected backup</source>
        <translation>Restore selected backup</translation>
    </message>
    <message>
        <source>Cancel the pending restore</source>
        <translation>Cancel the pending restore</translation>
    </message>
    <message>
        <source>Only a manager can restore a backup.</source>
        <translation>Only a manager can restore a backup.</translation>
    </message>
    <message>
        <source>The backup {name} will be restored when ChannelDesk next starts. Close and restart ChannelDesk to restore it now.</source>
        <translation>The backup {name} will be restored when ChannelDesk next starts. Close and restart ChannelDesk to restore it now.</translation>
    </message>
    <message>
        <source>Select the backup to restore.</source>
        <translation>Select the backup to restore.</translation>
    </message>
    <message>
        <source>Restore the backup of {when} ({name})?

The current database is saved to the backups folder first, so nothing is deleted. The restore is done the next time ChannelDesk starts: please restart it afterwards. Documents entered after this backup must be entered again or synced from HQ.</source>
        <translation>Restore the backup of {when} ({name})?

The current database is saved to the backups folder first, so nothing is deleted. The restore is done the next time ChannelDesk starts: please restart it afterwards. Documents entered after this backup must be entered again or synced from HQ.</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restore backup</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Batch print delivery notes</source>
        <translation>Batch print delivery notes</translation>
    </message>
    <message>
        <source>Shipped that day</source>
        <translation>Shipped that day</translation>
    </message>
    <message>
        <source>Confirmed, not shipped</source>
        <translation>Confirmed, not shipped</translation>
    </message>
    <message>
        <source>A4, choose printer</source>
        <translation>A4, choose printer</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Printer profile</source>
        <translation>Printer profile</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>Select none</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{count} orders</source>
        <translation>{count} orders</translation>
    </message>
    <message>
        <source>Batch preview</source>
        <translation>Batch preview</translation>
    </message>
    <message>
        <source>Tick the orders to print</source>
        <translation>Tick the orders to print</translation>
    </message>
    <message>
        <source>Printing {count} delivery notes…</source>
        <translation>Printing {count} delivery notes…</translation>
    </message>
    <message>
        <source>Printed {pages} pages</source>
        <translation>Printed {pages} pages</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Products below reorder point</source>
        <translation>Products below reorder point</translation>
    </message>
    <message>
        <source>Batches near expiry</source>
        <translation>Batches near expiry</translation>
    </message>
    <message>
        <source>Filings expiring soon</source>
        <translation>Filings expiring soon</translation>
    </message>
    <message>
        <source>Overdue receivables</source>
        <translation>Overdue receivables</translation>
    </message>
    <message>
        <source>Operations HQ refused</source>
        <translation>Operations HQ refused</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>{count} orders today, sales {total}</source>
        <translation>{count} orders today, sales {total}</translation>
    </message>
    <message>
        <source>{sku} {name}: {qty} left (reorder at {point})</source>
        <translation>{sku} {name}: {qty} left (reorder at {point})</translation>
    </message>
    <message>
        <source>{sku} lot {lot}: {qty} expire {date}</source>
        <translation>{sku} lot {lot}: {qty} expire {date}</translation>
    </message>
    <message>
        <source>{name}: protected until {date}</source>
        <translation>{name}: protected until {date}</translation>
    </message>
    <message>
        <source>{name}: {amount} overdue since {date}</source>
        <translation>{name}: {amount} overdue since {date}</translation>
    </message>
    <message>
        <source>Nothing to do</source>
        <translation>Nothing to do</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{field}: '{value}' is not an amount</source>
        <translation>{field}: '{value}' is not an amount</translation>
    </message>
    <message>
        <source>{field}: '{value}' has more than two decimals</source>
        <translation>{field}: '{value}' has more than two decimals</translation>
    </message>
    <message>
        <source>Quantity must be a positive whole number (got {quantity})</source>
        <translation>Quantity must be a positive whole number (got {quantity})</translation>
    </message>
    <message>
        <source>'{value}' is not a whole quantity</source>
        <translation>'{value}' is not a whole quantity</translation>
    </message>
    <message>
        <source>{field} is required</source>
        <translation>{field} is required</translation>
    </message>
    <message>
        <source>Unknown fields: {fields}</source>
        <translation>Unknown fields: {fields}</translation>
    </message>
    <message>
        <source>Unknown setting {key}</source>
        <translation>Unknown setting {key}</translation>
    </message>
    <message>
        <source>{field} is too long (at most {max} characters)</source>
        <translation>{field} is too long (at most {max} characters)</translation>
    </message>
    <message>
        <source>'{code}' is not a valid barcode</source>
        <translation>'{code}' is not a valid barcode</translation>
    </message>
    <message>
        <source>Barcode {code} is already used by {sku}</source>
        <translation>Barcode {code} is already used by {sku}</translation>
    </message>
    <message>
        <source>Unknown product {ref}</source>
        <translation>Unknown product {ref}</translation>
    </message>
    <message>
        <source>Product {sku} is archived</source>
        <translation>Product {sku} is archived</translation>
    </message>
    <message>
        <source>SKU {sku} already exists</source>
        <translation>SKU {sku} already exists</translation>
    </message>
    <message>
        <source>Product {sku} has no unit {unit}</source>
        <translation>Product {sku} has no unit {unit}</translation>
    </message>
    <message>
        <source>Unknown outlet {ref}</source>
        <translation>Unknown outlet {ref}</translation>
    </message>
    <message>
        <source>Looks like an existing outlet: {names}</source>
        <translation>Looks like an existing outlet: {names}</translation>
    </message>
    <message>
        <source>'{phone}' is not a phone number</source>
        <translation>'{phone}' is not a phone number</translation>
    </message>
    <message>
        <source>Unknown price tier {ref}</source>
        <translation>Unknown price tier {ref}</translation>
    </message>
    <message>
        <source>{field} must be a whole number of at least 0 (got {value})</source>
        <translation>{field} must be a whole number of at least 0 (got {value})</translation>
    </message>
    <message>
        <source>{field} must be a whole number from {min} to {max} (got {value})</source>
        <translation>{field} must be a whole number from {min} to {max} (got {value})</translation>
    </message>
    <message>
        <source>Unknown filing status {status}</source>
        <translation>Unknown filing status {status}</translation>
    </message>
    <message>
        <source>Outlet {name} is archived</source>
        <translation>Outlet {name} is archived</translation>
    </message>
    <message>
        <source>Warehouse code {code} already exists</source>
        <translation>Warehouse code {code} already exists</translation>
    </message>
    <message>
        <source>Unknown warehouse {ref}</source>
        <translation>Unknown warehouse {ref}</translation>
    </message>
    <message>
        <source>Unknown batch {ref}</source>
        <translation>Unknown batch {ref}</translation>
    </message>
    <message>
        <source>Batch {lot}: expiry {expiry} is before production {production}</source>
        <translation>Batch {lot}: expiry {expiry} is before production {production}</translation>
    </message>
    <message>
        <source>Unknown order {ref}</source>
        <translation>Unknown order {ref}</translation>
    </message>
    <message>
        <source>Order {number} has no lines</source>
        <translation>Order {number} has no lines</translation>
    </message>
    <message>
        <source>Order line {ref} not found</source>
        <translation>Order line {ref} not found</translation>
    </message>
    <message>
        <source>Order {number} is {status}; cannot {action}</source>
        <translation>Order {number} is {status}; cannot {action}</translation>
    </message>
    <message>
        <source>{sku}: price {price} is below the HQ floor {floor}; a reason is required</source>
        <translation>{sku}: price {price} is below the HQ floor {floor}; a reason is required</translation>
    </message>
    <message>
        <source>{sku} has no price for tier {tier}; enter a price</source>
        <translation>{sku} has no price for tier {tier}; enter a price</translation>
    </message>
    <message>
        <source>Outlet {outlet}: outstanding {outstanding} + this order {order_total} exceeds the credit limit {limit}</source>
        <translation>Outlet {outlet}: outstanding {outstanding} + this order {order_total} exceeds the credit limit {limit}</translation>
    </message>
    <message>
        <source>Only a manager can override the credit limit</source>
        <translation>Only a manager can override the credit limit</translation>
    </message>
    <message>
        <source>{sku}: at most {max} can be returned</source>
        <translation>{sku}: at most {max} can be returned</translation>
    </message>
    <message>
        <source>Order {number} was already shipped or changed on another PC; this PC's delivery note was withdrawn</source>
        <translation>Order {number} was already shipped or changed on another PC; this PC's delivery note was withdrawn</translation>
    </message>
    <message>
        <source>Order {number} was changed on another PC; this PC's delivery confirmation was withdrawn</source>
        <translation>Order {number} was changed on another PC; this PC's delivery confirmation was withdrawn</translation>
    </message>
    <message>
        <source>Order {number} was already invoiced or changed on another PC; this PC's invoice was withdrawn</source>
        <translation>Order {number} was already invoiced or changed on another PC; this PC's invoice was withdrawn</translation>
    </message>
    <message>
        <source>Order {number} was already shipped or changed on another PC; this PC's cancellation was withdrawn</source>
        <translation>Order {number} was already shipped or changed on another PC; this PC's cancellation was withdrawn</translation>
    </message>
    <message>
        <source>Not enough stock: {details}</source>
        <translation>Not enough stock: {details}</translation>
    </message>
    <message>
        <source>A transfer needs two different warehouses</source>
        <translation>A transfer needs two different warehouses</translation>
    </message>
    <message>
        <source>An adjustment needs a reason</source>
        <translation>An adjustment needs a reason</translation>
    </message>
    <message>
        <source>Unknown stocktake {ref}</source>
        <translation>Unknown stocktake {ref}</translation>
    </message>
    <message>
        <source>Stocktake {number} is {status}; cannot {action}</source>
        <translation>Stocktake {number} is {status}; cannot {action}</translation>
    </message>
    <message>
        <source>Stocktake {number} has no line for {sku}</source>
        <translation>Stocktake {number} has no line for {sku}</translation>
    </message>
    <message>
        <source>Unknown purchase order {ref}</source>
        <translation>Unknown purchase order {ref}</translation>
    </message>
    <message>
        <source>Purchase order {number} is {status}; cannot {action}</source>
        <translation>Purchase order {number} is {status}; cannot {action}</translation>
    </message>
    <message>
        <source>{sku}: receiving {quantity} exceeds the {remaining} still open</source>
        <translation>{sku}: receiving {quantity} exceeds the {remaining} still open</translation>
    </message>
    <message>
        <source>Purchase order {number} has no lines</source>
        <translation>Purchase order {number} has no lines</translation>
    </message>
    <message>
        <source>{sku} has no purchase price; enter one</source>
        <translation>{sku} has no purchase price; enter one</translation>
    </message>
    <message>
        <source>Purchase order {number} has no line {ref}</source>
        <translation>Purchase order {number} has no line {ref}</translation>
    </message>
    <message>
        <source>Unknown HQ status {status} for purchase order {number}</source>
        <translation>Unknown HQ status {status} for purchase order {number}</translation>
    </message>
    <message>
        <source>Unknown stock move {ref}</source>
        <translation>Unknown stock move {ref}</translation>
    </message>
    <message>
        <source>Stock move {ref} has already been reversed</source>
        <translation>Stock move {ref} has already been reversed</translation>
    </message>
    <message>
        <source>Stock move {ref} is itself a reversal; post the original again instead</source>
        <translation>Stock move {ref} is itself a reversal; post the original again instead</translation>
    </message>
    <message>
        <source>Warehouse {warehouse} already has an open stocktake {number}</source>
        <translation>Warehouse {warehouse} already has an open stocktake {number}</translation>
    </message>
    <message>
        <source>Lot {lot} is already recorded with production {production} and expiry {expiry}</source>
        <translation>Lot {lot} is already recorded with production {production} and expiry {expiry}</translation>
    </message>
    <message>
        <source>Unknown payment {ref}</source>
        <translation>Unknown payment {ref}</translation>
    </message>
    <message>
        <source>Prepaid deposit {balance} is less than {amount}</source>
        <translation>Prepaid deposit {balance} is less than {amount}</translation>
    </message>
    <message>
        <source>Unknown payment method {method}</source>
        <translation>Unknown payment method {method}</translation>
    </message>
    <message>
        <source>A payment must be more than zero (got {amount})</source>
        <translation>A payment must be more than zero (got {amount})</translation>
    </message>
    <message>
        <source>Unknown payment purpose {purpose}</source>
        <translation>Unknown payment purpose {purpose}</translation>
    </message>
    <message>
        <source>Unknown filing {ref}</source>
        <translation>Unknown filing {ref}</translation>
    </message>
    <message>
        <source>Filing is {status}; cannot {action}</source>
        <translation>Filing is {status}; cannot {action}</translation>
    </message>
    <message>
        <source>Outlet {name} already has an open filing</source>
        <translation>Outlet {name} already has an open filing</translation>
    </message>
    <message>
        <source>Unknown user {ref}</source>
        <translation>Unknown user {ref}</translation>
    </message>
    <message>
        <source>User name {username} is taken</source>
        <translation>User name {username} is taken</translation>
    </message>
    <message>
        <source>Password must have at least {min} characters</source>
        <translation>Password must have at least {min} characters</translation>
    </message>
    <message>
        <source>Unknown role {role}</source>
        <translation>Unknown role {role}</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <source>Your role ({role}) may not {action}</source>
        <translation>Your role ({role}) may not {action}</translation>
    </message>
    <message>
        <source>{entity} was changed by someone else; reopen it and try again</source>
        <translation>{entity} was changed by someone else; reopen it and try again</translation>
    </message>
    <message>
        <source>{path} is not a ChannelDesk database</source>
        <translation>{path} is not a ChannelDesk database</translation>
    </message>
    <message>
        <source>The database is from a newer ChannelDesk ({revision}); please update</source>
        <translation>The database is from a newer ChannelDesk ({revision}); please update</translation>
    </message>
    <message>
        <source>The database {path} is damaged: {detail}</source>
        <translation>The database {path} is damaged: {detail}</translation>
    </message>
    <message>
        <source>Device code must be 2-8 letters or digits (got {code})</source>
        <translation>Device code must be 2-8 letters or digits (got {code})</translation>
    </message>
    <message>
        <source>Another sync is already running for this database</source>
        <translation>Another sync is already running for this database</translation>
    </message>
    <message>
        <source>HQ cannot be reached ({url}); queued changes are kept and will be sent later</source>
        <translation>HQ cannot be reached ({url}); queued changes are kept and will be sent later</translation>
    </message>
    <message>
        <source>The connection to HQ stalled for {seconds} s; sync will resume later</source>
        <translation>The connection to HQ stalled for {seconds} s; sync will resume later</translation>
    </message>
    <message>
        <source>HQ answered with an error ({status}); retrying later</source>
        <translation>HQ answered with an error ({status}); retrying later</translation>
    </message>
    <message>
        <source>HQ is busy; retrying later</source>
        <translation>HQ is busy; retrying later</translation>
    </message>
    <message>
        <source>HQ's answer was cut off or garbled; retrying</source>
        <translation>HQ's answer was cut off or garbled; retrying</translation>
    </message>
    <message>
        <source>HQ refused a batch as too large</source>
        <translation>HQ refused a batch as too large</translation>
    </message>
    <message>
        <source>One change ({op_id}) is too large for HQ to accept</source>
        <translation>One change ({op_id}) is too large for HQ to accept</translation>
    </message>
    <message>
        <source>This ChannelDesk is too old or too new for HQ; please update ChannelDesk. Queued changes are kept. ({message})</source>
        <translation>This ChannelDesk is too old or too new for HQ; please update ChannelDesk. Queued changes are kept. ({message})</translation>
    </message>
    <message>
        <source>HQ has revoked this PC's access; ask HQ for a new enrollment code. Queued changes are kept.</source>
        <translation>HQ has revoked this PC's access; ask HQ for a new enrollment code. Queued changes are kept.</translation>
    </message>
    <message>
        <source>This database is also in use on another PC (a copy). Enroll this PC again with a new code from HQ, or the two PCs' documents will be mixed up.</source>
        <translation>This database is also in use on another PC (a copy). Enroll this PC again with a new code from HQ, or the two PCs' documents will be mixed up.</translation>
    </message>
    <message>
        <source>HQ does not accept this PC's credentials; enroll it again ({message})</source>
        <translation>HQ does not accept this PC's credentials; enroll it again ({message})</translation>
    </message>
    <message>
        <source>The enrollment code is unknown, already used or expired</source>
        <translation>The enrollment code is unknown, already used or expired</translation>
    </message>
    <message>
        <source>HQ asked for a fresh download</source>
        <translation>HQ asked for a fresh download</translation>
    </message>
    <message>
        <source>HQ keeps asking for a fresh download; sync stopped, please contact HQ</source>
        <translation>HQ keeps asking for a fresh download; sync stopped, please contact HQ</translation>
    </message>
    <message>
        <source>HQ refused the request ({status} {code}): {message}</source>
        <translation>HQ refused the request ({status} {code}): {message}</translation>
    </message>
    <message>
        <source>HQ's certificate could not be verified ({url})</source>
        <translation>HQ's certificate could not be verified ({url})</translation>
    </message>
    <message>
        <source>HQ did not answer for the changes sent; retrying later</source>
        <translation>HQ did not answer for the changes sent; retrying later</translation>
    </message>
    <message>
        <source>This PC is not enrolled with HQ; run enroll with HQ's code first</source>
        <translation>This PC is not enrolled with HQ; run enroll with HQ's code first</translation>
    </message>
    <message>
        <source>This PC's HQ token is missing; enroll it again</source>
        <translation>This PC's HQ token is missing; enroll it again</translation>
    </message>
    <message>
        <source>This is the demo database of a PC on its own: HQ never received its history, so HQ and this PC could never agree. For a demo PC enrolled with a demo HQ, run: channeldesk-hq demo</source>
        <translation>This is the demo database of a PC on its own: HQ never received its history, so HQ and this PC could never agree. For a demo PC enrolled with a demo HQ, run: channeldesk-hq demo</translation>
    </message>
    <message>
        <source>Sync stopped on an unexpected error ({detail}); queued changes are kept</source>
        <translation>Sync stopped on an unexpected error ({detail}); queued changes are kept</translation>
    </message>
    <message>
        <source>{field}: '{value}' is not a valid whole number</source>
        <translation>{field}: '{value}' is not a valid whole number</translation>
    </message>
    <message>
        <source>Unknown category {ref}</source>
        <translation>Unknown category {ref}</translation>
    </message>
    <message>
        <source>Price tier code {code} already exists</source>
        <translation>Price tier code {code} already exists</translation>
    </message>
    <message>
        <source>Pack {unit} must hold at least 2 base units (got {factor})</source>
        <translation>Pack {unit} must hold at least 2 base units (got {factor})</translation>
    </message>
    <message>
        <source>Unit names must differ: {units}</source>
        <translation>Unit names must differ: {units}</translation>
    </message>
    <message>
        <source>{path} already has products; demo data goes into a new database</source>
        <translation>{path} already has products; demo data goes into a new database</translation>
    </message>
    <message>
        <source>No {kind} numbered {number}</source>
        <translation>No {kind} numbered {number}</translation>
    </message>
    <message>
        <source>Unknown document type {kind} (known: {known})</source>
        <translation>Unknown document type {kind} (known: {known})</translation>
    </message>
    <message>
        <source>Unknown paper {paper} (known: {known})</source>
        <translation>Unknown paper {paper} (known: {known})</translation>
    </message>
    <message>
        <source>Copies must be a whole number from 1 to {max} (got {copies})</source>
        <translation>Copies must be a whole number from 1 to {max} (got {copies})</translation>
    </message>
    <message>
        <source>{field} must be between -{max} and {max} mm (got {value})</source>
        <translation>{field} must be between -{max} and {max} mm (got {value})</translation>
    </message>
    <message>
        <source>Unknown printer profile {name}</source>
        <translation>Unknown printer profile {name}</translation>
    </message>
    <message>
        <source>The period start {date_from} is after its end {date_to}</source>
        <translation>The period start {date_from} is after its end {date_to}</translation>
    </message>
    <message>
        <source>Batch printing takes orders that are {known} (got {status})</source>
        <translation>Batch printing takes orders that are {known} (got {status})</translation>
    </message>
    <message>
        <source>No ChannelDesk database at {path}</source>
        <translation>No ChannelDesk database at {path}</translation>
    </message>
    <message>
        <source>No file at {file}</source>
        <translation>No file at {file}</translation>
    </message>
    <message>
        <source>{file} cannot be read ({detail})</source>
        <translation>{file} cannot be read ({detail})</translation>
    </message>
    <message>
        <source>{file} is not text in any of the encodings tried ({encodings}); save it from Excel as "CSV UTF-8" or as .xlsx</source>
        <translation>{file} is not text in any of the encodings tried ({encodings}); save it from Excel as "CSV UTF-8" or as .xlsx</translation>
    </message>
    <message>
        <source>{file} is an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV and import that</source>
        <translation>{file} is an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV and import that</translation>
    </message>
    <message>
        <source>{file} is not a readable .xlsx workbook ({detail})</source>
        <translation>{file} is not a readable .xlsx workbook ({detail})</translation>
    </message>
    <message>
        <source>{file} is empty: its first line must hold the column headers</source>
        <translation>{file} is empty: its first line must hold the column headers</translation>
    </message>
    <message>
        <source>{file} lacks required columns: {columns} (its headers: {found})</source>
        <translation>{file} lacks required columns: {columns} (its headers: {found})</translation>
    </message>
    <message>
        <source>Line {line}: unknown column {column}; rename it to a documented header or remove it</source>
        <translation>Line {line}: unknown column {column}; rename it to a documented header or remove it</translation>
    </message>
    <message>
        <source>Line {line}: columns {other} and {column} are the same field; keep one</source>
        <translation>Line {line}: columns {other} and {column} are the same field; keep one</translation>
    </message>
    <message>
        <source>Line {line}, {column}: a value is required</source>
        <translation>Line {line}, {column}: a value is required</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' is longer than {max} characters</source>
        <translation>Line {line}, {column}: '{value}' is longer than {max} characters</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' is not a whole number of at least {min}</source>
        <translation>Line {line}, {column}: '{value}' is not a whole number of at least {min}</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' is not an amount in yuan</source>
        <translation>Line {line}, {column}: '{value}' is not an amount in yuan</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' has more than two decimals</source>
        <translation>Line {line}, {column}: '{value}' has more than two decimals</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' is negative</source>
        <translation>Line {line}, {column}: '{value}' is negative</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' is not a percentage from 0 to 100 (write 13 or 13%)</source>
        <translation>Line {line}, {column}: '{value}' is not a percentage from 0 to 100 (write 13 or 13%)</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' is not a date (write 2026-11-27)</source>
        <translation>Line {line}, {column}: '{value}' is not a date (write 2026-11-27)</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{code}' is not a valid barcode (8, 12, 13 or 14 digits ending in the right check digit)</source>
        <translation>Line {line}, {column}: '{code}' is not a valid barcode (8, 12, 13 or 14 digits ending in the right check digit)</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{code}' was shortened by Excel to scientific notation; format the column as text and type the full number</source>
        <translation>Line {line}, {column}: '{code}' was shortened by Excel to scientific notation; format the column as text and type the full number</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' is already on line {first_line}</source>
        <translation>Line {line}, {column}: '{value}' is already on line {first_line}</translation>
    </message>
    <message>
        <source>Nothing was written: the file has {count} errors</source>
        <translation>Nothing was written: the file has {count} errors</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{value}' is not a list of packs such as 箱=24;中包=6</source>
        <translation>Line {line}, {column}: '{value}' is not a list of packs such as 箱=24;中包=6</translation>
    </message>
    <message>
        <source>Line {line}, {column}: unit {unit} is named twice</source>
        <translation>Line {line}, {column}: unit {unit} is named twice</translation>
    </message>
    <message>
        <source>Line {line}, {column}: {value} per case differs from 箱={other} in {other_column}</source>
        <translation>Line {line}, {column}: {value} per case differs from 箱={other} in {other_column}</translation>
    </message>
    <message>
        <source>Line {line}, {column}: a case barcode needs the case size ({case_column})</source>
        <translation>Line {line}, {column}: a case barcode needs the case size ({case_column})</translation>
    </message>
    <message>
        <source>Line {line}, {column}: '{code}' names unit {unit}, which this product does not have</source>
        <translation>Line {line}, {column}: '{code}' names unit {unit}, which this product does not have</translation>
    </message>
    <message>
        <source>Line {line}, {column}: barcode {code} is already on line {first_line} ({sku})</source>
        <translation>Line {line}, {column}: barcode {code} is already on line {first_line} ({sku})</translation>
    </message>
    <message>
        <source>Line {line}, {column}: barcode {code} already belongs to product {sku}</source>
        <translation>Line {line}, {column}: barcode {code} already belongs to product {sku}</translation>
    </message>
    <message>
        <source>Line {line}, {column}: a price tier code has 1 to 20 characters without spaces</source>
        <translation>Line {line}, {column}: a price tier code has 1 to 20 characters without spaces</translation>
    </message>
    <message>
        <source>Promotion field {field}: {value} is not valid</source>
        <translation>Promotion field {field}: {value} is not valid</translation>
    </message>
    <message>
        <source>Promotion {code}: it ends ({valid_to}) before it starts ({valid_from})</source>
        <translation>Promotion {code}: it ends ({valid_to}) before it starts ({valid_from})</translation>
    </message>
    <message>
        <source>ChannelDesk</source>
        <translation>ChannelDesk</translation>
    </message>
    <message>
        <source>Something went wrong. Your data is safe; the details were saved to {log}.</source>
        <translation>Something went wrong. Your data is safe; the details were saved to {log}.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>The disk holding {path} is full, so this was not saved (nothing was half-saved). Free some space on the disk, then try again.</source>
        <translation>The disk holding {path} is full, so this was not saved (nothing was half-saved). Free some space on the disk, then try again.</translation>
    </message>
    <message>
        <source>ChannelDesk cannot write to {path}: the folder or its disk is read-only. Check that the disk is not write-protected and that you may write to the folder, or start ChannelDesk with another data folder.</source>
        <translation>ChannelDesk cannot write to {path}: the folder or its disk is read-only. Check that the disk is not write-protected and that you may write to the folder, or start ChannelDesk with another data folder.</translation>
    </message>
    <message>
        <source>The backup {path} could not be written: the disk is full. The incomplete copy was deleted and the database itself is unchanged. Free some space, then back up again.</source>
        <translation>The backup {path} could not be written: the disk is full. The incomplete copy was deleted and the database itself is unchanged. Free some space, then back up again.</translation>
    </message>
    <message>
        <source>The disk holding {path} is full, so sync stopped. Nothing is lost: queued changes are kept, and HQ's changes will be downloaded again once there is space.</source>
        <translation>The disk holding {path} is full, so sync stopped. Nothing is lost: queued changes are kept, and HQ's changes will be downloaded again once there is space.</translation>
    </message>
</context>
<context>
    <name>Filings</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Protected until</source>
        <translation>Protected until</translation>
    </message>
    <message>
        <source>HQ reason</source>
        <translation>HQ reason</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to ChannelDesk</source>
        <translation>Log in to ChannelDesk</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ChannelDesk</source>
        <translation>ChannelDesk</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Sales orders</source>
        <translation>Sales orders</translation>
    </message>
    <message>
        <source>Outlets</source>
        <translation>Outlets</translation>
    </message>
    <message>
        <source>Products &amp; stock</source>
        <translation>Products &amp; stock</translation>
    </message>
    <message>
        <source>Purchasing</source>
        <translation>Purchasing</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>Receivables</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>OrderEditor</name>
    <message>
        <source>Outlet name, phone or code</source>
        <translation>Outlet name, phone or code</translation>
    </message>
    <message>
        <source>Pinyin initials, name, SKU or scan a barcode</source>
        <translation>Pinyin initials, name, SKU or scan a barcode</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>Back to list (Esc)</source>
        <translation>Back to list (Esc)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Confirm (F9)</source>
        <translation>Confirm (F9)</translation>
    </message>
    <message>
        <source>Ship (F10)</source>
        <translation>Ship (F10)</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>Return goods</source>
        <translation>Return goods</translation>
    </message>
    <message>
        <source>Print delivery note (Ctrl+P)</source>
        <translation>Print delivery note (Ctrl+P)</translation>
    </message>
    <message>
        <source>Print invoice</source>
        <translation>Print invoice</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>New order</translation>
    </message>
    <message>
        <source>Total {amount}</source>
        <translation>Total {amount}</translation>
    </message>
    <message>
        <source>Delivery note {number}</source>
        <translation>Delivery note {number}</translation>
    </message>
    <message>
        <source>Invoice {number}</source>
        <translation>Invoice {number}</translation>
    </message>
    <message>
        <source>No earlier sales to this outlet</source>
        <translation>No earlier sales to this outlet</translation>
    </message>
    <message>
        <source>Last prices: {prices}</source>
        <translation>Last prices: {prices}</translation>
    </message>
    <message>
        <source>Reason for the low price</source>
        <translation>Reason for the low price</translation>
    </message>
    <message>
        <source>Scanned: {name} {unit} × {quantity}</source>
        <translation>Scanned: {name} {unit} × {quantity}</translation>
    </message>
    <message>
        <source>Draft {number} saved</source>
        <translation>Draft {number} saved</translation>
    </message>
    <message>
        <source>Reason to exceed the credit limit</source>
        <translation>Reason to exceed the credit limit</translation>
    </message>
    <message>
        <source>Who signed the receipt copy?</source>
        <translation>Who signed the receipt copy?</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>A confirmed order needs a reason to cancel.</source>
        <translation>A confirmed order needs a reason to cancel.</translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation>Cancel reason</translation>
    </message>
</context>
<context>
    <name>OrderLines</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Below floor</source>
        <translation>Below floor</translation>
    </message>
</context>
<context>
    <name>OrderList</name>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>OutletList</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
</context>
<context>
    <name>OutletsScreen</name>
    <message>
        <source>Search name, phone or code</source>
        <translation>Search name, phone or code</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <source>New outlet</source>
        <translation>New outlet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Price tier</source>
        <translation>Price tier</translation>
    </message>
    <message>
        <source>Credit limit (yuan)</source>
        <translation>Credit limit (yuan)</translation>
    </message>
    <message>
        <source>Payment terms (days)</source>
        <translation>Payment terms (days)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Submit filing to HQ</source>
        <translation>Submit filing to HQ</translation>
    </message>
    <message>
        <source>Withdraw filing</source>
        <translation>Withdraw filing</translation>
    </message>
    <message>
        <source>Note for HQ</source>
        <translation>Note for HQ</translation>
    </message>
    <message>
        <source>Customer filings</source>
        <translation>Customer filings</translation>
    </message>
    <message>
        <source>Print statement</source>
        <translation>Print statement</translation>
    </message>
    <message>
        <source>Statement from</source>
        <translation>Statement from</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <source>This outlet looks like one already on file: {names}. Check it, or save anyway.</source>
        <translation>This outlet looks like one already on file: {names}. Check it, or save anyway.</translation>
    </message>
</context>
<context>
    <name>PrintLog</name>
    <message>
        <source>Delivery note</source>
        <translation>Delivery note</translation>
    </message>
    <message>
        <source>Sales invoice</source>
        <translation>Sales invoice</translation>
    </message>
    <message>
        <source>Return note</source>
        <translation>Return note</translation>
    </message>
    <message>
        <source>Purchase order</source>
        <translation>Purchase order</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Reprint no.</source>
        <translation>Reprint no.</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
</context>
<context>
    <name>PrintLogWidget</name>
    <message>
        <source>The latest prints, newest first. Reprints are numbered.</source>
        <translation>The latest prints, newest first. Reprints are numbered.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Page {page} of {total}</source>
        <translation>Page {page} of {total}</translation>
    </message>
</context>
<context>
    <name>PrinterProfilesWidget</name>
    <message>
        <source>e.g. 存根联、客户联、回单联</source>
        <translation>e.g. 存根联、客户联、回单联</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Shift right (mm)</source>
        <translation>Shift right (mm)</translation>
    </message>
    <message>
        <source>Shift down (mm)</source>
        <translation>Shift down (mm)</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Copy labels</source>
        <translation>Copy labels</translation>
    </message>
    <message>
        <source>Printer (empty: ask)</source>
        <translation>Printer (empty: ask)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>Purchasing</name>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>HQ note</source>
        <translation>HQ note</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
</context>
<context>
    <name>PurchasingScreen</name>
    <message>
        <source>New purchase order</source>
        <translation>New purchase order</translation>
    </message>
    <message>
        <source>No purchase order selected</source>
        <translation>No purchase order selected</translation>
    </message>
    <message>
        <source>Product to order</source>
        <translation>Product to order</translation>
    </message>
    <message>
        <source>Lot number of the goods received</source>
        <translation>Lot number of the goods received</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>Submit to HQ</source>
        <translation>Submit to HQ</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>Receive all open</source>
        <translation>Receive all open</translation>
    </message>
    <message>
        <source>Print purchase order</source>
        <translation>Print purchase order</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>{number}  {status}  total {total}</source>
        <translation>{number}  {status}  total {total}</translation>
    </message>
</context>
<context>
    <name>Receivables</name>
    <message>
        <source>Outlet</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>0–30 days</source>
        <translation>0–30 days</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 days</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 days</translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation>Over 90 days</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>ReceivablesScreen</name>
    <message>
        <source>Outlet</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>Transfer or WeChat transaction number</source>
        <translation>Transfer or WeChat transaction number</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>Record payment</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Open invoices</source>
        <translation>Open invoices</translation>
    </message>
    <message>
        <source>Receivables by age</source>
        <translation>Receivables by age</translation>
    </message>
    <message>
        <source>Owes {balance}; prepaid deposit {deposit}</source>
        <translation>Owes {balance}; prepaid deposit {deposit}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Payment {number} recorded: {amount}</source>
        <translation>Payment {number} recorded: {amount}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return goods</source>
        <translation>Return goods</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>SalesScreen</name>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>Search by number</source>
        <translation>Search by number</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>New order (Ctrl+N)</source>
        <translation>New order (Ctrl+N)</translation>
    </message>
    <message>
        <source>Batch print delivery notes</source>
        <translation>Batch print delivery notes</translation>
    </message>
    <message>
        <source>{count} orders</source>
        <translation>{count} orders</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>HQ connection</source>
        <translation>HQ connection</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>Printers</translation>
    </message>
    <message>
        <source>Print log</source>
        <translation>Print log</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>Tax ID</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>Device code</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>Give selected user this role</source>
        <translation>Give selected user this role</translation>
    </message>
    <message>
        <source>Deactivate / reactivate selected</source>
        <translation>Deactivate / reactivate selected</translation>
    </message>
    <message>
        <source>Only a manager can change users.</source>
        <translation>Only a manager can change users.</translation>
    </message>
    <message>
        <source>Enroll this PC with HQ</source>
        <translation>Enroll this PC with HQ</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>HQ address</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Enrolled as {code} {name}</source>
        <translation>Enrolled as {code} {name}</translation>
    </message>
    <message>
        <source>The new language is used after ChannelDesk restarts.</source>
        <translation>The new language is used after ChannelDesk restarts.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up ChannelDesk</source>
        <translation>Set up ChannelDesk</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>These details are printed on delivery notes and invoices.</source>
        <translation>These details are printed on delivery notes and invoices.</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>Tax ID</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <source>Device code of this PC</source>
        <translation>Device code of this PC</translation>
    </message>
    <message>
        <source>First manager</source>
        <translation>First manager</translation>
    </message>
    <message>
        <source>The manager sets up users, printers and price exceptions.</source>
        <translation>The manager sets up users, printers and price exceptions.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Brand HQ (optional)</source>
        <translation>Brand HQ (optional)</translation>
    </message>
    <message>
        <source>Enter the HQ address and enrollment code from your brand, or leave empty and connect later in Settings.</source>
        <translation>Enter the HQ address and enrollment code from your brand, or leave empty and connect later in Settings.</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>HQ address</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Enrollment code</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Building the demo database…</source>
        <translation>Building the demo database…</translation>
    </message>
    <message>
        <source>ChannelDesk could not start. The details were saved to the log file in the data folder.</source>
        <translation>ChannelDesk could not start. The details were saved to the log file in the data folder.</translation>
    </message>
    <message>
        <source>ChannelDesk</source>
        <translation>ChannelDesk</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Pending at HQ</source>
        <translation>Pending at HQ</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Conflict (already filed)</source>
        <translation>Conflict (already filed)</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Partially received</source>
        <translation>Partially received</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Parked</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>Transfer out</translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation>Transfer in</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>Reversal</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>Prepaid deposit</source>
        <translation>Prepaid deposit</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Deposit</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Warehouse keeper</source>
        <translation>Warehouse keeper</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Produced</source>
        <translation>Produced</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>On hand</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Book at count</source>
        <translation>Book at count</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>Pinyin initials, name, SKU or barcode</source>
        <translation>Pinyin initials, name, SKU or barcode</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>Goods receipt</translation>
    </message>
    <message>
        <source>Adjust / transfer</source>
        <translation>Adjust / transfer</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>Ledger (newest first)</source>
        <translation>Ledger (newest first)</translation>
    </message>
    <message>
        <source>{sku} {name}: {total} {unit} on hand</source>
        <translation>{sku} {name}: {total} {unit} on hand</translation>
    </message>
    <message>
        <source>Has expiry date</source>
        <translation>Has expiry date</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>Post receipt</source>
        <translation>Post receipt</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Batch / lot number</source>
        <translation>Batch / lot number</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <source>Receipt {number} posted</source>
        <translation>Receipt {number} posted</translation>
    </message>
    <message>
        <source>Post adjustment</source>
        <translation>Post adjustment</translation>
    </message>
    <message>
        <source>Transfer to warehouse</source>
        <translation>Transfer to warehouse</translation>
    </message>
    <message>
        <source>Only the warehouse keeper or a manager may adjust or transfer stock.</source>
        <translation>Only the warehouse keeper or a manager may adjust or transfer stock.</translation>
    </message>
    <message>
        <source>Quantity (base units, − to remove)</source>
        <translation>Quantity (base units, − to remove)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <source>Stock updated</source>
        <translation>Stock updated</translation>
    </message>
    <message>
        <source>Start stocktake</source>
        <translation>Start stocktake</translation>
    </message>
    <message>
        <source>Post stocktake</source>
        <translation>Post stocktake</translation>
    </message>
    <message>
        <source>Open or recent</source>
        <translation>Open or recent</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>stock</source>
        <translation>stock</translation>
    </message>
    <message>
        <source>outlets</source>
        <translation>outlets</translation>
    </message>
    <message>
        <source>sales orders</source>
        <translation>sales orders</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>payments</translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator between the names of differing data</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>Queued at</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <source>Data check</source>
        <translation>Data check</translation>
    </message>
    <message>
        <source>Sync with HQ</source>
        <translation>Sync with HQ</translation>
    </message>
    <message>
        <source>Operations HQ refused (parked)</source>
        <translation>Operations HQ refused (parked)</translation>
    </message>
    <message>
        <source>These changes were kept on this PC but HQ did not accept them. The operations behind them were sent.</source>
        <translation>These changes were kept on this PC but HQ did not accept them. The operations behind them were sent.</translation>
    </message>
    <message>
        <source>Not connected to HQ (set the HQ address in Settings)</source>
        <translation>Not connected to HQ (set the HQ address in Settings)</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline: changes are kept and sent when HQ is reachable</source>
        <translation>Offline: changes are kept and sent when HQ is reachable</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from HQ waiting for related data</source>
        <translation>
            <numerusform>%n change from HQ is waiting for related data</numerusform>
            <numerusform>%n changes from HQ are waiting for related data</numerusform>
        </translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <source>Matches HQ (checked {time})</source>
        <translation>Matches HQ (checked {time})</translation>
    </message>
    <message>
        <source>Differs from HQ (checked {time}): {data}. Please contact support.</source>
        <translation>Differs from HQ (checked {time}): {data}. Please contact support.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>⚠ Data differs from HQ</source>
        <translation>⚠ Data differs from HQ</translation>
    </message>
    <message>
        <source>This PC's data still differs from HQ's after an automatic repair. Open Sync to see which data, and contact support.</source>
        <translation>This PC's data still differs from HQ's after an automatic repair. Open Sync to see which data, and contact support.</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>User: {name} ({role})</translation>
    </message>
    <message>
        <source>HQ not connected</source>
        <translation>HQ not connected</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation>Last sync: {time}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>To upload: {count}</source>
        <translation>To upload: {count}</translation>
    </message>
    <message>
        <source>{count} rejected</source>
        <translation>{count} rejected</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>