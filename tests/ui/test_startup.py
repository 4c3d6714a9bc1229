"""First-run set-up and log-in, as a clerk meets them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.store import Store
from tests.ui.conftest import type_text
from ui.tasks import TaskRunner


def test_first_run_wizard_sets_up_company_manager_and_hq(qapp_prepared, qtbot, tmp_path):
    from ui.setup_wizard import SetupWizard

    runner = TaskRunner()
    with Store.open(tmp_path / "fresh.db") as store:
        wizard = SetupWizard(store, runner)
        qtbot.addWidget(wizard)
        wizard.show()
        type_text(qtbot, wizard.fields["company_name"], "新华商贸")
        wizard.fields["device_code"].setText("x")  # invalid: 2-8 letters or digits
        type_text(qtbot, wizard.fields["manager_password"], "secret-1")
        wizard.fields["hq_url"].setText("https://hq.example.com")
        wizard.accept()
        qtbot.waitUntil(lambda: wizard.error.text() != "", timeout=5000)
        assert "设备代码" in wizard.error.text()
        assert wizard.result() != QDialog.DialogCode.Accepted

        wizard.fields["device_code"].setText("d02")
        wizard.accept()
        qtbot.waitUntil(lambda: wizard.result() == QDialog.DialogCode.Accepted, timeout=5000)
        assert store.company.info().name == "新华商贸"
        assert store.company.info().device_code == "D02"
        assert store.ctx.user.role == "manager" and store.ctx.user.username == "admin"
        assert store.company.setting("hq_url") == "https://hq.example.com"
    runner.shutdown()


def test_login_refuses_a_wrong_password_inline_then_logs_in(store, qapp_prepared, qtbot):
    from ui.login import LoginDialog

    store.users.create(username="xiaowang", password="clerk-pw", role="clerk")
    runner = TaskRunner()
    dialog = LoginDialog(store, runner, company_name="测试商贸有限公司", username="xiaowang")
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert dialog.error.text() == "用户名或密码错误"
    assert dialog.password.text() == ""
    type_text(qtbot, dialog.password, "clerk-pw")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert store.ctx.user.username == "xiaowang" and store.ctx.user.role == "clerk"
    runner.shutdown()


def test_clerk_cannot_override_credit_limit_but_sees_why(main_window, ui_ctx, sample, qtbot):
    from app.services.context import CurrentUser
    from app.services.sales import LineInput

    clerk = ui_ctx.store.users.create(username="clerk1", password="clerk-pw", role="clerk")
    ui_ctx.store.outlets.update(sample.outlet_id, credit_limit_fen=100)
    order = ui_ctx.store.sales.create_order(
        outlet_id=sample.outlet_id, lines=[LineInput(sample.cola_id, sample.cola_case, 1)],
        confirm=False)
    ui_ctx.store.login_as(CurrentUser(clerk.id, "clerk1", "clerk"))
    screen = main_window.show_screen("sales")
    screen.open_item(order.id)
    editor = screen.editor
    qtbot.waitUntil(lambda: editor.order_status == "draft", timeout=5000)
    editor.confirm()
    qtbot.waitUntil(lambda: editor.error.isVisible(), timeout=5000)
    assert "超出信用额度" in editor.error.text()
    assert not editor.reason.isVisible()  # no override field for a clerk
    assert editor.order_status == "draft"
