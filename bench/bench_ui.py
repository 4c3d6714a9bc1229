"""The desktop on a large database (DESIGN.md §7 and issue 4's bars).

Figures:
- start_empty_window_ms: a bare PySide6 QMainWindow, process start to the first event-loop
  idle after show (the baseline, measured the same way in the same run).
- start_main_window_ms: `channeldesk --demo`'s path on the big database (Qt app, font,
  translations, main window with its dashboard shown while the database thread opens the
  store and logs the demo manager in), process start to the first event-loop idle after show.
- start_first_screen_data_ms: in the same processes, until the store is open and the
  dashboard's data (today's summary and the alert lists) is on screen.
- start_ratio_vs_empty: the two above (bar ≤ 2).
- order_list_first_rows_ms: the order list over all orders: count + first page fetched in the
  task runner and painted (bar ≤ 200), after the warm-up the app runs at start.
- order_list_first_rows_cold_ms: the same in a process that did not warm up first (the
  services imported and the order index read on this first click).
- order_list_scroll_end_ms: then scrolling to the last row until it is painted.
- peak_rss_mb_20k_orders / peak_rss_mb_200k_orders: a process that opens the order list and
  scrolls to its end; rss_ratio_200k_vs_20k shows memory is flat in the number of rows.

The databases are built once with app.demo.build_demo (about 2 minutes for 200k orders)
and cached in <temp>/channeldesk-bench-ui/ (CHANNELDESK_BENCH_DIR).

python bench/bench_ui.py
python bench/bench_ui.py --json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Cached outside the repository (the 200k database is ~1.8 GB); override with CHANNELDESK_BENCH_DIR.
OUT = Path(os.environ.get("CHANNELDESK_BENCH_DIR",
                          Path(tempfile.gettempdir()) / "channeldesk-bench-ui"))
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


def database(orders: int) -> Path:
    path = OUT / f"ui-{orders // 1000}k-orders.db"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        sys.path.insert(0, str(ROOT))
        from app.demo import build_demo

        print(f"building {path.name} (once)…", file=sys.stderr)
        build_demo(partial, products=2000, outlets=2000, orders=orders)
        partial.rename(path)
    return path


EMPTY_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 760)
window.show()
QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))
app.exec()
"""

MAIN_WINDOW = """
import os, sys, threading
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.app import prepare_qapp, show_main_window, start_store
from ui.errors import setup_logging
from ui.tasks import TaskRunner
data_dir, path = Path(sys.argv[1]), Path(sys.argv[2])
app, settings = prepare_qapp(data_dir)
setup_logging(data_dir)
runner = TaskRunner()
gate = threading.Event()
store = start_store(runner, path, data_dir, demo=True, gate=gate)
ctx, window = show_main_window(store, runner, settings, data_dir, gate=gate)
dashboard = window.screens["dashboard"]

def poll():
    if dashboard.summary.text():
        print("DATA", flush=True)
        os._exit(0)  # do not wait for the warm-up still running
    QTimer.singleShot(5, poll)

QTimer.singleShot(0, lambda: (print("READY", flush=True), poll()))
app.exec()
"""

ORDER_LIST = """
import resource, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QTableView
from app.store import Store
from ui.fonts import install_app_font
from ui.lookups import OrderFilter
from ui.models.orders import OrderListModel
from ui.tasks import TaskRunner
app = QApplication(sys.argv[:1])
install_app_font(app)
store = Store.open(Path(sys.argv[1]))
runner = TaskRunner()
if sys.argv[2] == "warm":  # as in the app: warmed up in the background after start
    from ui.app import warm_up
    warm_up(store)
model = OrderListModel(runner, store)
view = QTableView()
view.resize(1000, 700)
view.setModel(model)
view.show()
app.processEvents()

def wait(condition):
    while not condition():
        app.processEvents()
        time.sleep(0.0005)

start = time.perf_counter()
model.set_filter(OrderFilter())
wait(lambda: model.rowCount() > 0)
view.viewport().repaint()
first = (time.perf_counter() - start) * 1000
last = model.rowCount() - 1
start = time.perf_counter()
view.scrollToBottom()
app.processEvents()
wait(lambda: model.row_at(last) is not None)
view.viewport().repaint()
end = (time.perf_counter() - start) * 1000
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"RESULT {first:.1f} {end:.1f} {rss:.1f} {model.rowCount()} {model.cached_rows()}")
runner.shutdown()
"""


def timed_start(script: str, *args: str) -> tuple[float, float | None]:
    """Milliseconds from spawning the process to its READY line (and to DATA, if printed)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                               text=True, env=ENV, cwd=ROOT)
    times: dict[str, float] = {}
    for line in process.stdout:
        times[line.strip()] = (time.perf_counter() - start) * 1000
    if process.wait() != 0 or "READY" not in times:
        raise RuntimeError(f"start-up failed (exit {process.returncode})")
    return times["READY"], times.get("DATA")


def order_list(path: Path, mode: str = "warm") -> tuple[float, float, float, int, int]:
    output = subprocess.run([sys.executable, "-c", ORDER_LIST, str(path), mode], capture_output=True,
                            text=True, env=ENV, cwd=ROOT, check=True).stdout
    line = next(ln for ln in output.splitlines() if ln.startswith("RESULT"))
    first, end, rss, rows, cached = line.split()[1:]
    return float(first), float(end), float(rss), int(rows), int(cached)


def run(runs: int) -> dict[str, float]:
    big, small = database(200_000), database(20_000)
    data_dir = OUT / "ui-data"
    data_dir.mkdir(parents=True, exist_ok=True)
    timed_start(EMPTY_WINDOW)  # warm the OS file cache for both
    timed_start(MAIN_WINDOW, str(data_dir), str(big))
    empty, main, data = [], [], []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        empty.append(timed_start(EMPTY_WINDOW)[0])
        ready, shown = timed_start(MAIN_WINDOW, str(data_dir), str(big))
        main.append(ready)
        data.append(shown)
    first_big, end_big, rss_big, rows_big, cached_big = order_list(big)
    cold_first, _end, _rss, _rows, _cached = order_list(big, "cold")
    _first, _end, rss_small, rows_small, _cached = order_list(small)
    empty_ms, main_ms = statistics.median(empty), statistics.median(main)
    return {
        "start_empty_window_ms": round(empty_ms, 1),
        "start_main_window_ms": round(main_ms, 1),
        "start_ratio_vs_empty": round(main_ms / empty_ms, 2),
        "start_first_screen_data_ms": round(statistics.median(data), 1),
        "order_list_rows": rows_big,
        "order_list_first_rows_ms": round(first_big, 1),
        "order_list_first_rows_cold_ms": round(cold_first, 1),
        "order_list_scroll_end_ms": round(end_big, 1),
        "order_list_cached_rows": cached_big,
        "peak_rss_mb_20k_orders": round(rss_small, 1),
        "peak_rss_mb_200k_orders": round(rss_big, 1),
        "rss_ratio_200k_vs_20k": round(rss_big / rss_small, 2),
        "small_order_list_rows": rows_small,
    }


UNITS = {"_ms": "ms", "_ratio": "ratio", "_mb": "MB"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    figures = run(args.runs)
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            unit = next((u for suffix, u in UNITS.items() if suffix in name), "rows")
            print(f"{name} {value} {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


