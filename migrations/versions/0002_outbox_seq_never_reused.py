"""outbox seq never reused (AUTOINCREMENT)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 03:00:00

Written by hand. Without AUTOINCREMENT SQLite hands out max(seq) + 1, so the numbers start
over each time the outbox drains; HQ compares a device's seqs to recognise a copied
database, which needs a number used once per database. The table is rebuilt with its rows;
new ops continue above the largest seq it holds.
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_op', recreate='always',
                              table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.alter_column('seq', autoincrement=True)


def downgrade() -> None:
    with op.batch_alter_table('outbox_op', recreate='always',
                              table_kwargs={'sqlite_autoincrement': False}) as batch_op:
        batch_op.alter_column('seq', autoincrement=True)
