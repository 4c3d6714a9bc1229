"""Translations: Qt Linguist `.ts` sources in resources/i18n, compiled `.qm` loaded at start.

A fresh clone has only the `.ts` files; the first start compiles any `.qm` that is missing or
older than its source (pyside6-lrelease, a fraction of a second), into resources/i18n when it is
writable, else into the data folder. Chinese (zh_CN) is the default language.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from app.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
TS_PREFIX = "channeldesk_"


def ts_dir() -> Path:
    return resource_path("i18n")


def ts_file(language: str) -> Path:
    return ts_dir() / f"{TS_PREFIX}{language}.ts"


def lrelease_command() -> list[str] | None:
    """pyside6-lrelease from PATH, or the lrelease binary shipped inside the PySide6 wheel."""
    import shutil

    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    import PySide6

    bundled = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    return [str(bundled)] if bundled.exists() else None


def compile_ts(source: Path, target: Path) -> bool:
    """Compile one .ts into .qm; False when no lrelease is available or it failed."""
    command = lrelease_command()
    if command is None:
        log.warning("no lrelease available; %s not compiled", source)
        return False
    import subprocess

    target.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([*command, "-silent", str(source), "-qm", str(target)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        log.error("lrelease failed for %s: %s", source, result.stderr)
        return False
    return True


def _is_stale(qm: Path, ts: Path) -> bool:
    return not qm.exists() or (ts.exists() and qm.stat().st_mtime < ts.stat().st_mtime)


def compiled_qm(language: str, fallback_dir: Path | None = None) -> Path | None:
    """Path of an up-to-date .qm for `language`, compiling it first if needed."""
    ts = ts_file(language)
    beside = ts.with_suffix(".qm")
    if not _is_stale(beside, ts):
        return beside
    if not ts.exists():
        return beside if beside.exists() else None
    targets = [beside] + ([fallback_dir / beside.name] if fallback_dir else [])
    for target in targets:
        if target is not beside and not _is_stale(target, ts):
            return target
        try:
            if compile_ts(ts, target):
                return target
        except OSError as exc:  # read-only install folder: try the data folder
            log.info("cannot write %s: %s", target, exc)
    return beside if beside.exists() else None


def install_translators(app, language: str, fallback_dir: Path | None = None) -> list:
    """Load ChannelDesk's and Qt's own translations for `language` into `app`."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for old in getattr(app, "_channeldesk_translators", []):
        app.removeTranslator(old)
    translators = []
    qm = compiled_qm(language, fallback_dir)
    if qm is not None:
        ours = QTranslator(app)
        if ours.load(str(qm)):
            translators.append(ours)
    qt_base = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and qt_base.load(f"qtbase_{language}", qt_dir):
        translators.append(qt_base)
    for translator in translators:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    app._channeldesk_translators = translators
    return translators
