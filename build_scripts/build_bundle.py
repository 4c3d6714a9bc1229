"""Build the one-folder ChannelDesk bundle with PyInstaller (any OS; Windows uses it too).

    python build_scripts/build_bundle.py                 # -> dist/ChannelDesk/ChannelDesk[.exe]
    python build_scripts/build_bundle.py --dist /tmp/out --work /tmp/work

Steps: compile the translations (.ts -> .qm), run PyInstaller on channeldesk.spec, print the
bundle's size. Exits non-zero when a step fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build_scripts" / "channeldesk.spec"
BUNDLE_NAME = "ChannelDesk"


def executable_name() -> str:
    return BUNDLE_NAME + (".exe" if sys.platform == "win32" else "")


def folder_size_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def compile_translations() -> None:
    subprocess.run([sys.executable, str(ROOT / "build_scripts" / "build_translations.py")],
                   check=True, cwd=ROOT)


def run_pyinstaller(dist: Path, work: Path) -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level",
               "WARN", "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    # A clean environment: the build must not pick up a PYTHONPATH pointing at other checkouts.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    return dist / BUNDLE_NAME


def build(dist: Path, work: Path, *, translations: bool = True) -> Path:
    """Build and return the bundle folder."""
    if translations:
        compile_translations()
    bundle = run_pyinstaller(dist, work)
    if not (bundle / executable_name()).is_file():
        raise SystemExit(f"PyInstaller finished but {bundle / executable_name()} is missing")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--skip-translations", action="store_true",
                        help="use the .qm files already in resources/i18n")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle = build(args.dist.resolve(), args.work.resolve(),
                   translations=not args.skip_translations)
    size_mb = folder_size_bytes(bundle) / 1_000_000
    print(f"bundle {bundle}")
    print(f"executable {bundle / executable_name()}")
    print(f"bundle_size_mb {size_mb:.1f} MB")
    print(f"build_s {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
