"""scores.rank_status: a unit is ranked only with a submitted (or approved) report, and says why not

Existing rows get the status their report's workflow status gives under the default scheme; every open
period is then marked as pending so that the server recomputes its ranks at start-up (unsubmitted
units lose the ranks they used to get). Locked snapshots keep their ranks.

Revision ID: 15
Revises: 14
Create Date: 2026-12-06 00:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "15"
down_revision: str | None = "14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("scores") as batch_op:
        batch_op.add_column(sa.Column("rank_status", sa.String(16), server_default="not_submitted", nullable=False))
    op.execute("""
        UPDATE scores SET rank_status = CASE
            WHEN period_id IN (SELECT id FROM periods WHERE kind IN ('preliminary_review', 'final_review'))
                THEN 'ranked'
            WHEN submission_status = 'approved' THEN 'ranked'
            WHEN submission_status = 'submitted' THEN 'provisional'
            WHEN submission_status = 'returned' THEN 'returned'
            ELSE 'not_submitted' END
    """)
    op.execute("UPDATE periods SET scores_pending = TRUE WHERE status = 'open'")


def downgrade() -> None:
    with op.batch_alter_table("scores") as batch_op:
        batch_op.drop_column("rank_status")
