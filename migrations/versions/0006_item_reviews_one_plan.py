"""review status per school (item_reviews, status_changes.school_id); one current plan per
(student, week) as constraints

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STATUSES = ("draft", "approved", "published", "rejected", "retired")


def _chain_plans() -> None:
    """Relink each (student, week)'s plans into one chain in id order, so the constraints
    hold; the newest plan stays the current one, as the code has always read it."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, student_id, week, supersedes_id FROM plans ORDER BY student_id, week, id"
        )
    ).all()
    previous: dict[tuple[str, str], int] = {}
    for plan_id, student_id, week, supersedes_id in rows:
        want = previous.get((student_id, week))
        if supersedes_id != want:
            bind.execute(
                sa.text("UPDATE plans SET supersedes_id = :want WHERE id = :id"),
                {"want": want, "id": plan_id},
            )
        previous[(student_id, week)] = plan_id


def upgrade() -> None:
    op.create_table(
        "item_reviews",
        sa.Column("item_id", sa.String(length=255), nullable=False),
        sa.Column("school_id", sa.String(length=255), nullable=False),
        sa.Column(
            "status",
            sa.Enum(*STATUSES, name="contentstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_item_reviews_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["orgs.id"],
            name=op.f("fk_item_reviews_school_id_orgs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "school_id", name=op.f("pk_item_reviews")),
    )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("school_id", sa.String(length=255), nullable=True))
    # Two first plans for one (student, week), or one plan superseded twice, came from two
    # writers racing; the chain in id order keeps every plan and one current one.
    _chain_plans()
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index("uq_plans_supersedes_id", ["supersedes_id"], unique=True)
        batch_op.create_index(
            "uq_plans_first_of_week",
            ["student_id", "week"],
            unique=True,
            sqlite_where=sa.text("supersedes_id IS NULL"),
            postgresql_where=sa.text("supersedes_id IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index("uq_plans_first_of_week")
        batch_op.drop_index("uq_plans_supersedes_id")
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_column("school_id")
    op.drop_table("item_reviews")
