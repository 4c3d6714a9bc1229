"""The two lifecycles as plain rules: what each status allows, and whose status wins."""

from __future__ import annotations

import pytest

from app.services import lifecycles


@pytest.mark.parametrize(
    ("status", "clerk", "manager_extra"),
    [
        ("draft", ("edit", "confirm", "cancel"), ("override_credit",)),
        ("confirmed", ("ship", "cancel"), ()),
        ("shipped", ("deliver", "invoice", "return"), ()),
        ("delivered", ("invoice", "return"), ()),
        ("invoiced", ("return",), ()),
        ("cancelled", (), ()),
    ],
)
def test_order_actions_by_status_and_role(status, clerk, manager_extra):
    assert lifecycles.order_actions(status, "clerk") == clerk
    assert lifecycles.order_actions(status, "warehouse") == clerk
    assert lifecycles.order_actions(status, "manager") == clerk + manager_extra


@pytest.mark.parametrize(
    ("local", "hq", "applies"),
    [
        ("confirmed", "shipped", True),  # another PC shipped it
        ("shipped", "invoiced", True),
        ("invoiced", "delivered", False),  # HQ's feed never moves an order back
        ("shipped", "shipped", False),
        ("shipped", "cancelled", True),  # HQ refused our shipment: its cancellation stands
        ("cancelled", "confirmed", False),
        ("confirmed", "archived", False),  # a status this version does not know
    ],
)
def test_which_hq_order_status_replaces_the_local_one(local, hq, applies):
    assert lifecycles.hq_order_status_applies(local, hq) is applies


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        ("draft", ("edit", "submit", "cancel")),
        ("submitted", ("cancel", "receive")),
        ("approved", ("receive",)),
        ("shipped", ("receive",)),
        ("partially_received", ("receive",)),
        ("received", ()),
        ("rejected", ()),
        ("cancelled", ()),
    ],
)
def test_purchase_actions_by_status(status, actions):
    assert lifecycles.purchase_actions(status) == actions

