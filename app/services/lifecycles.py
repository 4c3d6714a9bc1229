"""The lifecycles of sales orders and purchase orders: which action starts from which status,
who may take it, and when HQ's status replaces this PC's (STYLE.md 6a: one home per rule).

Everyone asks here: the services check each command, the records they return name the actions
the current user may take (screens enable their buttons from those and from nothing else),
sync apply ranks the statuses HQ's feed brings, and HQ checks the commands it receives. Plain
data and functions, no database and no Qt, so HQ and the desktop import it for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One action: the statuses it starts from, and the status it leads to (None: the status
    stays, or the action decides, as receiving decides partially_received or received)."""

    sources: tuple[str, ...]
    target: str | None = None


# -- sales orders (销售单) ---------------------------------------------------------------------

# In the order an order goes through them, which is also their rank (hq_order_status_applies).
ORDER_STATUSES = ("draft", "confirmed", "shipped", "delivered", "invoiced", "cancelled")

ORDER_LIFECYCLE = {
    "edit": Step(("draft",)),
    "confirm": Step(("draft",), "confirmed"),
    "ship": Step(("confirmed",), "shipped"),
    "deliver": Step(("shipped",), "delivered"),
    "invoice": Step(("shipped", "delivered"), "invoiced"),
    "cancel": Step(("draft", "confirmed"), "cancelled"),
    "return": Step(("shipped", "delivered", "invoiced")),
}
# Commands on a confirmed order that HQ checks against this lifecycle and the revision the
# clerk saw (a confirmation creates the order on HQ, a draft never leaves its PC).
ORDER_COMMANDS = ("ship", "deliver", "invoice", "cancel")
# Who may confirm an order beyond the outlet's credit limit, giving a reason.
CREDIT_OVERRIDE_ROLES = ("manager",)


def order_allows(status: str, action: str) -> bool:
    return status in ORDER_LIFECYCLE[action].sources


def order_target(action: str) -> str | None:
    return ORDER_LIFECYCLE[action].target


def may_override_credit(role: str) -> bool:
    return role in CREDIT_OVERRIDE_ROLES


def order_actions(status: str, role: str) -> tuple[str, ...]:
    """What a user with `role` may do with an order in `status`; "override_credit" means a
    confirmation refused for the credit limit may be retried with a reason."""
    actions = tuple(action for action, step in ORDER_LIFECYCLE.items() if status in step.sources)
    if "confirm" in actions and may_override_credit(role):
        actions += ("override_credit",)
    return actions


def hq_order_status_applies(local: str, hq: str) -> bool:
    """Whether HQ's status for an order replaces this PC's. Statuses only move forward, and
    HQ's cancellation beats every local status: a command of this PC that HQ refused is
    withdrawn when HQ's answer arrives. A status this version does not know never applies."""
    return hq in ORDER_STATUSES and _order_rank(hq) > _order_rank(local)


def _order_rank(status: str) -> int:
    return ORDER_STATUSES.index(status) if status in ORDER_STATUSES else 0


# -- purchase orders to the brand (订货单) -------------------------------------------------------

# What the distributor does on its PCs. A draft is local until submitted. Receiving starts at
# submitted on purpose: a distributor offline for days may get the truck before HQ's approval
# reaches its PC, and the goods on the dock are the better evidence.
PURCHASE_LIFECYCLE = {
    "edit": Step(("draft",)),
    "submit": Step(("draft",), "submitted"),
    "cancel": Step(("draft", "submitted"), "cancelled"),
    "receive": Step(("submitted", "approved", "shipped", "partially_received")),
}
# What HQ does: its staff's decisions, and the distributor's cancel as HQ checks it (a cancel
# that crosses HQ's approval still cancels).
HQ_PURCHASE_LIFECYCLE = {
    "approve": Step(("submitted",), "approved"),
    "reject": Step(("submitted",), "rejected"),
    "ship": Step(("approved",), "shipped"),
    "cancel": Step(("submitted", "approved"), "cancelled"),
}
# How far an order has got. HQ's latest word wins among approved / rejected / cancelled,
# shipped wins over those, and nothing HQ says moves an order back once goods were received.
PURCHASE_RANK = {
    "draft": 0, "submitted": 1, "approved": 2, "rejected": 2, "cancelled": 2,
    "shipped": 3, "partially_received": 4, "received": 5,
}
PURCHASE_STATUSES = tuple(PURCHASE_RANK)
# The statuses HQ's feed carries: its decisions, and "submitted" right after it accepted the
# submit op (a no-op here).
HQ_PURCHASE_STATUSES = (
    "submitted", *dict.fromkeys(step.target for step in HQ_PURCHASE_LIFECYCLE.values()),
)


def purchase_allows(status: str, action: str) -> bool:
    return status in PURCHASE_LIFECYCLE[action].sources


def purchase_target(action: str) -> str | None:
    return PURCHASE_LIFECYCLE[action].target


def purchase_actions(status: str) -> tuple[str, ...]:
    """What the distributor may do with a purchase order in `status` (any role may)."""
    return tuple(action for action, step in PURCHASE_LIFECYCLE.items() if status in step.sources)


def hq_purchase_allows(status: str, action: str) -> bool:
    return status in HQ_PURCHASE_LIFECYCLE[action].sources


def hq_purchase_target(action: str) -> str | None:
    return HQ_PURCHASE_LIFECYCLE[action].target


def hq_purchase_status_applies(local: str, hq: str) -> bool:
    """Whether HQ's status for a purchase order replaces this PC's (see PURCHASE_RANK). A draft
    never reached HQ, and a repeated or unknown status changes nothing."""
    if local == "draft" or hq == local or hq not in PURCHASE_RANK or local not in PURCHASE_RANK:
        return False
    return PURCHASE_RANK[hq] >= PURCHASE_RANK[local]
