"""What the clerk reads when the disk is full: the daily backup that could not be written is
reported in Chinese (not only in the log), and its partial copy is gone."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QApplication, QMessageBox

from tests.maintenance.disks import fill_up, small_disk
from ui import errors
from ui.startup import check_database_before_open, report_daily_backup


def test_the_daily_backup_on_a_full_disk_is_reported_in_chinese(
        qapp_prepared, qtbot, tmp_path, db_path):
    with small_disk(tmp_path, 2048) as disk:
        path = disk / "channeldesk.db"
        shutil.copy(db_path, path)
        fill_up(disk, leave_bytes=128 * 1024)  # room for part of the copy only
        errors.RECENT.clear()

        check = check_database_before_open(path, disk, language="zh_CN",
                                           ask=lambda *a: False, backup_delay_s=0)
        report_daily_backup(check.daily_backup, "zh_CN")
        qtbot.waitUntil(lambda: len(errors.RECENT) > 0, timeout=30_000)

        assert errors.RECENT[-1] == ("expected", f"备份 {check.daily_backup.error.params['path']}"
                                     " 没有写成：磁盘已满。不完整的备份文件已删除，数据库本身没有"
                                     "变化。请腾出空间后再备份。")
        assert [p.name for p in (disk / "backups").iterdir()] == []
        check.daily_backup.join(10)
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
