"""index scores (period_id, group_id): a group's ranking and re-ranking read exactly its rows

Revision ID: b005
Revises: b004
Create Date: 2026-11-27 10:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b005"
down_revision: str | None = "b004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_scores_period_group", "scores", ["period_id", "group_id"])


def downgrade() -> None:
    op.drop_index("ix_scores_period_group", table_name="scores")
