"""resource minutes and granularity (book, chapter, section, activity, video, index)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("resources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes", sa.Integer(), nullable=True))
        # Rows from before are left as activities: ranking keeps them, as it did.
        batch_op.add_column(
            sa.Column(
                "granularity", sa.String(length=16), nullable=False, server_default="activity"
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("resources", schema=None) as batch_op:
        batch_op.drop_column("granularity")
        batch_op.drop_column("minutes")
