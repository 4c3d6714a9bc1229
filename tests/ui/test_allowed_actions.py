"""Issue 11: screens enable what the services allow, for the user logged in, and nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.context import CurrentUser
from app.services.purchasing import PoLineIn
from tests.ui.conftest import open_draft_order, wait_idle

TIMEOUT = 10_000


def test_goods_of_a_submitted_order_can_be_received_before_hqs_approval(ui_ctx, sample, qtbot):
    """Offline for days, the truck comes before HQ's approval: the keeper receives anyway."""
    from ui.screens.purchasing import PurchasingScreen

    store = ui_ctx.store
    po = store.purchasing.create_draft(warehouse_id=sample.warehouse_id,
                                       lines=[PoLineIn(sample.water_id, None, 48, 120)])
    store.purchasing.submit(po.id)
    screen = PurchasingScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.open_item(po.id)
    qtbot.waitUntil(lambda: screen.po is not None, timeout=TIMEOUT)
    assert screen.po.status == "submitted"
    assert not screen.buttons["submit"].isEnabled()
    assert screen.buttons["cancel"].isEnabled()
    receive = screen.buttons["receive"]
    assert receive.isEnabled()
    qtbot.mouseClick(receive, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.po.status == "received", timeout=TIMEOUT)
    assert not receive.isEnabled() and not screen.buttons["cancel"].isEnabled()
    assert store.stock.on_hand(sample.water_id) == 48


def _users(store, *roles: str) -> dict[str, CurrentUser]:
    """One user per role, created by the manager logged in."""
    made = {}
    for role in roles:
        user = store.users.create(username=f"{role}1", password=f"{role}-password", role=role)
        made[role] = CurrentUser(id=user.id, username=user.username, role=role)
    return made


def test_stock_corrections_are_enabled_for_whom_the_stock_service_allows(ui_ctx, sample, qtbot):
    from PySide6.QtWidgets import QPushButton

    from ui.screens.stock import StockScreen

    def buttons(screen):
        named = {b.objectName(): b for b in screen.findChildren(QPushButton)}
        return [named[n].isEnabled() for n in ("postAdjustment", "postStocktake")]

    users = _users(ui_ctx.store, "clerk", "warehouse")
    ui_ctx.store.login_as(users["clerk"])
    as_clerk = StockScreen(ui_ctx)
    qtbot.addWidget(as_clerk)
    wait_idle(qtbot, ui_ctx)
    assert buttons(as_clerk) == [False, False]
    assert not as_clerk.correction_note.isHidden()

    ui_ctx.store.login_as(users["warehouse"])
    as_keeper = StockScreen(ui_ctx)
    qtbot.addWidget(as_keeper)
    qtbot.waitUntil(lambda: buttons(as_keeper) == [True, True], timeout=TIMEOUT)
    assert as_keeper.correction_note.isHidden()


def test_editor_buttons_follow_the_orders_actions_through_its_lifecycle(main_window, ui_ctx,
                                                                        sample, qtbot):
    editor = open_draft_order(main_window, ui_ctx, sample, qtbot)

    def enabled() -> set[str]:
        return {key for key in ("save", "confirm", "ship", "deliver", "invoice", "cancel",
                                "return") if editor.buttons[key].isEnabled()}

    assert enabled() == {"save", "confirm", "cancel"} and editor.add_button.isEnabled()
    qtbot.keyClick(editor.lines, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: editor.order_status == "confirmed", timeout=TIMEOUT)
    assert enabled() == {"ship", "cancel"} and not editor.add_button.isEnabled()
    qtbot.keyClick(editor.lines, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: editor.order_status == "shipped", timeout=TIMEOUT)
    assert enabled() == {"deliver", "invoice", "return"}
    qtbot.keyClick(editor.lines, Qt.Key.Key_F9)  # confirming again is not on offer: nothing
    wait_idle(qtbot, ui_ctx)
    assert editor.order_status == "shipped" and editor.error.isHidden()


def test_a_clerk_over_the_credit_limit_is_not_offered_an_override(main_window, ui_ctx, sample,
                                                                  qtbot):
    ui_ctx.store.outlets.update(sample.outlet_id, credit_limit_fen=100)
    ui_ctx.store.login_as(_users(ui_ctx.store, "clerk")["clerk"])
    editor = open_draft_order(main_window, ui_ctx, sample, qtbot)
    qtbot.keyClick(editor.lines, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "超出信用额度" in editor.error.text(), timeout=TIMEOUT)
    wait_idle(qtbot, ui_ctx)
    assert not editor.reason.isVisible() and editor.order_status == "draft"
