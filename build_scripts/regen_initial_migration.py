"""Regenerate migrations/versions/0001 from the models.

Only valid while no database built from 0001 exists outside development (before the first
release). After the first release, schema changes get new revisions instead.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from alembic import command
    from alembic.config import Config

    for old in (ROOT / "migrations" / "versions").glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        config = Config()
        config.set_main_option("script_location", str(ROOT / "migrations"))
        config.set_main_option("sqlalchemy.url", f"sqlite:///{Path(tmp) / 'empty.db'}")
        command.revision(config, message="initial local schema", autogenerate=True, rev_id="0001")


if __name__ == "__main__":
    main()
