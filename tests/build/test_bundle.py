"""The frozen bundle starts on a machine with no Python beside it: builds the Linux bundle with
the real spec (about a minute), then runs its self-check headless from another folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("app", "ui", "resources", "migrations", "build_scripts")
MAX_BUNDLE_MB = 250

pytestmark = pytest.mark.slow

sys.path.insert(0, str(ROOT / "build_scripts"))
import build_bundle  # noqa: E402


def _newest_source_mtime() -> float:
    return max(p.stat().st_mtime for folder in SOURCES for p in (ROOT / folder).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """dist/ChannelDesk when it is newer than every source file, else a fresh build."""
    built = ROOT / "dist" / build_bundle.BUNDLE_NAME
    executable = built / build_bundle.executable_name()
    if executable.is_file() and executable.stat().st_mtime > _newest_source_mtime():
        return built
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is needed to build the bundle: pip install pyinstaller")
    out = tmp_path_factory.mktemp("bundle")
    return build_bundle.build(out / "dist", out / "work")


def _bundle_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONHOME", "PYTHONPATH", "CHANNELDESK_DATA_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_bundle_self_check_opens_the_window_and_renders_a_delivery_note(bundle, tmp_path):
    from pypdf import PdfReader

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data_dir = tmp_path / "data"
    result = subprocess.run(
        [str(bundle / build_bundle.executable_name()), "--data-dir", str(data_dir), "--demo",
         "--self-check"],
        cwd=elsewhere, env=_bundle_env(), capture_output=True, text=True, timeout=300,
    )
    # The windowed Windows build has no console: the self-check keeps its lines in a file too.
    log = data_dir / "self-check" / "self-check.log"
    output = log.read_text(encoding="utf-8") if log.is_file() else ""
    assert result.returncode == 0, output + result.stdout + result.stderr
    assert "frozen=True" in output
    assert f"ok resources: {bundle}" in output  # fonts and migrations come from the bundle
    assert "ok window opened: MainWindow" in output
    assert "ok pdf rendered" in output and "self-check passed" in output
    pdf = data_dir / "self-check" / "delivery-note.pdf"
    assert pdf.is_file()
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "送货单" in text
    assert (data_dir / "logs" / "channeldesk.log").is_file()  # user data in the data folder
    assert not (bundle / "demo").exists() and not (elsewhere / "demo").exists()


def test_bundle_fits_the_size_bar_and_leaves_unused_qt_out(bundle):
    size_mb = build_bundle.folder_size_bytes(bundle) / 1_000_000
    assert size_mb <= MAX_BUNDLE_MB, f"bundle is {size_mb:.1f} MB"
    names = {p.name for p in bundle.rglob("*")}
    assert not any(n.startswith(("libQt6WebEngine", "libQt6Quick", "libQt6Qml", "Qt6WebEngine",
                                 "Qt6Quick", "Qt6Qml")) for n in names)
    assert any("wqy-microhei" in n for n in names)
    assert any(n.endswith("_zh_CN.qm") and n.startswith("channeldesk") for n in names)
