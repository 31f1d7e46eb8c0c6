"""teacher accounts (argon2id password hashes, one school, optional classes) and web sessions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teacher_accounts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("school_id", sa.String(length=255), nullable=False),
        sa.Column("class_ids", sa.JSON(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["orgs.id"],
            name=op.f("fk_teacher_accounts_school_id_orgs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_accounts")),
        sa.UniqueConstraint("email", name=op.f("uq_teacher_accounts_email")),
    )
    with op.batch_alter_table("teacher_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_teacher_accounts_school_id"), ["school_id"], unique=False
        )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["teacher_accounts.id"],
            name=op.f("fk_web_sessions_account_id_teacher_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_web_sessions")),
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_web_sessions_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_sessions_account_id"))
    op.drop_table("web_sessions")
    with op.batch_alter_table("teacher_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teacher_accounts_school_id"))
    op.drop_table("teacher_accounts")
