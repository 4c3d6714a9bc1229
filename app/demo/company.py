"""The demo distributor: its company details and its three people (manager, clerk,
warehouse keeper), set up through the services as the first-run wizard would."""

from __future__ import annotations

from app.store import Store

COMPANY = {"name": "演示商贸有限公司", "address": "广州市天河区中山路88号", "phone": "020-88886666"}
# username, password, role, display name
USERS = (
    ("demo", "demo123", "manager", "演示经理"),
    ("clerk", "clerk123", "clerk", "开单员小王"),
    ("keeper", "keeper123", "warehouse", "仓管老李"),
)


def set_up_company(store: Store, *, device_code: str = "D01", **company: str) -> dict[str, str]:
    """Company (unless already set up) and the demo users; returns {username: user id}."""
    if not store.company.is_set_up():
        store.company.set_up(device_code=device_code, **{**COMPANY, **company})
    users = {u.username: u.id for u in store.users.list()}
    for username, password, role, display in USERS:
        if username not in users:
            users[username] = store.users.create(username=username, password=password,
                                                 role=role, display_name=display).id
    return users
