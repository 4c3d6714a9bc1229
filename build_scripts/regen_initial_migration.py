"""Regenerate migrations/versions/0001 from the models.

Only valid while no database built from 0001 exists outside development (before the first
release). After the first release, schema changes get new revisions instead.
"""

from __future__ import annotations

import subprocess
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
    # Alembic's template leaves trailing spaces and unsorted imports; the lint test checks them.
    (new,) = (ROOT / "migrations" / "versions").glob("0001_*.py")
    subprocess.run([sys.executable, "-m", "ruff", "check", "--fix", "--unsafe-fixes", "-q", str(new)],
                   check=False)


if __name__ == "__main__":
    main()
