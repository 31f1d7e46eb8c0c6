"""learner state: variances, item and topic stats, globals

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 00:54:18.888441
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learner_globals",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("var", sa.Float(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_learner_globals")),
    )
    op.create_table(
        "item_difficulty",
        sa.Column("item_ref", sa.String(length=512), nullable=False),
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column("difficulty", sa.Float(), nullable=False),
        sa.Column("difficulty_var", sa.Float(), nullable=False),
        sa.Column("answer_count", sa.Integer(), nullable=False),
        sa.Column("correct_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["topics.code"],
            name=op.f("fk_item_difficulty_topic_code_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_ref", name=op.f("pk_item_difficulty")),
    )
    op.create_table(
        "topic_stats",
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column("difficulty", sa.Float(), nullable=False),
        sa.Column("difficulty_var", sa.Float(), nullable=False),
        sa.Column("answer_count", sa.Integer(), nullable=False),
        sa.Column("correct_count", sa.Integer(), nullable=False),
        sa.Column("offset_sum", sa.Float(), nullable=False),
        sa.Column("offset_n", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["topics.code"],
            name=op.f("fk_topic_stats_topic_code_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("topic_code", name=op.f("pk_topic_stats")),
    )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("difficulty")
        batch_op.drop_column("answer_count")

    with op.batch_alter_table("mastery", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ability_var", sa.Float(), server_default="1.0", nullable=False)
        )

    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ability_var", sa.Float(), server_default="1.0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("correct_count", sa.Integer(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("topic_tier_difficulty", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("difficulty_var", sa.Float(), server_default="1.0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("correct_count", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("topic_tier_difficulty", schema=None) as batch_op:
        batch_op.drop_column("correct_count")
        batch_op.drop_column("difficulty_var")

    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.drop_column("correct_count")
        batch_op.drop_column("ability_var")

    with op.batch_alter_table("mastery", schema=None) as batch_op:
        batch_op.drop_column("ability_var")

    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("answer_count", sa.INTEGER(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("difficulty", sa.FLOAT(), server_default="0.0", nullable=False)
        )

    op.drop_table("topic_stats")
    op.drop_table("item_difficulty")
    op.drop_table("learner_globals")
