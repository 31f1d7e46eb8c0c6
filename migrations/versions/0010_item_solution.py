"""item solution: the column of an item's worked steps is `solution` (was `explanation`)

One word for the worked steps everywhere (docs/glossary.md): the value objects, the bank
CSV and the model's output already say solution.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 12:40:00
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.alter_column("explanation", new_column_name="solution")


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.alter_column("solution", new_column_name="explanation")
