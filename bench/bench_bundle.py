"""The frozen bundle: its size, and its start to the main window beside the source checkout's.

    python bench/bench_bundle.py [--json] [--runs 5] [--bundle dist/ChannelDesk] [--build]

Both sides run the same launcher (`build_scripts/launcher.py`) with `--demo --self-check
--no-pdf` on a demo database built beforehand, offscreen; the figure is the wall time from
starting the process to the self-check's "window opened" line (median of the runs). The source
side is the baseline measured in the same run: bundle_start_ratio = bundle / source.
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
sys.path.insert(0, str(ROOT / "build_scripts"))

import build_bundle  # noqa: E402

WINDOW_LINE = "ok window opened"


def _env(source: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONHOME", "PYTHONPATH", "CHANNELDESK_DATA_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if source:
        env["PYTHONPATH"] = str(ROOT)
    return env


def time_to_window(command: list[str], data_dir: Path, *, source: bool) -> float:
    """Seconds from process start to the window line; the process is then left to finish."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--data-dir", str(data_dir), "--demo", "--self-check", "--no-pdf"],
        cwd=data_dir, env=_env(source), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True,
    )
    seen = None
    for line in process.stdout:
        if seen is None and WINDOW_LINE in line:
            seen = time.perf_counter() - started
    if process.wait() != 0 or seen is None:
        raise SystemExit(f"self-check failed: {' '.join(command)}")
    return seen


def median_start(command: list[str], data_dir: Path, runs: int, *, source: bool) -> float:
    time_to_window(command, data_dir, source=source)  # warm-up: builds the demo, fills caches
    return statistics.median(time_to_window(command, data_dir, source=source)
                             for _ in range(runs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / build_bundle.BUNDLE_NAME)
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if args.build or not (bundle / build_bundle.executable_name()).is_file():
        bundle = build_bundle.build(bundle.parent, ROOT / "build" / "pyinstaller")
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        data_dir = Path(tmp)
        frozen = median_start([str(bundle / build_bundle.executable_name())], data_dir,
                              args.runs, source=False)
        source = median_start([sys.executable, str(ROOT / "build_scripts" / "launcher.py")],
                              data_dir, args.runs, source=True)
    figures = {
        "bundle_size_mb": round(build_bundle.folder_size_bytes(bundle) / 1_000_000, 1),
        "bundle_start_s": round(frozen, 3),
        "source_start_s": round(source, 3),
        "bundle_start_ratio": round(frozen / source, 2),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        units = {"_mb": "MB", "_s": "s", "_ratio": "x"}
        for name, value in figures.items():
            unit = next(u for suffix, u in units.items() if name.endswith(suffix))
            print(f"{name} {value} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
