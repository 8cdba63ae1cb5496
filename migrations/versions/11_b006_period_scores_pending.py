"""periods.scores_pending: a large import's scores are being recomputed after its response

Revision ID: b006
Revises: s003
Create Date: 2026-11-27 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b006"
down_revision: str | None = "s003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("periods", sa.Column("scores_pending", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    # In place (SQLite >= 3.35 drops a column itself): batch mode would copy the table, which rows of
    # submissions and scores reference.
    op.drop_column("periods", "scores_pending")
