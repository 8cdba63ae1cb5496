"""scores.explanation may be NULL: a deferred recompute ranks first and builds explanations after

The recompute after a large import writes totals, tiers and ranks without explanations (rankings are fresh
at about half the CPU), and a later job builds them; until then a reader builds a unit's explanation from
the same inputs (docs/scoring.md, "Explanations after the ranking").

Revision ID: 28
Revises: 27
Create Date: 2026-12-08 03:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "28"
down_revision: str | None = "27"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("scores") as batch_op:
        batch_op.alter_column("explanation", existing_type=sa.JSON(), nullable=True)


def downgrade() -> None:
    # An older server reads every explanation as stored: the periods holding rows without one are marked
    # pending, which makes it recompute them (with explanations) when its worker starts.
    op.execute("UPDATE periods SET scores_pending = TRUE"
               " WHERE id IN (SELECT period_id FROM scores WHERE explanation IS NULL)")
    op.execute("UPDATE scores SET explanation = '{}', fingerprint = '' WHERE explanation IS NULL")
    with op.batch_alter_table("scores") as batch_op:
        batch_op.alter_column("explanation", existing_type=sa.JSON(), nullable=False)
