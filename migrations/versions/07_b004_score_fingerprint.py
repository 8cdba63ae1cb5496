"""scores.fingerprint, and the explanation moved to the end of the row

A bulk recompute writes only the scores whose content changed (the fingerprint says which). SQLite
stores a row's columns in order and a large value spills into overflow pages that must be walked to
reach any later column, so the explanation (kilobytes per unit) becomes the last column: rankings and
recomputes read the small columns without touching it. PostgreSQL keeps large values out of line anyway.

Revision ID: b004
Revises: b003
Create Date: 2026-11-27 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b004"
down_revision: str | None = "b003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("scores") as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=32), server_default="", nullable=False))
        batch_op.add_column(sa.Column("explanation_last", sa.JSON(), nullable=True))
    op.execute("UPDATE scores SET explanation_last = explanation")
    with op.batch_alter_table("scores") as batch_op:
        batch_op.drop_column("explanation")
    with op.batch_alter_table("scores") as batch_op:
        batch_op.alter_column("explanation_last", new_column_name="explanation", existing_type=sa.JSON(),
                              nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("scores") as batch_op:
        batch_op.drop_column("fingerprint")
