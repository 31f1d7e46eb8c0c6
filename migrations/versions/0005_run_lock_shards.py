"""run locks per shard, so the shards of one weekly run can hold their locks together

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 05:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("run_locks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("shard", sa.String(length=16), server_default="", nullable=False)
        )
        batch_op.drop_constraint("pk_run_locks", type_="primary")
        batch_op.create_primary_key("pk_run_locks", ["school_id", "shard"])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM run_locks WHERE shard <> ''"))
    with op.batch_alter_table("run_locks", schema=None) as batch_op:
        batch_op.drop_constraint("pk_run_locks", type_="primary")
        batch_op.create_primary_key("pk_run_locks", ["school_id"])
        batch_op.drop_column("shard")
