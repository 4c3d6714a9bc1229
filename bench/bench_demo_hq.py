"""Building the demo with HQ (`channeldesk-hq demo`), beside what its parts cost alone.

Figures:
- demo_hq_build_s: wall time of server.demo.world.build_world at the default sizes (HQ seeded
  and started, a rival PC and the demo PC enrolled, the demo PC's history made through the
  services and synced, the final data check), everything included.
- demo_hq_ops: operations the two PCs pushed to HQ during the build.
- demo_hq_ops_per_s: those operations per second of the build.
- baseline_hq_start_s: starting an HQ server process on an empty database until it answers.
- baseline_pc_only_demo_s: app.demo.build_demo at the same sizes (history written straight
  into the tables, nothing synced).

python bench/bench_demo_hq.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

from app.demo import build_demo  # noqa: E402
from app.demo.sizes import Sizes  # noqa: E402
from server.db import Database, default_url  # noqa: E402
from server.demo.process import HQProcess  # noqa: E402
from server.demo.world import build_world  # noqa: E402
from server.models import ProcessedOp  # noqa: E402


def hq_start(folder: Path) -> float:
    folder.mkdir()
    db = Database(default_url(folder))
    db.upgrade()
    db.dispose()
    started = time.perf_counter()
    HQProcess.start(folder).stop()
    return time.perf_counter() - started


def demo_build(folder: Path) -> tuple[float, int]:
    started = time.perf_counter()
    build_world(folder).close()
    elapsed = time.perf_counter() - started
    db = Database(default_url(folder))
    try:
        with db.read() as s:
            ops = s.scalar(select(func.count()).select_from(ProcessedOp))
    finally:
        db.dispose()
    return elapsed, int(ops)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = Sizes()
    with tempfile.TemporaryDirectory(prefix="channeldesk-bench-demo-hq-") as tmp:
        folder = Path(tmp)
        baseline_start = hq_start(folder / "empty-hq")
        elapsed, ops = demo_build(folder / "demo-hq")
        started = time.perf_counter()
        build_demo(folder / "pc-only.db", products=sizes.products, outlets=sizes.outlets,
                   orders=sizes.orders)
        pc_only = time.perf_counter() - started
    results = {
        "demo_hq_build_s": round(elapsed, 1),
        "demo_hq_ops": ops,
        "demo_hq_ops_per_s": round(ops / elapsed),
        "baseline_hq_start_s": round(baseline_start, 1),
        "baseline_pc_only_demo_s": round(pc_only, 1),
    }
    if args.json:
        print(json.dumps(results))
        return
    print(f"# {sizes.products} products, {sizes.outlets} outlets, {sizes.orders} orders",
          file=sys.stderr)
    for key, value in results.items():
        unit = next(u for u in ("per_s", "s", "ops") if key.endswith("_" + u))
        print(f"{key} {value} {unit}")


if __name__ == "__main__":
    main()
