"""Log files in the data folder rotate, so an unattended PC never fills its disk."""

from __future__ import annotations

import logging

from app.maintenance import setup_logging


def test_logs_rotate_and_keep_a_bounded_number_of_files(tmp_path, root_log_handlers):
    path = setup_logging(tmp_path, max_bytes=2_000, backup_count=3)
    assert setup_logging(tmp_path, max_bytes=2_000, backup_count=3) == path  # no second handler
    log = logging.getLogger("channeldesk.test")
    for n in range(200):
        log.warning("order SO-D01-20261127-%04d saved with 20 lines for 好又多便利店", n)
    for handler in root_log_handlers.handlers:
        handler.flush()
    names = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert names == ["channeldesk.log", "channeldesk.log.1", "channeldesk.log.2",
                     "channeldesk.log.3"]
    assert all(p.stat().st_size <= 2_000 for p in (tmp_path / "logs").iterdir())
    newest = path.read_text(encoding="utf-8")
    assert "SO-D01-20261127-0199" in newest and "好又多便利店" in newest
    assert newest.count("SO-D01-20261127-0199") == 1  # one handler: each line written once
