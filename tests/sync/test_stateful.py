"""A Hypothesis state machine interleaving clerks' edits on several PCs, syncs, network
faults and restarts; after healing, every invariant of DESIGN.md §5 must hold."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from app.errors import ChannelDeskError
from app.services.context import set_setting
from app.store import Store
from tests.sync import actions
from tests.sync.harness import (
    PC,
    FaultProxy,
    HQThread,
    all_op_ids,
    check_invariants,
    enroll_code,
    seed_hq,
)

FAULTS = [None, "drop_response", "drop_request", "truncate", ("status", 503), ("status", 429, 0)]
_TEMPLATE: dict[str, Path] = {}


def template() -> Path:
    if "path" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="cd-stateful-"))
        with Store.open(folder / "template.db") as store:
            store.company.set_up(name="测试商贸", device_code="D01")
            with store.ctx.write() as uow:  # two PCs may sell the same stock offline
                set_setting(uow.session, "allow_negative_stock", "1")
        _TEMPLATE["path"] = folder / "template.db"
    return _TEMPLATE["path"]


class SyncMachine(RuleBasedStateMachine):
    @initialize()
    def start(self):
        self.folder = Path(tempfile.mkdtemp(prefix="cd-machine-"))
        self.hq = HQThread(self.new_hq_url())
        self.distributor = seed_hq(self.hq.db, "DX")["DX"]
        self.proxy = FaultProxy(self.hq.port)
        self.pcs = []
        for n in range(3):
            pc = PC(template(), self.folder, f"pc{n}", f"D0{n + 1}")
            pc.enroll(self.hq.url, enroll_code(self.hq.db, "DX"))
            assert pc.sync().ok
            self.pcs.append(pc)
        self.emitted = {pc.name: set() for pc in self.pcs}
        # A shop and a few confirmed orders every PC knows, so the steps that follow can have
        # two PCs act on one order from the start.
        first = self.pcs[0]
        self.outlets: list[str] = [actions.new_outlet(first, "开张店")]
        actions.receive(first, "COLA", 6)
        self.orders: list[str] = [actions.sell(first, self.outlets[0], "COLA", q) for q in (1, 2, 3)]
        for pc in self.pcs:
            assert pc.sync().ok
        self._note(first)

    def new_hq_url(self) -> str:
        return f"sqlite:///{self.folder / 'hq.db'}"

    def _note(self, pc):
        self.emitted[pc.name] |= all_op_ids(pc)

    @rule(n=st.integers(0, 2), name=st.sampled_from(["华联", "世纪联华", "好又多", "便民店"]))
    def create_outlet(self, n, name):
        pc = self.pcs[n]
        self.outlets.append(actions.new_outlet(pc, f"{name}{len(self.outlets)}"))
        self._note(pc)

    @precondition(lambda self: self.outlets)
    @rule(n=st.integers(0, 2), pick=st.integers(0, 100),
          field=st.sampled_from(["phone", "contact", "address"]), value=st.sampled_from(["甲", "乙", "丙"]))
    def edit_outlet(self, n, pick, field, value):
        pc = self.pcs[n]
        outlet_id = self.outlets[pick % len(self.outlets)]
        if outlet_id in _known_outlets(pc):
            text = f"1380000{pick:04d}" if field == "phone" else f"{value}{pick}"
            pc.store.outlets.update(outlet_id, allow_duplicate=True, **{field: text})
            self._note(pc)

    @rule(n=st.integers(0, 2), quantity=st.integers(-3, 5).filter(bool))
    def stock_move(self, n, quantity):
        pc = self.pcs[n]
        actions.move(pc, "COLA", quantity, kind="receipt" if quantity > 0 else "shipment")
        self._note(pc)

    @precondition(lambda self: self.outlets)
    @rule(n=st.integers(0, 2), pick=st.integers(0, 100), quantity=st.integers(1, 4))
    def sell(self, n, pick, quantity):
        """A confirmed order of an outlet this PC knows."""
        pc = self.pcs[n]
        outlet_id = self.outlets[pick % len(self.outlets)]
        if outlet_id in _known_outlets(pc):
            self.orders.append(actions.sell(pc, outlet_id, "COLA", quantity))
            self._note(pc)

    @precondition(lambda self: self.orders)
    @rule(n=st.integers(0, 2), pick=st.integers(0, 100),
          goal=st.sampled_from(["ship", "deliver", "invoice", "invoice", "cancel", "return"]))
    def order_step(self, n, pick, goal):
        """A clerk moves an order on, on whichever PC: two PCs may act on one order offline."""
        pc = self.pcs[n]
        try:
            actions.advance(pc, self.orders[pick % len(self.orders)], goal)
        except ChannelDeskError:
            pass  # refused locally (wrong status, not on this PC yet...): that step wrote nothing
        finally:
            self._note(pc)

    @precondition(lambda self: self.outlets)
    @rule(n=st.integers(0, 2), pick=st.integers(0, 100), fen=st.sampled_from([350, 700, 1000, 2450]))
    def pay(self, n, pick, fen):
        pc = self.pcs[n]
        outlet_id = self.outlets[pick % len(self.outlets)]
        if outlet_id in _known_outlets(pc):
            pc.store.receivables.record_payment(outlet_id=outlet_id, amount_fen=fen, method="cash")
            self._note(pc)

    @rule(n=st.integers(0, 2), fault=st.sampled_from(FAULTS))
    def sync(self, n, fault):
        if fault:
            self.proxy.add(*(fault if isinstance(fault, tuple) else (fault,)))
        self.pcs[n].sync(self.proxy.url, attempts=2, stall=2.0)  # may fail; nothing may be lost
        self.proxy.faults.clear()

    @rule()
    def everyone_syncs(self):
        """A quiet spell: every PC's background sync runs once, so PCs see each other's
        orders and can act on the same ones."""
        for pc in self.pcs:
            pc.sync(self.proxy.url, attempts=2, stall=2.0)

    @rule(n=st.integers(0, 2))
    def restart_pc(self, n):
        """The PC's process ends (after HQ committed a push it never heard back about)."""
        pc = self.pcs[n]
        self.proxy.add("drop_response", path="/v1/push")
        pc.sync(self.proxy.url, attempts=1)
        self.proxy.faults.clear()
        pc.store.close()
        pc.store = Store.open(pc.path)

    @invariant()
    def nothing_vanished(self):
        if not getattr(self, "pcs", None):
            return
        for pc in self.pcs:
            missing = self.emitted[pc.name] - all_op_ids(pc)
            assert not missing, f"{pc.name} lost ops {missing}"

    def teardown(self):
        if not getattr(self, "pcs", None):
            return
        try:
            for _ in range(2):
                for pc in self.pcs:
                    assert pc.sync().ok
            check_invariants(self.hq.db, self.distributor, self.pcs, self.emitted)
        finally:
            for pc in self.pcs:
                pc.close()
            self.proxy.close()
            self.hq.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def _known_outlets(pc) -> set[str]:
    from tests.sync.harness import pc_outlets

    return set(pc_outlets(pc))


def _settings(examples: int):
    return settings(
        max_examples=examples, stateful_step_count=18, deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a 3-PC run takes minutes
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


SyncMachine.TestCase.settings = _settings(12)
test_sync_machine = SyncMachine.TestCase


def test_sync_machine_with_a_postgresql_hq(postgres):
    """The same machine against HQ on PostgreSQL (its own database per example)."""
    numbers = itertools.count()

    class OnPostgres(SyncMachine):
        def new_hq_url(self) -> str:
            return postgres.create_database(f"machine_{next(numbers)}")

    run_state_machine_as_test(OnPostgres, settings=_settings(6))
