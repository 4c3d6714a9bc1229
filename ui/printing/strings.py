"""Chinese for the printing widgets until their strings are in resources/i18n/*.ts.

The widgets use `self.tr()` with English source text like the rest of `ui/`, so lupdate picks
them up with everything else. The .ts files did not exist yet when printing was written, and
several people edit `ui/` at once, so the Chinese lives here meanwhile: `install(app,
language)` adds a translator that answers only these strings (installed after the main one, it
is asked first; for any other text it answers nothing and Qt asks the next translator).
Once the strings are merged into channeldesk_zh_CN.ts (see `ts_messages`), drop this module.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

CONTEXTS = ("Printing", "PrintPreviewDialog", "BatchPrintDialog", "BatchModel",
            "PrinterProfilesWidget")

ZH_CN: dict[str, str] = {
    "Print": "打印",
    "Print preview": "打印预览",
    "Print preview: {number}": "打印预览：{number}",
    "Previous page": "上一页",
    "Next page": "下一页",
    "Page {page} of {total}": "第 {page} 页 / 共 {total} 页",
    "Zoom in": "放大",
    "Zoom out": "缩小",
    "Fit width": "适合宽度",
    "Close": "关闭",
    "Batch print delivery notes": "批量打印送货单",
    "Batch preview": "批量打印预览",
    "Shipped that day": "当日已出库",
    "Confirmed, not shipped": "已确认未出库",
    "A4, choose printer": "A4，选择打印机",
    "Date": "日期",
    "Printer profile": "打印机配置",
    "Select all": "全选",
    "Select none": "全不选",
    "Preview": "预览",
    "Tick the orders to print": "请勾选要打印的订单",
    "Printed {pages} pages": "已打印 {pages} 页",
    "Printing {count} delivery notes…": "正在打印 {count} 张送货单…",
    "{count} orders": "{count} 张订单",
    "Order": "订单号",
    "Delivery note": "送货单号",
    "Outlet": "客户",
    "Amount": "金额",
    "Printed": "已打印次数",
    "Name": "名称",
    "Paper": "纸张",
    "A5 (landscape)": "A5（横向）",
    "241×140 mm (2-part form)": "241×140 毫米（二等分）",
    "241×93 mm (3-part form)": "241×93 毫米（三等分）",
    "Shift right (mm)": "向右偏移（毫米）",
    "Shift down (mm)": "向下偏移（毫米）",
    "Copies": "份数",
    "Copy labels": "联次名称",
    "e.g. 存根联、客户联、回单联": "例如 存根联、客户联、回单联",
    "Printer (empty: ask)": "打印机（留空则每次选择）",
    "New": "新建",
    "Save": "保存",
    "Delete": "删除",
}


class PrintingTranslator(QTranslator):
    """Answers the printing widgets' strings in Chinese; nothing else."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002
        # None (a null string) lets Qt ask the next translator; "" would blank the text.
        if context in CONTEXTS:
            return ZH_CN.get(source_text)
        return None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def install(app: QCoreApplication, language: str) -> PrintingTranslator | None:
    """Call after `ui.i18n.install_translators` (the lead wires it into start-up)."""
    if language != "zh_CN":
        return None
    translator = PrintingTranslator(app)
    app.installTranslator(translator)
    return translator


def ts_messages() -> str:
    """The pairs as Qt Linguist <context> blocks, to paste into channeldesk_zh_CN.ts."""
    from xml.sax.saxutils import escape

    blocks = []
    for context in CONTEXTS:
        messages = "".join(
            f"    <message>\n        <source>{escape(en)}</source>\n"
            f"        <translation>{escape(zh)}</translation>\n    </message>\n"
            for en, zh in ZH_CN.items()
        )
        blocks.append(f"<context>\n    <name>{context}</name>\n{messages}</context>\n")
    return "".join(blocks)
