<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>已打印次数</translation>
    </message>
    <message>
        <source>A5 (landscape)</source>
        <translation>A5（横向）</translation>
    </message>
    <message>
        <source>241×140 mm (2-part form)</source>
        <translation>241×140 毫米（二等分）</translation>
    </message>
    <message>
        <source>241×93 mm (3-part form)</source>
        <translation>241×93 毫米（三等分）</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Daily</source>
        <translation>每日自动</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>The backup {name} has been restored. The database as it was before is saved as {saved}.</source>
        <translation>已恢复备份 {name}。恢复前的数据库已另存为 {saved}。</translation>
    </message>
    <message>
        <source>The backup {name} could not be restored: {reason}

The database was left as it was.</source>
        <translation>备份 {name} 无法恢复：{reason}

数据库保持原样，没有改动。</translation>
    </message>
</context>
<context>
    <name>BackupsWidget</name>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore selected backup</source>
        <translation>恢复所选备份</translation>
    </message>
    <message>
        <source>Cancel the pending restore</source>
        <translation>取消待恢复</translation>
    </message>
    <message>
        <source>Only a manager can restore a backup.</source>
        <translation>只有管理员可以恢复备份。</translation>
    </message>
    <message>
        <source>The backup {name} will be restored when ChannelDesk next starts. Close and restart ChannelDesk to restore it now.</source>
        <translation>下次启动 ChannelDesk 时将恢复备份 {name}。请关闭并重新启动 ChannelDesk 完成恢复。</translation>
    </message>
    <message>
        <source>Select the backup to restore.</source>
        <translation>请先选择要恢复的备份。</translation>
    </message>
    <message>
        <source>Restore the backup of {when} ({name})?

The current database is saved to the backups folder first, so nothing is deleted. The restore is done the next time ChannelDesk starts: please restart it afterwards. Documents entered after this backup must be entered again or synced from HQ.</source>
        <translation>确定要恢复 {when} 的备份（{name}）吗？

恢复前会先把当前数据库完整另存到备份文件夹，不会删除任何数据。恢复在下次启动 ChannelDesk 时进行，请随后重新启动程序。这份备份之后录入的单据需要重新录入或从总部同步。</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Batch print delivery notes</source>
        <translation>批量打印送货单</translation>
    </message>
    <message>
        <source>Shipped that day</source>
        <translation>当日已出库</translation>
    </message>
    <message>
        <source>Confirmed, not shipped</source>
        <translation>已确认未出库</translation>
    </message>
    <message>
        <source>A4, choose printer</source>
        <translation>A4，选择打印机</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Printer profile</source>
        <translation>打印机配置</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{count} orders</source>
        <translation>共 {count} 单</translation>
    </message>
    <message>
        <source>Batch preview</source>
        <translation>批量打印预览</translation>
    </message>
    <message>
        <source>Tick the orders to print</source>
        <translation>请勾选要打印的订单</translation>
    </message>
    <message>
        <source>Printing {count} delivery notes…</source>
        <translation>正在打印 {count} 张送货单…</translation>
    </message>
    <message>
        <source>Printed {pages} pages</source>
        <translation>已打印 {pages} 页</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Products below reorder point</source>
        <translation>低于补货点的商品</translation>
    </message>
    <message>
        <source>Batches near expiry</source>
        <translation>临期批次</translation>
    </message>
    <message>
        <source>Filings expiring soon</source>
        <translation>即将到期的报备</translation>
    </message>
    <message>
        <source>Overdue receivables</source>
        <translation>逾期应收款</translation>
    </message>
    <message>
        <source>Operations HQ refused</source>
        <translation>总部拒收的操作</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>{count} orders today, sales {total}</source>
        <translation>今日 {count} 单，销售额 {total}</translation>
    </message>
    <message>
        <source>{sku} {name}: {qty} left (reorder at {point})</source>
        <translation>{sku} {name}：剩余 {qty}（补货点 {point}）</translation>
    </message>
    <message>
        <source>{sku} lot {lot}: {qty} expire {date}</source>
        <translation>{sku} 批次 {lot}：{qty} 将于 {date} 到期</translation>
    </message>
    <message>
        <source>{name}: protected until {date}</source>
        <translation>{name}：保护期至 {date}</translation>
    </message>
    <message>
        <source>{name}: {amount} overdue since {date}</source>
        <translation>{name}：逾期 {amount}（自 {date}）</translation>
    </message>
    <message>
        <source>Nothing to do</source>
        <translation>暂无待办</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{field}: &apos;{value}&apos; is not an amount</source>
        <translation>{field}：“{value}”不是有效金额</translation>
    </message>
    <message>
        <source>{field}: &apos;{value}&apos; has more than two decimals</source>
        <translation>{field}：“{value}”超过两位小数</translation>
    </message>
    <message>
        <source>Quantity must be a positive whole number (got {quantity})</source>
        <translation>数量必须是正整数（当前为 {quantity}）</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole quantity</source>
        <translation>“{value}”不是整数数量</translation>
    </message>
    <message>
        <source>{field} is required</source>
        <translation>{field} 为必填项</translation>
    </message>
    <message>
        <source>Unknown fields: {fields}</source>
        <translation>未知字段：{fields}</translation>
    </message>
    <message>
        <source>Unknown setting {key}</source>
        <translation>未知设置项 {key}</translation>
    </message>
    <message>
        <source>{field} is too long (at most {max} characters)</source>
        <translation>{field} 过长（最多 {max} 个字符）</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not a valid barcode</source>
        <translation>“{code}”不是有效条码</translation>
    </message>
    <message>
        <source>Barcode {code} is already used by {sku}</source>
        <translation>条码 {code} 已被 {sku} 使用</translation>
    </message>
    <message>
        <source>Unknown product {ref}</source>
        <translation>找不到商品 {ref}</translation>
    </message>
    <message>
        <source>Product {sku} is archived</source>
        <translation>商品 {sku} 已停用</translation>
    </message>
    <message>
        <source>SKU {sku} already exists</source>
        <translation>商品编码 {sku} 已存在</translation>
    </message>
    <message>
        <source>Product {sku} has no unit {unit}</source>
        <translation>商品 {sku} 没有单位 {unit}</translation>
    </message>
    <message>
        <source>Unknown outlet {ref}</source>
        <translation>找不到客户 {ref}</translation>
    </message>
    <message>
        <source>Looks like an existing outlet: {names}</source>
        <translation>疑似已有客户：{names}</translation>
    </message>
    <message>
        <source>&apos;{phone}&apos; is not a phone number</source>
        <translation>“{phone}”不是有效电话号码</translation>
    </message>
    <message>
        <source>Unknown price tier {ref}</source>
        <translation>找不到价格等级 {ref}</translation>
    </message>
    <message>
        <source>{field} must be a whole number of at least 0 (got {value})</source>
        <translation>{field} 必须是不小于 0 的整数（当前为 {value}）</translation>
    </message>
    <message>
        <source>{field} must be a whole number from {min} to {max} (got {value})</source>
        <translation>{field} 必须是 {min} 到 {max} 之间的整数（当前为 {value}）</translation>
    </message>
    <message>
        <source>Unknown filing status {status}</source>
        <translation>未知报备状态 {status}</translation>
    </message>
    <message>
        <source>Outlet {name} is archived</source>
        <translation>客户 {name} 已停用</translation>
    </message>
    <message>
        <source>Warehouse code {code} already exists</source>
        <translation>仓库代码 {code} 已存在</translation>
    </message>
    <message>
        <source>Unknown warehouse {ref}</source>
        <translation>找不到仓库 {ref}</translation>
    </message>
    <message>
        <source>Unknown batch {ref}</source>
        <translation>找不到批次 {ref}</translation>
    </message>
    <message>
        <source>Batch {lot}: expiry {expiry} is before production {production}</source>
        <translation>批次 {lot}：到期日 {expiry} 早于生产日期 {production}</translation>
    </message>
    <message>
        <source>Unknown order {ref}</source>
        <translation>找不到订单 {ref}</translation>
    </message>
    <message>
        <source>Order {number} has no lines</source>
        <translation>订单 {number} 没有明细行</translation>
    </message>
    <message>
        <source>Order line {ref} not found</source>
        <translation>找不到订单明细 {ref}</translation>
    </message>
    <message>
        <source>Order {number} is {status}; cannot {action}</source>
        <translation>订单 {number} 状态为 {status}，不能执行 {action}</translation>
    </message>
    <message>
        <source>{sku}: price {price} is below the HQ floor {floor}; a reason is required</source>
        <translation>{sku}：单价 {price} 低于总部最低价 {floor}，需要填写原因</translation>
    </message>
    <message>
        <source>{sku} has no price for tier {tier}; enter a price</source>
        <translation>{sku} 没有价格等级 {tier} 的价格，请输入单价</translation>
    </message>
    <message>
        <source>Outlet {outlet}: outstanding {outstanding} + this order {order_total} exceeds the credit limit {limit}</source>
        <translation>客户 {outlet}：未结 {outstanding} + 本单 {order_total} 超出信用额度 {limit}</translation>
    </message>
    <message>
        <source>Only a manager can override the credit limit</source>
        <translation>只有经理可以超信用额度放行</translation>
    </message>
    <message>
        <source>{sku}: at most {max} can be returned</source>
        <translation>{sku}：最多可退 {max}</translation>
    </message>
    <message>
        <source>Order {number} was already shipped or changed on another PC; this PC&apos;s delivery note was withdrawn</source>
        <translation>订单 {number} 已在另一台电脑上发货或修改，本机的发货单已撤回</translation>
    </message>
    <message>
        <source>Order {number} was changed on another PC; this PC&apos;s delivery confirmation was withdrawn</source>
        <translation>订单 {number} 已在另一台电脑上修改，本机的送达确认已撤回</translation>
    </message>
    <message>
        <source>Order {number} was already invoiced or changed on another PC; this PC&apos;s invoice was withdrawn</source>
        <translation>订单 {number} 已在另一台电脑上开票或修改，本机的发票已撤回</translation>
    </message>
    <message>
        <source>Order {number} was already shipped or changed on another PC; this PC&apos;s cancellation was withdrawn</source>
        <translation>订单 {number} 已在另一台电脑上发货或修改，本机的取消已撤回</translation>
    </message>
    <message>
        <source>Not enough stock: {details}</source>
        <translation>库存不足：{details}</translation>
    </message>
    <message>
        <source>A transfer needs two different warehouses</source>
        <translation>调拨需要两个不同的仓库</translation>
    </message>
    <message>
        <source>An adjustment needs a reason</source>
        <translation>库存调整需要填写原因</translation>
    </message>
    <message>
        <source>Unknown stocktake {ref}</source>
        <translation>找不到盘点单 {ref}</translation>
    </message>
    <message>
        <source>Stocktake {number} is {status}; cannot {action}</source>
        <translation>盘点单 {number} 状态为 {status}，不能执行 {action}</translation>
    </message>
    <message>
        <source>Stocktake {number} has no line for {sku}</source>
        <translation>盘点单 {number} 中没有 {sku}</translation>
    </message>
    <message>
        <source>Unknown purchase order {ref}</source>
        <translation>找不到订货单 {ref}</translation>
    </message>
    <message>
        <source>Purchase order {number} is {status}; cannot {action}</source>
        <translation>订货单 {number} 状态为 {status}，不能执行 {action}</translation>
    </message>
    <message>
        <source>{sku}: receiving {quantity} exceeds the {remaining} still open</source>
        <translation>{sku}：收货 {quantity} 超过未收数量 {remaining}</translation>
    </message>
    <message>
        <source>Purchase order {number} has no lines</source>
        <translation>订货单 {number} 没有明细行</translation>
    </message>
    <message>
        <source>{sku} has no purchase price; enter one</source>
        <translation>{sku} 没有进货价，请输入</translation>
    </message>
    <message>
        <source>Purchase order {number} has no line {ref}</source>
        <translation>订货单 {number} 没有明细 {ref}</translation>
    </message>
    <message>
        <source>Unknown HQ status {status} for purchase order {number}</source>
        <translation>订货单 {number} 收到未知的总部状态 {status}</translation>
    </message>
    <message>
        <source>Unknown stock move {ref}</source>
        <translation>找不到库存流水 {ref}</translation>
    </message>
    <message>
        <source>Stock move {ref} has already been reversed</source>
        <translation>库存流水 {ref} 已冲销</translation>
    </message>
    <message>
        <source>Stock move {ref} is itself a reversal; post the original again instead</source>
        <translation>库存流水 {ref} 本身是冲销，请重新录入原单据</translation>
    </message>
    <message>
        <source>Warehouse {warehouse} already has an open stocktake {number}</source>
        <translation>仓库 {warehouse} 已有进行中的盘点单 {number}</translation>
    </message>
    <message>
        <source>Lot {lot} is already recorded with production {production} and expiry {expiry}</source>
        <translation>批次 {lot} 已登记，生产日期 {production}，到期日 {expiry}</translation>
    </message>
    <message>
        <source>Unknown payment {ref}</source>
        <translation>找不到收款单 {ref}</translation>
    </message>
    <message>
        <source>Prepaid deposit {balance} is less than {amount}</source>
        <translation>预存款余额 {balance} 不足 {amount}</translation>
    </message>
    <message>
        <source>Unknown payment method {method}</source>
        <translation>未知收款方式 {method}</translation>
    </message>
    <message>
        <source>A payment must be more than zero (got {amount})</source>
        <translation>收款金额必须大于零（当前为 {amount}）</translation>
    </message>
    <message>
        <source>Unknown payment purpose {purpose}</source>
        <translation>未知收款用途 {purpose}</translation>
    </message>
    <message>
        <source>Unknown filing {ref}</source>
        <translation>找不到报备 {ref}</translation>
    </message>
    <message>
        <source>Filing is {status}; cannot {action}</source>
        <translation>报备状态为 {status}，不能执行 {action}</translation>
    </message>
    <message>
        <source>Outlet {name} already has an open filing</source>
        <translation>客户 {name} 已有未结束的报备</translation>
    </message>
    <message>
        <source>Unknown user {ref}</source>
        <translation>找不到用户 {ref}</translation>
    </message>
    <message>
        <source>User name {username} is taken</source>
        <translation>用户名 {username} 已被使用</translation>
    </message>
    <message>
        <source>Password must have at least {min} characters</source>
        <translation>密码至少需要 {min} 个字符</translation>
    </message>
    <message>
        <source>Unknown role {role}</source>
        <translation>未知角色 {role}</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>Your role ({role}) may not {action}</source>
        <translation>您的角色（{role}）无权执行 {action}</translation>
    </message>
    <message>
        <source>{entity} was changed by someone else; reopen it and try again</source>
        <translation>{entity} 已被他人修改，请重新打开后再试</translation>
    </message>
    <message>
        <source>{path} is not a ChannelDesk database</source>
        <translation>{path} 不是 ChannelDesk 数据库</translation>
    </message>
    <message>
        <source>The database is from a newer ChannelDesk ({revision}); please update</source>
        <translation>数据库来自更新版本的 ChannelDesk（{revision}），请升级软件</translation>
    </message>
    <message>
        <source>The database {path} is damaged: {detail}</source>
        <translation>数据库 {path} 已损坏：{detail}</translation>
    </message>
    <message>
        <source>Device code must be 2-8 letters or digits (got {code})</source>
        <translation>设备代码必须是 2–8 位字母或数字（当前为 {code}）</translation>
    </message>
    <message>
        <source>Another sync is already running for this database</source>
        <translation>此数据库已有同步正在进行</translation>
    </message>
    <message>
        <source>HQ cannot be reached ({url}); queued changes are kept and will be sent later</source>
        <translation>无法连接总部（{url}）；待上传的更改已保留，稍后发送</translation>
    </message>
    <message>
        <source>The connection to HQ stalled for {seconds} s; sync will resume later</source>
        <translation>与总部的连接停滞 {seconds} 秒；稍后继续同步</translation>
    </message>
    <message>
        <source>HQ answered with an error ({status}); retrying later</source>
        <translation>总部返回错误（{status}）；稍后重试</translation>
    </message>
    <message>
        <source>HQ is busy; retrying later</source>
        <translation>总部繁忙；稍后重试</translation>
    </message>
    <message>
        <source>HQ&apos;s answer was cut off or garbled; retrying</source>
        <translation>总部的应答不完整或已损坏；正在重试</translation>
    </message>
    <message>
        <source>HQ refused a batch as too large</source>
        <translation>总部拒绝了过大的批次</translation>
    </message>
    <message>
        <source>One change ({op_id}) is too large for HQ to accept</source>
        <translation>有一条更改（{op_id}）过大，总部无法接收</translation>
    </message>
    <message>
        <source>This ChannelDesk is too old or too new for HQ; please update ChannelDesk. Queued changes are kept. ({message})</source>
        <translation>此 ChannelDesk 版本与总部不兼容，请升级。待上传的更改已保留。（{message}）</translation>
    </message>
    <message>
        <source>HQ has revoked this PC&apos;s access; ask HQ for a new enrollment code. Queued changes are kept.</source>
        <translation>总部已撤销本机的访问权限；请向总部索取新的注册码。待上传的更改已保留。</translation>
    </message>
    <message>
        <source>This database is also in use on another PC (a copy). Enroll this PC again with a new code from HQ, or the two PCs&apos; documents will be mixed up.</source>
        <translation>此数据库也在另一台电脑上使用（复制的数据）。请在本机重新注册（向总部申请新的注册码），否则两台电脑的单据会混在一起。</translation>
    </message>
    <message>
        <source>HQ does not accept this PC&apos;s credentials; enroll it again ({message})</source>
        <translation>总部不接受本机的凭据；请重新注册（{message}）</translation>
    </message>
    <message>
        <source>The enrollment code is unknown, already used or expired</source>
        <translation>注册码无效、已使用或已过期</translation>
    </message>
    <message>
        <source>HQ asked for a fresh download</source>
        <translation>总部要求重新下载全部数据</translation>
    </message>
    <message>
        <source>HQ keeps asking for a fresh download; sync stopped, please contact HQ</source>
        <translation>总部反复要求重新下载；同步已停止，请联系总部</translation>
    </message>
    <message>
        <source>HQ refused the request ({status} {code}): {message}</source>
        <translation>总部拒绝了请求（{status} {code}）：{message}</translation>
    </message>
    <message>
        <source>HQ&apos;s certificate could not be verified ({url})</source>
        <translation>无法验证总部的证书（{url}）</translation>
    </message>
    <message>
        <source>HQ did not answer for the changes sent; retrying later</source>
        <translation>总部未确认已发送的更改；稍后重试</translation>
    </message>
    <message>
        <source>This PC is not enrolled with HQ; run enroll with HQ&apos;s code first</source>
        <translation>本机尚未在总部注册；请先用总部提供的注册码注册</translation>
    </message>
    <message>
        <source>This PC&apos;s HQ token is missing; enroll it again</source>
        <translation>本机的总部令牌缺失；请重新注册</translation>
    </message>
    <message>
        <source>This is the demo database of a PC on its own: HQ never received its history, so HQ and this PC could never agree. For a demo PC enrolled with a demo HQ, run: channeldesk-hq demo</source>
        <translation>这是单机演示数据库：总部从未收到它的历史数据，总部与本机的数据永远无法一致。如需与演示总部联网的演示电脑，请运行：channeldesk-hq demo</translation>
    </message>
    <message>
        <source>Sync stopped on an unexpected error ({detail}); queued changes are kept</source>
        <translation>同步因意外错误停止（{detail}）；待上传的数据都已保留</translation>
    </message>
    <message>
        <source>{field}: &apos;{value}&apos; is not a valid whole number</source>
        <translation>{field}：“{value}”不是有效整数</translation>
    </message>
    <message>
        <source>Unknown category {ref}</source>
        <translation>找不到商品分类 {ref}</translation>
    </message>
    <message>
        <source>Price tier code {code} already exists</source>
        <translation>价格等级代码 {code} 已存在</translation>
    </message>
    <message>
        <source>Pack {unit} must hold at least 2 base units (got {factor})</source>
        <translation>包装 {unit} 至少包含 2 个基本单位（当前为 {factor}）</translation>
    </message>
    <message>
        <source>Unit names must differ: {units}</source>
        <translation>单位名称不能重复：{units}</translation>
    </message>
    <message>
        <source>{path} already has products; demo data goes into a new database</source>
        <translation>{path} 已有商品；演示数据只能放入新数据库</translation>
    </message>
    <message>
        <source>No {kind} numbered {number}</source>
        <translation>找不到编号为 {number} 的{kind}</translation>
    </message>
    <message>
        <source>Unknown document type {kind} (known: {known})</source>
        <translation>未知单据类型 {kind}（可用：{known}）</translation>
    </message>
    <message>
        <source>Unknown paper {paper} (known: {known})</source>
        <translation>未知纸张 {paper}（可用：{known}）</translation>
    </message>
    <message>
        <source>Copies must be a whole number from 1 to {max} (got {copies})</source>
        <translation>份数必须是 1 到 {max} 的整数（当前为 {copies}）</translation>
    </message>
    <message>
        <source>{field} must be between -{max} and {max} mm (got {value})</source>
        <translation>{field} 必须在 -{max} 到 {max} 毫米之间（当前为 {value}）</translation>
    </message>
    <message>
        <source>Unknown printer profile {name}</source>
        <translation>找不到打印机配置 {name}</translation>
    </message>
    <message>
        <source>The period start {date_from} is after its end {date_to}</source>
        <translation>起始日期 {date_from} 晚于结束日期 {date_to}</translation>
    </message>
    <message>
        <source>Batch printing takes orders that are {known} (got {status})</source>
        <translation>批量打印只接受状态为 {known} 的订单（当前为 {status}）</translation>
    </message>
    <message>
        <source>No ChannelDesk database at {path}</source>
        <translation>{path} 处没有 ChannelDesk 数据库</translation>
    </message>
    <message>
        <source>No file at {file}</source>
        <translation>找不到文件 {file}</translation>
    </message>
    <message>
        <source>{file} cannot be read ({detail})</source>
        <translation>无法读取 {file}（{detail}）</translation>
    </message>
    <message>
        <source>{file} is not text in any of the encodings tried ({encodings}); save it from Excel as &quot;CSV UTF-8&quot; or as .xlsx</source>
        <translation>{file} 不是所尝试的任何编码（{encodings}）的文本；请在 Excel 中另存为“CSV UTF-8”或 .xlsx</translation>
    </message>
    <message>
        <source>{file} is an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV and import that</source>
        <translation>{file} 是 Excel 97-2003 工作簿（.xls）；请另存为 .xlsx 或 CSV 后再导入</translation>
    </message>
    <message>
        <source>{file} is not a readable .xlsx workbook ({detail})</source>
        <translation>{file} 不是可读取的 .xlsx 工作簿（{detail}）</translation>
    </message>
    <message>
        <source>{file} is empty: its first line must hold the column headers</source>
        <translation>{file} 是空的：第一行必须是列标题</translation>
    </message>
    <message>
        <source>{file} lacks required columns: {columns} (its headers: {found})</source>
        <translation>{file} 缺少必填列：{columns}（文件中的列标题：{found}）</translation>
    </message>
    <message>
        <source>Line {line}: unknown column {column}; rename it to a documented header or remove it</source>
        <translation>第 {line} 行：未知的列 {column}；请改为说明中的列标题，或删除该列</translation>
    </message>
    <message>
        <source>Line {line}: columns {other} and {column} are the same field; keep one</source>
        <translation>第 {line} 行：列 {other} 和 {column} 是同一字段；请只保留一列</translation>
    </message>
    <message>
        <source>Line {line}, {column}: a value is required</source>
        <translation>第 {line} 行，{column}：必须填写</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; is longer than {max} characters</source>
        <translation>第 {line} 行，{column}：“{value}”超过 {max} 个字符</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; is not a whole number of at least {min}</source>
        <translation>第 {line} 行，{column}：“{value}”不是不小于 {min} 的整数</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; is not an amount in yuan</source>
        <translation>第 {line} 行，{column}：“{value}”不是以元为单位的金额</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; has more than two decimals</source>
        <translation>第 {line} 行，{column}：“{value}”的小数超过两位</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; is negative</source>
        <translation>第 {line} 行，{column}：“{value}”是负数</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; is not a percentage from 0 to 100 (write 13 or 13%)</source>
        <translation>第 {line} 行，{column}：“{value}”不是 0 到 100 之间的百分比（请写 13 或 13%）</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; is not a date (write 2026-11-27)</source>
        <translation>第 {line} 行，{column}：“{value}”不是日期（请写 2026-11-27）</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{code}&apos; is not a valid barcode (8, 12, 13 or 14 digits ending in the right check digit)</source>
        <translation>第 {line} 行，{column}：“{code}”不是有效条码（应为 8、12、13 或 14 位数字，且校验位正确）</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{code}&apos; was shortened by Excel to scientific notation; format the column as text and type the full number</source>
        <translation>第 {line} 行，{column}：“{code}”已被 Excel 缩写为科学计数法；请把该列设为文本格式并输入完整数字</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; is already on line {first_line}</source>
        <translation>第 {line} 行，{column}：“{value}”已在第 {first_line} 行出现</translation>
    </message>
    <message>
        <source>Nothing was written: the file has {count} errors</source>
        <translation>未写入任何数据：文件中有 {count} 处错误</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{value}&apos; is not a list of packs such as 箱=24;中包=6</source>
        <translation>第 {line} 行，{column}：“{value}”不是包装列表，应写成 箱=24;中包=6</translation>
    </message>
    <message>
        <source>Line {line}, {column}: unit {unit} is named twice</source>
        <translation>第 {line} 行，{column}：单位 {unit} 重复</translation>
    </message>
    <message>
        <source>Line {line}, {column}: {value} per case differs from 箱={other} in {other_column}</source>
        <translation>第 {line} 行，{column}：每箱 {value} 与 {other_column} 中的 箱={other} 不一致</translation>
    </message>
    <message>
        <source>Line {line}, {column}: a case barcode needs the case size ({case_column})</source>
        <translation>第 {line} 行，{column}：填写箱条码需要同时填写箱规（{case_column}）</translation>
    </message>
    <message>
        <source>Line {line}, {column}: &apos;{code}&apos; names unit {unit}, which this product does not have</source>
        <translation>第 {line} 行，{column}：“{code}”所写的单位 {unit} 不是该商品的单位</translation>
    </message>
    <message>
        <source>Line {line}, {column}: barcode {code} is already on line {first_line} ({sku})</source>
        <translation>第 {line} 行，{column}：条码 {code} 已在第 {first_line} 行（{sku}）出现</translation>
    </message>
    <message>
        <source>Line {line}, {column}: barcode {code} already belongs to product {sku}</source>
        <translation>第 {line} 行，{column}：条码 {code} 已属于商品 {sku}</translation>
    </message>
    <message>
        <source>Line {line}, {column}: a price tier code has 1 to 20 characters without spaces</source>
        <translation>第 {line} 行，{column}：价格等级代码应为 1 到 20 个字符，且不含空格</translation>
    </message>
    <message>
        <source>Promotion field {field}: {value} is not valid</source>
        <translation>促销字段 {field}：{value} 无效</translation>
    </message>
    <message>
        <source>Promotion {code}: it ends ({valid_to}) before it starts ({valid_from})</source>
        <translation>促销 {code}：结束日期（{valid_to}）早于开始日期（{valid_from}）</translation>
    </message>
    <message>
        <source>ChannelDesk</source>
        <translation>ChannelDesk 渠道通</translation>
    </message>
    <message>
        <source>Something went wrong. Your data is safe; the details were saved to {log}.</source>
        <translation>出现了意外问题。您的数据是安全的；详细信息已保存到 {log}。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>The disk holding {path} is full, so this was not saved (nothing was half-saved). Free some space on the disk, then try again.</source>
        <translation>{path} 所在的磁盘已满，这次没有保存（没有保存一半的数据）。请先腾出磁盘空间，再重试。</translation>
    </message>
    <message>
        <source>ChannelDesk cannot write to {path}: the folder or its disk is read-only. Check that the disk is not write-protected and that you may write to the folder, or start ChannelDesk with another data folder.</source>
        <translation>ChannelDesk 无法写入 {path}：该文件夹或所在磁盘是只读的。请检查磁盘是否被写保护、您是否有权写入该文件夹，或用另一个数据文件夹启动 ChannelDesk。</translation>
    </message>
    <message>
        <source>The backup {path} could not be written: the disk is full. The incomplete copy was deleted and the database itself is unchanged. Free some space, then back up again.</source>
        <translation>备份 {path} 没有写成：磁盘已满。不完整的备份文件已删除，数据库本身没有变化。请腾出空间后再备份。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full, so sync stopped. Nothing is lost: queued changes are kept, and HQ&apos;s changes will be downloaded again once there is space.</source>
        <translation>{path} 所在的磁盘已满，同步已停止。没有丢失任何数据：待上传的更改仍然保留，总部的更改会在有空间后重新下载。</translation>
    </message>
</context>
<context>
    <name>Filings</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Protected until</source>
        <translation>保护期至</translation>
    </message>
    <message>
        <source>HQ reason</source>
        <translation>总部意见</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to ChannelDesk</source>
        <translation>登录 ChannelDesk</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ChannelDesk</source>
        <translation>ChannelDesk 渠道通</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Sales orders</source>
        <translation>销售单</translation>
    </message>
    <message>
        <source>Outlets</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Products &amp; stock</source>
        <translation>商品/库存</translation>
    </message>
    <message>
        <source>Purchasing</source>
        <translation>订货</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>OrderEditor</name>
    <message>
        <source>Outlet name, phone or code</source>
        <translation>客户名称、电话或编号</translation>
    </message>
    <message>
        <source>Pinyin initials, name, SKU or scan a barcode</source>
        <translation>拼音首字母、名称、编码或扫码</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Back to list (Esc)</source>
        <translation>返回列表 (Esc)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Confirm (F9)</source>
        <translation>确认 (F9)</translation>
    </message>
    <message>
        <source>Ship (F10)</source>
        <translation>发货 (F10)</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>开票</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Return goods</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Print delivery note (Ctrl+P)</source>
        <translation>打印送货单 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Print invoice</source>
        <translation>打印发票</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>Total {amount}</source>
        <translation>合计 {amount}</translation>
    </message>
    <message>
        <source>Delivery note {number}</source>
        <translation>送货单 {number}</translation>
    </message>
    <message>
        <source>Invoice {number}</source>
        <translation>发票 {number}</translation>
    </message>
    <message>
        <source>No earlier sales to this outlet</source>
        <translation>此客户没有历史成交价</translation>
    </message>
    <message>
        <source>Last prices: {prices}</source>
        <translation>最近成交价：{prices}</translation>
    </message>
    <message>
        <source>Reason for the low price</source>
        <translation>低价原因</translation>
    </message>
    <message>
        <source>Scanned: {name} {unit} × {quantity}</source>
        <translation>已扫码：{name} {unit} × {quantity}</translation>
    </message>
    <message>
        <source>Draft {number} saved</source>
        <translation>草稿 {number} 已保存</translation>
    </message>
    <message>
        <source>Reason to exceed the credit limit</source>
        <translation>超信用额度原因</translation>
    </message>
    <message>
        <source>Who signed the receipt copy?</source>
        <translation>回单由谁签收？</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签收人</translation>
    </message>
    <message>
        <source>A confirmed order needs a reason to cancel.</source>
        <translation>取消已确认的订单需要填写原因。</translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation>取消原因</translation>
    </message>
</context>
<context>
    <name>OrderLines</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Below floor</source>
        <translation>低于控价</translation>
    </message>
</context>
<context>
    <name>OrderList</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>OutletList</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>OutletsScreen</name>
    <message>
        <source>Search name, phone or code</source>
        <translation>搜索名称、电话或编号</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已停用</translation>
    </message>
    <message>
        <source>New outlet</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Price tier</source>
        <translation>价格等级</translation>
    </message>
    <message>
        <source>Credit limit (yuan)</source>
        <translation>信用额度（元）</translation>
    </message>
    <message>
        <source>Payment terms (days)</source>
        <translation>账期（天）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Submit filing to HQ</source>
        <translation>向总部提交报备</translation>
    </message>
    <message>
        <source>Withdraw filing</source>
        <translation>撤回报备</translation>
    </message>
    <message>
        <source>Note for HQ</source>
        <translation>给总部的备注</translation>
    </message>
    <message>
        <source>Customer filings</source>
        <translation>客户报备</translation>
    </message>
    <message>
        <source>Print statement</source>
        <translation>打印对账单</translation>
    </message>
    <message>
        <source>Statement from</source>
        <translation>对账期间</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>This outlet looks like one already on file: {names}. Check it, or save anyway.</source>
        <translation>该客户疑似已存在：{names}。请核对，或仍然保存。</translation>
    </message>
</context>
<context>
    <name>PrintLog</name>
    <message>
        <source>Delivery note</source>
        <translation>送货单</translation>
    </message>
    <message>
        <source>Sales invoice</source>
        <translation>销售发票</translation>
    </message>
    <message>
        <source>Return note</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Purchase order</source>
        <translation>订货单</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Reprint no.</source>
        <translation>补打次数</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
</context>
<context>
    <name>PrintLogWidget</name>
    <message>
        <source>The latest prints, newest first. Reprints are numbered.</source>
        <translation>最近的打印记录，最新的在前。补打会标明第几次补打。</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Page {page} of {total}</source>
        <translation>第 {page} 页 / 共 {total} 页</translation>
    </message>
</context>
<context>
    <name>PrinterProfilesWidget</name>
    <message>
        <source>e.g. 存根联、客户联、回单联</source>
        <translation>例如 存根联、客户联、回单联</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Shift right (mm)</source>
        <translation>向右偏移（毫米）</translation>
    </message>
    <message>
        <source>Shift down (mm)</source>
        <translation>向下偏移（毫米）</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Copy labels</source>
        <translation>联次名称</translation>
    </message>
    <message>
        <source>Printer (empty: ask)</source>
        <translation>打印机（留空则每次选择）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>Purchasing</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>HQ note</source>
        <translation>总部备注</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收数量</translation>
    </message>
</context>
<context>
    <name>PurchasingScreen</name>
    <message>
        <source>New purchase order</source>
        <translation>新建订货单</translation>
    </message>
    <message>
        <source>No purchase order selected</source>
        <translation>未选择订货单</translation>
    </message>
    <message>
        <source>Product to order</source>
        <translation>要订的商品</translation>
    </message>
    <message>
        <source>Lot number of the goods received</source>
        <translation>到货批次号</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Submit to HQ</source>
        <translation>提交总部</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Receive all open</source>
        <translation>全部收货</translation>
    </message>
    <message>
        <source>Print purchase order</source>
        <translation>打印订货单</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>{number}  {status}  total {total}</source>
        <translation>{number}  {status}  合计 {total}</translation>
    </message>
</context>
<context>
    <name>Receivables</name>
    <message>
        <source>Outlet</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>0–30 days</source>
        <translation>0–30 天</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 天</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 天</translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation>90 天以上</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未收金额</translation>
    </message>
</context>
<context>
    <name>ReceivablesScreen</name>
    <message>
        <source>Outlet</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Transfer or WeChat transaction number</source>
        <translation>转账或微信交易单号</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>登记收款</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>收款方式</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>交易单号</translation>
    </message>
    <message>
        <source>Open invoices</source>
        <translation>未结发票</translation>
    </message>
    <message>
        <source>Receivables by age</source>
        <translation>应收账龄</translation>
    </message>
    <message>
        <source>Owes {balance}; prepaid deposit {deposit}</source>
        <translation>欠款 {balance}；预存款 {deposit}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Payment {number} recorded: {amount}</source>
        <translation>收款 {number} 已登记：{amount}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return goods</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>SalesScreen</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Search by number</source>
        <translation>按单号搜索</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>New order (Ctrl+N)</source>
        <translation>新建订单 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Batch print delivery notes</source>
        <translation>批量打印送货单</translation>
    </message>
    <message>
        <source>{count} orders</source>
        <translation>共 {count} 单</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>HQ connection</source>
        <translation>总部连接</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Print log</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>税号</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账户</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>设备代码</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Give selected user this role</source>
        <translation>将此角色赋予所选用户</translation>
    </message>
    <message>
        <source>Deactivate / reactivate selected</source>
        <translation>停用/启用所选用户</translation>
    </message>
    <message>
        <source>Only a manager can change users.</source>
        <translation>只有经理可以管理用户。</translation>
    </message>
    <message>
        <source>Enroll this PC with HQ</source>
        <translation>本机注册到总部</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Enrolled as {code} {name}</source>
        <translation>已注册为 {code} {name}</translation>
    </message>
    <message>
        <source>The new language is used after ChannelDesk restarts.</source>
        <translation>重新启动 ChannelDesk 后使用新语言。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up ChannelDesk</source>
        <translation>设置 ChannelDesk</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>These details are printed on delivery notes and invoices.</source>
        <translation>这些信息会打印在送货单和发票上。</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>税号</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账户</translation>
    </message>
    <message>
        <source>Device code of this PC</source>
        <translation>本机设备代码</translation>
    </message>
    <message>
        <source>First manager</source>
        <translation>第一位经理</translation>
    </message>
    <message>
        <source>The manager sets up users, printers and price exceptions.</source>
        <translation>经理负责设置用户、打印机并审批价格例外。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Brand HQ (optional)</source>
        <translation>品牌总部（可选）</translation>
    </message>
    <message>
        <source>Enter the HQ address and enrollment code from your brand, or leave empty and connect later in Settings.</source>
        <translation>输入品牌方提供的总部地址和注册码，也可以留空，稍后在“设置”中连接。</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Building the demo database…</source>
        <translation>正在生成演示数据库…</translation>
    </message>
    <message>
        <source>ChannelDesk could not start. The details were saved to the log file in the data folder.</source>
        <translation>ChannelDesk 无法启动。详细信息已保存到数据文件夹中的日志文件。</translation>
    </message>
    <message>
        <source>ChannelDesk</source>
        <translation>ChannelDesk 渠道通</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>已开票</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Pending at HQ</source>
        <translation>总部审核中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Conflict (already filed)</source>
        <translation>撞单（已被报备）</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Partially received</source>
        <translation>部分收货</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>调出</translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation>调入</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲销</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Prepaid deposit</source>
        <translation>预存款</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算货款</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>预存</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>开单员</translation>
    </message>
    <message>
        <source>Warehouse keeper</source>
        <translation>仓管</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Produced</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现存量</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结存</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账面数</translation>
    </message>
    <message>
        <source>Book at count</source>
        <translation>盘点时账面数</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>Pinyin initials, name, SKU or barcode</source>
        <translation>拼音首字母、名称、编码或条码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Adjust / transfer</source>
        <translation>调整/调拨</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Ledger (newest first)</source>
        <translation>库存流水（最新在前）</translation>
    </message>
    <message>
        <source>{sku} {name}: {total} {unit} on hand</source>
        <translation>{sku} {name}：现存 {total} {unit}</translation>
    </message>
    <message>
        <source>Has expiry date</source>
        <translation>有到期日</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Post receipt</source>
        <translation>收货入库</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Batch / lot number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Receipt {number} posted</source>
        <translation>收货单 {number} 已入库</translation>
    </message>
    <message>
        <source>Post adjustment</source>
        <translation>提交调整</translation>
    </message>
    <message>
        <source>Transfer to warehouse</source>
        <translation>调拨到仓库</translation>
    </message>
    <message>
        <source>Only the warehouse keeper or a manager may adjust or transfer stock.</source>
        <translation>只有仓管或经理可以调整或调拨库存。</translation>
    </message>
    <message>
        <source>Quantity (base units, − to remove)</source>
        <translation>数量（基本单位，负数为减少）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>调入仓库</translation>
    </message>
    <message>
        <source>Stock updated</source>
        <translation>库存已更新</translation>
    </message>
    <message>
        <source>Start stocktake</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <source>Post stocktake</source>
        <translation>盘点过账</translation>
    </message>
    <message>
        <source>Open or recent</source>
        <translation>进行中或最近的盘点</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>outlets</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>sales orders</source>
        <translation>销售订单</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator between the names of differing data</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>排队时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>待上传</translation>
    </message>
    <message>
        <source>Data check</source>
        <translation>数据核对</translation>
    </message>
    <message>
        <source>Sync with HQ</source>
        <translation>与总部同步</translation>
    </message>
    <message>
        <source>Operations HQ refused (parked)</source>
        <translation>总部拒收的操作（已搁置）</translation>
    </message>
    <message>
        <source>These changes were kept on this PC but HQ did not accept them. The operations behind them were sent.</source>
        <translation>这些更改保存在本机，但总部未接受。其后的操作已正常发送。</translation>
    </message>
    <message>
        <source>Not connected to HQ (set the HQ address in Settings)</source>
        <translation>未连接总部（请在“设置”中填写总部地址）</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline: changes are kept and sent when HQ is reachable</source>
        <translation>离线：更改已保存，连上总部后自动发送</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from HQ waiting for related data</source>
        <translation>
            <numerusform>%n 条总部数据等待关联数据到达</numerusform>
        </translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未核对</translation>
    </message>
    <message>
        <source>Matches HQ (checked {time})</source>
        <translation>与总部一致（核对于 {time}）</translation>
    </message>
    <message>
        <source>Differs from HQ (checked {time}): {data}. Please contact support.</source>
        <translation>与总部不一致（核对于 {time}）：{data}。请联系技术支持。</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>⚠ Data differs from HQ</source>
        <translation>⚠ 数据与总部不一致</translation>
    </message>
    <message>
        <source>This PC&apos;s data still differs from HQ&apos;s after an automatic repair. Open Sync to see which data, and contact support.</source>
        <translation>本机数据经自动修复后仍与总部不一致。请打开“同步”查看是哪些数据，并联系技术支持。</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>HQ not connected</source>
        <translation>未连接总部</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>To upload: {count}</source>
        <translation>待上传：{count}</translation>
    </message>
    <message>
        <source>{count} rejected</source>
        <translation>{count} 条被拒</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
