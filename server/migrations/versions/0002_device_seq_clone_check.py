"""device outbox seq per processed op; when a copied database was last refused

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 03:00:00

Written by hand (HQ databases built from 0001 exist): ops stored before this revision keep
a NULL seq, which the unique index does not compare.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('processed_op', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index('uq_processed_op_device_seq', ['device_id', 'device_seq'], unique=True)
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clone_seen_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_column('clone_seen_at')
    with op.batch_alter_table('processed_op', schema=None) as batch_op:
        batch_op.drop_index('uq_processed_op_device_seq')
        batch_op.drop_column('device_seq')
